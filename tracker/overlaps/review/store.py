"""The stored review: overlap candidates kept in the database and brought up to date with every change, so
that no page waits for detection over every open initiative (seconds at 20,000 initiatives).

A *full run* (``rebuild``: `flask overlaps detect`, or the first look at an empty store) detects over every
open initiative (detection.py) and stores the candidates, their topics and evidence, the statistics their
weights came from, and the highest initiative and log entry ids it saw (models.py, ``OverlapState``).

Every change that matters to a candidate leaves a row in ``overlap_changes`` in its own transaction
(changes.py). Before a page reads the candidates, ``ensure_current`` looks, in one query, for such rows and
for ids above those seen (rows inserted without the ORM, by `flask synth`); when there are any, it takes
them in (``_update``): each changed initiative's pairs are deleted and found again against the open
initiatives sharing a location with it, weighed with the full run's statistics (``detect_around``); the
evidence of the pairs a log entry or meeting touches is read again; and the topics of the areas concerned
are linked again (topics.py; stored_topics.py writes them). That costs a few of the changed initiatives'
neighbours, not a full run. When most of the scope has changed (an import of thousands, a fresh `synth`), or
the scope is small enough to detect at once (``FULL_MIN``), it runs in full instead.

Several app processes stay correct: the change rows are committed with the change, every read looks at the
database, and an update first claims the state row's version (``UPDATE … WHERE version = v``), so two
processes never take in the same rows twice; the one that loses waits for the other's commit and reads its
result. A request holding writes of its own not yet committed does not update (it would commit them).

Between full runs, pairs a change did not touch keep the weights of the last full run, and changed pairs
are weighed with them too: the IDF of a word, or how crowded a theme is in an area, moves little with a few
changes in thousands. A nightly `flask overlaps detect` brings every pair to the current statistics.
"""
from __future__ import annotations

import json
import zlib
from dataclasses import replace
from datetime import UTC, datetime
from typing import NamedTuple

from sqlalchemy import bindparam, delete, func, insert, or_, select, text, update
from sqlalchemy.exc import IntegrityError

from tracker.core.changes import cached
from tracker.extensions import db
from tracker.initiatives.models import Initiative, initiative_partner_administrations, initiative_places
from tracker.log.models import CooperationEntry, entry_administrations, entry_areas
from tracker.overlaps.matching.candidates import Candidate, DetectionResult, order_key, order_value
from tracker.overlaps.matching.detection import detect, detect_around
from tracker.overlaps.matching.evidence import gather_evidence
from tracker.overlaps.matching.records import InitiativeRecord, load_names
from tracker.overlaps.matching.topics import WORDS_PER_PAIR, topic_area
from tracker.overlaps.models import OverlapChange, OverlapState
from tracker.overlaps.review.changes import PENDING, id_list
from tracker.overlaps.review.stored_topics import (
    candidates_table,
    chunks,
    details_table,
    group_of,
    ids_of,
    relink,
    summarise,
    topics_table,
    update_rows,
)

FULL_MIN = 300  # open initiatives: up to this many, a full run is as quick as an update
FULL_SHARE = 0.25  # changed initiatives, as a share of the scope, from which a full run is quicker
STATE = 1
CURRENT = ("overlaps", "current")  # the version the stored review was seen up to date at, kept under the token

changes_table = OverlapChange.__table__
state_table = OverlapState.__table__


def ensure_current() -> int | None:
    """Bring the stored candidates up to date with every committed change (one query when they are, none when
    that was seen under the current change token); the state's version they are up to date at, which every
    update moves on (None: not brought up to date)."""
    version = cached(CURRENT, _version_if_current)
    if version is not None:
        return version
    for _attempt in range(3):
        marks = _marks()
        if _is_current(marks):
            return marks.version
        if _writing():
            return None  # this request's own writes are not committed yet; the next request takes them in
        if _claim(marks.version) and _bring_up_to_date(marks):
            db.session.commit()
            version = (marks.version or 0) + 1
            return cached(CURRENT, lambda version=version: version)  # current under the token this commit gave
        db.session.rollback()  # another process updated meanwhile: read what it stored
    return None


def _version_if_current() -> int | None:
    marks = _marks()
    return marks.version if _is_current(marks) else None


def _is_current(marks) -> bool:
    return marks.version is not None and marks.change is None and (marks.initiatives or 0) <= marks.last_initiative \
        and (marks.entries or 0) <= marks.last_entry


class Run(NamedTuple):
    """What a full run found: candidates stored, pairs compared, open initiatives compared."""

    candidates: int
    pairs_compared: int
    initiatives: int


def rebuild() -> Run:
    """A full run: detect over every open initiative and store the result (flush, no commit)."""
    marks = _marks()
    if not _claim(marks.version):
        return Run(0, 0, 0)
    result = _full_run(marks, [row.id for row in db.session.execute(select(changes_table.c.id))])
    return Run(len(result.candidates), result.pairs_compared, result.initiatives_considered)


# --- what there is to do ---------------------------------------------------------------------------------

def _marks():
    """The state row and what may have changed since, in one query."""
    state = [select(column).where(state_table.c.id == STATE).scalar_subquery().label(name) for name, column in (
        ("version", state_table.c.version), ("last_initiative", state_table.c.last_initiative_id),
        ("last_entry", state_table.c.last_entry_id), ("scope", state_table.c.scope))]
    return db.session.execute(select(
        *state, select(changes_table.c.id).limit(1).scalar_subquery().label("change"),
        select(func.max(Initiative.id)).scalar_subquery().label("initiatives"),
        select(func.max(CooperationEntry.id)).scalar_subquery().label("entries"))).one()


def _writing() -> bool:
    session = db.session()
    return bool(session.new or session.dirty or session.deleted or session.info.get(PENDING))


def _claim(version: int | None) -> bool:
    """Take the state row for this update; False when another process updated it first."""
    if version is None:
        try:
            db.session.execute(insert(state_table).values(id=STATE, version=1, detected_at=_now(), statistics=b""))
        except IntegrityError:  # another process stored the first run meanwhile
            db.session.rollback()
            return False
        return True
    claimed = db.session.execute(update(state_table).where(state_table.c.id == STATE, state_table.c.version
                                                           == version).values(version=version + 1))
    return claimed.rowcount == 1


def _bring_up_to_date(marks) -> bool:
    """Take in what changed; a fixed number of statements for each way of doing it."""
    changes = db.session.execute(select(changes_table)).all()
    fresh = marks.version is None or not marks.scope
    # Rows inserted without the ORM: those above the highest ids seen (none to look for before a first run).
    last_initiative = marks.initiatives or 0 if fresh else marks.last_initiative
    last_entry = marks.entries or 0 if fresh else marks.last_entry
    inserted = set(db.session.scalars(select(Initiative.id).where(Initiative.id > last_initiative)))
    entries = db.session.execute(select(CooperationEntry.id, CooperationEntry.initiative_id)
                                 .where(CooperationEntry.id > last_entry)).all()
    if fresh:
        _full_run(marks, [c.id for c in changes])
        return True
    redetect = {c.target_id for c in changes if c.kind == "initiative"}
    evidence = {c.target_id for c in changes if c.kind == "evidence"}
    meetings = {c.target_id for c in changes if c.kind == "meeting"}
    places = {c.target_id for c in changes if c.kind == "place"}
    loose = [(ids_of(c.administration_ids), ids_of(c.area_ids)) for c in changes if c.kind == "loose"]
    redetect |= inserted
    for entry_id, initiative_id in entries:
        evidence.add(initiative_id) if initiative_id is not None else loose.append(_entry_links(entry_id))
    if places:
        redetect |= set(db.session.scalars(select(initiative_places.c.initiative_id)
                                           .where(initiative_places.c.place_id.in_(sorted(places)))))
    if meetings:
        evidence |= set(db.session.scalars(select(CooperationEntry.initiative_id).where(
            CooperationEntry.meeting_id.in_(sorted(meetings)), CooperationEntry.initiative_id.is_not(None))))
    if marks.scope <= FULL_MIN or len(redetect) > FULL_SHARE * marks.scope:
        _full_run(marks, [c.id for c in changes])
        return True
    statistics = json.loads(zlib.decompress(db.session.scalar(select(state_table.c.statistics))))
    areas, groups = _redetect(redetect, statistics)
    refreshed = _touched(evidence - redetect, loose)
    _refresh_evidence(refreshed)
    areas |= {row.topic_area for row in refreshed}
    groups |= {group_of(row) for row in refreshed if row.strong}
    for area in sorted(areas):
        groups |= relink(area)
    for condition in _involving(redetect):  # the changed initiatives' new pairs, as linked now
        groups |= {group_of(row) for row in db.session.execute(select(
            candidates_table.c.id, candidates_table.c.topic, candidates_table.c.strong).where(condition)) if row.strong}
    summarise(groups)
    _forget(c.id for c in changes)
    db.session.execute(update(state_table).where(state_table.c.id == STATE).values(
        last_initiative_id=max(marks.initiatives or 0, marks.last_initiative),
        last_entry_id=max(marks.entries or 0, marks.last_entry),
        updated_since=state_table.c.updated_since + len(redetect), weak_candidates=_weak_count()))
    return True


def _weak_count():
    """The number of weak candidates, as the update leaves them (a subquery of the state's update)."""
    return select(func.count()).select_from(candidates_table).where(candidates_table.c.strong.is_(False)) \
        .scalar_subquery()


def _entry_links(entry_id: int) -> tuple[set[int], set[int]]:
    administrations = set(db.session.scalars(select(entry_administrations.c.administration_id)
                                             .where(entry_administrations.c.entry_id == entry_id)))
    areas = set(db.session.scalars(select(entry_areas.c.area_id).where(entry_areas.c.entry_id == entry_id)))
    return administrations, areas


def _forget(change_ids) -> None:
    for chunk in chunks(change_ids) or [[]]:  # one statement when there is nothing to forget, too
        db.session.execute(delete(changes_table).where(changes_table.c.id.in_(chunk)))


def _now() -> datetime:
    return datetime.now(UTC)


# --- a full run ------------------------------------------------------------------------------------------

def _full_run(marks, change_ids: list[int]) -> DetectionResult:
    result = detect()
    db.session.execute(delete(candidates_table))
    db.session.execute(delete(details_table))
    _insert(result.candidates)
    summarise(None)
    _forget(change_ids)
    for table in (candidates_table, details_table, topics_table):  # the planner's row counts, for the lists
        db.session.execute(text(f"ANALYZE {table.name}"))
    packed = zlib.compress(json.dumps(result.statistics, separators=(",", ":")).encode(), 6)
    db.session.execute(update(state_table).where(state_table.c.id == STATE).values(
        last_initiative_id=marks.initiatives or 0, last_entry_id=marks.entries or 0,
        scope=result.initiatives_considered, updated_since=0, detected_at=_now(), statistics=packed,
        weak_candidates=sum(not c.strong for c in result.candidates)))
    return result


INSERT_ROWS = 20_000  # rows per executemany (the driver batches each); fewer would hold them all in memory


def _insert(candidates: list[Candidate]) -> None:
    for start in range(0, len(candidates), INSERT_ROWS):
        chunk = candidates[start:start + INSERT_ROWS]
        db.session.execute(insert(candidates_table), [_row(c) for c in chunk])
        db.session.execute(insert(details_table), [{"first_initiative_id": c.first.id,
                                                    "second_initiative_id": c.second.id, "details": _details(c)}
                                                   for c in chunk])


def _row(c: Candidate) -> dict:
    strength = c.strength
    basis = c.basis
    return {
        "first_initiative_id": c.first.id, "second_initiative_id": c.second.id,
        "first_lead_id": c.first.lead_administration_id, "second_lead_id": c.second.lead_administration_id,
        "topic": c.topic if c.strong else None, "topic_area": topic_area(c), "alike": strength.alike,
        "strong": c.strong, "uncoordinated": c.uncoordinated, "order_key": order_key(c), "score": c.score,
        "similarity": c.similarity, "relevance": strength.relevance, "fingerprint": c.fingerprint,
        "area_ids": id_list(c.area_ids), "theme_ids": id_list(c.theme_ids),
        "words": "|".join(word for word, _weight in basis.words[:WORDS_PER_PAIR])[:400],
        "overlap_start": c.overlap[0], "overlap_end": c.overlap[1],
    }


def _details(c: Candidate) -> dict:
    basis = c.basis
    return {"places": list(basis.places), "goals": list(basis.goals), "partners": list(basis.partners),
            "words": [list(w) for w in basis.words], "signals": list(c.strength.signals), "evidence": _evidence(c)}


def _evidence(c: Candidate) -> list[dict]:
    """The strong evidence as stored; the seats are added when shown (evidence.add_seats)."""
    return [{"kind": e.kind, "args": e.args, "details": e.details} for e in c.evidence if e.strong]


# --- an update -------------------------------------------------------------------------------------------

def _involving(ids, table=candidates_table) -> list:
    """Conditions for the stored pairs with one of these initiatives, a chunk of ids each."""
    return [or_(table.c.first_initiative_id.in_(chunk), table.c.second_initiative_id.in_(chunk))
            for chunk in chunks(ids)]


def _redetect(changed: set[int], statistics: dict) -> tuple[set[int], set[int]]:
    """Find the changed initiatives' pairs again; the areas whose topics must be linked again, and the list's
    rows the old pairs were in. When the changed initiatives' alike pairs are what they were (an edit of the
    status, a partner, a goal), the topics stand: the new pairs keep their topics and nothing is relinked."""
    areas, groups, before = set(), set(), {}
    t = candidates_table.c
    for condition, of_details in zip(_involving(changed), _involving(changed, details_table), strict=True):
        for row in db.session.execute(select(t.id, t.first_initiative_id, t.second_initiative_id, t.topic, t.strong,
                                             t.topic_area, t.alike, t.similarity, t.first_lead_id, t.second_lead_id)
                                      .where(condition)):
            areas.add(row.topic_area)
            if row.strong:
                groups.add(group_of(row))
            if row.alike:
                before[(row.first_initiative_id, row.second_initiative_id)] = row
        db.session.execute(delete(candidates_table).where(condition))
        db.session.execute(delete(details_table).where(of_details))
    if not changed:
        return areas, groups
    found, _open = detect_around(changed, statistics)
    alike = [c for c in found if c.strength.alike]
    if {c.initiative_ids: (topic_area(c), c.similarity, *c.leads) for c in alike} == {
            pair: (row.topic_area, row.similarity, row.first_lead_id, row.second_lead_id)
            for pair, row in before.items()}:
        for c in alike:
            old = before[c.initiative_ids]
            c.topic = old.topic
            if not old.strong:
                c.strength = replace(c.strength, outclassed=True)
        areas = set()
    else:
        areas |= {topic_area(c) for c in alike}
    _insert(found)
    return areas, groups


def _touched(initiatives: set[int], loose: list[tuple[set[int], set[int]]]) -> list:
    """The stored pairs whose evidence a log entry or meeting may have changed."""
    conditions = _involving(initiatives)
    for administrations, areas in loose:
        if len(administrations) < 2 or not areas:
            continue
        conditions.append(candidates_table.c.first_lead_id.in_(sorted(administrations))
                          & candidates_table.c.second_lead_id.in_(sorted(administrations))
                          & or_(*(candidates_table.c.area_ids.like(f"%,{a},%") for a in sorted(areas))))
    if not conditions:
        return []
    return db.session.execute(select(candidates_table).where(or_(*conditions))).all()


def _refresh_evidence(rows: list) -> None:
    """Read the evidence of these stored pairs again and store it, with what it changes in the list's order."""
    if not rows:
        return
    ids = {i for row in rows for i in (row.first_initiative_id, row.second_initiative_id)}
    partners: dict[int, set[int]] = {}
    for chunk in chunks(ids):
        for initiative_id, administration_id in db.session.execute(select(initiative_partner_administrations).where(
                initiative_partner_administrations.c.initiative_id.in_(chunk))):
            partners.setdefault(initiative_id, set()).add(administration_id)
    pairs = []
    for row in rows:
        first, second = (InitiativeRecord(i, "", "", "", None, None, lead, partner_administration_ids=partners.get(i, set()))
                         for i, lead in ((row.first_initiative_id, row.first_lead_id),
                                         (row.second_initiative_id, row.second_lead_id)))
        pairs.append(Candidate(first, second, row.score, (row.overlap_start, row.overlap_end),
                               ids_of(row.area_ids), ids_of(row.theme_ids)))
    gather_evidence(pairs, load_names().administrations, only=ids, seats=False)
    stored = {}
    for condition in _involving(ids, details_table):
        for first, second, details in db.session.execute(select(details_table).where(condition)):
            stored[(first, second)] = details
    updates, shown = [], []
    for row, pair in zip(rows, pairs, strict=True):
        uncoordinated = pair.uncoordinated
        updates.append({"row_id": row.id, "uncoordinated": uncoordinated,
                        "order_key": order_value(row.strong, uncoordinated, row.relevance, row.score)})
        key = (row.first_initiative_id, row.second_initiative_id)
        shown.append({"first": key[0], "second": key[1], "details": {**stored.get(key, {}), "evidence": _evidence(pair)}})
    update_rows(updates, ("uncoordinated", "order_key"))
    if shown:
        d = details_table.c
        db.session.execute(update(details_table).where(d.first_initiative_id == bindparam("first"),
                                                       d.second_initiative_id == bindparam("second"))
                           .values(details=bindparam("details")), shown)
