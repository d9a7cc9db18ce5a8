"""Excel and CSV export and import of initiatives and the cooperation log, the same format both ways."""
