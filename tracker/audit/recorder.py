"""Writes audit events from the ORM's unit of work, so no write path can forget to record itself.

After each flush, every new, changed or deleted record of an `Audited` model becomes one event with
its changed fields (columns and many-to-many links, old and new). A change to a link only still bumps
the record's version, so optimistic locking sees it too.
"""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session, attributes

from tracker.audit.actor import current_actor_id, current_source
from tracker.audit.models import AuditEvent
from tracker.core.models import Audited, utcnow

# Bookkeeping no person reads: ids, timestamps, versions, hashes; and the session token, a secret.
IGNORED = frozenset({"id", "created_at", "updated_at", "version", "password_hash", "session_token",
                     "token_hash", "fingerprint"})


def _plain(value):
    """A JSON-safe rendering of a value as a person would read it."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Audited):
        return value.audit_label
    if hasattr(value, "name"):
        return str(value.name)
    return str(value)


def _tracked_attributes(obj):
    """(attribute, is_collection) for each column and link a person would call a field.

    A foreign-key column is reported through its relationship, so the history says "TMF", not "6".
    """
    mapper = inspect(obj).mapper
    references = {}
    for relation in mapper.relationships:
        if relation.secondary is not None:
            yield relation.key, True
        elif relation.direction.name == "MANYTOONE":
            for column in relation.local_columns:
                references[column.key] = relation.key
    for column in mapper.column_attrs:
        if column.key not in IGNORED:
            yield references.get(column.key, column.key), False


def _changes(obj, new: bool) -> dict:
    changes = {}
    for key, is_collection in _tracked_attributes(obj):
        history = attributes.get_history(obj, key, passive=attributes.PASSIVE_NO_INITIALIZE)
        if not history.has_changes():
            continue
        if is_collection:
            old = sorted(_plain(v) for v in [*history.unchanged, *history.deleted])
            current = sorted(_plain(v) for v in [*history.unchanged, *history.added])
            if new and not current:
                continue
        else:
            old = _plain(history.deleted[0]) if history.deleted else None
            current = _plain(history.added[0]) if history.added else None
            if new and current in (None, "", []):
                continue
        if old != current:
            changes[key] = {"old": None if new else old, "new": current}
    return changes


def _parent(obj) -> tuple[str | None, int | None]:
    if not obj.__audit_parent__:
        return None, None
    parent = getattr(obj, obj.__audit_parent__)
    if parent is None:
        # A part removed from its parent (a key figure taken off an initiative) has lost the link by
        # now; the link's history still knows where it belonged.
        history = attributes.get_history(obj, obj.__audit_parent__, passive=attributes.PASSIVE_NO_INITIALIZE)
        parent = next(iter(history.deleted), None)
    if parent is None:
        return None, None
    return parent.__tablename__, parent.id


def _event(obj, action: str, changes: dict, actor: int | None) -> dict:
    parent_type, parent_id = _parent(obj)
    return {
        "at": utcnow(), "user_id": actor, "action": action, "entity_type": obj.__tablename__,
        "entity_id": obj.id, "entity_label": obj.audit_label[:200], "parent_type": parent_type,
        "parent_id": parent_id, "changes": changes, "source": current_source(),
    }


def _action_for_update(changes: dict) -> str:
    archived = changes.get("archived_at")
    if archived and len(changes) == 1:
        return "archive" if archived["new"] else "restore"
    return "update"


def _has_link_changes(obj) -> bool:
    return any(attributes.get_history(obj, key, passive=attributes.PASSIVE_NO_INITIALIZE).has_changes()
               for key, is_collection in _tracked_attributes(obj) if is_collection)


def before_flush(session: Session, flush_context, instances) -> None:
    """A record whose only change is to its links still gets an UPDATE, so its version moves on."""
    for obj in session.dirty:
        if isinstance(obj, Audited) and hasattr(obj, "updated_at") and _has_link_changes(obj):
            obj.updated_at = utcnow()


def after_flush(session: Session, flush_context) -> None:
    actor = current_actor_id()
    rows = []
    for obj in session.new:
        if isinstance(obj, Audited):
            rows.append(_event(obj, "create", _changes(obj, new=True), actor))
    for obj in session.dirty:
        if isinstance(obj, Audited) and session.is_modified(obj, include_collections=True):
            changes = _changes(obj, new=False)
            if changes:
                rows.append(_event(obj, _action_for_update(changes), changes, actor))
    # The unit of work knows every deleted row, including orphans removed by a cascade (a key figure
    # taken off an initiative), which never pass through session.deleted.
    for state, (is_delete, list_only) in flush_context.states.items():
        obj = state.obj()
        if is_delete and not list_only and isinstance(obj, Audited):
            rows.append(_event(obj, "delete", {}, actor))
    if rows:
        session.connection().execute(insert(AuditEvent), rows)


def install(session_class: type[Session]) -> None:
    """Record every flush of sessions of this class (idempotent: apps created twice record once)."""
    for name, listener in (("before_flush", before_flush), ("after_flush", after_flush)):
        if not event.contains(session_class, name, listener):
            event.listen(session_class, name, listener)

