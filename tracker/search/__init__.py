"""Search over initiatives, log entries, bodies, meetings, organisations and persons (one field in the header)."""
