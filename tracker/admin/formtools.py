"""Pieces every admin form shares: safe text input, selects of records by id, year fields,
showing a service's ValidationError next to its field."""
from __future__ import annotations

from collections.abc import Callable, Iterable

from flask_babel import gettext as _
from wtforms import SelectField, StringField
from wtforms.validators import ValidationError as FieldError

from tracker.core.web.forms import WriteForm


class AdminForm(WriteForm):
    """Every admin form: NUL-free input, and a service's ValidationError shown next to its field."""


class RecordSelectField(SelectField):
    """A choice of one record by id. Its `record` is the chosen object; an unknown id is a field error."""

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, validate_choice=False, **kwargs)
        self.type = "SelectField"  # rendered, and styled by the field macro, as the select it is
        self._records: dict[str, object] = {}

    def set_records(self, records: Iterable, text: Callable[[object], str], blank: str | None) -> None:
        self._records = {str(record.id): record for record in records}
        self.choices = ([("", blank)] if blank is not None else []) + [
            (key, text(record)) for key, record in self._records.items()]

    @property
    def record(self):
        return self._records.get(self.data or "")

    def pre_validate(self, form) -> None:
        if self.data and self.data not in self._records:
            self.data = ""
            raise FieldError(_("Vælg en af mulighederne på listen."))


class YearField(StringField):
    """A year typed as text: empty means none; anything but a whole number is a Danish field error."""

    def process_formdata(self, valuelist):
        self.raw_text = (valuelist[0] if valuelist else "") or ""
        text = self.raw_text.strip()
        if not text:
            self.data = None
        elif text.isdecimal() and len(text) <= 4:
            self.data = int(text)
        else:
            self.data = None
            raise ValueError(_("Skriv et årstal med fire cifre, fx 2013."))

    def _value(self):
        if getattr(self, "raw_text", None) is not None:
            return self.raw_text
        return "" if self.data is None else str(self.data)
