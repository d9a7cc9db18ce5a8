"""User accounts, roles and login."""
