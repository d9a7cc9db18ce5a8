"""The stored review: candidates kept in the database and brought up to date with each change, the
list's pages, counts and matrices read from it, and the verdicts and follow-ups given on it."""
