"""Today's date in the city's time zone, in one place, so that tests can set the day (config `TODAY`)."""
from __future__ import annotations

from datetime import date, datetime

from flask import current_app, has_app_context
from flask_babel import get_timezone


def today() -> date:
    """The local date; an app configured with `TODAY` (a date) lives on that day instead."""
    if has_app_context():
        fixed = current_app.config.get("TODAY")
        if fixed is not None:
            return fixed
    return datetime.now(get_timezone()).date() if has_app_context() else date.today()
