"""Read-side queries of the initiatives domain: filtered lists, counts per area and administration, details.

Every function runs a fixed number of queries however many initiatives there are: lists load their
relationships with selectinload/joinedload, and counts are aggregated in the database with GROUP BY.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select, and_, case, func, or_, select, union
from sqlalchemy.orm import joinedload, selectinload

from tracker.areas.models import Goal, Place
from tracker.core.clock import today
from tracker.core.labels import EXPIRED, RUNNING_STATUSES
from tracker.core.pagination import Capped, capped
from tracker.extensions import db
from tracker.initiatives.models import (
    INITIATIVE_STATUSES,
    Initiative,
    Theme,
    initiative_areas,
    initiative_partner_administrations,
    initiative_places,
)

# Active work first, then what is coming, then what is over.
STATUS_ORDER = case({status: position for position, status in enumerate(("active", "planned", "finished",
                                                                          "stopped"))},
                    value=Initiative.status, else_=len(INITIATIVE_STATUSES))
LIST_ORDER = (STATUS_ORDER, Initiative.title, Initiative.id)

# What a row in any initiative table shows besides the initiative itself.
ROW_OPTIONS = (
    joinedload(Initiative.lead_administration),
    selectinload(Initiative.partner_administrations),
    selectinload(Initiative.partner_organisations),
    selectinload(Initiative.areas),
)

ROLES = ("either", "lead", "partner")


@dataclass
class InitiativeFilters:
    """Filter values already checked against the reference data; None means "no filter"."""

    area_id: int | None = None
    administration_id: int | None = None
    role: str = "either"
    theme_id: int | None = None
    status: str | None = None
    year: int | None = None
    archived: bool = False  # also show archived initiatives


def not_archived():
    return Initiative.archived_at.is_(None)


def is_expired(on: date | None = None):
    """Active or planned, but past its end date (the end date itself still counts): shown as "Udløbet –
    skal status opdateres?" and counted as neither until someone updates it. The same rule as
    tracker.core.labels.shown_status, in SQL."""
    on = on or today()
    return and_(Initiative.status.in_(RUNNING_STATUSES), Initiative.end_date.is_not(None),
                Initiative.end_date < on)


def counts_as_active(on: date | None = None):
    """Active, not past its end date and not archived: what every "active" count and filter means."""
    return and_(Initiative.status == "active", ~is_expired(on), not_archived())


def has_status(status: str, on: date | None = None):
    """The list filter's status: EXPIRED picks the expired ones; a running status leaves them out."""
    if status == EXPIRED:
        return is_expired(on)
    if status in RUNNING_STATUSES:
        return and_(Initiative.status == status, ~is_expired(on))
    return Initiative.status == status


def area_links():
    """(initiative_id, area_id) pairs: an initiative lies in an area directly or through one of its places."""
    direct = select(initiative_areas.c.initiative_id, initiative_areas.c.area_id)
    via_place = (
        select(initiative_places.c.initiative_id, Place.area_id)
        .join(Place, Place.id == initiative_places.c.place_id)
        .where(Place.area_id.is_not(None))
    )
    return union(direct, via_place).subquery("area_links")


def involvement_links():
    """(initiative_id, administration_id) pairs: the lead and every partner administration."""
    lead = select(Initiative.id.label("initiative_id"), Initiative.lead_administration_id.label("administration_id"))
    partners = select(initiative_partner_administrations.c.initiative_id,
                      initiative_partner_administrations.c.administration_id)
    return union(lead, partners).subquery("involvement_links")


def in_area(area_id: int):
    links = area_links()
    return Initiative.id.in_(select(links.c.initiative_id).where(links.c.area_id == area_id))


def partnered_by(administration_id: int):
    ipa = initiative_partner_administrations
    return Initiative.id.in_(select(ipa.c.initiative_id).where(ipa.c.administration_id == administration_id))


def runs_in(year: int):
    """The period overlaps the year; an open end means still running, no dates at all means unknown."""
    return and_(
        or_(Initiative.start_date.is_not(None), Initiative.end_date.is_not(None)),
        or_(Initiative.start_date.is_(None), Initiative.start_date <= date(year, 12, 31)),
        or_(Initiative.end_date.is_(None), Initiative.end_date >= date(year, 1, 1)),
    )


def filtered(filters: InitiativeFilters) -> Select:
    stmt = select(Initiative)
    if not filters.archived:
        stmt = stmt.where(not_archived())
    if filters.area_id is not None:
        stmt = stmt.where(in_area(filters.area_id))
    if filters.administration_id is not None:
        led = Initiative.lead_administration_id == filters.administration_id
        joined = partnered_by(filters.administration_id)
        stmt = stmt.where({"lead": led, "partner": joined}.get(filters.role, or_(led, joined)))
    if filters.theme_id is not None:
        stmt = stmt.where(Initiative.themes.any(id=filters.theme_id))
    if filters.status is not None:
        stmt = stmt.where(has_status(filters.status))
    if filters.year is not None:
        stmt = stmt.where(runs_in(filters.year))
    return stmt


def list_page(filters: InitiativeFilters, page: int, per_page: int) -> Pagination:
    """One page of the filtered list: a count, the rows, and one query per relationship shown."""
    stmt = filtered(filters).options(*ROW_OPTIONS).order_by(*LIST_ORDER)
    return db.paginate(stmt, page=page, per_page=per_page, error_out=True)


def initiatives_in_area(area_id: int, limit: int) -> Capped:
    return capped(filtered(InitiativeFilters(area_id=area_id)).order_by(*LIST_ORDER), limit, *ROW_OPTIONS)


def initiatives_led_by(administration_id: int, limit: int) -> Capped:
    filters = InitiativeFilters(administration_id=administration_id, role="lead")
    return capped(filtered(filters).order_by(*LIST_ORDER), limit, *ROW_OPTIONS)


def initiatives_partnered_by(administration_id: int, limit: int) -> Capped:
    filters = InitiativeFilters(administration_id=administration_id, role="partner")
    return capped(filtered(filters).order_by(*LIST_ORDER), limit, *ROW_OPTIONS)


def active_counts_by_area() -> tuple[dict[tuple[int, int], int], dict[int, int]]:
    """Active initiatives per (area, administration taking part) and per area: two GROUP BY queries.

    An initiative counts once in an area's total, however many administrations take part in it.
    """
    areas, admins = area_links(), involvement_links()
    active = counts_as_active()
    cells = db.session.execute(
        select(areas.c.area_id, admins.c.administration_id, func.count(func.distinct(areas.c.initiative_id)))
        .join(admins, admins.c.initiative_id == areas.c.initiative_id)
        .join(Initiative, Initiative.id == areas.c.initiative_id)
        .where(active)
        .group_by(areas.c.area_id, admins.c.administration_id)
    ).all()
    totals = db.session.execute(
        select(areas.c.area_id, func.count(func.distinct(areas.c.initiative_id)))
        .join(Initiative, Initiative.id == areas.c.initiative_id)
        .where(active)
        .group_by(areas.c.area_id)
    ).all()
    return {(area_id, admin_id): n for area_id, admin_id, n in cells}, dict(totals)


def active_counts_by_administration() -> tuple[dict[int, int], dict[int, int]]:
    """Active initiatives each administration leads, and joins as partner: two GROUP BY queries."""
    active = counts_as_active()
    led = db.session.execute(
        select(Initiative.lead_administration_id, func.count()).where(active)
        .group_by(Initiative.lead_administration_id)
    ).all()
    ipa = initiative_partner_administrations
    joined = db.session.execute(
        select(ipa.c.administration_id, func.count())
        .join(Initiative, Initiative.id == ipa.c.initiative_id)
        .where(active)
        .group_by(ipa.c.administration_id)
    ).all()
    return dict(led), dict(joined)


def all_themes() -> list[Theme]:
    return list(db.session.scalars(select(Theme).order_by(Theme.name)))


def initiative_by_id(initiative_id: int) -> Initiative | None:
    """The initiative with everything its page shows: one query per relationship."""
    return db.session.scalar(
        select(Initiative)
        .where(Initiative.id == initiative_id)
        .options(
            joinedload(Initiative.lead_administration),
            selectinload(Initiative.partner_administrations),
            selectinload(Initiative.partner_organisations),
            selectinload(Initiative.areas),
            selectinload(Initiative.places),
            selectinload(Initiative.themes),
            selectinload(Initiative.goals).joinedload(Goal.plan),
            selectinload(Initiative.policy_areas),
            selectinload(Initiative.key_figures),
        )
    )
