"""The app's ``<int:…>`` URL converter: whole numbers a database id can hold, so a larger one is a 404.

Every id column is a 32-bit integer on PostgreSQL, which refuses a larger number in a query with an error
(a 500), where SQLite simply finds nothing. Bounding the converter answers every route the same way, in one
place, before a view runs: ``/initiatives/2147483648`` does not match, so it is a page that does not exist.
"""
from __future__ import annotations

from flask import Flask
from werkzeug.routing import IntegerConverter

MAX_ID = 2**31 - 1  # PostgreSQL's INTEGER (and SERIAL) maximum


class IdConverter(IntegerConverter):
    """``<int:…>`` as Werkzeug has it (digits only, no sign), bounded by ``MAX_ID`` unless a rule says
    otherwise (``<int(max=…):…>``)."""

    def __init__(self, map, fixed_digits: int = 0, min: int | None = None, max: int | None = MAX_ID,
                 signed: bool = False) -> None:
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def install_id_converter(app: Flask) -> None:
    """Make ``IdConverter`` the app's ``int``: rules bind their converter when added, so call this before
    any blueprint is registered."""
    app.url_map.converters["int"] = IdConverter
