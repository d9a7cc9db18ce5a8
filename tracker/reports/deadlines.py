"""Setting each year's report deadline (flush, never commit): one day per year for every committee."""
from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from tracker.core.errors import ValidationError
from tracker.core.validation import check_date, check_year
from tracker.extensions import db
from tracker.reports.models import ReportDeadline


def all_deadlines() -> list[ReportDeadline]:
    return list(db.session.scalars(select(ReportDeadline).order_by(ReportDeadline.year.desc())))


def set_deadline(year: int | None, due_on: date | None) -> ReportDeadline:
    """The year's deadline, created or moved to `due_on`."""
    if year is None:
        raise ValidationError("year", _l("Skriv redegørelsens år, fx 2013."))
    check_year("year", year)
    if due_on is None:
        raise ValidationError("due_on", _l("Skriv fristen som en dato, fx 2014-03-01."))
    check_date("due_on", due_on)
    deadline = db.session.scalar(select(ReportDeadline).where(ReportDeadline.year == year))
    if deadline is None:
        deadline = ReportDeadline(year=year, due_on=due_on)
        db.session.add(deadline)
    else:
        deadline.due_on = due_on
    db.session.flush()
    return deadline
