"""The form for a line of the cooperation log: what happened, when, about which initiative, body and areas."""
from __future__ import annotations

from collections.abc import Sequence

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, RadioField, SelectField, TextAreaField

from tracker.areas.models import Area
from tracker.bodies.forms import TEXT_INPUT_MAX, chosen
from tracker.bodies.models import Body
from tracker.core.errors import ValidationError
from tracker.core.labels import choices
from tracker.core.web.forms import Checkboxes, DateInput, WriteForm
from tracker.core.web.merge import Mergeable
from tracker.extensions import db
from tracker.initiatives.models import Initiative
from tracker.log.entry_services import EntryInput
from tracker.log.models import CooperationEntry
from tracker.organisation.models import Administration


def administrations_of(initiative: Initiative) -> list[str]:
    """The ids of the administrations that take part in an initiative: its lead, then its partners."""
    ids = [initiative.lead_administration_id, *(a.id for a in initiative.partner_administrations)]
    return list(dict.fromkeys(str(i) for i in ids if i is not None))


def _record(field, model, message: str):
    """The initiative or body a select names: None for no choice, a ValidationError for an unknown one."""
    value = (field.data or "").strip()
    if not value:
        return None
    record = db.session.get(model, int(value)) if value.isdecimal() and len(value) < 10 else None
    if record is None:
        raise ValidationError(field.name, message)
    return record


class EntryForm(Mergeable, WriteForm):
    # First, and named for what it is: the day the meeting or activity took place, which is seldom today.
    date = DateInput(_l("Dato for mødet/aktiviteten"),
                     description=_l("Den dag, det skete – ikke den dag, du skriver logposten."))
    kind = SelectField(_l("Type"), validate_choice=False, default="joint_activity")
    text = TextAreaField(_l("Hvad skete der?"), render_kw={"rows": 5, "maxlength": 5000},
                         description=_l("Skriv kort, hvad der skete, og hvad det førte til."))
    # A short choice list, never every initiative: the one chosen and what a search found (see entry_views).
    initiative = RadioField(_l("Indsats"), validate_choice=False,
                            description=_l("Indsatser, din forvaltning leder eller er partner i. Søg på "
                                           "titlen, og vælg indsatsen."))
    body = SelectField(_l("Samarbejdsorgan"), validate_choice=False,
                       description=_l("Organer, hvor din forvaltning eller organisation har en plads."))
    areas = Checkboxes(_l("Områder"), description=_l("Mindst ét, hvis logposten hverken hører til en indsats "
                                                       "eller et samarbejdsorgan."))
    administrations = Checkboxes(_l("Involverede forvaltninger"))
    version = HiddenField()
    next = HiddenField()

    def set_choices(self, initiatives: Sequence[Initiative], bodies: Sequence[Body], areas: Sequence[Area],
                    administrations: Sequence[Administration]):
        self._areas = {str(a.id): a for a in areas}
        self._administrations = {str(a.id): a for a in administrations}
        self.kind.choices = choices("entry_kind")
        self.initiative.choices = [("", _("Ingen indsats"))] + [(str(i.id), i.title)
                                                                for i in dict.fromkeys(initiatives)]
        # Who takes part in each initiative offered, so choosing one ticks its administrations on the page.
        self.initiative_administrations = {str(i.id): administrations_of(i) for i in initiatives}
        self.body.choices = [("", _("Intet samarbejdsorgan"))] + [(str(b.id), b.name) for b in bodies]
        self.areas.choices = [(str(a.id), a.name) for a in areas]
        self.administrations.choices = [(str(a.id), f"{a.code} – {a.name}") for a in administrations]
        return self

    def fill(self, entry: CooperationEntry) -> None:
        """The form opened on a saved entry."""
        self.kind.data, self.date.data, self.text.data = entry.kind, entry.date, entry.text
        self.initiative.data = str(entry.initiative_id) if entry.initiative_id else ""
        self.body.data = str(entry.body_id) if entry.body_id else ""
        self.areas.data = [str(a.id) for a in entry.areas]
        self.administrations.data = [str(a.id) for a in entry.administrations]
        self.version.data = entry.version

    def to_input(self) -> EntryInput:
        return EntryInput(
            kind=(self.kind.data or "").strip()[:40],
            date=self.date.data,
            text=(self.text.data or "")[:TEXT_INPUT_MAX],
            initiative=_record(self.initiative, Initiative, _("Indsatsen findes ikke.")),
            body=_record(self.body, Body, _("Samarbejdsorganet findes ikke.")),
            areas=chosen(self.areas, self._areas, _("Ukendt område.")),
            administrations=chosen(self.administrations, self._administrations, _("Ukendt forvaltning.")),
        )
