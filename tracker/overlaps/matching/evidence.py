"""Coordination evidence for overlap candidates: what shows that two administrations know of each other.

Strong evidence (any one makes a candidate coordinated):

* ``partnership`` — either lead administration is lead or partner on the other's initiative;
* ``joint_entry`` — a cooperation entry dated within the overlapping period that is either logged on one of
  the two initiatives and involves the other lead administration, or is logged on no initiative, involves
  both lead administrations and at most ``SMALL_GROUP`` administrations, and is about a shared area (an
  entry of a whole forum with every administration shows seats, not coordination);
* ``joint_meeting`` — both lead administrations attended a meeting at which an entry about either initiative
  was logged (an entry with a meeting, linked to one of the two initiatives); any date, since having
  discussed it together is what counts.

Weak evidence (context only, never enough): ``shared_body`` — both lead administrations hold a current
seat in the same body, either an area body of a shared area or a city-wide body (no area, no place:
the team, the steering group). The boligsociale fora seat all seven administrations, so this alone says little.

All data comes in five bulk queries, run only when there are candidates; ``only`` narrows the log entries
read to those on the given initiatives (and those on none), for the few pairs a change touches. The stored
review keeps the strong evidence with each candidate and adds the seats when it shows one (``add_seats``),
so a change of seats never has to touch the stored candidates.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from tracker.bodies.models import Body, Meeting, Membership, meeting_administrations
from tracker.core.dates import LazyDay
from tracker.extensions import db
from tracker.log.models import CooperationEntry, entry_administrations, entry_areas
from tracker.overlaps.texts import _l

SMALL_GROUP = 4


@dataclass(frozen=True)
class Evidence:
    kind: str  # partnership, joint_entry, joint_meeting, shared_body
    strong: bool
    text: object  # a lazy Danish string
    details: dict = field(default_factory=dict, compare=False)
    args: dict = field(default_factory=dict, compare=False)  # the text's values, plain JSON (dates as ISO)

    def __str__(self) -> str:
        return str(self.text)

    @classmethod
    def of(cls, kind: str, args: dict, details: dict | None = None) -> Evidence:
        """The evidence of this kind with these values, its text in the reader's language when shown."""
        return cls(kind, kind in STRONG_KINDS, _TEXTS[kind](args), details or {}, args)


def _day(value: str) -> LazyDay:
    return LazyDay(date.fromisoformat(value))


STRONG_KINDS = ("partnership", "joint_entry", "joint_meeting")
_TEXTS = {
    "partnership": lambda a: _l("%(a)s og %(b)s er med på hinandens indsats", a=a["a"], b=a["b"]),
    "joint_entry": lambda a: _l("fælles logpost i perioden (%(count)s, senest %(date)s)", count=a["count"],
                                date=_day(a["date"])),
    "joint_meeting": lambda a: _l("begge deltog i møde om indsatsen (%(body)s, %(date)s)", body=a["body"],
                                  date=_day(a["date"])),
    "shared_body": lambda a: _l("begge sidder i %(bodies)s", bodies=a["bodies"]),
}


@dataclass
class _Entry:
    id: int
    date: date
    initiative_id: int | None
    meeting_id: int | None
    administrations: set[int] = field(default_factory=set)
    areas: set[int] = field(default_factory=set)


def _within(day: date, start: date | None, end: date | None) -> bool:
    return (start is None or day >= start) and (end is None or day <= end)


def _load_entries(only: set[int] | None = None) -> tuple[list[_Entry], dict[int, list[_Entry]]]:
    """The current log entries (with ``only``: those on these initiatives and those on no initiative), with
    their administrations and areas."""
    stmt = select(CooperationEntry.id, CooperationEntry.date, CooperationEntry.initiative_id,
                  CooperationEntry.meeting_id).where(CooperationEntry.archived_at.is_(None))
    links_of = None
    if only is not None:
        stmt = stmt.where(CooperationEntry.initiative_id.in_(sorted(only)) | CooperationEntry.initiative_id.is_(None))
        links_of = stmt.with_only_columns(CooperationEntry.id).scalar_subquery()
    entries = {row.id: _Entry(row.id, row.date, row.initiative_id, row.meeting_id)
               for row in db.session.execute(stmt)}
    for table, column, target in ((entry_administrations, "administration_id", "administrations"),
                                  (entry_areas, "area_id", "areas")):
        links = select(table.c.entry_id, table.c[column])
        if links_of is not None:
            links = links.where(table.c.entry_id.in_(links_of))
        for entry_id, value in db.session.execute(links):
            if entry_id in entries:
                getattr(entries[entry_id], target).add(value)
    by_initiative: dict[int, list[_Entry]] = defaultdict(list)
    for entry in entries.values():
        if entry.initiative_id is not None:
            by_initiative[entry.initiative_id].append(entry)
    return list(entries.values()), by_initiative


def _load_meetings(meeting_ids: set[int] | None = None) -> tuple[dict[int, set[int]], dict[int, tuple[date, str]]]:
    attendance = select(meeting_administrations)
    stmt = (select(Meeting.id, Meeting.date, Body.name).join(Body, Meeting.body_id == Body.id)
            .where(Meeting.archived_at.is_(None)))
    if meeting_ids is not None:
        attendance = attendance.where(meeting_administrations.c.meeting_id.in_(sorted(meeting_ids)))
        stmt = stmt.where(Meeting.id.in_(sorted(meeting_ids)))
    attended: dict[int, set[int]] = defaultdict(set)
    for meeting_id, administration_id in db.session.execute(attendance):
        attended[meeting_id].add(administration_id)
    meetings = {row.id: (row.date, row.name) for row in db.session.execute(stmt)}
    return attended, meetings


def _load_seats() -> tuple[dict[int, set[int]], dict[int, tuple[str, int | None]]]:
    seats: dict[int, set[int]] = defaultdict(set)  # administration id -> body ids
    bodies: dict[int, tuple[str, int | None]] = {}
    for body_id, name, area_id, place_id, administration_id in db.session.execute(
            select(Body.id, Body.name, Body.area_id, Body.place_id, Membership.administration_id)
            .join(Membership, Membership.body_id == Body.id)
            .where(Body.archived_at.is_(None), Membership.archived_at.is_(None),
                   Membership.administration_id.is_not(None), Membership.end_date.is_(None)
                   | (Membership.end_date >= date.today()))):
        if area_id is None and place_id is not None:
            continue  # an area renewal's steering group outside the six areas
        seats[administration_id].add(body_id)
        bodies[body_id] = (name, area_id)
    return seats, bodies


def gather_evidence(candidates: list, administration_codes: dict[int, str], *, only: set[int] | None = None,
                    seats: bool = True) -> None:
    """Fill in each candidate's `evidence`, strong first; ``seats``: with the shared seats (weak) too."""
    if not candidates:
        return
    entries, by_initiative = _load_entries(only)
    meeting_ids = {e.meeting_id for e in entries if e.meeting_id is not None} if only is not None else None
    attended, meetings = _load_meetings(meeting_ids)
    # Entries on no initiative, of a small group: looked up by each pair of administrations in the group.
    by_pair: dict[tuple[int, int], list[_Entry]] = defaultdict(list)
    for entry in entries:
        if entry.initiative_id is None and 2 <= len(entry.administrations) <= SMALL_GROUP and entry.areas:
            group = sorted(entry.administrations)
            for i, first in enumerate(group):
                for second in group[i + 1:]:
                    by_pair[(first, second)].append(entry)

    for candidate in candidates:
        a, b = candidate.first, candidate.second
        lead_a, lead_b = a.lead_administration_id, b.lead_administration_id
        start, end = candidate.overlap
        found = []
        if lead_b in a.partner_administration_ids or lead_a in b.partner_administration_ids:
            found.append(Evidence.of("partnership", {"a": administration_codes.get(lead_a, ""),
                                                     "b": administration_codes.get(lead_b, "")}))
        joint = set()
        for own, other_lead in ((a, lead_b), (b, lead_a)):
            for entry in by_initiative.get(own.id, ()):
                if other_lead in entry.administrations and _within(entry.date, start, end):
                    joint.add((entry.date, entry.id))
        for entry in by_pair.get((min(lead_a, lead_b), max(lead_a, lead_b)), ()):
            if entry.areas & candidate.area_ids and _within(entry.date, start, end):
                joint.add((entry.date, entry.id))
        if joint:
            last = max(joint)[0]
            found.append(Evidence.of("joint_entry", {"count": len(joint), "date": last.isoformat()},
                                     {"entry_ids": sorted(i for _d, i in joint)}))
        met = set()
        for record in (a, b):
            for entry in by_initiative.get(record.id, ()):
                if entry.meeting_id in meetings and {lead_a, lead_b} <= attended.get(entry.meeting_id, set()):
                    met.add(entry.meeting_id)
        if met:
            day, body = max(meetings[m] for m in met)
            found.append(Evidence.of("joint_meeting", {"body": body, "date": day.isoformat()},
                                     {"meeting_ids": sorted(met)}))
        candidate.evidence = found
    if seats:
        add_seats(candidates)


def add_seats(candidates: list) -> None:
    """Add to each candidate's evidence the bodies where both lead administrations hold a current seat
    (weak evidence, after the strong), in one query whatever the number of candidates (none, too)."""
    seats, bodies = _load_seats()
    for candidate in candidates:
        lead_a, lead_b = candidate.first.lead_administration_id, candidate.second.lead_administration_id
        shared = sorted(body_id for body_id in seats.get(lead_a, set()) & seats.get(lead_b, set())
                        if bodies[body_id][1] is None or bodies[body_id][1] in candidate.area_ids)
        if shared:
            names = ", ".join(sorted(bodies[i][0] for i in shared))
            candidate.evidence = [*candidate.evidence,
                                  Evidence.of("shared_body", {"bodies": names}, {"body_ids": shared})]
