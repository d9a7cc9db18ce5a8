"""The cooperation log: entries, meetings' decisions and comments, above the initiatives they concern."""
