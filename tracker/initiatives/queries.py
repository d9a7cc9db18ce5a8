"""Read-side queries of the initiatives domain: filtered lists, counts per area and administration, details.

Every function runs a fixed number of queries however many initiatives there are: the lists' rows are read as
plain values with their links in two statements (rows.py), one initiative with its relationships through
one statement per link (links.py), and counts are aggregated in the database with GROUP BY.
"""
from __future__ import annotations

from dataclasses import astuple, dataclass
from datetime import date

from flask import abort
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select, and_, case, func, literal, or_, select, union, union_all
from sqlalchemy.orm import joinedload

from tracker.areas.models import Place
from tracker.core.changes import cached
from tracker.core.clock import today
from tracker.core.labels import EXPIRED, RUNNING_STATUSES
from tracker.core.web.pagination import Capped, Paged, page_spans
from tracker.extensions import db
from tracker.initiatives import links
from tracker.initiatives.models import (
    INITIATIVE_STATUSES,
    Initiative,
    Theme,
    initiative_areas,
    initiative_partner_administrations,
    initiative_places,
)
from tracker.initiatives.rows import InitiativeRow, initiative_rows

# Active work first, then what is coming, then what is over.
STATUS_SEQUENCE = ("active", "planned", "finished", "stopped")
assert set(STATUS_SEQUENCE) == set(INITIATIVE_STATUSES)
STATUS_ORDER = case({status: position for position, status in enumerate(STATUS_SEQUENCE)},
                    value=Initiative.status, else_=len(INITIATIVE_STATUSES))
LIST_ORDER = (STATUS_ORDER, Initiative.title, Initiative.id)

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
    """Active, not past its end date and not archived: what every "active" count and filter means (the front
    page, the area pages, the administration pages, the matrices and the list's status filter)."""
    return and_(Initiative.status == "active", ~is_expired(on), not_archived())


def has_status(status: str, on: date | None = None):
    """The list filter's status: EXPIRED picks the expired ones; a running status leaves them out; "active"
    is `counts_as_active`, so the filtered list shows exactly the initiatives the counts count."""
    if status == EXPIRED:
        return is_expired(on)
    if status == "active":
        return counts_as_active(on)
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
    # Two lookups by area (each an index scan), not the union of every initiative's links filtered afterwards.
    direct = select(initiative_areas.c.initiative_id).where(initiative_areas.c.area_id == area_id)
    via_place = (select(initiative_places.c.initiative_id).join(Place, Place.id == initiative_places.c.place_id)
                 .where(Place.area_id == area_id))
    return or_(Initiative.id.in_(direct), Initiative.id.in_(via_place))


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


def status_counts(filters: InitiativeFilters) -> dict[str, int]:
    """How many initiatives of each status the filtered list holds: one GROUP BY, kept until the data changes."""
    stmt = filtered(filters).with_only_columns(Initiative.status, func.count()).group_by(Initiative.status)
    return cached(("initiatives.status_counts", astuple(filters), today()),
                  lambda: {status: n for status, n in db.session.execute(stmt)})


def _in_list_order(filters: InitiativeFilters, counts: dict[str, int], offset: int,
                   limit: int) -> list[InitiativeRow]:
    """Rows offset … offset + limit of the filtered list in LIST_ORDER, as the tables show them: which rows
    (``_page_ids``, kept until the data changes), then those rows by id (tracker/initiatives/rows.py)."""
    return initiative_rows(_page_ids(filters, counts, offset, limit))


def _page_ids(filters: InitiativeFilters, counts: dict[str, int], offset: int, limit: int) -> list[int]:
    """The ids of rows offset … offset + limit of the filtered list in LIST_ORDER, kept until the data changes.

    The list is read one status at a time (an index on status, title and id gives each status's rows in
    order, without sorting the whole list), and from whichever end of the status is nearer, so no page
    skips more than half a status's rows."""
    branches = []
    for position, status, start, take in page_spans(STATUS_SEQUENCE, counts, offset, limit):
        total = counts[status]
        backwards = start > total - start - take
        order = (Initiative.title.desc(), Initiative.id.desc()) if backwards else (Initiative.title, Initiative.id)
        branch = (filtered(filters).where(Initiative.status == status)
                  .with_only_columns(Initiative.id, Initiative.title, literal(position).label("position"))
                  .order_by(*order).offset(total - start - take if backwards else start).limit(take)
                  .subquery())
        branches.append(select(branch.c.id, branch.c.title, branch.c.position))
    if not branches:
        return []
    chosen = (union_all(*branches) if len(branches) > 1 else branches[0]).subquery("chosen")
    stmt = select(chosen.c.id).order_by(chosen.c.position, chosen.c.title, chosen.c.id)
    return cached(("initiatives.page_ids", astuple(filters), offset, limit, today()),
                  lambda: list(db.session.scalars(stmt)))


def list_page(filters: InitiativeFilters, page: int, per_page: int) -> Pagination:
    """One page of the filtered list: the counts per status (kept until the data changes), the rows, and one
    query per relationship shown. A page past the end is not found."""
    counts = status_counts(filters)
    total = sum(counts.values())
    offset = (page - 1) * per_page
    if page != 1 and offset >= total:
        abort(404)
    return Paged(page, per_page, _in_list_order(filters, counts, offset, per_page), total)


def first_in_list_order(filters: InitiativeFilters, limit: int) -> Capped:
    """The first rows of the filtered list with its total, as the area and administration pages show them."""
    counts = status_counts(filters)
    return Capped(items=_in_list_order(filters, counts, 0, limit), total=sum(counts.values()))


def initiatives_in_area(area_id: int, limit: int) -> Capped:
    return first_in_list_order(InitiativeFilters(area_id=area_id), limit)


def active_count_in_area(area_id: int) -> int:
    """How many initiatives in the area count as active: the number the front page gives the area."""
    stmt = select(func.count()).select_from(Initiative).where(in_area(area_id), counts_as_active())
    return cached(("initiatives.active_count_in_area", area_id, today()), lambda: db.session.scalar(stmt) or 0)


def initiatives_led_by(administration_id: int, limit: int) -> Capped:
    return first_in_list_order(InitiativeFilters(administration_id=administration_id, role="lead"), limit)


def initiatives_partnered_by(administration_id: int, limit: int) -> Capped:
    return first_in_list_order(InitiativeFilters(administration_id=administration_id, role="partner"), limit)


def _area_links_of(selected) -> Select:
    """(initiative_id, area_id) of the initiatives `selected` picks, directly or through their places; a pair
    may come twice (count them DISTINCT)."""
    direct = (select(initiative_areas.c.initiative_id, initiative_areas.c.area_id)
              .join(Initiative, Initiative.id == initiative_areas.c.initiative_id).where(selected))
    via_place = (select(initiative_places.c.initiative_id, Place.area_id)
                 .join(Place, Place.id == initiative_places.c.place_id)
                 .join(Initiative, Initiative.id == initiative_places.c.initiative_id)
                 .where(selected, Place.area_id.is_not(None)))
    return union_all(direct, via_place).subquery("area_links")


def _involvement_links_of(selected) -> Select:
    """(initiative_id, administration_id) of the lead and every partner of the initiatives `selected` picks."""
    ipa = initiative_partner_administrations
    lead = select(Initiative.id.label("initiative_id"),
                  Initiative.lead_administration_id.label("administration_id")).where(selected)
    partners = (select(ipa.c.initiative_id, ipa.c.administration_id)
                .join(Initiative, Initiative.id == ipa.c.initiative_id).where(selected))
    return union_all(lead, partners).subquery("involvement_links")


def active_counts_by_area() -> tuple[dict[tuple[int, int], int], dict[int, int]]:
    """Active initiatives per (area, administration taking part) and per area: two GROUP BY queries over the
    active initiatives' links only, kept until the data changes.

    An initiative counts once in an area's total, however many administrations take part in it.
    """
    def compute():
        active = counts_as_active()
        areas, admins = _area_links_of(active), _involvement_links_of(active)
        cells = db.session.execute(
            select(areas.c.area_id, admins.c.administration_id, func.count(func.distinct(areas.c.initiative_id)))
            .join(admins, admins.c.initiative_id == areas.c.initiative_id)
            .group_by(areas.c.area_id, admins.c.administration_id)
        ).all()
        totals = db.session.execute(
            select(areas.c.area_id, func.count(func.distinct(areas.c.initiative_id))).group_by(areas.c.area_id)
        ).all()
        return {(area_id, admin_id): n for area_id, admin_id, n in cells}, dict(totals)
    return cached(("initiatives.active_counts_by_area", today()), compute)


def active_counts_by_administration() -> tuple[dict[int, int], dict[int, int]]:
    """Active initiatives each administration leads, and joins as partner: two GROUP BY queries, kept until
    the data changes."""
    def compute():
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
    return cached(("initiatives.active_counts_by_administration", today()), compute)


def all_themes() -> list[Theme]:
    return list(db.session.scalars(select(Theme).order_by(Theme.name)))


def initiative_by_id(initiative_id: int) -> Initiative | None:
    """The initiative with everything its page shows: one query for it and its lead, one per link."""
    return _with_links(initiative_id, links.ALL_LINKS)


def initiative_with_participants(initiative_id: int) -> Initiative | None:
    """The initiative with what deciding its buttons reads (the lead and the partners) and nothing else: for
    the pages that show its title and status only (its history, the archive question)."""
    return _with_links(initiative_id, links.PARTNERS)


def _with_links(initiative_id: int, names: tuple[str, ...]) -> Initiative | None:
    initiative = db.session.scalar(select(Initiative).where(Initiative.id == initiative_id)
                                   .options(joinedload(Initiative.lead_administration)))
    if initiative is not None:
        links.load_links([initiative], names)
    return initiative
