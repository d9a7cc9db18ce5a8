"""Optimistic locking for edit forms: a save over a newer version is merged with it field by field, and
only the fields both people changed are put to the user (the conflict page, HTTP 409).

A view calls `resolve` before it validates and saves. See tracker/core/web/merge.py for the merge and
tracker/core/web/formstate.py for how a form's values are compared.
"""
from __future__ import annotations

from collections.abc import Callable

from flask import abort, flash, render_template, request
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from tracker.core.web.formstate import describe, form_state, formdata_for, merged_fields
from tracker.core.web.merge import (
    APPLIED,
    CONFLICT,
    KEPT,
    FieldMerge,
    base_token,
    merge,
    opened_base,
    sign,
    unsign,
)

CHOICES = "merge_choices"  # the conflict page's signed record of what there is to choose between


def is_stale(record, submitted_version) -> bool:
    """Whether the form was opened on an older version of the record than the one stored now."""
    try:
        return int(submitted_version) != record.version
    except (TypeError, ValueError):
        return True


def resolve(form, record, saved_form: Callable[[], object], cancel_url: str, action_url: str | None = None,
            stale: bool | None = None):
    """None when the save may go ahead: the form is on the stored version, or every change a colleague
    saved meanwhile is in fields the user left alone (then the form now holds the merged values and the
    user is told). Otherwise the conflict page. `saved_form` builds the form as opened on the record now.
    """
    page = _take_choices(form, cancel_url, action_url)
    if page is not None:
        return page
    if not (is_stale(record, form.version.data) if stale is None else stale):
        return None
    fields, saved_state = _merge(form, saved_form)
    hidden = _hidden(form, record.version, base_token(form, record.version, saved_state))
    if any(field.outcome == CONFLICT for field in fields):
        return _page(form, fields, hidden, cancel_url, action_url)
    form.process(formdata=formdata_for(form, {field.name: field.merged for field in fields}, hidden))
    kept = [_label(form, field.name) for field in fields if field.outcome == KEPT]
    if kept:
        flash(_("Mens du redigerede, gemte en kollega ændringer i: %(fields)s. Kollegaens ændringer er bevaret, "
                "og dine egne er gemt sammen med dem.", fields=", ".join(kept)), "info")
    return None


def conflict_page(form, record, saved_form: Callable[[], object], cancel_url: str, action_url: str | None = None):
    """The conflict page after a save lost the race to another one (the database refused it)."""
    fields, saved_state = _merge(form, saved_form)
    hidden = _hidden(form, record.version, base_token(form, record.version, saved_state))
    return _page(form, fields, hidden, cancel_url, action_url)


def _merge(form, saved_form) -> tuple[list[FieldMerge], dict]:
    saved_state = form_state(saved_form())
    return merge(opened_base(form), saved_state, form_state(form)), saved_state


def _label(form, name: str) -> str:
    return str(getattr(form, "merge_labels", {}).get(name) or form[name].label.text)


def _hidden(form, version, base: str) -> MultiDict:
    """The hidden fields as posted (CSRF token, where to go next), on the stored version and its base."""
    names = {field.name for field in form if field.type in ("HiddenField", "CSRFTokenField")}
    hidden = MultiDict([(key, value) for key, value in request.form.items(multi=True)
                        if key in names and key not in ("version", "base")])
    hidden["version"] = "" if version is None else str(version)
    hidden["base"] = base
    return hidden


def _page(form, fields: list[FieldMerge], hidden: MultiDict, cancel_url: str, action_url: str | None,
          merged: dict | None = None):
    """The page, with the merged values and the two sides of each conflict signed into one hidden field.
    `merged` is given when the page is shown again because a choice was missing."""
    conflicts = [field for field in fields if field.outcome == CONFLICT]
    choices = sign(form, "merge-choices", {
        "v": hidden["version"],
        "merged": {field.name: field.merged for field in fields if field.outcome != CONFLICT}
        if merged is None else merged,
        "choices": {field.name: [field.saved, field.mine] for field in conflicts},
    })

    def shown(field: FieldMerge, value) -> tuple[str, str, str]:
        return field.name, _label(form, field.name), describe(form, field.name, value)

    return render_template(
        "conflict.html",
        kept=[shown(field, field.saved) for field in fields if field.outcome == KEPT],
        applied=[shown(field, field.mine) for field in fields if field.outcome == APPLIED],
        conflicts=[(field.name, _label(form, field.name), describe(form, field.name, field.saved),
                    describe(form, field.name, field.mine)) for field in conflicts],
        hidden=[*hidden.items(multi=True), (CHOICES, choices)],
        missing=merged is not None,
        action_url=action_url or request.path,
        cancel_url=cancel_url,
    ), 409


def _take_choices(form, cancel_url: str, action_url: str | None):
    """Coming from the conflict page: put the chosen values (and the merged rest) into the form. Returns
    the page again when a choice is missing."""
    token = request.form.get(CHOICES)
    if token is None:
        return None
    payload = unsign(form, "merge-choices", token)
    if payload is None or not isinstance(payload.get("merged"), dict) or not isinstance(payload.get("choices"), dict):
        abort(400)
    state = dict(payload["merged"])
    known = {field.short_name for field in merged_fields(form)}
    pending = []
    for name, pair in payload["choices"].items():
        choice = request.form.get(f"choose-{name}")
        if name not in known or not isinstance(pair, list) or len(pair) != 2:
            abort(400)
        if choice in ("saved", "mine"):
            state[name] = pair[0] if choice == "saved" else pair[1]
        else:
            pending.append(FieldMerge(name, pair[0], pair[1], CONFLICT))
    hidden = _hidden(form, payload.get("v"), request.form.get("base", ""))
    if pending:
        return _page(form, pending, hidden, cancel_url, action_url, merged=state)
    form.process(formdata=formdata_for(form, state, hidden))
    return None
