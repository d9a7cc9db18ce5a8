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

All data comes in five bulk queries, run only when there are candidates.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from tracker.bodies.models import Body, Meeting, Membership, meeting_administrations
from tracker.core.dates import LazyDay
from tracker.extensions import db
from tracker.log.models import CooperationEntry, entry_administrations, entry_areas

SMALL_GROUP = 4


@dataclass(frozen=True)
class Evidence:
    kind: str  # partnership, joint_entry, joint_meeting, shared_body
    strong: bool
    text: object  # a lazy Danish string
    details: dict = field(default_factory=dict, compare=False)

    def __str__(self) -> str:
        return str(self.text)


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


def _load_entries() -> tuple[list[_Entry], dict[int, list[_Entry]]]:
    entries = {row.id: _Entry(row.id, row.date, row.initiative_id, row.meeting_id) for row in db.session.execute(
        select(CooperationEntry.id, CooperationEntry.date, CooperationEntry.initiative_id,
               CooperationEntry.meeting_id).where(CooperationEntry.archived_at.is_(None)))}
    for entry_id, administration_id in db.session.execute(select(entry_administrations)):
        if entry_id in entries:
            entries[entry_id].administrations.add(administration_id)
    for entry_id, area_id in db.session.execute(select(entry_areas)):
        if entry_id in entries:
            entries[entry_id].areas.add(area_id)
    by_initiative: dict[int, list[_Entry]] = defaultdict(list)
    for entry in entries.values():
        if entry.initiative_id is not None:
            by_initiative[entry.initiative_id].append(entry)
    return list(entries.values()), by_initiative


def _load_meetings() -> tuple[dict[int, set[int]], dict[int, tuple[date, str]]]:
    attended: dict[int, set[int]] = defaultdict(set)
    for meeting_id, administration_id in db.session.execute(select(meeting_administrations)):
        attended[meeting_id].add(administration_id)
    meetings = {row.id: (row.date, row.name) for row in db.session.execute(
        select(Meeting.id, Meeting.date, Body.name).join(Body, Meeting.body_id == Body.id)
        .where(Meeting.archived_at.is_(None)))}
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


def gather_evidence(candidates: list, administration_codes: dict[int, str]) -> None:
    """Fill in each candidate's `evidence`, strong first."""
    if not candidates:
        return
    entries, by_initiative = _load_entries()
    attended, meetings = _load_meetings()
    seats, bodies = _load_seats()
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
        code_a, code_b = administration_codes[lead_a], administration_codes[lead_b]
        start, end = candidate.overlap
        found = []
        if lead_b in a.partner_administration_ids or lead_a in b.partner_administration_ids:
            found.append(Evidence("partnership", True,
                                  _l("%(a)s og %(b)s er med på hinandens indsats", a=code_a, b=code_b)))
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
            found.append(Evidence("joint_entry", True,
                                  _l("fælles logpost i perioden (%(count)s, senest %(date)s)",
                                     count=len(joint), date=LazyDay(last)),
                                  {"entry_ids": sorted(i for _d, i in joint)}))
        met = set()
        for record in (a, b):
            for entry in by_initiative.get(record.id, ()):
                if entry.meeting_id in meetings and {lead_a, lead_b} <= attended.get(entry.meeting_id, set()):
                    met.add(entry.meeting_id)
        if met:
            day, body = max(meetings[m] for m in met)
            found.append(Evidence("joint_meeting", True,
                                  _l("begge deltog i møde om indsatsen (%(body)s, %(date)s)",
                                     body=body, date=LazyDay(day)),
                                  {"meeting_ids": sorted(met)}))
        shared = sorted(body_id for body_id in seats.get(lead_a, set()) & seats.get(lead_b, set())
                        if bodies[body_id][1] is None or bodies[body_id][1] in candidate.area_ids)
        if shared:
            names = ", ".join(sorted(bodies[i][0] for i in shared))
            found.append(Evidence("shared_body", False, _l("begge sidder i %(bodies)s", bodies=names),
                                  {"body_ids": shared}))
        candidate.evidence = found
