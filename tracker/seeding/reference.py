"""The reference data synthetic initiatives point at (synth.py, realistic.py), loaded in a handful of queries."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.areas.models import Area, Udviklingsplan
from tracker.bodies.models import Body
from tracker.core.errors import ValidationError
from tracker.extensions import db
from tracker.initiatives.models import PolicyArea, Theme
from tracker.log.models import CooperationEntry, entry_administrations, entry_areas
from tracker.organisation.models import Administration, Organisation


@dataclass(frozen=True)
class LooseEntry:
    """A log entry on no initiative with two or more administrations: it can show two leads coordinated."""

    date: date
    administration_ids: frozenset[int]
    area_ids: frozenset[int]


@dataclass
class Reference:
    """Reference rows in a stable order (the same seed must give the same data), with goals and loose entries."""

    administrations: list[Administration]
    areas: list[Area]
    organisations: list[Organisation]
    themes: list[Theme]
    policy_areas: list[PolicyArea]
    bodies: list[Body]
    goals_by_area: dict[int, list[int]] = field(default_factory=dict)
    goal_titles: dict[int, str] = field(default_factory=dict)
    loose_entries: list[LooseEntry] = field(default_factory=list)

    @classmethod
    def from_database(cls) -> Reference:
        administrations = list(db.session.scalars(select(Administration).order_by(Administration.code)))
        areas = list(db.session.scalars(select(Area).options(selectinload(Area.places)).order_by(Area.slug)))
        if not administrations or not areas:
            raise ValidationError("seed", _l("Referencedata mangler. Kør først 'flask --app tracker seed'."))
        reference = cls(
            administrations, areas,
            list(db.session.scalars(select(Organisation).order_by(Organisation.name))),
            list(db.session.scalars(select(Theme).order_by(Theme.slug))),
            list(db.session.scalars(select(PolicyArea).order_by(PolicyArea.number))),
            list(db.session.scalars(select(Body).order_by(Body.name))),
        )
        plans = db.session.scalars(select(Udviklingsplan).options(selectinload(Udviklingsplan.goals))
                                   .order_by(Udviklingsplan.id))
        for plan in plans:
            reference.goals_by_area.setdefault(plan.area_id, []).extend(sorted(g.id for g in plan.goals))
            reference.goal_titles.update({g.id: g.title for g in plan.goals})
        reference.loose_entries = _loose_entries()
        return reference


def _loose_entries() -> list[LooseEntry]:
    dates = dict(db.session.execute(select(CooperationEntry.id, CooperationEntry.date).where(
        CooperationEntry.initiative_id.is_(None), CooperationEntry.archived_at.is_(None))).all())
    administrations: dict[int, set[int]] = {}
    areas: dict[int, set[int]] = {}
    for table, column, into in ((entry_administrations, "administration_id", administrations),
                                (entry_areas, "area_id", areas)):
        for entry_id, value in db.session.execute(select(table.c.entry_id, table.c[column])):
            if entry_id in dates:
                into.setdefault(entry_id, set()).add(value)
    return [LooseEntry(day, frozenset(administrations[i]), frozenset(areas.get(i, ())))
            for i, day in sorted(dates.items()) if len(administrations.get(i, ())) >= 2]
