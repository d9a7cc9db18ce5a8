"""Initiatives and what they link to, read for thousands at once: the export's rows and the import's records.

Letting the ORM load seven links and the key figures of 5,000 initiatives (selectinload) builds every
linked record again for each chunk of parents, which was most of an export's and a preview's time. Here
the link tables are read as plain (initiative, linked id) pairs, and the records linked to come from a
catalogue of the small reference tables, each read once. The export builds its rows from those pairs;
the import gets whole Initiative objects with their collections filled from the catalogue, so the
permission rules and the services read them exactly as they read an initiative a form opened.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.attributes import set_committed_value

from tracker.areas.models import Area, Goal, Place
from tracker.extensions import db
from tracker.initiatives.models import (
    Initiative,
    KeyFigure,
    PolicyArea,
    Theme,
    initiative_areas,
    initiative_goals,
    initiative_organisations,
    initiative_partner_administrations,
    initiative_places,
    initiative_policy_areas,
    initiative_themes,
)
from tracker.organisation.models import Administration, Organisation

CHUNK = 500

# Each link: its table's column of linked ids, and the order the relationship keeps (its order_by).
LINKS: dict[str, tuple] = {
    "partner_administrations": (initiative_partner_administrations.c.administration_id, lambda a: a.code),
    "partner_organisations": (initiative_organisations.c.organisation_id, lambda o: o.name),
    "areas": (initiative_areas.c.area_id, lambda a: a.name),
    "places": (initiative_places.c.place_id, lambda p: p.name),
    "themes": (initiative_themes.c.theme_id, lambda t: t.name),
    "goals": (initiative_goals.c.goal_id, lambda g: (g.position, g.id)),
    "policy_areas": (initiative_policy_areas.c.policy_area_id, lambda p: p.number),
}


class Catalogue:
    """Every administration, organisation, area, place, theme, goal and indsatsområde by id: one query
    each, for tables of tens or hundreds of rows."""

    def __init__(self, goals: bool = True) -> None:
        self.administrations = _by_id(select(Administration))
        self.organisations = _by_id(select(Organisation))
        self.areas = _by_id(select(Area))
        self.places = _by_id(select(Place).options(joinedload(Place.area)))
        self.themes = _by_id(select(Theme))
        self.goals = _by_id(select(Goal).options(joinedload(Goal.plan))) if goals else {}
        self.policy_areas = _by_id(select(PolicyArea))

    def linked(self, link: str) -> dict[int, object]:
        return {"partner_administrations": self.administrations,
                "partner_organisations": self.organisations}.get(link) or getattr(self, link)


def _by_id(stmt) -> dict[int, object]:
    return {record.id: record for record in db.session.scalars(stmt).unique()}


def _chunks(items: list, size: int = CHUNK) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def link_ids(initiatives: list[int] | Select) -> dict[str, dict[int, list[int]]]:
    """For each link, the linked ids of each initiative. `initiatives` is a list of ids (one query per
    link and 500 ids) or a select of ids (one query per link)."""
    found: dict[str, dict[int, list[int]]] = {}
    for name, (column, _order) in LINKS.items():
        owner = column.table.c.initiative_id
        pairs: dict[int, list[int]] = defaultdict(list)
        wheres = [owner.in_(initiatives)] if isinstance(initiatives, Select) \
            else [owner.in_(chunk) for chunk in _chunks(initiatives)]
        for where in wheres:
            for initiative_id, linked_id in db.session.execute(select(owner, column).where(where)):
                pairs[initiative_id].append(linked_id)
        found[name] = pairs
    return found


def initiatives(ids: Iterable[int], titles: Iterable[str], catalogue: Catalogue) -> list[Initiative]:
    """The initiatives with these ids or titles, with their lead, links and key figures in place: a few
    queries per 500, and no query when a service or the audit trail reads their collections later."""
    ids_list, titles_list = sorted(set(ids)), sorted(set(titles))
    found: dict[int, Initiative] = {}
    for start in range(0, max(len(ids_list), len(titles_list)), CHUNK):
        some_ids, some_titles = ids_list[start:start + CHUNK], titles_list[start:start + CHUNK]
        for initiative in db.session.scalars(select(Initiative).where(or_(
                Initiative.id.in_(some_ids), Initiative.title.in_(some_titles)))):
            found[initiative.id] = initiative
    attach(list(found.values()), catalogue)
    return list(found.values())


def attach(records: list[Initiative], catalogue: Catalogue) -> None:
    """Fill the records' lead, links and key figures as loaded, without the ORM's per-parent loading.

    Only for records without unsaved changes (set_committed_value replaces what the session knows)."""
    ids = [record.id for record in records]
    links = link_ids(ids)
    figures: dict[int, list[KeyFigure]] = defaultdict(list)
    for chunk in _chunks(ids):
        for figure in db.session.scalars(select(KeyFigure).where(KeyFigure.initiative_id.in_(chunk))
                                         .order_by(KeyFigure.year, KeyFigure.id)):
            figures[figure.initiative_id].append(figure)
    for record in records:
        set_committed_value(record, "lead_administration", catalogue.administrations[record.lead_administration_id])
        for name, (_column, order) in LINKS.items():
            linked = catalogue.linked(name)
            set_committed_value(record, name, sorted((linked[i] for i in links[name].get(record.id, ())), key=order))
        for figure in figures.get(record.id, ()):
            set_committed_value(figure, "initiative", record)
        set_committed_value(record, "key_figures", figures.get(record.id, []))
