"""Reading a page number safely, pages whose rows and total were read by the caller, and showing the first few
rows of a long list with its total."""
from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any

from flask import abort
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select, func, select

from tracker.core.changes import cached
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


def count_of(stmt: Select, key: Hashable | None = None) -> int:
    """How many rows `stmt` gives: one COUNT, kept under `key` until the data changes (tracker/core/changes.py)
    when a key is given (it must name everything the statement depends on besides the data)."""
    def count() -> int:
        return db.session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
    return count() if key is None else cached(key, count)


def capped(stmt: Select, limit: int, *options, count_key: Hashable | None = None,
           rows_key: Hashable | None = None) -> Capped:
    """The count and the first rows, each in one query; `options` are the eager loads for the rows. With
    `rows_key` (naming, like `count_key`, all the statement depends on besides the data) which rows are first
    is kept until the data changes, and the rows are read by their ids."""
    total = count_of(stmt, count_key)
    if not total:
        return Capped(items=[], total=0)
    if rows_key is None:
        return Capped(items=list(db.session.scalars(stmt.options(*options).limit(limit)).unique()), total=total)
    entity = stmt.column_descriptions[0]["entity"]
    ids = cached((rows_key, limit), lambda: list(dict.fromkeys(
        db.session.scalars(stmt.with_only_columns(entity.id).limit(limit)))))
    return Capped(items=rows_by_id(entity, ids, *options), total=total)


def rows_by_id(model, ids: list[int], *options) -> list[Any]:
    """These rows of ``model`` in the order of ``ids`` (one query and its eager loads ``options``; an id no
    longer found is left out): the second half of a list that keeps which rows it shows until the data changes."""
    if not ids:
        return []
    found = {row.id: row for row in db.session.scalars(
        select(model).where(model.id.in_(ids)).options(*options)).unique()}
    return [found[i] for i in ids if i in found]


class Paged(Pagination):
    """A page of a list whose rows and total the caller read (the templates' and the API's pagination)."""

    def __init__(self, page: int, per_page: int, items: list[Any], total: int):
        self._query_args = {}
        self.page, self.per_page, self.max_per_page = page, per_page, None
        self.items, self.total = items, total


def paged(stmt: Select, page: int, per_page: int, count_key: Hashable, *options, error_out: bool = True) -> Paged:
    """One page of an ordered statement, its total counted once per change of the data (`count_of`); a page
    past the end is not found (404) with `error_out`, else empty."""
    total = count_of(stmt, count_key)
    offset = (page - 1) * per_page
    if offset >= total:
        if error_out and page != 1:
            abort(404)
        return Paged(page, per_page, [], total)
    items = list(db.session.scalars(stmt.options(*options).offset(offset).limit(per_page)).unique())
    return Paged(page, per_page, items, total)


def page_spans(groups: Sequence[Hashable], counts: dict, offset: int, limit: int) -> list[tuple[int, Any, int, int]]:
    """Where rows offset … offset + limit of a list made of consecutive groups lie: (the group's position,
    the group, the first row within it, how many rows) for each group the page touches, given how many rows
    each group has."""
    spans = []
    for position, group in enumerate(groups):
        size = counts.get(group, 0)
        if limit <= 0:
            break
        if offset >= size:
            offset -= size
            continue
        take = min(limit, size - offset)
        spans.append((position, group, offset, take))
        limit -= take
        offset = 0
    return spans
