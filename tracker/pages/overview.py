"""My overview, the front page for a signed-in coordinator or steering-group member: what needs their
attention, each item with the page where it is mended. Every list is capped, so the page runs the same
queries with 200 initiatives as with 5,000."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import exists, select

from tracker.auth.permissions import is_coordinator
from tracker.core.clock import today
from tracker.core.web.pagination import Capped
from tracker.initiatives.models import Initiative, KeyFigure
from tracker.initiatives.queries import counts_as_active, is_expired, not_archived
from tracker.log.follow_ups import decisions_owned_by, overdue_decisions
from tracker.log.models import CooperationEntry
from tracker.overlaps.review.queries import ReviewFilters, overdue_follow_ups, review
from tracker.pages.overview_queries import (
    ReportStatus,
    area_activity,
    kept_initiatives,
    latest_entries_in_areas,
    months_before,
    read_lists,
    report_status,
    without_result,
)

SHOWN = 10
QUIET_MONTHS = 6  # an initiative with no log entry and no key figure for this long needs a word


@dataclass
class Overview:
    role: str
    decisions: list = field(default_factory=list)  # open decisions the administration owns (koordinator)
    expired: Capped | None = None  # its initiatives past their end date, still active or planned
    quiet: Capped | None = None  # its active initiatives with nothing logged for QUIET_MONTHS
    report: ReportStatus | None = None  # its committee's report due next, with the deadline
    without_result: Capped | None = None  # its initiatives with no result in that report's period
    entries: list = field(default_factory=list)  # the latest cooperation entries in the areas it works in
    overdue: list = field(default_factory=list)  # overdue decisions across administrations (styregruppe)
    overdue_overlaps: list = field(default_factory=list)  # and overdue overlap follow-ups
    candidates: list = field(default_factory=list)  # open strong overlap topics (styregruppe)
    candidate_total: int = 0
    activity: list = field(default_factory=list)  # per area: entries lately and active initiatives (styregruppe)


def quiet_since(on: date) -> date:
    return months_before(on, QUIET_MONTHS)


def _expired_led_by(administration_id: int) -> tuple[int, list[int]]:
    stmt = (select(Initiative).where(Initiative.lead_administration_id == administration_id, is_expired(),
                                     not_archived())
            .order_by(Initiative.end_date, Initiative.id))
    return kept_initiatives(("pages.expired_led_by", administration_id, today()), stmt, stmt.limit(SHOWN))


def _quiet_led_by(administration_id: int) -> tuple[int, list[int]]:
    since = quiet_since(today())
    logged = exists().where(CooperationEntry.initiative_id == Initiative.id, CooperationEntry.date >= since,
                            CooperationEntry.archived_at.is_(None))
    figured = exists().where(KeyFigure.initiative_id == Initiative.id, KeyFigure.updated_at >= since)
    # All active, so the list's order is by title: the lead administration's (status, title) index gives it.
    stmt = (select(Initiative).where(Initiative.lead_administration_id == administration_id, counts_as_active(),
                                     ~logged, ~figured)
            .order_by(Initiative.status, Initiative.title, Initiative.id))
    return kept_initiatives(("pages.quiet_led_by", administration_id, since), stmt, stmt.limit(SHOWN))


def overview_for(user, areas=(), active_totals: dict[int, int] | None = None) -> Overview | None:
    """None for readers and admins (their front page is the table). `areas` and `active_totals` are the
    front page's own (the areas and their active initiatives), so the steering group's activity list costs
    one query more."""
    if not getattr(user, "is_authenticated", False):
        return None
    if is_coordinator(user) and user.administration_id is not None:
        admin_id = user.administration_id
        report = report_status(admin_id, today())
        expired, quiet, result_less = read_lists(
            _expired_led_by(admin_id), _quiet_led_by(admin_id),
            without_result(admin_id, report.period_start, report.period_end, SHOWN))
        return Overview(role="koordinator", decisions=decisions_owned_by(admin_id, SHOWN), expired=expired,
                        quiet=quiet, report=report, without_result=result_less,
                        entries=latest_entries_in_areas(admin_id, SHOWN))
    if user.role == "styregruppe":
        topics = review(ReviewFilters(), 1, SHOWN, seats=False)
        return Overview(role="styregruppe", overdue=overdue_decisions(SHOWN),
                        overdue_overlaps=overdue_follow_ups(SHOWN), candidates=topics.rows,
                        candidate_total=topics.total,
                        activity=area_activity(list(areas), quiet_since(today()), active_totals or {}))
    return None


