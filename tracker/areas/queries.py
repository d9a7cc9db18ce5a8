"""Read-side queries of the areas domain: the six areas, and one area with its places and plans."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.areas.models import Area, Goal, Udviklingsplan
from tracker.core.loading import load_collections
from tracker.extensions import db


def all_areas() -> list[Area]:
    return list(db.session.scalars(select(Area).order_by(Area.name)))


def area_by_slug(slug: str, *, with_contents: bool = True) -> Area | None:
    """The area with its places, its udviklingsplaner and their goals loaded (four queries), or the area alone
    (one query)."""
    stmt = select(Area).where(Area.slug == slug)
    if with_contents:
        stmt = stmt.options(selectinload(Area.plans.and_(Udviklingsplan.archived_at.is_(None)))
                            .selectinload(Udviklingsplan.goals.and_(Goal.archived_at.is_(None))))
    area = db.session.scalar(stmt)
    if area is not None and with_contents:
        load_collections([area], [Area.places])
    return area
