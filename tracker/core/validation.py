"""Small checks the domain services share, each raising ValidationError with a Danish message."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation

from tracker.core.errors import ValidationError

MIN_YEAR = 1990
MAX_YEAR = 2100


def clean_text(field: str, value: str | None, max_length: int, *, required: bool = False) -> str:
    """The text stripped of surrounding whitespace, refused when missing (if required) or too long."""
    text = (value or "").strip()
    if required and not text:
        raise ValidationError(field, "Feltet skal udfyldes.")
    if len(text) > max_length:
        raise ValidationError(field, f"Teksten må højst have {max_length} tegn (har {len(text)}).")
    return text


def check_choice(field: str, value: str, allowed: Iterable[str]) -> str:
    allowed = tuple(allowed)
    if value not in allowed:
        raise ValidationError(field, f"Ugyldig værdi '{value}'. Vælg en af: {', '.join(allowed)}.")
    return value


def check_year(field: str, year: int | None) -> int | None:
    if year is None:
        return None
    if isinstance(year, bool) or not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError(field, f"Årstallet skal være mellem {MIN_YEAR} og {MAX_YEAR}.")
    return year


def check_date(field: str, value: date | None) -> date | None:
    if value is not None and not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValidationError(field, f"Datoen skal ligge mellem {MIN_YEAR} og {MAX_YEAR}.")
    return value


def check_period(start: date | int | None, end: date | int | None, end_field: str = "end_date") -> None:
    if start is not None and end is not None and end < start:
        raise ValidationError(end_field, "Slutdatoen kan ikke ligge før startdatoen.")


def to_decimal(field: str, value: object) -> Decimal:
    """A number as Decimal; booleans and non-numeric text are refused."""
    if isinstance(value, bool):
        raise ValidationError(field, f"'{value}' er ikke et tal.")
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise ValidationError(field, f"'{value}' er ikke et tal.") from None
    if not number.is_finite():
        raise ValidationError(field, f"'{value}' er ikke et tal.")
    return number
