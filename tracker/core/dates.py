"""The one way Tværs shows a date or a moment: Babel with the reader's locale, in Europe/Copenhagen time.

Danish: "1. dec. 2026" and "1. dec. 2026 kl. 08.21"; English: "1 Dec 2026" and "1 Dec 2026, 08:21".
Every page, message and history value goes through `format_day` or `format_moment` (the `date` and
`datetime` filters in templates); files meant for other programs (CSV, workbooks, the API) keep ISO 8601.
"""
from __future__ import annotations

from datetime import UTC, date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel import dates as babel_dates
from flask import has_app_context, has_request_context
from flask_babel import format_date, format_datetime, get_locale

# CLDR patterns per language; a locale without its own falls back to Danish, the default language.
DAY_PATTERNS = {"da": "d. MMM y", "en": "d MMM y"}
MOMENT_PATTERNS = {"da": "d. MMM y 'kl.' HH.mm", "en": "d MMM y, HH:mm"}
TIME_ZONE = "Europe/Copenhagen"  # the app's BABEL_DEFAULT_TIMEZONE


def _language() -> str:
    locale = get_locale() if has_request_context() else None  # outside a request: the default, Danish
    language = locale.language if locale is not None else "da"
    return language if language in DAY_PATTERNS else "da"


def format_day(value: date | datetime | None) -> str:
    """A date as the reader writes it ("1. dec. 2026"); a moment is shown as its day in Copenhagen."""
    if value is None:
        return ""
    pattern = DAY_PATTERNS[_language()]
    if type(value) is date:  # no time, so no time zone: the same text for every reader of the language
        locale = get_locale() if has_app_context() else None
        return _plain_day(value, pattern, str(locale) if locale is not None else "da")
    if not has_app_context():  # the CLI outside the app: Danish, Copenhagen time
        return babel_dates.format_date(_in_copenhagen(value), pattern, locale="da")
    return format_date(value, pattern)  # a moment is moved to the user's time zone first


@lru_cache(maxsize=4096)
def _plain_day(value: date, pattern: str, locale: str) -> str:
    """A plain date in this pattern and locale, as Flask-Babel's format_date gives it; kept, as a page shows
    the same days many times (a log's dates, each in a link's hidden text too)."""
    return babel_dates.format_date(value, pattern, locale=locale)


def format_moment(value: date | datetime | None) -> str:
    """A moment in Copenhagen time ("1. dec. 2026 kl. 08.21"); a stored time without a zone is UTC. A plain
    date has no time to show and is shown as a day."""
    if value is None:
        return ""
    if not isinstance(value, datetime):
        return format_day(value)
    pattern = MOMENT_PATTERNS[_language()]
    if not has_app_context():
        return babel_dates.format_datetime(_in_copenhagen(value), pattern, locale="da")
    return format_datetime(value, pattern)


def _in_copenhagen(value: date | datetime) -> date | datetime:
    if not isinstance(value, datetime):
        return value
    aware = value if value.tzinfo else value.replace(tzinfo=UTC)
    return aware.astimezone(ZoneInfo(TIME_ZONE))


class LazyDay:
    """A date formatted when it is shown, so a message built once (and cached) reads right in any language."""

    def __init__(self, value: date) -> None:
        self.value = value

    def __str__(self) -> str:
        return format_day(self.value)

    def __html__(self) -> str:
        return str(self)
