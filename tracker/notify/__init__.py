"""E-mail digests: each user who wants one is told, daily or weekly, what needs their attention."""
