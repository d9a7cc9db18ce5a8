"""What a flush changed that the stored overlap candidates depend on, written down in the same transaction.

After each flush every new, changed or deleted initiative, log entry, meeting or place becomes a row of
``overlap_changes`` (models.py): an initiative's pairs must be found again; a log entry's evidence must be
read again for the pairs of the initiative it is on, was on, or (an entry on no initiative) of its
administrations in its areas; a meeting's for the pairs whose entries were at it; a place's initiatives'
pairs, since the place may lie in another area now. A body's name and an administration's code are
written into the stored evidence's texts (evidence.py: "… møde om indsatsen (<body>, <date>)", "<code> og
<code> er med på hinandens indsats"), so renaming a body reads again the evidence of its meetings that have
entries on an initiative, and recoding an administration that of the pairs it leads (the only texts that
name its code). A body's area, place or seats and an administration's name need nothing: the shared seats
and every other name are read when shown. Committed with the change or rolled back with it, so
every app process sees the change and what it asks for at once. The stored review takes the rows in and
removes them (store.py). Rows inserted without the ORM (`flask synth`) leave none; store.py catches those
by their ids.
"""
from __future__ import annotations

from sqlalchemy import event, insert, select
from sqlalchemy.orm import Session, attributes

from tracker.areas.models import Place
from tracker.bodies.models import Body, Meeting
from tracker.initiatives.models import Initiative
from tracker.log.models import CooperationEntry
from tracker.organisation.models import Administration
from tracker.overlaps.models import OverlapChange


def id_list(ids) -> str:
    """Ids as the stored rows keep them: sorted, comma-wrapped (",3,5,"), so LIKE '%,3,%' finds one."""
    return "," + "".join(f"{i}," for i in sorted(set(ids)))


def _old_and_new(obj, key: str) -> set:
    """The values of a link or reference before and after the flush (ids of related records)."""
    history = attributes.get_history(obj, key, passive=attributes.PASSIVE_NO_INITIALIZE)
    values = [*history.unchanged, *history.added, *history.deleted]
    return {v if isinstance(v, int) else v.id for v in values if v is not None}


def _entry_rows(entry: CooperationEntry) -> list[dict]:
    initiatives = _old_and_new(entry, "initiative_id") | _old_and_new(entry, "initiative")
    rows = [{"kind": "evidence", "target_id": i} for i in sorted(initiatives)]
    if not initiatives or entry.initiative_id is None:
        administrations = _old_and_new(entry, "administrations")
        areas = _old_and_new(entry, "areas")
        if administrations and areas:
            rows.append({"kind": "loose", "administration_ids": id_list(administrations),
                         "area_ids": id_list(areas)})
    if entry.meeting_id is not None:
        rows.append({"kind": "meeting", "target_id": entry.meeting_id})
    return rows


def _changed(obj, key: str) -> bool:
    return attributes.get_history(obj, key, passive=attributes.PASSIVE_NO_INITIALIZE).has_changes()


def _renamed_rows(session: Session, bodies: set[int], administrations: set[int]) -> list[dict]:
    """The rows that read again the evidence naming these renamed bodies and recoded administrations (one query
    each, only when there are any: a rename is rare, a body's meetings or an administration's initiatives many)."""
    rows = []
    if bodies:
        at_meetings = select(CooperationEntry.meeting_id).distinct().join(
            Meeting, Meeting.id == CooperationEntry.meeting_id).where(
            Meeting.body_id.in_(sorted(bodies)), CooperationEntry.initiative_id.is_not(None))
        rows += [{"kind": "meeting", "target_id": i} for i in session.connection().scalars(at_meetings)]
    if administrations:
        led = select(Initiative.id).where(Initiative.lead_administration_id.in_(sorted(administrations)))
        rows += [{"kind": "evidence", "target_id": i} for i in session.connection().scalars(led)]
    return rows


def _rows(obj, deleted: bool) -> list[dict]:
    if isinstance(obj, Initiative):
        return [{"kind": "initiative", "target_id": obj.id}]
    if isinstance(obj, CooperationEntry):
        return _entry_rows(obj)
    if isinstance(obj, Meeting):
        return [{"kind": "meeting", "target_id": obj.id}]
    if isinstance(obj, Place) and (deleted or _changed(obj, "area_id") or _changed(obj, "area")):
        return [{"kind": "place", "target_id": obj.id}]
    return []


WATCHED = (Initiative, CooperationEntry, Meeting, Place)


def after_flush(session: Session, flush_context) -> None:
    rows = []
    for obj in session.new:
        if isinstance(obj, WATCHED):
            rows += _rows(obj, deleted=False)
    bodies, administrations = set(), set()
    for obj in session.dirty:
        if isinstance(obj, WATCHED) and session.is_modified(obj, include_collections=True):
            rows += _rows(obj, deleted=False)
        elif isinstance(obj, Body) and _changed(obj, "name"):
            bodies.add(obj.id)
        elif isinstance(obj, Administration) and _changed(obj, "code"):
            administrations.add(obj.id)
    for obj in session.deleted:
        if isinstance(obj, WATCHED):
            rows += _rows(obj, deleted=True)
    rows += _renamed_rows(session, bodies, administrations)
    if rows:
        unique = list({tuple(sorted(row.items())): row for row in rows}.values())
        session.connection().execute(insert(OverlapChange), [
            {"target_id": None, "administration_ids": None, "area_ids": None, **row} for row in unique])
        session.info[PENDING] = True  # the stored review must not commit them for this session (store.py)


def _settled(session: Session, *args) -> None:
    session.info.pop(PENDING, None)


PENDING = "overlap_changes_pending"


def install(session_class: type[Session]) -> None:
    """Watch every flush of sessions of this class (idempotent: apps created twice watch once)."""
    for name, listener in (("after_flush", after_flush), ("after_commit", _settled), ("after_rollback", _settled)):
        if not event.contains(session_class, name, listener):
            event.listen(session_class, name, listener)
