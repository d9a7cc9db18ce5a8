"""Form pieces every write form shares: NUL-free input, a date field, checkbox groups, and showing a
service's ValidationError next to the field it names.

Forms only turn posted text into values; the services decide what is valid.
"""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from flask_wtf import FlaskForm
from markupsafe import Markup, escape
from wtforms import DateField, SelectMultipleField
from wtforms.widgets import CheckboxInput, ListWidget, Select

from tracker.core.errors import ValidationError


def without_nul(value):
    """PostgreSQL cannot store NUL in text and no person types it: dropped before anything else sees it."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, list):
        return [item.replace("\x00", "") if isinstance(item, str) else item for item in value]
    return value


class QuickSelect(Select):
    """WTForms' select, its options written directly: the same HTML, but WTForms builds each option's
    attributes through Markup.format, about 60 µs an option, and a meeting form's decision rows hold
    hundreds of options (fifty initiatives a row)."""

    @classmethod
    def render_option(cls, choice, **kwargs):
        if choice.render_kw or kwargs:
            return super().render_option(choice, **kwargs)
        value = str(choice.value) if isinstance(choice.value, bool) else choice.value
        label = escape(choice.label or choice.value)
        selected = "selected " if choice.selected else ""
        return Markup(f'<option {selected}value="{escape(value)}">{label}</option>')


QUICK_SELECTS = {False: QuickSelect(), True: QuickSelect(multiple=True)}


def with_quick_selects(unbound_field, options: dict) -> dict:
    """The options to bind a field with: a plain select (WTForms' own widget) becomes a QuickSelect."""
    widget = getattr(unbound_field.field_class, "widget", None)
    if type(widget) is Select and "widget" not in unbound_field.kwargs:
        return {**options, "widget": QUICK_SELECTS[widget.multiple]}
    return options


class QuickSelects:
    """A form's Meta (``class Meta(QuickSelects)``) whose plain selects are QuickSelects: the filter forms."""

    def bind_field(self, form, unbound_field, options):
        return unbound_field.bind(form=form, **with_quick_selects(unbound_field, options))


class WriteForm(FlaskForm):
    """The base of every write form: every input is NUL-free, and every plain select a QuickSelect."""

    class Meta:
        def bind_field(self, form, unbound_field, options):
            filters = unbound_field.kwargs.get("filters", ())
            return unbound_field.bind(form=form, filters=[without_nul, *filters],
                                      **with_quick_selects(unbound_field, options))

    def show_error(self, error: ValidationError) -> None:
        show_error(self, error)

    def error_list(self) -> list[tuple[str, str]]:
        """(field id, message) for the error summary at the top of the form, in the order of the form."""
        return [(field.id, message) for field in self if field.errors for message in field.errors] + [
            ("", message) for message in self.form_errors]


class DateInput(DateField):
    """A date typed as yyyy-mm-dd (what the browser's date picker sends); empty means no date."""

    def process_formdata(self, valuelist):
        text = (valuelist[0] if valuelist else "").strip()
        self.data = None
        if not text:
            return
        try:
            self.data = date.fromisoformat(text[:40])
        except ValueError:
            raise ValueError(_("Skriv datoen som åååå-mm-dd, fx 2013-03-12.")) from None


class Checkboxes(SelectMultipleField):
    """A group of checkboxes; posted values are checked against the choices when read, with a Danish message."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, validate_choice=False, **kwargs)


def show_error(form: FlaskForm, error: ValidationError) -> None:
    """A service's complaint next to the field it names, or above the form when no field has that name."""
    name = getattr(form, "error_fields", {}).get(error.field, error.field)
    field = form._fields.get(name)
    if field is not None and field.type not in ("HiddenField", "CSRFTokenField"):
        field.errors = [*field.errors, error.message]
    else:
        form.form_errors.append(error.message)
