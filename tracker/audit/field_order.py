"""The order a history tab lists an event's changed fields in: the order of the form that edits the record.

Each domain names, for each table it keeps a history of, the form whose fields a person fills in
(`follow_form`); the history tab then lists the changes as the form shows them, top to bottom. Fields no form
has (archived, a meeting set by the system) come after, in the order of their labels (core/labels.py).
"""
from __future__ import annotations

from wtforms.fields.core import UnboundField

from tracker.core.labels import LABELS

_ORDER: dict[str, tuple[str, ...]] = {}
_LABEL_ORDER = {name: position for position, name in enumerate(LABELS["field"])}


def form_field_names(form_class) -> list[str]:
    """The fields of a form class in the order they are declared, as WTForms renders them."""
    fields = [(name, value) for name in dir(form_class)
              if isinstance(value := getattr(form_class, name, None), UnboundField)]
    return [name for name, field in sorted(fields, key=lambda item: item[1].creation_counter)]


def follow_form(table: str, *form_classes) -> None:
    """List the changes of `table`'s records in the order of these forms' fields (the first form first)."""
    names: list[str] = []
    for form_class in form_classes:
        names += [name for name in form_field_names(form_class) if name not in names]
    _ORDER[table] = tuple(names)


def in_form_order(changes: dict, table: str) -> list[tuple[str, object]]:
    """(field, change) pairs: the form's fields in its order, then the rest in the labels' order."""
    position = {name: index for index, name in enumerate(_ORDER.get(table, ()))}
    after = len(position)
    return sorted((changes or {}).items(),
                  key=lambda item: (position.get(item[0], after), _LABEL_ORDER.get(item[0], len(_LABEL_ORDER)),
                                    item[0]))
