"""Forms for a body's meetings and seats, and choosing records from checkbox groups.

Forms only turn the posted text into values and objects; the services decide what is valid, and their
ValidationError is shown next to the field it names (`show_error`).
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, SelectField, StringField, TextAreaField

from tracker.bodies.models import Meeting, Membership
from tracker.bodies.services import MeetingInput, MembershipInput
from tracker.core.errors import ValidationError
from tracker.core.forms import Checkboxes, DateInput, WriteForm
from tracker.core.merge import Mergeable
from tracker.organisation.models import Administration, Organisation, Person

T = TypeVar("T")
TEXT_INPUT_MAX = 20_000  # far above every limit, so a pasted novel is refused by the service, not truncated


def chosen(field, known: dict[str, T], message: str) -> list[T]:
    """The objects behind a checkbox group's values; an unknown value is a ValidationError on the field."""
    found: list[T] = []
    for value in field.data or []:
        obj = known.get(value)
        if obj is None:
            raise ValidationError(field.name, message)
        if obj not in found:
            found.append(obj)
    return found


def chosen_one(field, known: dict[str, T], message: str) -> T | None:
    value = (field.data or "").strip()
    if not value:
        return None
    if value not in known:
        raise ValidationError(field.name, message)
    return known[value]


class MeetingForm(Mergeable, WriteForm):
    line_sets = ("decisions",)  # one decision a line; their order is no change

    date = DateInput(_l("Dato"))
    summary = TextAreaField(_l("Referat"), description=_l("Kort: hvad blev drøftet, og hvem følger op."),
                            render_kw={"rows": 5, "maxlength": 5000})
    administrations = Checkboxes(_l("Deltagende forvaltninger"))
    organisations = Checkboxes(_l("Deltagende organisationer"))
    decisions = TextAreaField(
        _l("Beslutninger"), render_kw={"rows": 5},
        description=_l("Én beslutning pr. linje. Hver beslutning bliver en logpost af typen »Beslutning« "
                       "på organet og dets område."))
    version = HiddenField()

    def set_choices(self, administrations: Sequence[Administration], organisations: Sequence[Organisation]):
        self._administrations = {str(a.id): a for a in administrations}
        self._organisations = {str(o.id): o for o in organisations}
        self.administrations.choices = [(str(a.id), f"{a.code} – {a.name}") for a in administrations]
        self.organisations.choices = [(str(o.id), o.name) for o in organisations]
        return self

    def fill(self, meeting: Meeting, decisions: Sequence[str]) -> None:
        """The form opened on a saved meeting."""
        self.date.data, self.summary.data = meeting.date, meeting.summary
        self.administrations.data = [str(a.id) for a in meeting.administrations]
        self.organisations.data = [str(o.id) for o in meeting.organisations]
        self.decisions.data = "\n".join(decisions)
        self.version.data = meeting.version

    def decision_lines(self) -> list[str]:
        return (self.decisions.data or "")[:TEXT_INPUT_MAX * 5].splitlines()

    def to_input(self) -> MeetingInput:
        return MeetingInput(
            date=self.date.data,
            summary=(self.summary.data or "")[:TEXT_INPUT_MAX],
            administrations=chosen(self.administrations, self._administrations, _("Ukendt forvaltning.")),
            organisations=chosen(self.organisations, self._organisations, _("Ukendt organisation.")),
        )


class MembershipForm(Mergeable, WriteForm):
    error_fields = {"administration": "represents", "organisation": "represents"}

    role = StringField(_l("Rolle"), description=_l("Fx Leder, Koordinator eller Medarbejderrepræsentant."),
                       render_kw={"maxlength": 200, "autocomplete": "off"})
    represents = SelectField(_l("Repræsenterer"), validate_choice=False)
    person = SelectField(_l("Person"), validate_choice=False, description=_l("Hvem der har pladsen, hvis det vides."))
    start_date = DateInput(_l("Fra"))
    end_date = DateInput(_l("Til"))
    version = HiddenField()

    def set_choices(self, administrations: Sequence[Administration], organisations: Sequence[Organisation],
                    persons: Sequence[Person]):
        self._represented = {f"administration-{a.id}": a for a in administrations}
        self._represented.update({f"organisation-{o.id}": o for o in organisations})
        self._persons = {str(p.id): p for p in persons}
        self.represents.choices = (
            [("", _("Ingen bestemt forvaltning eller organisation"))]
            + [(f"administration-{a.id}", f"{a.code} – {a.name}") for a in administrations]
            + [(f"organisation-{o.id}", o.name) for o in organisations])
        self.person.choices = [("", _("Ikke angivet"))] + [
            (str(p.id), f"{p.name}, {p.title}" if p.title else p.name) for p in persons]
        return self

    def fill(self, membership: Membership) -> None:
        self.role.data = membership.role
        if membership.administration_id is not None:
            self.represents.data = f"administration-{membership.administration_id}"
        elif membership.organisation_id is not None:
            self.represents.data = f"organisation-{membership.organisation_id}"
        self.person.data = str(membership.person_id) if membership.person_id else ""
        self.start_date.data, self.end_date.data = membership.start_date, membership.end_date
        self.version.data = membership.version

    def to_input(self) -> MembershipInput:
        represented = chosen_one(self.represents, self._represented, _("Vælg en forvaltning eller organisation fra listen."))
        return MembershipInput(
            role=(self.role.data or "")[:TEXT_INPUT_MAX],
            administration=represented if isinstance(represented, Administration) else None,
            organisation=represented if isinstance(represented, Organisation) else None,
            person=chosen_one(self.person, self._persons, _("Vælg en person fra listen.")),
            start_date=self.start_date.data,
            end_date=self.end_date.data,
        )
