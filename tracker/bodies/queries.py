"""Read-side queries of the bodies domain: bodies, their members and meetings, and who sits where."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import lazy_gettext as _l
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import contains_eager, joinedload

from tracker.areas.models import Place
from tracker.bodies.models import BODY_KINDS, Body, Meeting, Membership
from tracker.core.loading import load_collections
from tracker.extensions import db

# The two city-wide bodies first, then the area fora and the renewal steering groups.
KIND_ORDER = case({kind: position for position, kind in enumerate(BODY_KINDS)}, value=Body.kind)


@dataclass
class BodyRow:
    body: Body
    members: int
    last_meeting: date | None


@dataclass
class MemberGroup:
    """The seats in a body that represent one administration, one organisation, or no one in particular."""

    label: str
    url_code: str | None = None  # an administration's code, to link to its page
    memberships: list[Membership] = field(default_factory=list)


def in_area(area_id: int):
    """A body belongs to an area directly, or through a place in the area."""
    return or_(Body.area_id == area_id, Body.place_id.in_(select(Place.id).where(Place.area_id == area_id)))


def bodies_in_area(area_id: int) -> list[Body]:
    stmt = select(Body).where(in_area(area_id)).options(joinedload(Body.place)).order_by(KIND_ORDER, Body.name)
    return list(db.session.scalars(stmt))


def body_overview() -> list[BodyRow]:
    """Every body with its number of seats and its latest meeting: three queries."""
    bodies = db.session.scalars(
        select(Body).options(joinedload(Body.area), joinedload(Body.place)).order_by(KIND_ORDER, Body.name)
    ).all()
    members = dict(db.session.execute(
        select(Membership.body_id, func.count()).group_by(Membership.body_id)
    ).all())
    meetings = dict(db.session.execute(
        select(Meeting.body_id, func.max(Meeting.date)).group_by(Meeting.body_id)
    ).all())
    return [BodyRow(body, members.get(body.id, 0), meetings.get(body.id)) for body in bodies]


def body_by_id(body_id: int) -> Body | None:
    return db.session.scalar(
        select(Body).where(Body.id == body_id).options(joinedload(Body.area), joinedload(Body.place))
    )


SEATS = {"memberships": (joinedload(Membership.organisation),)}  # each seat with its organisation


def load_seats(body: Body) -> None:
    """The body's seats with their organisations, in one query (not one per seated organisation)."""
    load_collections([body], [Body.memberships], options=SEATS)


def member_groups(body_id: int, include_archived: bool = False) -> list[MemberGroup]:
    """Seats grouped: administrations by code, then organisations by name, then the rest."""
    memberships = db.session.scalars(
        select(Membership)
        .where(Membership.body_id == body_id,
               True if include_archived else Membership.archived_at.is_(None))
        .options(joinedload(Membership.person), joinedload(Membership.administration),
                 joinedload(Membership.organisation))
        .order_by(Membership.role, Membership.id)
    ).all()
    groups: dict[tuple, MemberGroup] = {}
    for membership in memberships:
        if membership.administration is not None:
            admin = membership.administration
            key = (0, admin.code)
            group = groups.setdefault(key, MemberGroup(f"{admin.code} – {admin.name}", admin.code))
        elif membership.organisation is not None:
            key = (1, membership.organisation.name.casefold())
            group = groups.setdefault(key, MemberGroup(membership.organisation.name))
        else:
            key = (2, "")
            group = groups.setdefault(key, MemberGroup(str(_l("Øvrige medlemmer"))))
        group.memberships.append(membership)
    return [groups[key] for key in sorted(groups)]


def meetings_page(body_id: int, page: int, per_page: int, include_archived: bool = False) -> Pagination:
    """Meetings newest first, with who attended: four queries per page."""
    stmt = (
        select(Meeting)
        .where(Meeting.body_id == body_id, True if include_archived else Meeting.archived_at.is_(None))
        .order_by(Meeting.date.desc(), Meeting.id.desc())
    )
    meetings = db.paginate(stmt, page=page, per_page=per_page, error_out=True)
    load_collections(meetings.items, [Meeting.administrations, Meeting.organisations])
    return meetings


def seats_of_administration(administration_id: int) -> list[Membership]:
    """The seats that represent an administration, with their bodies: one query."""
    return list(db.session.scalars(
        select(Membership)
        .join(Membership.body)
        .where(Membership.administration_id == administration_id)
        .options(contains_eager(Membership.body), joinedload(Membership.person))
        .order_by(KIND_ORDER, Body.name, Membership.role)
    ))


def body_counts_by_administration() -> dict[int, int]:
    """How many bodies each administration has a seat in: one query."""
    return dict(db.session.execute(
        select(Membership.administration_id, func.count(func.distinct(Membership.body_id)))
        .where(Membership.administration_id.is_not(None))
        .group_by(Membership.administration_id)
    ).all())
