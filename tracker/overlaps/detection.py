"""Overlap candidates: pairs of initiatives of different administrations on the same thing, place and time.

Definition (issue 4). A *candidate* is a pair of initiatives, both planned or active and not archived, with
different lead administrations, that share a location (an area, counting the areas of their places, or a
place outside the six areas), overlap in time (a missing start or end is open), and share a theme, a plan
goal, an outside partner organisation or enough wording (text.py, ``TEXT_MIN``).

Score. Every shared feature f (theme, goal, partner, word concept) adds, for the shared location L where
it weighs most::

    w(L, f) = BASE[kind] * spec(f) * min(1, CROWD / n(L, f))

``BASE`` is 1.0 for a theme or goal, 0.75 for a partner, ``WORD_WEIGHT`` (0.35) for a word; ``spec`` is 1,
or the word's IDF (text.py); ``n(L, f)`` counts the initiatives in scope at L with f. The crowding factor
leaves human-sized data alone (12 or fewer initiatives on the same theme in one area: full weight) but
makes a broad theme shared by hundreds in one area weigh little. Words are not damped by crowding (the
factor is 1 for them): their IDF already says how common they are, and one problem's own words are shared
by its owner's many initiatives in an area, which must not hide another administration's initiative on it. A pair is reported when its score is at
least ``MIN_SCORE`` = 0.5; uncrowded, every pair of the definition reaches it (a theme or goal gives 1.0,
a partner 0.75, enough wording 0.5), so on real data the threshold only removes pairs whose lone signal
is drowned in a crowd. Each shared place adds ``PLACE_BONUS`` (at most two) on top.

Blocking. The score is a sum over shared (location, feature) keys, so a pair reaching ``MIN_SCORE``
shares, in a global order of keys by weight, its heaviest shared key among the "high" keys of both
initiatives: the keys left after dropping each initiative's lightest keys while their sum stays below
``MIN_SCORE`` (prefix filtering). Each initiative is indexed under its high keys only; within a block a
sweep over start dates compares only pairs whose periods overlap. The result equals comparing every pair.

Speed. Detection runs over every open initiative (20,000 synthetic ones in benchmarks/overlaps.py), so
the pair loop works on integers: each location and feature gets a small number (in sorted order, so ties
in the key order break the same way on every run) and a key is ``location * features + feature``.

The score decides who is a candidate; how strong a candidate is — whether the two are about the same
problem — is the likeness of their texts with the specific signals beside it (strength.py), and the list
is ranked by that (``rank``). Strong candidates are grouped into topics by the review (topics.py).
Fingerprints (records.py) cover
what the verdict depends on, not the status, so a later verdict can tell whether either initiative has
changed since.
"""
from __future__ import annotations

import gc
from bisect import bisect_left
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from itertools import accumulate
from operator import attrgetter

from flask_babel import lazy_gettext as _l

from tracker.overlaps.evidence import Evidence, gather_evidence
from tracker.overlaps.records import (
    OPEN_STATUSES,
    InitiativeRecord,
    Names,
    initiative_fingerprint,
    load_records,
    pair_fingerprint,
    record_of,
)
from tracker.overlaps.strength import Strength, classify
from tracker.overlaps.text import TEXT_MIN, WORD_WEIGHT, Vocabulary, build_vocabulary, maximal
from tracker.overlaps.text import words as content_words

__all__ = ["OPEN_STATUSES", "Candidate", "DetectionResult", "InitiativeRecord", "Reason", "detect",
           "initiative_fingerprint", "narrow", "pair_fingerprint", "record_of"]

BASE = {"theme": 1.0, "goal": 1.0, "partner": 0.75, "word": WORD_WEIGHT}
CROWD = 12
WORD_CROWD = 50
MIN_SCORE = 0.3
PLACE_BONUS = 0.25
WORDS_SHOWN = 5
_EARLIEST, _LATEST = date.min, date.max
_NONE: frozenset = frozenset()


@dataclass(frozen=True)
class Reason:
    """Why a pair is a candidate, in words for display and in data for exports."""

    kind: str  # area, place, period, theme, goal, partner, words
    text: object  # a lazy Danish string; str() renders it in the current locale
    details: dict = field(default_factory=dict, compare=False)

    def __str__(self) -> str:
        return str(self.text)


@dataclass(slots=True)
class Candidate:
    """A pair and what it shares. The reasons in words and the fingerprint are worked out when first asked
    for: at a city's scale there are tens of thousands of candidates, and a page shows a few dozen."""

    first: InitiativeRecord
    second: InitiativeRecord
    score: float
    overlap: tuple[date | None, date | None]
    area_ids: set[int]
    theme_ids: set[int]
    similarity: float = 0.0  # how alike the texts are, 0..1 (text.py)
    strength: Strength | None = None
    evidence: list[Evidence] = field(default_factory=list)
    # (scorer, locations, places, overlap, themes, goals, partners, word weights): what the reasons are
    # worked out from, one tuple rather than a closure (a closure is a dozen objects for the collector)
    _basis: tuple | None = field(default=None, repr=False, compare=False)
    _reasons: list[Reason] | None = field(default=None, repr=False, compare=False)
    _fingerprint: str | None = field(default=None, repr=False, compare=False)

    @property
    def reasons(self) -> list[Reason]:
        if self._reasons is None:
            if self._basis is None:
                self._reasons = []
            else:
                scorer, *basis = self._basis
                self._reasons = scorer._reasons(*basis)
        return self._reasons

    @property
    def fingerprint(self) -> str:
        if self._fingerprint is None:
            self._fingerprint = pair_fingerprint(self.first, self.second)
        return self._fingerprint

    @property
    def strong(self) -> bool:
        return self.strength is not None and self.strength.strong

    @property
    def relevance(self) -> float:
        return self.strength.relevance if self.strength is not None else self.score

    @property
    def uncoordinated(self) -> bool:
        """No strong evidence of coordination; shared seats in a body do not count."""
        return not any(e.strong for e in self.evidence)

    @property
    def initiative_ids(self) -> tuple[int, int]:
        return self.first.id, self.second.id

    @property
    def reasons_text(self) -> str:
        text = " · ".join(str(r) for r in self.reasons)
        return text[:1].upper() + text[1:]


@dataclass
class DetectionResult:
    candidates: list[Candidate]
    pairs_compared: int
    initiatives_considered: int
    names: Names | None = field(default=None, repr=False, compare=False)  # for narrow()
    topics: list | None = field(default=None, repr=False, compare=False)  # grouped by the review, once

    @property
    def naive_pairs(self) -> int:
        n = self.initiatives_considered
        return n * (n - 1) // 2


# --- scoring -----------------------------------------------------------------------------------------

def _period_text(start: date | None, end: date | None):
    if start and end:
        years = str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
        return _l("%(years)s overlapper", years=years)
    if start:
        return _l("overlapper fra %(year)s", year=start.year)
    if end:
        return _l("overlapper til %(year)s", year=end.year)
    return _l("perioderne er åbne og overlapper")


class _Prepared:
    """One record as the pair loop reads it: open dates as sentinels, locations as key offsets."""

    __slots__ = ("record", "id", "lead", "start", "end", "locations", "keys")

    def __init__(self, record: InitiativeRecord, locations: frozenset[int], keys: list[int]):
        self.record, self.id, self.lead = record, record.id, record.lead_administration_id
        self.start, self.end = record.start_date or _EARLIEST, record.end_date or _LATEST
        self.locations, self.keys = locations, keys


class _Scorer:
    """Feature weights over the whole scope; evaluates one pair at a time."""

    def __init__(self, records: list[InitiativeRecord], vocabulary: Vocabulary, names: Names):
        self.vocabulary = vocabulary
        self.names = names
        self.text_index = {r.id: i for i, r in enumerate(records)}  # records come in the vocabulary's order
        numbers = {}  # kind -> {value: feature number}
        base = []
        for kind, attribute in (("theme", "theme_ids"), ("goal", "goal_ids"), ("partner", "organisation_ids"),
                                ("word", "concepts")):
            values = sorted(set().union(*(getattr(r, attribute) for r in records)))
            numbers[kind] = {value: len(base) + i for i, value in enumerate(values)}
            base += [BASE[kind] * (vocabulary.idf(v) if kind == "word" else 1.0) for v in values]
        self.theme_no, self.goal_no = numbers["theme"], numbers["goal"]
        self.partner_no, self.word_no = numbers["partner"], numbers["word"]
        width = len(base)
        self.location_of = sorted(set().union(*(r.locations for r in records)))
        offset_of = {location: i * width for i, location in enumerate(self.location_of)}
        self.width = width
        self.prepared: dict[int, _Prepared] = {}
        crowd: Counter = Counter()
        for r in records:
            features = [*map(self.theme_no.__getitem__, r.theme_ids),
                        *map(self.goal_no.__getitem__, r.goal_ids),
                        *map(self.partner_no.__getitem__, r.organisation_ids),
                        *map(self.word_no.__getitem__, r.concepts)]
            offsets = frozenset(map(offset_of.__getitem__, r.locations))
            keys = [o + f for o in offsets for f in features]
            crowd.update(keys)
            self.prepared[r.id] = _Prepared(r, offsets, keys)
        first_word = width - len(numbers["word"])
        # Words are weighed by their rarity in the whole scope (IDF) and not damped by crowding: the
        # words of one problem are shared by its owner's many initiatives in an area, and that must
        # not hide another administration's initiative on the same problem.
        self.weights = {key: base[key % width] * min(1.0, (WORD_CROWD if key % width >= first_word else CROWD) / n)
                        for key, n in crowd.items()}
        self._maximal: dict[frozenset[str], set[str]] = {}

    def total(self, offsets: frozenset[int], numbers) -> float:
        """The summed weights of features (by number) at their heaviest shared location."""
        weights = self.weights
        if len(offsets) == 1:  # the common case, without a max() per feature
            [offset] = offsets
            return sum(weights[offset + n] for n in numbers)
        return sum(max(weights[offset + n] for offset in offsets) for n in numbers)

    def evaluate(self, p: _Prepared, q: _Prepared) -> Candidate | None:
        if p.lead == q.lead:
            return None
        offsets = p.locations & q.locations
        if not offsets:
            return None
        start = p.start if p.start > q.start else q.start
        end = p.end if p.end < q.end else q.end
        if start > end:
            return None
        a, b = p.record, q.record
        themes, goals = a.theme_ids & b.theme_ids, a.goal_ids & b.goal_ids
        partners = a.organisation_ids & b.organisation_ids
        shared = a.concepts & b.concepts
        words = self._maximal.get(shared)
        if words is None:
            words = self._maximal[shared] = maximal(shared)
        word_no, weights = self.word_no, self.weights
        if len(offsets) == 1:
            [offset] = offsets
            word_weights = {c: weights[offset + word_no[c]] for c in words}
        else:
            word_weights = {c: max(weights[o + word_no[c]] for o in offsets) for c in words}
        text_score = sum(word_weights.values())
        if not (themes or goals or partners or text_score >= TEXT_MIN):
            return None
        score = text_score + self.total(offsets, map(self.theme_no.__getitem__, themes)) \
            + self.total(offsets, map(self.goal_no.__getitem__, goals)) \
            + self.total(offsets, map(self.partner_no.__getitem__, partners))
        if score < MIN_SCORE:
            return None
        similarity = self.vocabulary.likeness(self.text_index[a.id], self.text_index[b.id])
        locations = {self.location_of[offset // self.width] for offset in offsets}
        places = {i for kind, i in locations if kind == "place"} | (a.place_ids & b.place_ids)
        score += PLACE_BONUS * min(len(places), 2)
        first, second = (a, b) if a.id < b.id else (b, a)
        overlap = (None if start == _EARLIEST else start, None if end == _LATEST else end)
        # A kept result holds tens of thousands of candidates, and Python's cycle collector scans every
        # container in it: share one empty set rather than keep thousands of empty ones.
        themes, goals, partners, places = (x or _NONE for x in (themes, goals, partners, places))
        strength = classify(similarity, (self.vocabulary, word_weights), places=bool(places), goals=bool(goals),
                            partners=bool(partners), themes=bool(themes))
        return Candidate(first, second, round(score, 3), overlap, {i for kind, i in locations if kind == "area"},
                         themes, similarity=round(similarity, 3), strength=strength,
                         _basis=(self, locations, places, overlap, themes, goals, partners, word_weights))

    def _reasons(self, locations, places, overlap, themes, goals, partners, word_weights) -> list[Reason]:
        n = self.names
        reasons = []
        area_ids = sorted((i for kind, i in locations if kind == "area"), key=lambda i: n.areas[i])
        if area_ids:
            shown = ", ".join(n.areas[i] for i in area_ids)
            text = _l("samme område: %(names)s", names=shown) if len(area_ids) == 1 \
                else _l("samme områder: %(names)s", names=shown)
            reasons.append(Reason("area", text, {"area_ids": area_ids}))
        if places:
            ids = sorted(places, key=lambda i: n.places[i])
            reasons.append(Reason("place", _l("samme sted: %(names)s", names=", ".join(n.places[i] for i in ids)),
                                  {"place_ids": ids}))
        reasons.append(Reason("period", _period_text(*overlap), {"start": overlap[0], "end": overlap[1]}))
        for kind, ids, label, words in (
            ("theme", themes, n.themes, lambda names, many: _l("samme temaer: %(names)s", names=names) if many
             else _l("samme tema: %(names)s", names=names)),
            ("goal", goals, n.goals, lambda names, many: _l("samme mål: %(names)s", names=names)),
            ("partner", partners, n.organisations, lambda names, many: _l("fælles partnere: %(names)s", names=names)
             if many else _l("fælles partner: %(names)s", names=names)),
        ):
            if ids:
                ordered = sorted(ids, key=lambda i: label[i])
                text = words(", ".join(label[i] for i in ordered), len(ordered) > 1)
                reasons.append(Reason(kind, text, {f"{kind}_ids": ordered}))
        if word_weights:
            best = sorted(word_weights, key=lambda c: (-word_weights[c], c))[:WORDS_SHOWN]
            shown = sorted(self.vocabulary.show(c) for c in best)
            reasons.append(Reason("words", _l("fælles ord: %(words)s", words=", ".join(shown)),
                                  {"words": shown, "weight": round(sum(word_weights.values()), 3)}))
        return reasons


# --- blocking ----------------------------------------------------------------------------------------

def _blocks(scope: list[_Prepared], weights: dict[int, float]) -> dict[int, list[_Prepared]]:
    """Each initiative under its high keys: those left after dropping its lightest while they sum below
    MIN_SCORE."""
    order = sorted(weights)
    order.sort(key=weights.__getitem__)  # stable: equal weights stay in key order
    rank = {key: i for i, key in enumerate(order)}
    weight_at = [weights[key] for key in order]
    blocks: dict[int, list[_Prepared]] = defaultdict(list)
    for p in scope:
        ranks = sorted(map(rank.__getitem__, p.keys))
        running = list(accumulate(map(weight_at.__getitem__, ranks)))
        for r in ranks[bisect_left(running, MIN_SCORE - 1e-9):]:
            blocks[r].append(p)
    return blocks


def _pairs(scope: list[_Prepared], scorer: _Scorer, only_admin: int | None):
    seen: set[int] = set()
    found = []
    evaluate = scorer.evaluate
    for members in _blocks(scope, scorer.weights).values():
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
                if a_lead == b.lead or (only_admin is not None and only_admin not in (a_lead, b.lead)):
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
    """The overlap candidates among open initiatives, in the list's order (``rank``).

    Filters narrow the pairs (sharing that area, led by that administration on one side, sharing that
    theme); weights are always computed over every open initiative, so a score does not depend on them.
    """
    with _collector_paused():
        return _detect(area_id, administration_id, theme_id)


@contextmanager
def _collector_paused():
    """Detection builds some 300,000 small sets and tuples that all live until it returns, and no cycles;
    Python's cycle collector would scan them over and over as they pile up (40 % of detection's time at
    20,000 initiatives). Pausing it leaves one scan for later."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _detect(area_id: int | None, administration_id: int | None, theme_id: int | None) -> DetectionResult:
    records, names = load_records()
    ordered = sorted(records.values(), key=lambda r: r.id)
    place_words = frozenset(w for name in (*names.areas.values(), *names.places.values())
                            for w in content_words(name))
    vocabulary = build_vocabulary([f"{r.title}\n{r.summary}" for r in ordered], place_words)
    for record, concepts in zip(ordered, vocabulary.concepts_by_text, strict=True):
        record.concepts = concepts
    scorer = _Scorer(ordered, vocabulary, names)
    scope = [scorer.prepared[r.id] for r in ordered
             if (area_id is None or ("area", area_id) in r.locations)
             and (theme_id is None or theme_id in r.theme_ids)]
    candidates, compared = _pairs(scope, scorer, administration_id)
    if area_id is not None:
        candidates = [c for c in candidates if area_id in c.area_ids]
    if theme_id is not None:
        candidates = [c for c in candidates if theme_id in c.theme_ids]
    gather_evidence(candidates, names.administrations)
    candidates.sort(key=rank)
    return DetectionResult(candidates, compared, len(scope), names)


def rank(candidate: Candidate) -> tuple:
    """The list's order: strong before weak, uncoordinated before coordinated, most relevant first."""
    return (not candidate.strong, not candidate.uncoordinated, -candidate.relevance, -candidate.score,
            candidate.first.title, candidate.second.title)


def narrow(result: DetectionResult, *, area_id: int | None = None, administration_id: int | None = None,
           theme_id: int | None = None) -> DetectionResult:
    """What detect() gives with these filters, taken from its unfiltered result without detecting again.

    A filter only leaves pairs out (weights are over every open initiative either way), so the filtered
    candidates are the unfiltered ones that pass it, in the same order. The counts of pairs and
    initiatives stay those of the unfiltered run.
    """
    candidates = [c for c in result.candidates
                  if (area_id is None or area_id in c.area_ids)
                  and (theme_id is None or theme_id in c.theme_ids)
                  and (administration_id is None or administration_id in (c.first.lead_administration_id,
                                                                          c.second.lead_administration_id))]
    return DetectionResult(candidates, result.pairs_compared, result.initiatives_considered,
                           result.names)
