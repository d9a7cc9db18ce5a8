"""Read-side queries of the areas domain: the six areas, and one area with its places and plans."""
from __future__ import annotations

from sqlalchemy import select

from tracker.areas.models import Area, Goal, Udviklingsplan
from tracker.core.loading import load_collections
from tracker.extensions import db


def all_areas() -> list[Area]:
    return list(db.session.scalars(select(Area).order_by(Area.name)))


# An area's page shows its current plans and their current goals.
_CURRENT_PLANS = {"plans": (Udviklingsplan.archived_at.is_(None),)}
_CURRENT_GOALS = {"goals": (Goal.archived_at.is_(None),)}


def area_by_slug(slug: str, *, with_contents: bool = True) -> Area | None:
    """The area with its places, its current udviklingsplaner and their current goals loaded (four queries), or
    the area alone (one query)."""
    area = db.session.scalar(select(Area).where(Area.slug == slug))
    if area is not None and with_contents:
        load_collections([area], [Area.places, Area.plans], criteria=_CURRENT_PLANS)
        load_collections(area.plans, [Udviklingsplan.goals], criteria=_CURRENT_GOALS)
    return area
