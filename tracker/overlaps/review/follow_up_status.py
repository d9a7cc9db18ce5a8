"""How far an overlap follow-up has come: its status (åben / i gang / lukket) and a note on what was done,
set by the owner administration's coordinators or a reviewer."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, RadioField, TextAreaField

from tracker.core.errors import ValidationError
from tracker.core.labels import choices
from tracker.core.models import utcnow
from tracker.core.validation import check_choice, clean_text
from tracker.core.web.forms import WriteForm
from tracker.extensions import db
from tracker.overlaps.models import NEEDS_FOLLOW_UP, OverlapVerdict

FOLLOW_UP_STATUSES = ("open", "in_progress", "closed")
NOTE_MAX = 2000


def follow_up_state(verdict: OverlapVerdict) -> str:
    """The status a person reads: closed once closed (also by "Luk opfølgning"), else as set, else open."""
    if verdict.follow_up_closed_at is not None:
        return "closed"
    return verdict.follow_up_status if verdict.follow_up_status in ("open", "in_progress") else "open"


def set_follow_up_status(verdict: OverlapVerdict, status: str, note: str) -> OverlapVerdict:
    """The follow-up moved on, closed or reopened, with its note (flush only)."""
    if verdict.verdict != NEEDS_FOLLOW_UP or verdict.follow_up_administration_id is None:
        raise ValidationError("status", _l("Vurderingen har ingen opfølgning."))
    check_choice("status", status, FOLLOW_UP_STATUSES)
    verdict.follow_up_note = clean_text("note", note, NOTE_MAX)
    verdict.follow_up_status = status
    if status == "closed":
        verdict.follow_up_closed_at = verdict.follow_up_closed_at or utcnow()
    else:
        verdict.follow_up_closed_at = None
    db.session.flush()
    return verdict


class FollowUpStatusForm(WriteForm):
    status = RadioField(_l("Opfølgningens status"), validate_choice=False)
    note = TextAreaField(_l("Note"), render_kw={"rows": 3, "maxlength": NOTE_MAX},
                         description=_l("Kort: hvad er gjort, og hvad mangler?"))
    version = HiddenField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.status.choices = choices("follow_up_status")

    def fill(self, verdict: OverlapVerdict) -> FollowUpStatusForm:
        self.status.data, self.note.data = follow_up_state(verdict), verdict.follow_up_note
        self.version.data = verdict.version
        return self
