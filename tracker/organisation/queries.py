"""Read-side queries of the organisation domain: the administrations."""
from __future__ import annotations

from sqlalchemy import select

from tracker.extensions import db
from tracker.organisation.models import Administration


def all_administrations() -> list[Administration]:
    return list(db.session.scalars(select(Administration).order_by(Administration.code)))


def administration_by_code(code: str) -> Administration | None:
    """Codes are matched without regard to case, so /administrations/tmf finds TMF."""
    return db.session.scalar(select(Administration).where(Administration.code == code.upper()))
