"""Collections of a page's few records, loaded with one prebuilt statement each instead of `selectinload`.

The ORM's `selectinload` builds a new statement for each collection and each request and computes its cache key
from the parent query's options, every one of them: about 2 ms of CPU a collection on a modest server, some 20 ms
for an initiative's page with its eight links. Here each collection has one statement, built once per process,
that reads (parent id, record) in the relationship's own order; the collections are then set as loaded
(`set_committed_value`), so a form that changes them is tracked exactly as if the ORM had loaded them. Still one
statement per collection, as `selectinload` runs.

For relationships on a single-column key, with or without a link table; extra criteria (only the current
plans, say) are given like the options, as a module's constants.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from sqlalchemy import Select, bindparam, inspect, select
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.orm.attributes import set_committed_value

from tracker.extensions import db


@cache
def _statement(parent: type, name: str, options: tuple, criteria: tuple) -> Select:
    """(parent key, related record) for the parents whose keys are in the expanding parameter `keys`, in the
    relationship's order (then the related record's key, so the order is always the same)."""
    prop = inspect(parent).relationships[name]
    target = prop.mapper.class_
    (_parent_column, owner), = prop.synchronize_pairs  # the column that names the parent: a link table's or the child's
    keys = bindparam("keys", expanding=True)
    if prop.secondary is None:
        stmt = select(owner, target).where(owner.in_(keys))
    else:
        stmt = select(owner, target).select_from(target).join(prop.secondary, prop.secondaryjoin).where(owner.in_(keys))
    return stmt.where(*criteria).options(*options).order_by(*(prop.order_by or ()), *prop.mapper.primary_key)


def load_collections(parents: Sequence[Any], attributes: Iterable[InstrumentedAttribute],
                     options: dict[str, tuple] | None = None, criteria: dict[str, tuple] | None = None) -> None:
    """Fill these collections of the parents (records of one class) as loaded: one query each. `options` adds
    loader options to a collection's statement, by its name (a goal with its plan), and `criteria` conditions
    (the collection holds only the rows that meet them); give both as a module's constants, since each distinct
    tuple builds and keeps a statement. A collection the session has already loaded
    (perhaps changed, not yet saved) is left as it is, as the ORM's own loading would leave it."""
    for attribute in attributes:
        prop = attribute.property
        (parent_column, _owner), = prop.synchronize_pairs
        key_of = prop.parent.get_property_by_column(parent_column).key
        waiting = {getattr(p, key_of): p for p in parents if attribute.key not in inspect(p).dict}
        if not waiting:
            continue
        found: dict[Any, list] = defaultdict(list)
        stmt = _statement(attribute.class_, attribute.key, (options or {}).get(attribute.key, ()),
                          (criteria or {}).get(attribute.key, ()))
        for key, record in db.session.execute(stmt, {"keys": list(waiting)}):
            found[key].append(record)
        back = prop.back_populates if prop.secondary is None else None
        for key, parent in waiting.items():
            records = found.get(key, [])
            set_committed_value(parent, attribute.key, records)
            if back:  # the child's many-to-one back to its parent, known without a query
                for record in records:
                    set_committed_value(record, back, parent)
