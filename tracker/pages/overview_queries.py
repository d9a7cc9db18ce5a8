"""The overview's reads that compose several domains: the cooperation entries in the areas an administration
works in, its lead initiatives without a result in the report period, its committee's report status, and the
areas' activity. Each is one or two queries whatever the amount of data (lists are capped)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import case, exists, func, or_, select, union

from tracker.areas.models import Area
from tracker.bodies.models import Body, Membership
from tracker.core.pagination import Capped, capped
from tracker.extensions import db
from tracker.initiatives.models import Initiative, KeyFigure
from tracker.initiatives.queries import LIST_ORDER, area_links, involvement_links, not_archived
from tracker.log.entry_queries import ENTRY_OPTIONS, ENTRY_ORDER
from tracker.log.models import CooperationEntry, entry_areas
from tracker.reports.drafting.facts import default_period
from tracker.reports.models import Report, ReportDeadline

# A deadline stays the one the overview speaks of this many days after it has passed (as in the digests).
DEADLINE_GRACE_DAYS = 30
# Initiatives that should have something to show for the period: running or done in it.
SHOULD_SHOW_RESULTS = ("active", "finished")


def months_before(on: date, months: int) -> date:
    return on - timedelta(days=months * 30)


def areas_worked_in(administration_id: int):
    """Ids of the areas an administration works in: where its current initiatives lie (as lead or partner)
    and where it holds a seat in a body."""
    links, involved = area_links(), involvement_links()
    through_initiatives = (
        select(links.c.area_id)
        .join(involved, involved.c.initiative_id == links.c.initiative_id)
        .join(Initiative, Initiative.id == links.c.initiative_id)
        .where(involved.c.administration_id == administration_id, not_archived()))
    through_seats = (
        select(Body.area_id)
        .join(Membership, Membership.body_id == Body.id)
        .where(Membership.administration_id == administration_id, Membership.archived_at.is_(None),
               Body.archived_at.is_(None), Body.area_id.is_not(None)))
    return union(through_initiatives, through_seats)


def latest_entries_in_areas(administration_id: int, limit: int) -> list[CooperationEntry]:
    """The newest cooperation entries tagged with one of those areas or about an initiative in one of them."""
    areas = areas_worked_in(administration_id).subquery()
    links = area_links()
    tagged = select(entry_areas.c.entry_id).where(entry_areas.c.area_id.in_(select(areas.c.area_id)))
    in_the_areas = select(links.c.initiative_id).where(links.c.area_id.in_(select(areas.c.area_id)))
    stmt = (select(CooperationEntry)
            .where(CooperationEntry.archived_at.is_(None),
                   or_(CooperationEntry.id.in_(tagged), CooperationEntry.initiative_id.in_(in_the_areas)))
            .options(*ENTRY_OPTIONS)
            .order_by(*ENTRY_ORDER)
            .limit(limit))
    return list(db.session.scalars(stmt).unique())


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


def without_result(administration_id: int, start: date, end: date, limit: int) -> Capped:
    """The administration's lead initiatives, running or done in the period, with neither a result logged
    in it nor a key figure for one of its years."""
    logged = exists().where(CooperationEntry.initiative_id == Initiative.id, CooperationEntry.kind == "result",
                            CooperationEntry.archived_at.is_(None), CooperationEntry.date >= start,
                            CooperationEntry.date <= end)
    figured = exists().where(KeyFigure.initiative_id == Initiative.id, KeyFigure.year >= start.year,
                             KeyFigure.year <= end.year)
    stmt = (select(Initiative)
            .where(Initiative.lead_administration_id == administration_id, not_archived(),
                   Initiative.status.in_(SHOULD_SHOW_RESULTS),
                   or_(Initiative.start_date.is_(None), Initiative.start_date <= end),
                   or_(Initiative.end_date.is_(None), Initiative.end_date >= start),
                   ~logged, ~figured)
            .order_by(*LIST_ORDER))
    return capped(stmt, limit)


@dataclass
class AreaActivity:
    area: Area
    entries: int  # cooperation entries in the last months
    active: int  # active initiatives now
    latest: date | None  # the newest entry ever


def area_activity(areas: list[Area], since: date, active_totals: dict[int, int]) -> list[AreaActivity]:
    """Per area: the entries since `since` (tagged with the area or about an initiative in it, each once) and
    the newest entry's date, beside the active initiatives the front page has counted: one query."""
    links = area_links()
    current = CooperationEntry.archived_at.is_(None)
    tagged = (select(entry_areas.c.area_id, CooperationEntry.id.label("entry_id"), CooperationEntry.date)
              .join(CooperationEntry, CooperationEntry.id == entry_areas.c.entry_id).where(current))
    through_initiatives = (select(links.c.area_id, CooperationEntry.id.label("entry_id"), CooperationEntry.date)
                           .join(CooperationEntry, CooperationEntry.initiative_id == links.c.initiative_id)
                           .where(current))
    rows = union(tagged, through_initiatives).subquery()
    counts = {area_id: (recent, latest) for area_id, recent, latest in db.session.execute(
        select(rows.c.area_id, func.sum(case((rows.c.date >= since, 1), else_=0)), func.max(rows.c.date))
        .group_by(rows.c.area_id))}
    return [AreaActivity(area=area, entries=int(counts.get(area.id, (0, None))[0] or 0),
                         active=active_totals.get(area.id, 0), latest=counts.get(area.id, (0, None))[1])
            for area in areas]

