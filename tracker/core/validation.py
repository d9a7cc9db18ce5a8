"""Small checks the domain services share, each raising ValidationError with a Danish message."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation

from flask import has_request_context
from flask_babel import lazy_gettext as _l

from tracker.core.dates import format_day
from tracker.core.errors import ValidationError

MIN_YEAR = 1990
MAX_YEAR = 2100


def message_date(value: date) -> str:
    """A date to put in a message: on a page as the reader writes dates (tracker/core/dates.py); outside a
    request (the seed and the CLI, whose messages name a file's values) as ISO 8601."""
    if has_request_context():
        return format_day(value)
    return value.isoformat()


def clean_text(field: str, value: str | None, max_length: int, *, required: bool = False) -> str:
    """The text without NUL characters (no database stores them) and surrounding whitespace, refused when
    missing (if required) or too long."""
    text = (value or "").replace("\x00", "").strip()
    if required and not text:
        raise ValidationError(field, _l("Feltet skal udfyldes."))
    if len(text) > max_length:
        raise ValidationError(field, _l("Teksten må højst have %(max)s tegn (har %(length)s).",
                                        max=max_length, length=len(text)))
    return text


def check_choice(field: str, value: str, allowed: Iterable[str]) -> str:
    allowed = tuple(allowed)
    if value not in allowed:
        raise ValidationError(field, _l("Ugyldig værdi '%(value)s'. Vælg en af: %(allowed)s.",
                                        value=value, allowed=", ".join(allowed)))
    return value


def check_year(field: str, year: int | None) -> int | None:
    if year is None:
        return None
    if isinstance(year, bool) or not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError(field, _l("Årstallet skal være mellem %(min)s og %(max)s.", min=MIN_YEAR, max=MAX_YEAR))
    return year


def check_date(field: str, value: date | None) -> date | None:
    if value is not None and not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValidationError(field, _l("Datoen skal ligge mellem %(min)s og %(max)s.", min=MIN_YEAR, max=MAX_YEAR))
    return value


def check_period(start: date | int | None, end: date | int | None, end_field: str = "end_date") -> None:
    if start is not None and end is not None and end < start:
        raise ValidationError(end_field, _l("Slutdatoen kan ikke ligge før startdatoen."))


def to_decimal(field: str, value: object) -> Decimal:
    """A number as Decimal; booleans and non-numeric text are refused."""
    if isinstance(value, bool):
        raise ValidationError(field, _l("'%(value)s' er ikke et tal.", value=value))
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise ValidationError(field, _l("'%(value)s' er ikke et tal.", value=value)) from None
    if not number.is_finite():
        raise ValidationError(field, _l("'%(value)s' er ikke et tal.", value=value))
    return number
