"""What the report pages start from: the year a new draft is offered for, why a draft may have little to say,
and whether there is last year's final text to compare with."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from tracker.bodies.models import Meeting
from tracker.core.clock import today as city_today
from tracker.extensions import db
from tracker.log.models import CooperationEntry
from tracker.reports.models import Report
from tracker.reports.web.pages import DraftShown


def latest_tracked_year(today: date | None = None) -> int | None:
    """The latest year, not after today, with a log entry or a meeting: one query, each latest day read
    backwards from its table's date index (a maximum over their union would read every row)."""
    today = today or city_today()
    entry = (select(func.max(CooperationEntry.date))
             .where(CooperationEntry.archived_at.is_(None), CooperationEntry.date <= today).scalar_subquery())
    meeting = (select(func.max(Meeting.date))
               .where(Meeting.archived_at.is_(None), Meeting.date <= today).scalar_subquery())
    latest = [day for day in db.session.execute(select(entry, meeting)).one() if day is not None]
    return max(latest).year if latest else None


def default_year(today: date | None = None) -> int:
    """The year a new draft is offered for: the latest year with tracked cooperation, so a writer starts from
    a period with data; this year when nothing is tracked yet."""
    today = today or city_today()
    return latest_tracked_year(today) or today.year


@dataclass(frozen=True)
class ThinDraft:
    """A generated draft with no log entries and no meetings in its period, and where the data is."""

    period_start: date
    period_end: date
    latest_year: int | None  # the latest year with tracked cooperation, None when there is none


def thin_draft(draft: DraftShown, today: date | None = None) -> ThinDraft | None:
    """Why the draft has little to say, when its period holds no cooperation: None for a draft that stands on
    log entries or meetings (as its snapshot says, so it is what the draft was made from)."""
    if not draft.thin:
        return None
    return ThinDraft(draft.period_start, draft.period_end, latest_tracked_year(today))


def has_last_year_final(report: Report) -> bool:
    """Whether the committee's report for the year before has a final version to compare with: one query."""
    return bool(db.session.scalar(
        select(func.count()).select_from(Report)
        .where(Report.administration_id == report.administration_id, Report.year == report.year - 1,
               Report.final_number.is_not(None))))
