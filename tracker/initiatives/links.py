"""An initiative's links (partners, areas, places, themes, goals, indsatsområder, key figures), loaded for the
pages that show one or two initiatives.

The ORM's `selectinload` builds a new statement for each link and each request, and computes its cache key from
the parent query's options, every one of them: about 2 ms of CPU a link on a modest server, some 20 ms for an
initiative's page. Here each link has one statement, built once per process, that reads (initiative id, linked
record) in the relationship's own order; the collections are then set as loaded (`set_committed_value`), so a
form that changes them is tracked exactly as if the ORM had loaded them. One statement per link, as before.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import cache

from sqlalchemy import Select, bindparam, inspect, select
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.attributes import set_committed_value

from tracker.areas.models import Goal
from tracker.extensions import db
from tracker.initiatives.models import Initiative

PARTNERS = ("partner_administrations", "partner_organisations")
# Everything an initiative's page and edit form show.
ALL_LINKS = (*PARTNERS, "areas", "places", "themes", "goals", "policy_areas", "key_figures")


@cache
def _statement(name: str) -> Select:
    """(initiative id, linked record) for the initiatives in the expanding parameter `ids`, in the
    relationship's order."""
    prop = inspect(Initiative).relationships[name]
    target = prop.mapper.class_
    ids = bindparam("ids", expanding=True)
    if prop.secondary is None:  # the key figures: the initiative is their own column
        owner = prop.mapper.columns["initiative_id"]
        stmt = select(owner, target).where(owner.in_(ids))
    else:
        owner = prop.secondary.c.initiative_id
        stmt = select(owner, target).select_from(target).join(prop.secondary, prop.secondaryjoin) \
            .where(owner.in_(ids))
    if target is Goal:
        stmt = stmt.options(joinedload(Goal.plan))  # a goal is shown with its plan
    return stmt.order_by(*(prop.order_by or ()), target.id)


def load_links(initiatives: Sequence[Initiative], names: Iterable[str] = ALL_LINKS) -> None:
    """Fill the named collections of these initiatives as loaded: one query per link. A collection the session
    has already loaded (perhaps changed, not yet saved) is left as it is, as the ORM's own loading would."""
    for name in names:
        waiting = {i.id: i for i in initiatives if name not in inspect(i).dict}
        if not waiting:
            continue
        found: dict[int, list] = defaultdict(list)
        for initiative_id, record in db.session.execute(_statement(name), {"ids": list(waiting)}):
            found[initiative_id].append(record)
        for initiative_id, initiative in waiting.items():
            records = found.get(initiative_id, [])
            set_committed_value(initiative, name, records)
            if name == "key_figures":
                for figure in records:
                    set_committed_value(figure, "initiative", initiative)

