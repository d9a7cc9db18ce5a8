"""Today's date in the city's time zone, in one place, so that tests can set the day (config `TODAY`)."""
from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context


def today() -> date:
    """The local date; an app configured with `TODAY` (a date) lives on that day instead."""
    if has_app_context():
        fixed = current_app.config.get("TODAY")
        if fixed is not None:
            return fixed
    if not has_app_context():
        return date.today()
    return datetime.now(_zone(current_app.config.get("BABEL_DEFAULT_TIMEZONE") or "UTC")).date()


@lru_cache(maxsize=4)
def _zone(name: str) -> ZoneInfo:
    """The app's time zone (it has no per-user time zone), looked up once: today() runs on every request."""
    return ZoneInfo(name)
