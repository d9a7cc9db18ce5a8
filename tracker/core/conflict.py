"""Optimistic locking for forms: detect a save over a newer version and show both versions."""
from __future__ import annotations

from collections.abc import Iterable

from flask import render_template, request


def is_stale(record, submitted_version) -> bool:
    """Whether the form was opened on an older version of the record than the one stored now."""
    try:
        return int(submitted_version) != record.version
    except (TypeError, ValueError):
        return True


def render_conflict(record, rows: Iterable[tuple[str, str, str]], cancel_url: str, action_url: str | None = None):
    """The conflict page (HTTP 409): each field's saved and submitted value side by side, with the choice
    to save one's own version over the stored one (resubmitting with the current version) or to keep it.

    `rows` are (field label, saved value as text, submitted value as text).
    """
    resubmit = [(key, value) for key, value in request.form.items(multi=True) if key not in ("version", "csrf_token")]
    return render_template(
        "conflict.html",
        record=record,
        rows=[(label, saved, mine, saved != mine) for label, saved, mine in rows],
        resubmit=resubmit,
        current_version=record.version,
        action_url=action_url or request.path,
        cancel_url=cancel_url,
    ), 409
