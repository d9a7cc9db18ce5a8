"""Three-way merge of an edit form: what the form showed when it was opened (its base), what is saved now,
and what was sent; and the signed hidden field that carries the base inside the form.

The base travels in the form rather than being rebuilt from the audit trail: the trail records what a
person reads (labels, not ids) and no key-figure row order, while the form's own values compare exactly
with what is posted. The snapshot is signed with the app's SECRET_KEY, so it cannot be forged to make a
colleague's change look like one's own, and compressed when that makes it shorter.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer
from wtforms import HiddenField

from tracker.core.web.formstate import form_state

SAME, KEPT, APPLIED, CONFLICT = "same", "kept", "applied", "conflict"


def _serializer(form, purpose: str) -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=f"tracker.{purpose}.{type(form).__name__}")


def _version(form) -> str:
    data = form.version.data if "version" in form else None
    return "" if data is None else str(data).strip()


def sign(form, purpose: str, payload: dict) -> str:
    return _serializer(form, purpose).dumps(payload)


def unsign(form, purpose: str, token: str | None) -> dict | None:
    """The payload of a token this form signed for `purpose`; None for a missing or forged one."""
    if not token:
        return None
    try:
        payload = _serializer(form, purpose).loads(token)
    except BadSignature:
        return None
    return payload if isinstance(payload, dict) else None


def base_token(form, version, state: dict) -> str:
    return sign(form, "merge-base", {"v": "" if version is None else str(version), "s": state})


def opened_base(form) -> dict | None:
    """The values the form showed when it was opened at the version it names, or None if it does not
    carry them (then every field that differs counts as changed by both)."""
    payload = unsign(form, "merge-base", form.base.data)
    if payload is None or payload.get("v") != _version(form) or not isinstance(payload.get("s"), dict):
        return None
    return payload["s"]


class MergeBaseField(HiddenField):
    """The signed base. A form opened (not posted) renders its own values at its version; a posted
    form keeps the base it came with."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.type = "HiddenField"  # rendered once, by hidden_tag(), like every hidden field

    def _value(self):
        if self.data:
            return self.data
        if self.raw_data is None:
            return base_token(self._form, _version(self._form), form_state(self._form))
        return ""


class Mergeable:
    """Mixin for an edit form with a `version` field: adds the signed base, so a stale save is merged."""

    base = MergeBaseField()


@dataclass
class FieldMerge:
    name: str
    saved: object
    mine: object
    outcome: str

    @property
    def merged(self):
        return self.mine if self.outcome == APPLIED else self.saved


def merge(base: dict | None, saved: dict, mine: dict) -> list[FieldMerge]:
    """Each field's outcome: the same on both sides, kept as the colleague saved it (only they changed
    it), applied as sent (only I changed it), or a conflict (both changed it, differently)."""
    fields = []
    for name, saved_value in saved.items():
        mine_value = mine.get(name)
        if mine_value == saved_value:
            outcome = SAME
        elif base is None or name not in base:
            outcome = CONFLICT
        elif mine_value == base[name]:
            outcome = KEPT
        elif saved_value == base[name]:
            outcome = APPLIED
        else:
            outcome = CONFLICT
        fields.append(FieldMerge(name, saved_value, mine_value, outcome))
    return fields
