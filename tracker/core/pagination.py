"""Reading a page number safely and showing the first few rows of a long list with its total."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select

from tracker.extensions import db


def page_number(raw: str | None) -> int:
    """The requested page; anything that is not a positive whole number means the first page."""
    if raw is None or not raw.isdecimal():  # isdigit() also takes "²", which int() refuses
        return 1
    # int() refuses more than 4,300 digits; any number this long is past the last page anyway.
    return 1_000_000 if len(raw) > 7 else max(1, min(int(raw), 1_000_000))


@dataclass
class Capped:
    """The first `limit` rows of a list, and how many rows the whole list has."""

    items: list[Any]
    total: int

    @property
    def more(self) -> bool:
        return self.total > len(self.items)


def capped(stmt: Select, limit: int, *options) -> Capped:
    """The count and the first rows, each in one query; `options` are the eager loads for the rows."""
    total = db.session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
    items = list(db.session.scalars(stmt.options(*options).limit(limit)).unique()) if total else []
    return Capped(items=items, total=total or 0)
