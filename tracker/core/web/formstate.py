"""A form's values as plain data (to sign, compare and merge) and back as posted form data.

Each visible field becomes one value: text as typed (trimmed, with one kind of line break), a choice as its
value, a group of checkboxes or a set of lines as a sorted list (so order never counts), rows of a
FieldList as a sorted list of rows. Hidden fields (version, next, tokens) are bookkeeping, not values.
"""
from __future__ import annotations

import json
from datetime import date

from werkzeug.datastructures import MultiDict
from wtforms import BooleanField, FieldList, FormField, SelectFieldBase, SelectMultipleField

from tracker.core.dates import format_day

EMPTY = "–"


def _text(value) -> str:
    return "" if value is None else str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def _scalar(field) -> str:
    if isinstance(field, BooleanField):
        return "y" if field.data else ""
    if isinstance(field, SelectFieldBase):
        return _text(field.data)
    return _text(field._value())


def _row_key(row: dict) -> str:
    return json.dumps(row, sort_keys=True, ensure_ascii=False)


def field_value(form, field):
    """The value of one field, in a shape where equal means "the same to a person"."""
    if isinstance(field, FieldList):
        rows = []
        for entry in field.entries:
            if isinstance(entry, FormField):
                row = {sub.short_name: _scalar(sub) for sub in entry.form
                       if sub.type not in ("HiddenField", "CSRFTokenField")}
                if any(row.values()):
                    rows.append(row)
            elif _scalar(entry):
                rows.append({"": _scalar(entry)})
        return sorted(rows, key=_row_key)
    if isinstance(field, SelectMultipleField):
        return sorted({_text(v) for v in field.data or () if _text(v)})
    if field.short_name in getattr(form, "line_sets", ()):
        return sorted({line.strip() for line in _scalar(field).split("\n") if line.strip()})
    return _scalar(field)


def merged_fields(form):
    """The fields a person edits: everything but hidden bookkeeping and buttons."""
    return [field for field in form
            if field.type not in ("HiddenField", "CSRFTokenField", "SubmitField", "MergeBaseField")]


def form_state(form) -> dict:
    """{field name: value} for every field a person edits."""
    return {field.short_name: field_value(form, field) for field in merged_fields(form)}


def formdata_for(form, state: dict, keep: MultiDict) -> MultiDict:
    """Posted form data that gives `form` these values; the entries of `keep` (the hidden fields as
    posted) come along unchanged."""
    data = MultiDict(keep)
    for field in merged_fields(form):
        if field.short_name not in state:
            continue
        value, name = state[field.short_name], field.name
        if isinstance(field, FieldList):
            for index, row in enumerate(value):
                for sub, text in row.items():
                    data.add(f"{name}-{index}-{sub}" if sub else f"{name}-{index}", text)
        elif isinstance(field, SelectMultipleField):
            for item in value:
                data.add(name, item)
        elif field.short_name in getattr(form, "line_sets", ()):
            data.add(name, "\n".join(value))
        elif isinstance(field, BooleanField):
            if value:
                data.add(name, "y")
        else:
            data.add(name, value)
    return data


def describe(form, name: str, value) -> str:
    """A value as a person reads it: choices by their label, dates in the user's format, rows one by one."""
    custom = getattr(form, "describe_value", None)
    if custom is not None:
        text = custom(name, value)
        if text is not None:
            return text
    field = form[name]
    if isinstance(field, FieldList):
        return "; ".join(" ".join(text for text in row.values() if text) for row in value) or EMPTY
    if name in getattr(form, "line_sets", ()):
        return " · ".join(value) or EMPTY
    labels = {}
    if isinstance(field, SelectFieldBase):
        labels = {_text(choice[0]): str(choice[1]) for choice in field.iter_choices()}
    if isinstance(value, list):
        return ", ".join(labels.get(item, item) for item in value) or EMPTY
    if isinstance(field, BooleanField):
        return "✓" if value else EMPTY
    if value and field.type in ("DateField", "DateInput"):
        try:
            return format_day(date.fromisoformat(value))
        except ValueError:
            return value
    return labels.get(value, value) or EMPTY
