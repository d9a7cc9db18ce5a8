"""Administration of accounts and reference data: users, persons, organisations, plans, bodies."""
