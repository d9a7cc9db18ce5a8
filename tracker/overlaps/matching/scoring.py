"""Scoring one pair of initiatives: feature weights over the scope, and the candidate a pair makes, if any.

Score. Every shared feature f (theme, goal, partner, word concept) adds, for the shared location L where
it weighs most::

    w(L, f) = BASE[kind] * spec(f) * min(1, CROWD / n(L, f))

``BASE`` is 1.0 for a theme or goal, 0.75 for a partner, ``WORD_WEIGHT`` (0.35) for a word; ``spec`` is 1,
or the word's IDF (text.py); ``n(L, f)`` counts the initiatives in scope at L with f. The crowding factor
leaves human-sized data alone (12 or fewer initiatives on the same theme in one area: full weight) but
makes a broad theme shared by hundreds in one area weigh little; words are damped only past
``WORD_CROWD``, since one problem's own words are shared by its owner's many initiatives in an area,
which must not hide another administration's initiative on it. Each shared place adds ``PLACE_BONUS``
(at most two) on top.

A pair of initiatives of different lead administrations that share a location and overlap in time is a
candidate when

* its score is at least ``MIN_SCORE`` and it shares a theme, goal or partner or enough wording (``TEXT_MIN``):
  uncrowded, every pair sharing a theme or goal reaches it; or
* its texts share a word that is *specific* where they are and are alike enough to be strong (strength.py;
  at least ``CANDIDATE_TEXT``). At a city's scale the IDF of a problem's own words falls, and two
  initiatives on the same problem in other words would drop below the score; their likeness does not.
  Pairs only a little alike are not made candidates this way: at that scale there are tens of thousands.
  A word is specific at a location when, apart from the administration that uses it most there, at most
  ``SPECIFIC_SHARE`` of the location's initiatives have it (or ``SPECIFIC_MIN``), and someone else does:
  an administration's own programme word ("opsøgende", "sprogleg") is common in an area because of that
  administration's many initiatives, and another administration's initiative using it there is what an
  overlap looks like. Counting the main user too left such pairs out once a city's owner had some fifty
  initiatives on one problem in an area.

The weights can come from the scope itself (a full run) or from the statistics a full run kept
(``statistics``): then a few initiatives are scored against their neighbours as the full run would have
scored them (the stored review's updates, store.py).
"""
from __future__ import annotations

from collections import Counter
from datetime import date

from tracker.overlaps.matching.candidates import Basis, Candidate
from tracker.overlaps.matching.records import InitiativeRecord, Names
from tracker.overlaps.matching.strength import classify
from tracker.overlaps.matching.text import TEXT_MIN, WORD_WEIGHT, Vocabulary, maximal

BASE = {"theme": 1.0, "goal": 1.0, "partner": 0.75, "word": WORD_WEIGHT}
CROWD = 12
WORD_CROWD = 50
MIN_SCORE = 0.3
PLACE_BONUS = 0.25
SPECIFIC_MIN, SPECIFIC_SHARE = 20, 0.05
CANDIDATE_TEXT = 0.06
WORDS_KEPT = 8  # shared words kept with a candidate, most telling first
EARLIEST, LATEST = date.min, date.max
_NONE: tuple = ()
_PREFIX = {"theme": "t", "goal": "g", "partner": "o", "word": "w"}


def location_name(location: tuple[str, int]) -> str:
    return f"{location[0][0]}{location[1]}"  # ("area", 5) -> "a5", ("place", 7) -> "p7"


class Prepared:
    """One record as the pair loop reads it: open dates as sentinels, locations as key offsets."""

    __slots__ = ("record", "id", "lead", "start", "end", "locations", "keys", "specific")

    def __init__(self, record: InitiativeRecord, locations: frozenset[int], keys: list[int]):
        self.record, self.id, self.lead = record, record.id, record.lead_administration_id
        self.start, self.end = record.start_date or EARLIEST, record.end_date or LATEST
        self.locations, self.keys = locations, keys
        self.specific: frozenset[int] = frozenset()


class Scorer:
    """Feature weights over the scope; evaluates one pair at a time.

    The pair loop works on integers: each location and feature gets a small number (in sorted order, so ties
    in the key order break the same way on every run) and a key is ``location * features + feature``."""

    def __init__(self, records: list[InitiativeRecord], vocabulary: Vocabulary, names: Names,
                 statistics: dict | None = None, focus: set[int] | None = None):
        """``statistics``: weigh with a full run's counts; ``focus``: only pairs with one of these initiatives
        will be evaluated, so only their keys need weights."""
        self.vocabulary = vocabulary
        self.names = names
        self.text_index = {r.id: i for i, r in enumerate(records)}  # records come in the vocabulary's order
        numbers = {}  # kind -> {value: feature number}
        base, self.feature_name = [], []
        for kind, attribute in (("theme", "theme_ids"), ("goal", "goal_ids"), ("partner", "organisation_ids"),
                                ("word", "concepts")):
            values = sorted(set().union(*(getattr(r, attribute) for r in records)))
            numbers[kind] = {value: len(base) + i for i, value in enumerate(values)}
            base += [BASE[kind] * (vocabulary.idf(v) if kind == "word" else 1.0) for v in values]
            self.feature_name += [f"{_PREFIX[kind]}{v}" for v in values]
        self.theme_no, self.goal_no = numbers["theme"], numbers["goal"]
        self.partner_no, self.word_no = numbers["partner"], numbers["word"]
        width = self.width = len(base)
        self.first_word = width - len(numbers["word"])
        self.location_of = sorted(set().union(*(r.locations for r in records)))
        offset_of = {location: i * width for i, location in enumerate(self.location_of)}
        self.prepared: dict[int, Prepared] = {}
        crowd: Counter = Counter()
        by_lead: Counter = Counter()  # (word key, lead administration) -> initiatives
        first_word = self.first_word
        for r in records:
            features = [*map(self.theme_no.__getitem__, r.theme_ids),
                        *map(self.goal_no.__getitem__, r.goal_ids),
                        *map(self.partner_no.__getitem__, r.organisation_ids),
                        *map(self.word_no.__getitem__, r.concepts)]
            offsets = frozenset(map(offset_of.__getitem__, r.locations))
            keys = [o + f for o in offsets for f in features]
            crowd.update(keys)
            lead = r.lead_administration_id
            by_lead.update((k, lead) for k in keys if k % width >= first_word)
            self.prepared[r.id] = Prepared(r, offsets, keys)
        size: Counter = Counter(o for p in self.prepared.values() for o in p.locations)
        owner: Counter = Counter()  # word key -> initiatives of the administration that has it most there
        for (key, _lead), n in by_lead.items():
            if n > owner[key]:
                owner[key] = n
        if focus is not None:  # a shared key is a key of the focus initiative: only those are weighed
            wanted = {k for i in focus if i in self.prepared for k in self.prepared[i].keys}
            crowd = Counter({k: crowd[k] for k in wanted})
        if statistics is not None:  # counted over the whole scope by the run that kept them
            crowd, size, owner = self._counts_from(statistics, crowd, size)
        self.crowd, self.size, self.owner = crowd, size, owner
        self.weights = {key: base[key % width] * min(1.0, (WORD_CROWD if key % width >= first_word else CROWD)
                                                          / n) for key, n in crowd.items()}
        for p in self.prepared.values():
            p.specific = frozenset(k for k in p.keys if k in crowd and k % width >= first_word
                                   and self._specific(crowd[k], owner[k], size[k - k % width]))
        self._maximal: dict[frozenset[str], set[str]] = {}

    @staticmethod
    def _specific(crowd: int, owner: int, size: int) -> bool:
        """Whether a word that ``crowd`` initiatives at a location of ``size`` have, ``owner`` of them led by
        the administration that has it most, is specific there: few have it beside its main user."""
        limit = max(SPECIFIC_MIN, SPECIFIC_SHARE * size)
        return 2 <= crowd and crowd - owner <= limit and (crowd > owner or crowd <= limit)

    def _counts_from(self, statistics: dict, local: Counter,
                     local_size: Counter) -> tuple[Counter, Counter, Counter]:
        """The kept counts for these keys. A word's main user's count is kept only where it decides whether
        the word is specific (``statistics``); elsewhere 0 decides it the same way."""
        kept, sizes, owners = statistics["crowd"], statistics["sizes"], statistics.get("owners", {})
        crowd: Counter = Counter()
        owner: Counter = Counter()
        for key in local:
            location = location_name(self.location_of[key // self.width])
            feature = self.feature_name[key % self.width]
            crowd[key] = max(kept.get(location, {}).get(feature, 0), 1)
            owner[key] = owners.get(location, {}).get(feature, 0)
        size = Counter({offset: max(sizes.get(location_name(self.location_of[offset // self.width]), 0), n)
                        for offset, n in local_size.items()})
        return crowd, size, owner

    def statistics(self) -> dict:
        """The counts behind the weights, by location and feature name (JSON data, for ``statistics=``); of a
        word's main user, only where counting it out makes the word specific (a few thousand at 20,000)."""
        crowd: dict[str, dict[str, int]] = {}
        owners: dict[str, dict[str, int]] = {}
        for key, n in self.crowd.items():
            location = location_name(self.location_of[key // self.width])
            crowd.setdefault(location, {})[self.feature_name[key % self.width]] = n
            size = self.size[key - key % self.width]
            if self.owner[key] and self._specific(n, self.owner[key], size) != self._specific(n, 0, size):
                owners.setdefault(location, {})[self.feature_name[key % self.width]] = self.owner[key]
        sizes = {location_name(self.location_of[offset // self.width]): n for offset, n in self.size.items()}
        return {"crowd": crowd, "sizes": sizes, "owners": owners}

    def total(self, offsets: frozenset[int], numbers) -> float:
        """The summed weights of features (by number) at their heaviest shared location."""
        weights = self.weights
        if len(offsets) == 1:  # the common case, without a max() per feature
            [offset] = offsets
            return sum(weights[offset + n] for n in numbers)
        return sum(max(weights[offset + n] for offset in offsets) for n in numbers)

    def likeness(self, a: InitiativeRecord, b: InitiativeRecord) -> float:
        return self.vocabulary.likeness(self.text_index[a.id], self.text_index[b.id])

    def evaluate(self, p: Prepared, q: Prepared) -> Candidate | None:
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
        text_score = score = sum(word_weights.values())
        if themes:
            score += self.total(offsets, map(self.theme_no.__getitem__, themes))
        if goals:
            score += self.total(offsets, map(self.goal_no.__getitem__, goals))
        if partners:
            score += self.total(offsets, map(self.partner_no.__getitem__, partners))
        by_score = (themes or goals or partners or text_score >= TEXT_MIN) and score >= MIN_SCORE
        if not by_score and not p.specific & q.specific:
            return None
        similarity = self.likeness(a, b)
        if not by_score and similarity < CANDIDATE_TEXT:
            return None
        locations = {self.location_of[offset // self.width] for offset in offsets}
        places = {i for kind, i in locations if kind == "place"} | (a.place_ids & b.place_ids)
        score += PLACE_BONUS * min(len(places), 2)
        first, second = (a, b) if a.id < b.id else (b, a)
        overlap = (None if start == EARLIEST else start, None if end == LATEST else end)
        show = self.vocabulary.show
        kept = sorted(word_weights, key=lambda c: (-word_weights[c], c))[:WORDS_KEPT]
        basis = Basis(tuple(sorted(places)) or _NONE, tuple(sorted(goals)) or _NONE, tuple(sorted(partners)) or _NONE,
                      tuple((show(c), round(word_weights[c], 3)) for c in kept) or _NONE)
        strength = classify(similarity, tuple(word for word, _weight in basis.words), places=bool(places),
                            goals=bool(goals), partners=bool(partners), themes=bool(themes))
        if not by_score and not strength.alike:
            return None  # alike in text or nothing: at a city's scale, many unrelated texts are a little alike
        return Candidate(first, second, round(score, 3), overlap,
                         frozenset(i for kind, i in locations if kind == "area"), frozenset(themes),
                         similarity=round(similarity, 3), strength=strength, basis=basis, names=self.names)
