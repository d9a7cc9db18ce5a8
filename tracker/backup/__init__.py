"""Backups of the whole database to one file and restores from it: `flask --app tracker backup create|restore`."""
