"""Forms for a body's meetings and seats, and choosing records from checkbox groups.

Forms only turn the posted text into values and objects; the services decide what is valid, and their
ValidationError is shown next to the field it names (`show_error`).
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TypeVar

from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import (
    FieldList,
    Form,
    FormField,
    HiddenField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.utils import unset_value

from tracker.bodies.models import Meeting, Membership
from tracker.bodies.services import DecisionInput, MeetingInput, MembershipInput
from tracker.core.errors import ValidationError
from tracker.core.web.forms import Checkboxes, DateInput, WriteForm
from tracker.core.web.merge import Mergeable
from tracker.organisation.models import Administration, Organisation, Person

T = TypeVar("T")
TEXT_INPUT_MAX = 20_000  # far above every limit, so a pasted novel is refused by the service, not truncated
DECISION_MAX = 1000  # a decision's text (the log's DECISION_TEXT_MAX, which the service enforces)
DECISIONS_MAX = 50  # decisions per meeting (the log's, likewise)
EMPTY_DECISION_ROWS = 3


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


def chosen_one(field, known: dict[str, T], message: str, name: str | None = None) -> T | None:
    """The object behind a select's value (None when empty); an unknown value is a ValidationError on the
    field (or on `name`, the input's full name, for a field inside a row)."""
    value = (field.data or "").strip()
    if not value:
        return None
    if value not in known:
        raise ValidationError(name or field.name, message)
    return known[value]


class DecisionRowForm(Form):
    """One of a meeting's decisions: what was decided, who carries it out, by when, and about which initiative.
    An empty row is left out."""

    class Meta(WriteForm.Meta):  # NUL-free inputs, as in every write form
        pass

    text = TextAreaField(_l("Beslutning"), render_kw={"rows": 2, "maxlength": DECISION_MAX})
    owner = SelectField(_l("Ansvarlig forvaltning"), validate_choice=False)
    due_date = DateInput(_l("Frist"))
    initiative = SelectField(_l("Indsats"), validate_choice=False)


class DecisionRows(FieldList):
    """The decision rows: at most as many as a meeting may have decisions and its empty rows; a post with
    more is refused in to_input(), never cut silently."""

    def __init__(self, *args, most: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.most = most
        self.rows_sent = 0
        self.row_choices: dict[str, list] = {}  # the choices of each row's selects, by input name

    def process(self, formdata, data=unset_value, extra_filters=None):
        self.rows_sent = len(set(self._extract_indices(self.name, formdata))) if formdata else 0
        self.max_entries = self.most if formdata else None
        super().process(formdata, data, extra_filters)
        self.offer(self.row_choices)

    def offer(self, row_choices: dict[str, list]) -> None:
        """Give every row's selects their choices (again: processing the list makes its rows anew)."""
        self.row_choices = row_choices
        for entry in self.entries:
            for name, options in row_choices.items():
                entry.form[name].choices = options

    def append_entry(self, data=unset_value):
        entry = super().append_entry(data)
        for name, options in self.row_choices.items():
            entry.form[name].choices = options
        return entry

    def _extract_indices(self, prefix, formdata):
        """The row numbers in the posted names; WTForms' own takes "decisions-²-text" for a number."""
        offset = len(prefix) + 1
        for key in formdata:
            if key.startswith(prefix + self._field_separator):
                index = key[offset:].split(self._field_separator, 1)[0]
                if index.isascii() and index.isdigit() and len(index) <= 9:
                    yield int(index)


class MeetingForm(Mergeable, WriteForm):
    merge_labels = {"decisions": _l("Beslutninger")}

    class Meta(WriteForm.Meta):
        def bind_field(self, form, unbound_field, options):
            if issubclass(unbound_field.field_class, (FieldList, FormField)):  # their inputs are filtered
                return unbound_field.bind(form=form, **options)
            return super().bind_field(form, unbound_field, options)

    date = DateInput(_l("Dato"))
    summary = TextAreaField(_l("Referat"), description=_l("Kort: hvad blev drøftet, og hvem følger op."),
                            render_kw={"rows": 5, "maxlength": 5000})
    administrations = Checkboxes(_l("Deltagende forvaltninger"))
    organisations = Checkboxes(_l("Deltagende organisationer"))
    decisions = DecisionRows(FormField(DecisionRowForm), min_entries=EMPTY_DECISION_ROWS,
                             most=DECISIONS_MAX + EMPTY_DECISION_ROWS)
    version = HiddenField()

    def set_choices(self, administrations: Sequence[Administration], organisations: Sequence[Organisation],
                    initiatives: Sequence = ()):
        """`initiatives` are the records a decision may be about (with `id` and `title`); the bodies know no
        initiatives, so the page that composes the meeting with the log chooses them."""
        self._administrations = {str(a.id): a for a in administrations}
        self._organisations = {str(o.id): o for o in organisations}
        self._initiatives = {str(i.id): i for i in initiatives}
        # SelectChoice, not tuples, which WTForms makes into SelectChoice each time a select is written.
        named = [SelectChoice(str(a.id), f"{a.code} – {a.name}") for a in administrations]
        self.administrations.choices = named
        self.organisations.choices = [SelectChoice(str(o.id), o.name) for o in organisations]
        self.decisions.offer({
            "owner": [SelectChoice("", _("Ingen")), *named],
            "initiative": [SelectChoice("", _("Ingen indsats"))] + [SelectChoice(str(i.id), i.title) for i in initiatives],
        })
        return self

    def fill(self, meeting: Meeting, decisions: Sequence[DecisionInput]) -> None:
        """The form opened on a saved meeting, with empty rows for more decisions."""
        self.date.data, self.summary.data = meeting.date, meeting.summary
        self.administrations.data = [str(a.id) for a in meeting.administrations]
        self.organisations.data = [str(o.id) for o in meeting.organisations]
        rows = [{"text": d.text, "owner": str(d.owner.id) if d.owner is not None else "", "due_date": d.due_date,
                 "initiative": str(d.initiative.id) if d.initiative is not None else ""} for d in decisions]
        self.decisions.process(None, rows + [{}] * EMPTY_DECISION_ROWS)
        self.version.data = meeting.version

    def add_row(self) -> str:
        """One more empty row ("Tilføj beslutning" without JavaScript); its id, so the page can focus it."""
        return self.decisions.append_entry().id

    def decision_inputs(self) -> list[DecisionInput]:
        """Every row as sent (empty ones too, so a problem can name its row); unknown choices are refused."""
        if self.decisions.rows_sent > self.decisions.most:
            raise ValidationError("decisions", _("Et møde kan højst have %(max)s beslutninger.", max=DECISIONS_MAX))
        found = []
        for index, entry in enumerate(self.decisions):
            row = entry.form
            owner = chosen_one(row.owner, self._administrations, _("Vælg en forvaltning fra listen."),
                               f"decisions-{index}-owner")
            initiative = chosen_one(row.initiative, self._initiatives, _("Vælg en indsats fra listen."),
                                    f"decisions-{index}-initiative")
            found.append(DecisionInput(text=(row.text.data or "")[:TEXT_INPUT_MAX], owner=owner,
                                       due_date=row.due_date.data, initiative=initiative))
        return found

    def show_error(self, error: ValidationError) -> None:
        """A problem with one decision goes next to the row's input it names (`decisions-<row>-<input>`)."""
        row, sub = _row_input(error.field)
        if row is not None and row < len(self.decisions.entries) and sub in self.decisions.entries[row].form:
            field = self.decisions.entries[row].form[sub]
            field.errors = [*field.errors, error.message]
            return
        if error.field == "decisions":
            self.form_errors.append(error.message)
            return
        super().show_error(error)

    def error_list(self) -> list[tuple[str, str]]:
        """The row inputs' problems by their own ids, in the order of the form."""
        found = []
        for field in self:
            if field is self.decisions:
                found += [(sub.id, message) for entry in field for sub in entry.form for message in sub.errors]
            else:
                found += [(field.id, message) for message in field.errors]
        return found + [("", message) for message in self.form_errors]

    def describe_value(self, name: str, value):
        """The decisions on the conflict page as a person reads them: text, owner, due date, initiative."""
        if name != "decisions":
            return None
        parts = []
        for row in value:
            owner = self._administrations.get(row.get("owner", ""))
            initiative = self._initiatives.get(row.get("initiative", ""))
            due = _day(row.get("due_date", ""))
            extra = [owner.code if owner else "", _("frist %(date)s", date=due) if due else "",
                     initiative.title if initiative else ""]
            extra = [e for e in extra if e]
            parts.append(f"{row.get('text', '')} ({', '.join(extra)})" if extra else row.get("text", ""))
        return " · ".join(parts) or "–"

    def to_input(self) -> MeetingInput:
        return MeetingInput(
            date=self.date.data,
            summary=(self.summary.data or "")[:TEXT_INPUT_MAX],
            administrations=chosen(self.administrations, self._administrations, _("Ukendt forvaltning.")),
            organisations=chosen(self.organisations, self._organisations, _("Ukendt organisation.")),
        )


def _day(iso: str) -> str:
    try:
        return format_date(date.fromisoformat(iso)) if iso else ""
    except ValueError:
        return iso


def _row_input(name: str) -> tuple[int | None, str]:
    """("decisions-2-owner") -> (2, "owner"); (None, "") for any other field name."""
    prefix, _sep, rest = name.partition("-")
    index, _sep, sub = rest.partition("-")
    if prefix != "decisions" or not index.isdecimal() or not sub:
        return None, ""
    return int(index), sub


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
