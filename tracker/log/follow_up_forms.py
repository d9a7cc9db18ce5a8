"""The form that gives a decision its owner, due date, status and closing note."""
from __future__ import annotations

from collections.abc import Sequence

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, RadioField, SelectField, TextAreaField

from tracker.core.errors import ValidationError
from tracker.core.labels import choices
from tracker.core.web.forms import DateInput, WriteForm
from tracker.log.follow_ups import NOTE_MAX, FollowUpInput
from tracker.log.models import CooperationEntry
from tracker.organisation.models import Administration


class FollowUpForm(WriteForm):
    owner = SelectField(_l("Ansvarlig forvaltning"), validate_choice=False,
                        description=_l("Den forvaltning, der skal føre beslutningen ud i livet."))
    due_date = DateInput(_l("Frist"))
    status = RadioField(_l("Status"), validate_choice=False, default="open")
    closing_note = TextAreaField(_l("Afslutningsnote"), render_kw={"rows": 3, "maxlength": NOTE_MAX},
                                 description=_l("Skal udfyldes, når beslutningen lukkes: hvad blev der gjort?"))
    version = HiddenField()
    next = HiddenField()

    def set_choices(self, administrations: Sequence[Administration]) -> FollowUpForm:
        self._administrations = {str(a.id): a for a in administrations}
        self.owner.choices = [("", _("Vælg forvaltning"))] + [(str(a.id), f"{a.code} – {a.name}")
                                                              for a in administrations]
        self.status.choices = choices("follow_up_status")
        return self

    def fill(self, entry: CooperationEntry) -> None:
        self.owner.data = str(entry.owner_administration_id) if entry.owner_administration_id else ""
        self.due_date.data = entry.due_date
        self.status.data = entry.follow_up_status or "open"
        self.closing_note.data = entry.closing_note
        self.version.data = entry.version

    def to_input(self) -> FollowUpInput:
        raw = (self.owner.data or "").strip()
        owner = self._administrations.get(raw)
        if raw and owner is None:
            raise ValidationError("owner", _("Forvaltningen findes ikke."))
        return FollowUpInput(owner=owner, due_date=self.due_date.data, status=(self.status.data or "")[:20],
                             closing_note=(self.closing_note.data or "")[:NOTE_MAX * 2])
