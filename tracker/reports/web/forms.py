"""The report forms: choosing committee, year and period to generate a draft, and the editor's four sections."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, SelectChoice, SelectField, StringField, TextAreaField

from tracker.core.web.forms import DateInput, WriteForm
from tracker.core.web.merge import Mergeable
from tracker.reports.services import GenerateInput
from tracker.reports.template import SECTION_NUMBERS, SECTIONS, section


class GenerateForm(WriteForm):
    administration = SelectField(_l("Udvalg"), validate_choice=False)
    year = StringField(_l("År"))
    period_start = DateInput(_l("Periode fra"))
    period_end = DateInput(_l("Periode til"))

    def __init__(self, administrations, writable, *args, **kwargs):
        """`writable` are offered; any of `administrations` is understood, so that choosing another
        committee's report is refused as forbidden rather than as a typing mistake."""
        super().__init__(*args, **kwargs)
        self._administrations = {str(a.id): a for a in administrations}
        choices = [SelectChoice(str(a.id), f"{a.code} – {a.committee}") for a in writable]
        if len(writable) != 1:
            choices.insert(0, SelectChoice("", _("Vælg udvalg")))
        self.administration.choices = choices

    def to_input(self) -> GenerateInput:
        return GenerateInput(
            administration=self._administrations.get((self.administration.data or "").strip()),
            year=self._year(),
            period_start=self.period_start.data if not self.period_start.errors else None,
            period_end=self.period_end.data if not self.period_end.errors else None,
        )

    def _year(self) -> int | None:
        text = (self.year.data or "").strip()
        if not text:
            return None
        if not (text.isascii() and text.isdigit() and len(text) <= 4):
            self.year.errors = [*self.year.errors, _("Skriv året med fire cifre, fx 2013.")]
            return None
        return int(text)

    def show_problems(self, problems) -> None:
        """The service's complaints beside their fields, except where the form has said what is wrong already
        (it could not read the value); a period with an unreadable date cannot be judged at all."""
        unreadable_dates = bool(self.period_start.errors or self.period_end.errors)
        for problem in problems:
            if self[problem.field].errors or (unreadable_dates and problem.field.startswith("period")):
                continue
            self.show_error(problem)


def _section_field(number: int) -> TextAreaField:
    # The printed report is Danish, so the label is the template's numbered heading in any language.
    return TextAreaField(section(number).numbered_heading)


class EditorForm(Mergeable, WriteForm):
    """The four sections as text areas and the number of the version the writer started from."""

    version = HiddenField()

    def texts(self) -> dict[int, str]:
        return {number: self[f"text_{number}"].data or "" for number in SECTION_NUMBERS}

    def section_fields(self):
        return [(template, self[f"text_{template.number}"]) for template in SECTIONS]

    @staticmethod
    def initial(version) -> dict:
        return {"version": str(version.number),
                **{f"text_{number}": text for number, text in version.text_map().items()}}


for _number in SECTION_NUMBERS:
    setattr(EditorForm, f"text_{_number}", _section_field(_number))
