"""The rows of the initiative tables (the list, the area and administration pages, the API's list) as plain
values: two statements for any number of rows, where loading initiatives with their relationships through
the ORM took five and most of the page's time.

A row carries what the table and the API's summary show of an initiative, under the same names as on the
model, and its linked records in the relationships' order (tracker/initiatives/models.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import cache

from sqlalchemy import Integer, String, bindparam, literal, null, select, union_all

from tracker.areas.models import Area
from tracker.extensions import db
from tracker.initiatives.models import Initiative, initiative_areas, initiative_organisations
from tracker.initiatives.models import initiative_partner_administrations as partner_links
from tracker.organisation.models import Administration, Organisation


@dataclass(frozen=True, slots=True)
class AdministrationRef:
    id: int
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class OrganisationRef:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class AreaRef:
    id: int
    slug: str
    name: str


@dataclass(frozen=True, slots=True)
class InitiativeRow:
    id: int
    version: int
    title: str
    status: str
    start_date: date | None
    end_date: date | None
    archived_at: datetime | None
    lead_administration: AdministrationRef
    partner_administrations: tuple[AdministrationRef, ...]
    partner_organisations: tuple[OrganisationRef, ...]
    areas: tuple[AreaRef, ...]


# Each link: its number, its table's column of linked ids, and the linked record's id, its code or slug (none
# for an organisation), its name and the column the relationship orders by.
_PARTNER, _ORGANISATION, _AREA = 1, 2, 3
_LINKS = (
    (_PARTNER, partner_links.c.administration_id, Administration, Administration.code, Administration.code),
    (_ORGANISATION, initiative_organisations.c.organisation_id, Organisation, None, Organisation.name),
    (_AREA, initiative_areas.c.area_id, Area, Area.slug, Area.name),
)


def initiative_rows(ids: list[int]) -> list[InitiativeRow]:
    """The rows of these initiatives in the order of ``ids`` (an id no longer found is left out)."""
    if not ids:
        return []
    heads = db.session.execute(_heads_statement(), {"ids": ids}).all()
    links: dict[tuple[int, int], list] = {}
    for owner, kind, linked_id, code, name in db.session.execute(_links_statement(), {"ids": ids}):
        if kind == _PARTNER:
            ref = AdministrationRef(linked_id, code, name)
        elif kind == _ORGANISATION:
            ref = OrganisationRef(linked_id, name)
        else:
            ref = AreaRef(linked_id, code, name)
        links.setdefault((owner, kind), []).append(ref)
    found = {
        head[0]: InitiativeRow(
            *head[:7], lead_administration=AdministrationRef(*head[7:]),
            partner_administrations=tuple(links.get((head[0], _PARTNER), ())),
            partner_organisations=tuple(links.get((head[0], _ORGANISATION), ())),
            areas=tuple(links.get((head[0], _AREA), ())))
        for head in heads
    }
    return [found[i] for i in ids if i in found]


# Both statements are built once per process, the ids bound when run: building them (and their cache keys)
# anew cost more than running them on a page of 25 rows.

@cache
def _heads_statement():
    lead = Administration.__table__
    return (select(Initiative.id, Initiative.version, Initiative.title, Initiative.status, Initiative.start_date,
                   Initiative.end_date, Initiative.archived_at, lead.c.id, lead.c.code, lead.c.name)
            .join(lead, lead.c.id == Initiative.lead_administration_id)
            .where(Initiative.id.in_(bindparam("ids", expanding=True))))


@cache
def _links_statement():
    """(initiative id, link number, linked id, code or slug, name) of every link of the initiatives ``ids``, in
    each relationship's order: one UNION ALL over the three link tables."""
    branches = []
    for kind, column, model, code, order in _LINKS:
        owner = column.table.c.initiative_id
        branches.append(
            select(owner.label("owner"), literal(kind, Integer).label("kind"), model.id.label("linked_id"),
                   (code if code is not None else null()).cast(String).label("code"),
                   model.name.label("name"), order.label("sort_text"))
            .select_from(column.table).join(model, model.id == column)
            .where(owner.in_(bindparam("ids", expanding=True))))
    linked = union_all(*branches).subquery("links")
    return (select(linked.c.owner, linked.c.kind, linked.c.linked_id, linked.c.code, linked.c.name)
            .order_by(linked.c.owner, linked.c.kind, linked.c.sort_text, linked.c.linked_id))
