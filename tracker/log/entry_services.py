"""Rules and writes for the cooperation log as people keep it: entries, and meetings with their decisions.

A meeting's decisions are cooperation entries of kind "decision" that point at the meeting; saving the
meeting again updates, archives or restores them instead of adding duplicates.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from tracker.areas.models import Area
from tracker.auth.models import User
from tracker.bodies.models import Body, Meeting
from tracker.bodies.services import (
    DecisionInput,
    MeetingInput,
    add_meeting,
    archive_meeting,
    restore_meeting,
    update_meeting,
)
from tracker.core.errors import ValidationError
from tracker.core.models import utcnow
from tracker.core.validation import check_choice, check_date, clean_text
from tracker.extensions import db
from tracker.initiatives.models import Initiative
from tracker.log.models import ENTRY_KINDS, CooperationEntry
from tracker.organisation.models import Administration

ENTRY_TEXT_MAX = 5000
DECISION_TEXT_MAX = 1000
DECISIONS_MAX = 50


@dataclass
class EntryInput:
    """A line of the cooperation log as a person states it; the same shape for forms and the API."""

    kind: str
    date: date | None
    text: str
    initiative: Initiative | None = None
    body: Body | None = None
    areas: Sequence[Area] = ()
    administrations: Sequence[Administration] = ()


def _check_target(field: str, record, current) -> None:
    """An archived initiative or body takes no new entries (an entry already on it may stay)."""
    if record is not None and record is not current and record.archived_at is not None:
        if field == "initiative":
            raise ValidationError(field, _l("Indsatsen er arkiveret og kan ikke få nye logposter."))
        raise ValidationError(field, _l("Samarbejdsorganet er arkiveret og kan ikke få nye logposter."))


def entry_problems(data: EntryInput, entry: CooperationEntry | None = None) -> list[ValidationError]:
    """Every rule the input breaks, in the order of the form; empty when it can be saved.

    `entry` is the one being edited (None for a new one): an entry already on an archived initiative or
    body may stay there, and one from a meeting stays with the meeting's body.
    """
    problems: list[ValidationError] = []

    def check(rule, *args) -> None:
        try:
            rule(*args)
        except ValidationError as error:
            problems.append(error)

    if data.date is None:
        problems.append(ValidationError("date", _l("Angiv en dato.")))
    else:
        check(check_date, "date", data.date)
    check(check_choice, "kind", data.kind, ENTRY_KINDS)
    check(lambda: clean_text("text", data.text, ENTRY_TEXT_MAX, required=True))
    check(_check_target, "initiative", data.initiative, entry.initiative if entry else None)
    check(_check_target, "body", data.body, entry.body if entry else None)
    meeting = entry.meeting if entry else None
    if meeting is not None and data.body is not meeting.body:
        problems.append(ValidationError("body", _l(
            "Logposten stammer fra et møde i '%(body)s' og hører til det organ.", body=meeting.body.name)))
    if data.initiative is None and data.body is None and not data.areas:
        problems.append(ValidationError(
            "areas", _l("En logpost uden indsats og samarbejdsorgan skal have mindst ét område.")))
    return problems


def _apply_entry(entry: CooperationEntry, data: EntryInput, flush: bool = True) -> CooperationEntry:
    problems = entry_problems(data, entry)
    if problems:
        raise problems[0]
    text = clean_text("text", data.text, ENTRY_TEXT_MAX, required=True)
    entry.date, entry.kind, entry.text = data.date, data.kind, text
    entry.initiative, entry.body = data.initiative, data.body
    entry.areas = list(dict.fromkeys(data.areas))
    entry.administrations = list(dict.fromkeys(data.administrations))
    db.session.add(entry)  # only now: an autoflush must never meet a half-filled new entry
    if flush:
        db.session.flush()
    return entry


def create_entry(data: EntryInput, author: User | None, flush: bool = True) -> CooperationEntry:
    """flush=False leaves the flush to the caller, who saves many entries at once (an import)."""
    return _apply_entry(CooperationEntry(author=author), data, flush)


def update_entry(entry: CooperationEntry, data: EntryInput, flush: bool = True) -> CooperationEntry:
    """The entry with new values; its author stays the person who wrote it."""
    return _apply_entry(entry, data, flush)


def archive_entry(entry: CooperationEntry) -> CooperationEntry:
    if entry.archived_at is None:
        entry.archived_at = utcnow()
        db.session.flush()
    return entry


def restore_entry(entry: CooperationEntry) -> CooperationEntry:
    if entry.archived_at is not None:
        entry.archived_at = None
        db.session.flush()
    return entry


def _row(index: int, name: str) -> str:
    """The form field a decision's problem belongs to: the row's own input (`decisions-<row>-<input>`)."""
    return f"decisions-{index}-{name}"


def clean_decisions(decisions: Sequence[DecisionInput]) -> list[tuple[int, DecisionInput]]:
    """The decisions to keep, each with its row number: blank rows dropped, each text once, each within
    the limits; a due date needs an owner. Problems name the row's input (see `_row`)."""
    kept: dict[str, tuple[int, DecisionInput]] = {}
    for index, decision in enumerate(decisions):
        text = (decision.text or "").strip()
        if not text:
            if decision.owner is not None or decision.due_date is not None or decision.initiative is not None:
                raise ValidationError(_row(index, "text"), _l("Skriv beslutningen, eller tøm rækken."))
            continue
        if len(text) > DECISION_TEXT_MAX:
            raise ValidationError(_row(index, "text"), _l(
                "Beslutning %(number)s må højst have %(max)s tegn (har %(length)s).",
                number=index + 1, max=DECISION_TEXT_MAX, length=len(text)))
        if decision.due_date is not None:
            check_date(_row(index, "due_date"), decision.due_date)
            if decision.owner is None:
                raise ValidationError(_row(index, "owner"),
                                      _l("Vælg den forvaltning, der er ansvarlig for at nå fristen."))
        kept.setdefault(text, (index, DecisionInput(text, decision.owner, decision.due_date, decision.initiative)))
    if len(kept) > DECISIONS_MAX:
        raise ValidationError("decisions", _l("Et møde kan højst have %(max)s beslutninger.", max=DECISIONS_MAX))
    return list(kept.values())


def decisions_of(meeting: Meeting) -> list[CooperationEntry]:
    """Every decision entry the meeting produced, archived ones too, oldest first."""
    return list(db.session.scalars(
        select(CooperationEntry)
        .where(CooperationEntry.meeting_id == meeting.id, CooperationEntry.kind == "decision")
        .order_by(CooperationEntry.id)
    ))


def decision_input(entry: CooperationEntry) -> DecisionInput:
    """A saved decision as the meeting form shows it."""
    return DecisionInput(entry.text, entry.owner_administration, entry.due_date, entry.initiative)


def _same(decision: DecisionInput, entry: CooperationEntry) -> bool:
    return (decision.owner is entry.owner_administration and decision.due_date == entry.due_date
            and decision.initiative is entry.initiative)


def _body_area(body: Body) -> Area | None:
    if body.area is not None:
        return body.area
    return body.place.area if body.place is not None else None


def _follow_up(entry: CooperationEntry, index: int, decision: DecisionInput) -> None:
    """The decision's owner, due date and initiative as the meeting's writer set them. Moving a follow-up on
    and closing it is its owner's, on the follow-up page; a closed one keeps its owner and due date here."""
    initiative = decision.initiative
    if initiative is not None and initiative is not entry.initiative and initiative.archived_at is not None:
        raise ValidationError(_row(index, "initiative"), _l("Indsatsen er arkiveret og kan ikke få nye logposter."))
    entry.initiative = initiative
    owner_changed = decision.owner is not entry.owner_administration or decision.due_date != entry.due_date
    if entry.follow_up_status == "closed" and owner_changed:
        raise ValidationError(_row(index, "owner"), _l(
            "Beslutningen er lukket. Genåbn den på opfølgningssiden, før du ændrer ansvarlig eller frist."))
    if decision.owner is None:
        if entry.follow_up_status == "in_progress":
            raise ValidationError(_row(index, "owner"), _l(
                "Beslutningen er i gang og beholder sin ansvarlige forvaltning."))
        entry.owner_administration, entry.due_date, entry.follow_up_status = None, None, None
        return
    entry.owner_administration, entry.due_date = decision.owner, decision.due_date
    entry.follow_up_status = entry.follow_up_status or "open"


def sync_decisions(meeting: Meeting, decisions: Sequence[tuple[int, DecisionInput]],
                   author: User | None) -> list[CooperationEntry]:
    """The meeting's decision entries made to match `decisions` (already cleaned, with their row numbers).

    A decision kept keeps its entry (and history); a new one gets a new entry; one no longer listed is
    archived, and restored if it comes back. Each carries the meeting's date, the body, the body's area
    and the attending administrations, and the owner, due date and initiative its row gives it.
    """
    existing = decisions_of(meeting)
    current = {entry.text: entry for entry in existing if entry.archived_at is None}
    archived = {entry.text: entry for entry in existing if entry.archived_at is not None}
    area = _body_area(meeting.body)
    kept = []
    for index, decision in decisions:
        entry = current.pop(decision.text, None) or archived.pop(decision.text, None)
        if entry is None:
            entry = CooperationEntry(kind="decision", text=decision.text, meeting=meeting, author=author)
        entry.archived_at = None
        entry.date, entry.body = meeting.date, meeting.body
        entry.areas = [area] if area is not None else []
        entry.administrations = list(meeting.administrations)
        _follow_up(entry, index, decision)
        db.session.add(entry)
        kept.append(entry)
    for entry in current.values():
        entry.archived_at = utcnow()
    db.session.flush()
    return kept


def record_meeting(body: Body, data: MeetingInput, decisions: Sequence[DecisionInput], author: User | None) -> Meeting:
    """A new meeting of `body` with its decisions as cooperation entries."""
    cleaned = clean_decisions(decisions)
    meeting = add_meeting(body, data)
    sync_decisions(meeting, cleaned, author)
    return meeting


def revise_meeting(meeting: Meeting, data: MeetingInput, decisions: Sequence[DecisionInput],
                   author: User | None) -> Meeting:
    """The meeting with new values; its decision entries follow without being duplicated."""
    cleaned = clean_decisions(decisions)
    saved = {entry.text: entry for entry in decisions_of(meeting) if entry.archived_at is None}
    if set(saved) != {decision.text for _index, decision in cleaned} or not all(
            _same(decision, saved[decision.text]) for _index, decision in cleaned):
        # The decisions are entries of their own: touching the meeting makes the save an UPDATE of it, so
        # its version moves on and a stale form that changed only decisions is caught.
        meeting.updated_at = utcnow()
    update_meeting(meeting, data)
    sync_decisions(meeting, cleaned, author)
    return meeting


def archive_meeting_with_decisions(meeting: Meeting) -> Meeting:
    """The meeting and its current decisions archived at the same moment, so restoring brings back just those."""
    if meeting.archived_at is None:
        archive_meeting(meeting)
        for entry in decisions_of(meeting):
            if entry.archived_at is None:
                entry.archived_at = meeting.archived_at
        db.session.flush()
    return meeting


def restore_meeting_with_decisions(meeting: Meeting) -> Meeting:
    if meeting.archived_at is not None:
        archived_at = meeting.archived_at
        for entry in decisions_of(meeting):
            if entry.archived_at == archived_at:
                entry.archived_at = None
        restore_meeting(meeting)
    return meeting


def save_entry(entry_date: date, kind: str, text: str, initiative: Initiative | None = None,
               body: Body | None = None, meeting: Meeting | None = None, areas: Sequence[Area] = (),
               administrations: Sequence[Administration] = (), author: User | None = None,
               entry: CooperationEntry | None = None) -> CooperationEntry:
    """Record a line of the cooperation log, or update `entry`.

    Without `entry`, an entry with the same date, kind and text is updated instead of repeated.
    """
    if entry_date is None:
        raise ValidationError("date", _l("Angiv en dato."))
    check_date("date", entry_date)
    check_choice("kind", kind, ENTRY_KINDS)
    text = clean_text("text", text, ENTRY_TEXT_MAX, required=True)
    if meeting is not None:
        if body is not None and meeting.body is not body:
            raise ValidationError("meeting", _l("Mødet hører til et andet samarbejdsorgan."))
        body = meeting.body
    if entry is None:
        entry = db.session.scalar(select(CooperationEntry).where(
            CooperationEntry.date == entry_date, CooperationEntry.kind == kind, CooperationEntry.text == text,
        ))
    if entry is None:
        entry = CooperationEntry()
        db.session.add(entry)
    entry.date, entry.kind, entry.text = entry_date, kind, text
    entry.initiative, entry.body, entry.meeting = initiative, body, meeting
    entry.areas = list(dict.fromkeys(areas))
    entry.administrations = list(dict.fromkeys(administrations))
    if author is not None:
        entry.author = author
    db.session.flush()
    return entry
