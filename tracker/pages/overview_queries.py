"""The overview's reads that compose several domains: the cooperation entries in the areas an administration
works in, its lead initiatives without a result in the report period, its committee's report status, and the
areas' activity. Each is one or two queries whatever the amount of data (lists are capped)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Select, exists, func, or_, select, union, union_all

from tracker.areas.models import Area, Place
from tracker.bodies.models import Body, Membership
from tracker.core.changes import cached
from tracker.core.web.pagination import Capped, count_of, rows_by_id
from tracker.extensions import db
from tracker.initiatives.models import (
    Initiative,
    KeyFigure,
    initiative_areas,
    initiative_partner_administrations,
    initiative_places,
)
from tracker.initiatives.queries import LIST_ORDER, not_archived
from tracker.log.entry_queries import ENTRY_ORDER, HEADLINE_OPTIONS
from tracker.log.models import CooperationEntry, entry_areas
from tracker.reports.drafting.facts import default_period, entry_is_current
from tracker.reports.models import Report, ReportDeadline

# A deadline stays the one the overview speaks of this many days after it has passed (as in the digests).
DEADLINE_GRACE_DAYS = 30
# Initiatives that should have something to show for the period: running or done in it.
SHOULD_SHOW_RESULTS = ("active", "finished")


def months_before(on: date, months: int) -> date:
    return on - timedelta(days=months * 30)


def areas_worked_in(administration_id: int) -> list[int]:
    """Ids of the areas an administration works in: where its current initiatives lie (as lead or partner)
    and where it holds a seat in a body; kept until the data changes.

    Each area asks whether one such initiative or seat exists, which stops at the first it finds, where
    joining every initiative's area links to every administration's involvement read them all."""
    def involved(initiative_id):
        partner = exists().where(initiative_partner_administrations.c.initiative_id == initiative_id,
                                 initiative_partner_administrations.c.administration_id == administration_id)
        return exists().where(Initiative.id == initiative_id, not_archived(),
                              or_(Initiative.lead_administration_id == administration_id, partner))
    direct = exists().where(initiative_areas.c.area_id == Area.id, involved(initiative_areas.c.initiative_id))
    via_place = exists().where(Place.area_id == Area.id, initiative_places.c.place_id == Place.id,
                               involved(initiative_places.c.initiative_id))
    seat = exists().where(Body.area_id == Area.id, Body.archived_at.is_(None), Membership.body_id == Body.id,
                          Membership.administration_id == administration_id, Membership.archived_at.is_(None))
    stmt = select(Area.id).where(or_(direct, via_place, seat)).order_by(Area.id)
    return cached(("pages.areas_worked_in", administration_id), lambda: list(db.session.scalars(stmt)))


def latest_entries_in_areas(administration_id: int, limit: int) -> list[CooperationEntry]:
    """The newest cooperation entries tagged with one of those areas or about an initiative in one of them.

    Each way (tagged, about an initiative in the area, about one at a place in it) is read newest first on
    its own, `limit` rows at most, and the newest of those are kept: each walks the log's date index back
    from today and stops when it has enough, where one condition with OR made the database gather every
    entry's links first (1 s at 500,000 entries)."""
    areas = areas_worked_in(administration_id)
    if not areas:
        return []
    tagged = exists().where(entry_areas.c.entry_id == CooperationEntry.id, entry_areas.c.area_id.in_(areas))
    direct = exists().where(initiative_areas.c.initiative_id == CooperationEntry.initiative_id,
                            initiative_areas.c.area_id.in_(areas))
    via_place = exists().where(initiative_places.c.initiative_id == CooperationEntry.initiative_id,
                               Place.id == initiative_places.c.place_id, Place.area_id.in_(areas))
    newest = [select(CooperationEntry.id).where(CooperationEntry.archived_at.is_(None), way)
              .order_by(*ENTRY_ORDER).limit(limit).subquery() for way in (tagged, direct, via_place)]
    chosen = union_all(*(select(way.c.id) for way in newest)).subquery("chosen")
    which = (select(CooperationEntry.id).where(CooperationEntry.id.in_(select(chosen.c.id)))
             .order_by(*ENTRY_ORDER).limit(limit))
    # Which entries, kept until the data changes (as on the area page); then those entries with their initiatives
    # and bodies, which is all the list shows.
    ids = cached(("pages.latest_entries_in_areas", administration_id, limit), lambda: list(db.session.scalars(which)))
    return rows_by_id(CooperationEntry, ids, *HEADLINE_OPTIONS)


@dataclass
class ReportStatus:
    """The committee's report the overview speaks of: its year and period, the deadline, the report if any."""

    year: int
    period_start: date
    period_end: date
    deadline: date | None
    report: Report | None

    @property
    def state(self) -> str:
        """"missing" (not generated yet), "draft" or "final"."""
        if self.report is None:
            return "missing"
        return "final" if self.report.final_number is not None else "draft"


def report_status(administration_id: int, on: date) -> ReportStatus:
    """The report due next (the nearest deadline not passed more than a month ago), or this year's when
    no deadline is set: two queries."""
    deadline = db.session.scalar(
        select(ReportDeadline).where(ReportDeadline.due_on >= on - timedelta(days=DEADLINE_GRACE_DAYS))
        .order_by(ReportDeadline.due_on).limit(1))
    year = deadline.year if deadline is not None else on.year
    report = db.session.scalar(select(Report).where(Report.administration_id == administration_id,
                                                    Report.year == year))
    start, end = default_period(year, on)
    return ReportStatus(year=year, period_start=start, period_end=end,
                        deadline=deadline.due_on if deadline is not None else None, report=report)


def without_result(administration_id: int, start: date, end: date, limit: int) -> tuple[int, list[int]]:
    """The administration's lead initiatives, running or done in the period, with neither a result logged
    in it nor a key figure for one of its years: how many, and the first `limit` (`read_lists` reads them)."""
    # A result counts as the report's readiness counts it: not archived, nor what it hangs off.
    logged = exists().where(CooperationEntry.initiative_id == Initiative.id, CooperationEntry.kind == "result",
                            entry_is_current(), CooperationEntry.date >= start, CooperationEntry.date <= end)
    figured = exists().where(KeyFigure.initiative_id == Initiative.id, KeyFigure.year >= start.year,
                             KeyFigure.year <= end.year)
    def led(*statuses):
        return (select(Initiative)
                .where(Initiative.lead_administration_id == administration_id, not_archived(),
                       Initiative.status.in_(statuses),
                       or_(Initiative.start_date.is_(None), Initiative.start_date <= end),
                       or_(Initiative.end_date.is_(None), Initiative.end_date >= start),
                       ~logged, ~figured))
    # The first rows of each status on its own, in title order along the lead administration's (status,
    # title) index, stopping at `limit`; then the list's order over those.
    firsts = union_all(*(select(way.c.id) for way in (
        led(status).with_only_columns(Initiative.id).order_by(Initiative.title, Initiative.id).limit(limit)
        .subquery() for status in SHOULD_SHOW_RESULTS))).subquery("firsts")
    first = select(Initiative).where(Initiative.id.in_(select(firsts.c.id))).order_by(*LIST_ORDER).limit(limit)
    return kept_initiatives(("pages.without_result", administration_id, start, end), led(*SHOULD_SHOW_RESULTS),
                            first)


def kept_initiatives(key: tuple, whole: Select, first: Select) -> tuple[int, list[int]]:
    """How many initiatives `whole` gives and the ids of those `first` picks (ordered and limited), kept under
    `key` until the data changes, so a look at a kept list reads the picked initiatives by id (`read_lists`)
    instead of searching the thousands an administration leads for them."""
    def pick() -> tuple[int, list[int]]:
        total = count_of(whole)
        return total, list(db.session.scalars(first.with_only_columns(Initiative.id))) if total else []
    return cached(key, pick)


def read_lists(*kept: tuple[int, list[int]]) -> list[Capped]:
    """The lists `kept_initiatives` picked, their initiatives read together in one primary-key query."""
    wanted = {i for _, ids in kept for i in ids}
    found = ({initiative.id: initiative
              for initiative in db.session.scalars(select(Initiative).where(Initiative.id.in_(wanted)))}
             if wanted else {})
    return [Capped(items=[found[i] for i in ids if i in found], total=total) for total, ids in kept]


@dataclass
class AreaActivity:
    area: Area
    entries: int  # cooperation entries in the last months
    active: int  # active initiatives now
    latest: date | None  # the newest entry ever


def area_activity(areas: list[Area], since: date, active_totals: dict[int, int]) -> list[AreaActivity]:
    """Per area: the entries since `since` (tagged with the area or about an initiative in it, each once) and
    the newest entry's date, beside the active initiatives the front page has counted; kept until the data
    changes."""
    ids = tuple(area.id for area in areas)
    found = cached(("pages.area_activity", since, ids), lambda: _entries_per_area(ids, since))
    return [AreaActivity(area=area, entries=found.get(area.id, (0, None))[0], active=active_totals.get(area.id, 0),
                         latest=found.get(area.id, (0, None))[1])
            for area in areas]


def _entries_per_area(area_ids: tuple[int, ...], since: date) -> dict[int, tuple[int, date | None]]:
    """{area id: (entries since `since`, the newest entry's date)}: one query over the recent entries (the
    log's date index), and for the areas with none of those one more for their newest entry ever, where a union
    of every entry's links grouped by area read the whole log (2.5 s at 500,000 entries)."""
    current = CooperationEntry.archived_at.is_(None)
    recent = (select(CooperationEntry.id, CooperationEntry.initiative_id, CooperationEntry.date)
              .where(CooperationEntry.date >= since, current).cte("recent"))
    rows = union(*_area_ways(recent, recent.c.id, recent.c.initiative_id, recent.c.date)).subquery()
    found = {area_id: (int(entries), latest) for area_id, entries, latest in db.session.execute(
        select(rows.c.area_id, func.count(), func.max(rows.c.date)).group_by(rows.c.area_id))}
    quiet = [area_id for area_id in area_ids if area_id not in found]
    if quiet:
        ever = union_all(*(way.where(current) for way in _area_ways(
            CooperationEntry, CooperationEntry.id, CooperationEntry.initiative_id, CooperationEntry.date))).subquery()
        for area_id, latest in db.session.execute(
                select(ever.c.area_id, func.max(ever.c.date)).where(ever.c.area_id.in_(quiet))
                .group_by(ever.c.area_id)):
            found[area_id] = (0, latest)
    return found


def _area_ways(source, entry_id, initiative_id, entry_date) -> list:
    """(area, entry, date) for the entries in `source`: tagged with the area, about an initiative in it, about
    one at a place in it."""
    tagged = (select(entry_areas.c.area_id, entry_id.label("entry_id"), entry_date.label("date"))
              .join_from(source, entry_areas, entry_areas.c.entry_id == entry_id))
    direct = (select(initiative_areas.c.area_id, entry_id.label("entry_id"), entry_date.label("date"))
              .join_from(source, initiative_areas, initiative_areas.c.initiative_id == initiative_id))
    via_place = (select(Place.area_id, entry_id.label("entry_id"), entry_date.label("date"))
                 .join_from(source, initiative_places, initiative_places.c.initiative_id == initiative_id)
                 .join(Place, Place.id == initiative_places.c.place_id).where(Place.area_id.is_not(None)))
    return [tagged, direct, via_place]
