"""Decisions someone must carry out: their owner administration, due date, status and closing note, and
the lists of open ones (the overview, the body and initiative pages)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from tracker.auth.permissions import actual_user
from tracker.core.clock import today
from tracker.core.errors import ValidationError
from tracker.core.models import utcnow
from tracker.core.validation import check_date, clean_text
from tracker.core.web.pagination import Capped, capped
from tracker.extensions import db
from tracker.initiatives.links import with_partners
from tracker.initiatives.models import Initiative
from tracker.initiatives.queries import in_area
from tracker.log.entry_queries import loggable_narrowing
from tracker.log.models import FOLLOW_UP_STATUSES, CooperationEntry
from tracker.log.permissions import can_log_on_initiative
from tracker.organisation.models import Administration

NOTE_MAX = 2000
OPEN_STATUSES = ("open", "in_progress")
# The meeting form offers a decision this many initiatives to be about, at most (a choice list, not a search):
# each decision row repeats the list, so it is kept short enough to read and to render (three rows of 200
# made the form 70 KB and a quarter of a second at a city's scale).
DECISION_INITIATIVES_MAX = 50


@dataclass
class FollowUpInput:
    owner: Administration | None
    due_date: date | None
    status: str
    closing_note: str = ""


def set_follow_up(entry: CooperationEntry, data: FollowUpInput) -> CooperationEntry:
    """Give a decision its owner, due date and status; closing takes a note on how it ended. Flushes."""
    if entry.kind != "decision":
        raise ValidationError("status", _l("Kun beslutninger kan få en ansvarlig og en frist."))
    if data.status not in FOLLOW_UP_STATUSES:
        raise ValidationError("status", _l("Vælg åben, i gang eller lukket."))
    if data.owner is None:
        raise ValidationError("owner", _l("Vælg den forvaltning, der er ansvarlig for at følge op."))
    if data.due_date is not None:
        check_date("due_date", data.due_date)
    note = clean_text("closing_note", data.closing_note, NOTE_MAX)
    if data.status == "closed" and not note:
        raise ValidationError("closing_note", _l("Skriv kort, hvordan beslutningen blev fulgt op, før du lukker."))
    entry.owner_administration = data.owner
    entry.due_date, entry.follow_up_status, entry.closing_note = data.due_date, data.status, note
    if data.status == "closed" and entry.closed_at is None:
        entry.closed_at = utcnow()
    elif data.status != "closed":
        entry.closed_at = None
    db.session.flush()
    return entry


def _open_decisions():
    return (select(CooperationEntry)
            .where(CooperationEntry.kind == "decision", CooperationEntry.archived_at.is_(None),
                   CooperationEntry.follow_up_status.in_(OPEN_STATUSES),
                   CooperationEntry.owner_administration_id.is_not(None))
            .options(joinedload(CooperationEntry.owner_administration), joinedload(CooperationEntry.body),
                     joinedload(CooperationEntry.initiative))
            .order_by(CooperationEntry.due_date.is_(None), CooperationEntry.due_date, CooperationEntry.id))


def decisions_owned_by(administration_id: int, limit: int) -> list[CooperationEntry]:
    """The open decisions an administration owns, soonest due first (one query)."""
    stmt = _open_decisions().where(CooperationEntry.owner_administration_id == administration_id)
    return list(db.session.scalars(stmt.limit(limit)))


def overdue_decisions(limit: int, on: date | None = None) -> list[CooperationEntry]:
    """Open decisions past their due date, across administrations (one query)."""
    stmt = _open_decisions().where(CooperationEntry.due_date < (on or today()))
    return list(db.session.scalars(stmt.limit(limit)))


def follow_ups_on_initiative(initiative_id: int, limit: int) -> list[CooperationEntry]:
    stmt = _open_decisions().where(CooperationEntry.initiative_id == initiative_id)
    return list(db.session.scalars(stmt.limit(limit)))


def follow_ups_of_body(body_id: int, limit: int) -> list[CooperationEntry]:
    stmt = _open_decisions().where(CooperationEntry.body_id == body_id)
    return list(db.session.scalars(stmt.limit(limit)))


def decision_initiatives(user, area_id: int | None, linked: Sequence[Initiative] = ()) -> Capped:
    """The initiatives a meeting's decision may be linked to by this user: planned or active ones they may log
    on, in the body's area when it has one, by title and capped; plus those its decisions are linked to
    already. Three queries whatever the number of initiatives, and the count once per change of the data."""
    narrowing = loggable_narrowing(user)
    found = Capped(items=[], total=0)
    if narrowing is not None:
        stmt = select(Initiative).where(narrowing, Initiative.status.in_(("planned", "active")))
        if area_id is not None:
            stmt = stmt.where(in_area(area_id))
        # The narrowing depends on the user's role, administration and organisation only.
        key = ("log.decision_initiatives", user.role, user.administration_id, user.organisation_id, area_id)
        found = capped(stmt.order_by(Initiative.title, Initiative.id), DECISION_INITIATIVES_MAX,
                       count_key=key, rows_key=(*key, "rows"))
        with_partners(found.items)
        user = actual_user(user)
        found.items = [i for i in found.items if can_log_on_initiative(user, i)]
    extra = [i for i in linked if i is not None and i not in found.items]
    found.items = sorted({*found.items, *extra}, key=lambda i: (i.title.casefold(), i.id))
    return found
