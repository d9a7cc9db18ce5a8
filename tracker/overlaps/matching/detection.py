"""Overlap candidates: pairs of initiatives of different administrations on the same thing, place and time.

Definition (issue 4). A *candidate* is a pair of initiatives, both planned or active and not archived, with
different lead administrations, that share a location (an area, counting the areas of their places, or a
place outside the six areas), overlap in time (a missing start or end is open), and share a theme, a plan
goal, an outside partner organisation or enough wording, or whose texts are alike (scoring.py says how
much of each is enough).

Blocking. Most pairs share nothing, so not every pair is compared. The score is a sum over shared
(location, feature) keys, so a pair reaching ``MIN_SCORE`` shares, in a global order of keys by weight,
its heaviest shared key among the "high" keys of both initiatives: the keys left after dropping each
initiative's lightest keys while their sum stays below ``MIN_SCORE`` (prefix filtering). A pair that is a
candidate by its likeness shares a specific word where it is. Each initiative is indexed under its high
keys and its specific words; within a block a sweep over start dates compares only pairs whose periods
overlap. The result equals comparing every pair.

How strong a candidate is — whether the two are about the same problem — is the likeness of their texts
with the specific signals beside it (strength.py); strong candidates are grouped into topics
(topics.py), and the list is ranked strong before weak, uncoordinated first, most relevant first
(``rank``). Fingerprints (records.py) cover what the verdict depends on, not the status, so a later
verdict can tell whether either initiative has changed since.

``detect`` runs over every open initiative (a full run: 20,000 synthetic initiatives in
benchmarks/overlaps.py); the review shows a stored result and updates it for the few initiatives a change
touches with ``detect_around`` (store.py).
"""
from __future__ import annotations

import gc
from bisect import bisect_left
from collections import defaultdict
from contextlib import contextmanager
from itertools import accumulate
from operator import attrgetter

from tracker.overlaps.matching.candidates import Candidate, DetectionResult, Reason, narrow, rank
from tracker.overlaps.matching.evidence import gather_evidence
from tracker.overlaps.matching.records import (
    OPEN_STATUSES,
    InitiativeRecord,
    Names,
    initiative_fingerprint,
    load_records,
    pair_fingerprint,
    record_of,
)
from tracker.overlaps.matching.scoring import MIN_SCORE, Prepared, Scorer
from tracker.overlaps.matching.text import build_vocabulary, vocabulary_from
from tracker.overlaps.matching.text import words as content_words
from tracker.overlaps.matching.topics import assign_topics

__all__ = ["OPEN_STATUSES", "Candidate", "DetectionResult", "InitiativeRecord", "Reason", "detect",
           "detect_around", "initiative_fingerprint", "narrow", "pair_fingerprint", "rank", "record_of"]


# --- blocking ----------------------------------------------------------------------------------------

def _blocks(scope: list[Prepared], weights: dict[int, float]) -> dict[int, list[Prepared]]:
    """Each initiative under its high keys: those left after dropping its lightest while they sum below
    MIN_SCORE."""
    order = sorted(weights)
    order.sort(key=weights.__getitem__)  # stable: equal weights stay in key order
    rank_of = {key: i for i, key in enumerate(order)}
    weight_at = [weights[key] for key in order]
    blocks: dict[int, list[Prepared]] = defaultdict(list)
    for p in scope:
        ranks = sorted(map(rank_of.__getitem__, p.keys))
        running = list(accumulate(map(weight_at.__getitem__, ranks)))
        for r in ranks[bisect_left(running, MIN_SCORE - 1e-9):]:
            blocks[r].append(p)
    return blocks


def _word_blocks(scope: list[Prepared]) -> dict[int, list[Prepared]]:
    """Each initiative under its specific words where it is (a pair alike in text shares one)."""
    blocks: dict[int, list[Prepared]] = defaultdict(list)
    for p in scope:
        for key in p.specific:
            blocks[key].append(p)
    return blocks


def _pairs(scope: list[Prepared], scorer: Scorer) -> tuple[list[Candidate], int]:
    seen: set[int] = set()
    found = []
    evaluate = scorer.evaluate
    for members in (*_blocks(scope, scorer.weights).values(), *_word_blocks(scope).values()):
        if len(members) < 2:
            continue
        members.sort(key=attrgetter("start"))
        size = len(members)
        for i in range(size - 1):
            a = members[i]
            a_end, a_lead, a_id = a.end, a.lead, a.id
            for j in range(i + 1, size):
                b = members[j]
                if b.start > a_end:
                    break
                if a_lead == b.lead:
                    continue
                # One int per pair, not a tuple: cheaper to build and hash.
                pair = (a_id << 32 | b.id) if a_id < b.id else (b.id << 32 | a_id)
                if pair in seen:
                    continue
                seen.add(pair)
                candidate = evaluate(a, b)
                if candidate is not None:
                    found.append(candidate)
    return found, len(seen)


# --- the service -------------------------------------------------------------------------------------

def detect(*, area_id: int | None = None, administration_id: int | None = None,
           theme_id: int | None = None) -> DetectionResult:
    """The overlap candidates among open initiatives, with their evidence and topics, in the list's order.

    Filters keep the candidates sharing that area, led by that administration on one side, sharing that
    theme; weights, strength and topics are always those of the whole scope."""
    with collector_paused():
        result = _detect()
    if area_id is None and administration_id is None and theme_id is None:
        return result
    return narrow(result, area_id=area_id, administration_id=administration_id, theme_id=theme_id)


def place_words(names: Names) -> frozenset[str]:
    """Words of area and place names: where two initiatives are is the location's reason, not the text's."""
    return frozenset(w for name in (*names.areas.values(), *names.places.values()) for w in content_words(name))


def _detect() -> DetectionResult:
    records, names = load_records()
    ordered = sorted(records.values(), key=lambda r: r.id)
    vocabulary = build_vocabulary([f"{r.title}\n{r.summary}" for r in ordered], place_words(names))
    for record, concepts in zip(ordered, vocabulary.concepts_by_text, strict=True):
        record.concepts = concepts
    scorer = Scorer(ordered, vocabulary, names)
    candidates, compared = _pairs(list(scorer.prepared.values()), scorer)
    gather_evidence(candidates, names.administrations)
    assign_topics(candidates)
    candidates.sort(key=rank)
    result = DetectionResult(candidates, compared, len(ordered), names)
    result.statistics = {"text": vocabulary.statistics(), **scorer.statistics()}
    return result


def detect_around(changed: set[int], statistics: dict) -> tuple[list[Candidate], set[int]]:
    """The candidates the changed initiatives form now, weighed with a full run's ``statistics``: each changed
    open initiative against every open initiative that shares a location with it. Also says which of the
    changed initiatives are open (the others form none). Evidence is filled in; topics are not."""
    with collector_paused():
        records, names = load_records(around=changed)
        ordered = sorted(records.values(), key=lambda r: r.id)
        vocabulary = vocabulary_from(statistics["text"], [f"{r.title}\n{r.summary}" for r in ordered],
                                     place_words(names))
        for record, concepts in zip(ordered, vocabulary.concepts_by_text, strict=True):
            record.concepts = concepts
        open_changed = sorted(changed & records.keys())
        scorer = Scorer(ordered, vocabulary, names, statistics, focus=set(open_changed))
        found = []
        for changed_id in open_changed:
            p = scorer.prepared[changed_id]
            for q in scorer.prepared.values():
                if q.id in changed and q.id <= changed_id:
                    continue  # each pair of two changed initiatives once
                candidate = scorer.evaluate(p, q)
                if candidate is not None:
                    found.append(candidate)
        gather_evidence(found, names.administrations, only={i for c in found for i in c.initiative_ids},
                        seats=False)
    return found, set(open_changed)


@contextmanager
def collector_paused():
    """Detection builds some 300,000 small sets and tuples that all live until it returns, and no cycles (a
    paper's rows likewise);
    Python's cycle collector would scan them over and over as they pile up (40 % of detection's time at
    20,000 initiatives). Pausing it leaves one scan for later."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
