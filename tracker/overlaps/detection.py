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
makes a broad theme shared by hundreds in one area weigh little. A pair is reported when its score is at
least ``MIN_SCORE`` = 0.5; uncrowded, every pair of the definition reaches it (a theme or goal gives 1.0,
a partner 0.75, enough wording 0.5), so on real data the threshold only removes pairs whose lone signal
is drowned in a crowd. Each shared place adds ``PLACE_BONUS`` (at most two) on top.

Blocking. The score is a sum over shared (location, feature) keys, so a pair reaching ``MIN_SCORE``
shares, in a global order of keys by weight, its heaviest shared key among the "high" keys of both
initiatives: the keys left after dropping each initiative's lightest keys while their sum stays below
``MIN_SCORE`` (prefix filtering). Each initiative is indexed under its high keys only; within a block a
sweep over start dates compares only pairs whose periods overlap. The result equals comparing every pair.

Clusters. Per (area, theme), the candidates sharing both form a graph; every maximal clique of three or
more initiatives (Bron–Kerbosch with pivoting) is one cluster; identical member sets found under several
(area, theme) keys are one cluster listing all of them.

Fingerprints cover what the verdict depends on (locations, period, themes, goals, partners, lead, title
and summary), not the status, so a later verdict can tell whether either initiative has changed since.
"""
from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from tracker.areas.models import Area, Goal, Place
from tracker.extensions import db
from tracker.initiatives.models import (
    Initiative,
    Theme,
    initiative_areas,
    initiative_goals,
    initiative_organisations,
    initiative_partner_administrations,
    initiative_places,
    initiative_themes,
)
from tracker.organisation.models import Administration, Organisation
from tracker.overlaps.evidence import Evidence, gather_evidence
from tracker.overlaps.text import TEXT_MIN, WORD_WEIGHT, Vocabulary, build_vocabulary, maximal

OPEN_STATUSES = ("planned", "active")
BASE = {"theme": 1.0, "goal": 1.0, "partner": 0.75, "word": WORD_WEIGHT}
CROWD = 12
MIN_SCORE = 0.5
PLACE_BONUS = 0.25
WORDS_SHOWN = 5
_EARLIEST, _LATEST = date.min, date.max


@dataclass(frozen=True)
class Reason:
    """Why a pair is a candidate, in words for display and in data for exports."""

    kind: str  # area, place, period, theme, goal, partner, words
    text: object  # a lazy Danish string; str() renders it in the current locale
    details: dict = field(default_factory=dict, compare=False)

    def __str__(self) -> str:
        return str(self.text)


@dataclass
class InitiativeRecord:
    """What detection knows of one initiative: plain values from bulk queries, no ORM objects."""

    id: int
    title: str
    summary: str
    status: str
    start_date: date | None
    end_date: date | None
    lead_administration_id: int
    area_ids: set[int] = field(default_factory=set)
    place_ids: set[int] = field(default_factory=set)
    theme_ids: set[int] = field(default_factory=set)
    goal_ids: set[int] = field(default_factory=set)
    organisation_ids: set[int] = field(default_factory=set)
    partner_administration_ids: set[int] = field(default_factory=set)
    locations: frozenset = frozenset()  # ("area", id), and ("place", id) for places outside the areas
    concepts: frozenset[str] = frozenset()
    fingerprint: str = ""  # filled once per detection run

    def features(self):
        yield from (("theme", t) for t in self.theme_ids)
        yield from (("goal", g) for g in self.goal_ids)
        yield from (("partner", o) for o in self.organisation_ids)
        yield from (("word", c) for c in self.concepts)


@dataclass
class Candidate:
    first: InitiativeRecord
    second: InitiativeRecord
    score: float
    reasons: list[Reason]
    overlap: tuple[date | None, date | None]
    area_ids: set[int]
    theme_ids: set[int]
    fingerprint: str
    evidence: list[Evidence] = field(default_factory=list)

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
class Cluster:
    initiative_ids: list[int]
    titles: list[str]
    keys: list[tuple[int, int]]  # (area id, theme id) under which the clique was found
    labels: list[str]


@dataclass
class DetectionResult:
    candidates: list[Candidate]
    clusters: list[Cluster]
    pairs_compared: int
    initiatives_considered: int

    @property
    def naive_pairs(self) -> int:
        n = self.initiatives_considered
        return n * (n - 1) // 2


@dataclass
class _Names:
    areas: dict[int, str]
    places: dict[int, str]
    themes: dict[int, str]
    goals: dict[int, str]
    organisations: dict[int, str]
    administrations: dict[int, str]


# --- loading -----------------------------------------------------------------------------------------

def load_records() -> tuple[dict[int, InitiativeRecord], _Names]:
    """Every open initiative with its links, in eight queries of columns and link rows."""
    open_ids = select(Initiative.id).where(Initiative.status.in_(OPEN_STATUSES), Initiative.archived_at.is_(None))
    records = {
        row.id: InitiativeRecord(row.id, row.title, row.summary or "", row.status, row.start_date, row.end_date,
                                 row.lead_administration_id)
        for row in db.session.execute(
            select(Initiative.id, Initiative.title, Initiative.summary, Initiative.status, Initiative.start_date,
                   Initiative.end_date, Initiative.lead_administration_id).where(Initiative.id.in_(open_ids)))
    }
    for table, column, attribute in (
        (initiative_areas, "area_id", "area_ids"),
        (initiative_themes, "theme_id", "theme_ids"),
        (initiative_goals, "goal_id", "goal_ids"),
        (initiative_organisations, "organisation_id", "organisation_ids"),
        (initiative_partner_administrations, "administration_id", "partner_administration_ids"),
    ):
        for initiative_id, ref in db.session.execute(
                select(table.c.initiative_id, table.c[column]).where(table.c.initiative_id.in_(open_ids))):
            getattr(records[initiative_id], attribute).add(ref)
    place_area = dict(db.session.execute(select(Place.id, Place.area_id)).all())
    for initiative_id, place_id in db.session.execute(
            select(initiative_places.c.initiative_id, initiative_places.c.place_id)
            .where(initiative_places.c.initiative_id.in_(open_ids))):
        records[initiative_id].place_ids.add(place_id)
    for record in records.values():
        areas = record.area_ids | {place_area[p] for p in record.place_ids if place_area.get(p)}
        record.locations = frozenset({("area", a) for a in areas}
                                     | {("place", p) for p in record.place_ids if not place_area.get(p)})
    names = _Names(
        areas=dict(db.session.execute(select(Area.id, Area.name)).all()),
        places=dict(db.session.execute(select(Place.id, Place.name)).all()),
        themes=dict(db.session.execute(select(Theme.id, Theme.name)).all()),
        goals=dict(db.session.execute(select(Goal.id, Goal.title)).all()),
        organisations=dict(db.session.execute(select(Organisation.id, Organisation.name)).all()),
        administrations=dict(db.session.execute(select(Administration.id, Administration.code)).all()),
    )
    return records, names


# --- fingerprints ------------------------------------------------------------------------------------

def initiative_fingerprint(record: InitiativeRecord) -> str:
    """A hash of what an overlap verdict rests on; the status is left out on purpose."""
    payload = {
        "title": " ".join(record.title.split()), "summary": " ".join(record.summary.split()),
        "start": record.start_date.isoformat() if record.start_date else None,
        "end": record.end_date.isoformat() if record.end_date else None,
        "lead": record.lead_administration_id,
        "areas": sorted(record.area_ids), "places": sorted(record.place_ids), "themes": sorted(record.theme_ids),
        "goals": sorted(record.goal_ids), "organisations": sorted(record.organisation_ids),
        "partners": sorted(record.partner_administration_ids),
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:32]


def record_of(initiative: Initiative) -> InitiativeRecord:
    """The detection record of an ORM initiative (for fingerprinting one that is being edited)."""
    return InitiativeRecord(
        initiative.id, initiative.title, initiative.summary or "", initiative.status, initiative.start_date,
        initiative.end_date, initiative.lead_administration_id,
        area_ids={a.id for a in initiative.areas}, place_ids={p.id for p in initiative.places},
        theme_ids={t.id for t in initiative.themes}, goal_ids={g.id for g in initiative.goals},
        organisation_ids={o.id for o in initiative.partner_organisations},
        partner_administration_ids={a.id for a in initiative.partner_administrations},
    )


def pair_fingerprint(first: InitiativeRecord, second: InitiativeRecord) -> str:
    a, b = sorted((first, second), key=lambda r: r.id)
    for record in (a, b):
        if not record.fingerprint:
            record.fingerprint = initiative_fingerprint(record)
    joined = f"{a.id}:{a.fingerprint}|{b.id}:{b.fingerprint}"
    return hashlib.sha256(joined.encode()).hexdigest()[:32]


# --- scoring -----------------------------------------------------------------------------------------

def _overlap(a: InitiativeRecord, b: InitiativeRecord) -> tuple[date | None, date | None] | None:
    starts = [d for d in (a.start_date, b.start_date) if d]
    ends = [d for d in (a.end_date, b.end_date) if d]
    start, end = (max(starts) if starts else None), (min(ends) if ends else None)
    if start and end and start > end:
        return None
    return start, end


def _period_text(start: date | None, end: date | None):
    if start and end:
        years = str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
        return _l("%(years)s overlapper", years=years)
    if start:
        return _l("overlapper fra %(year)s", year=start.year)
    if end:
        return _l("overlapper til %(year)s", year=end.year)
    return _l("perioderne er åbne og overlapper")


class _Scorer:
    """Feature weights over the whole scope; evaluates one pair at a time."""

    def __init__(self, records: list[InitiativeRecord], vocabulary: Vocabulary, names: _Names):
        self.vocabulary = vocabulary
        self.names = names
        crowd: dict[tuple, int] = defaultdict(int)
        for record in records:
            for feature in record.features():
                for location in record.locations:
                    crowd[(location, feature)] += 1
        self.weights = {key: self._base(key[1]) * min(1.0, CROWD / n) for key, n in crowd.items()}

    def _base(self, feature) -> float:
        kind, value = feature
        return BASE[kind] * (self.vocabulary.idf(value) if kind == "word" else 1.0)

    def weight(self, locations, feature) -> float:
        return max(self.weights[(location, feature)] for location in locations)

    def evaluate(self, a: InitiativeRecord, b: InitiativeRecord) -> Candidate | None:
        if a.lead_administration_id == b.lead_administration_id:
            return None
        locations = a.locations & b.locations
        if not locations:
            return None
        overlap = _overlap(a, b)
        if overlap is None:
            return None
        themes, goals = a.theme_ids & b.theme_ids, a.goal_ids & b.goal_ids
        partners = a.organisation_ids & b.organisation_ids
        word_weights = {c: self.weight(locations, ("word", c)) for c in maximal(a.concepts & b.concepts)}
        text_score = sum(word_weights.values())
        if not (themes or goals or partners or text_score >= TEXT_MIN):
            return None
        score = text_score + sum(self.weight(locations, ("theme", t)) for t in themes) \
            + sum(self.weight(locations, ("goal", g)) for g in goals) \
            + sum(self.weight(locations, ("partner", o)) for o in partners)
        if score < MIN_SCORE:
            return None
        places = {i for kind, i in locations if kind == "place"} | (a.place_ids & b.place_ids)
        score += PLACE_BONUS * min(len(places), 2)
        first, second = sorted((a, b), key=lambda r: r.id)
        reasons = self._reasons(locations, places, overlap, themes, goals, partners, word_weights)
        return Candidate(first, second, round(score, 3), reasons, overlap,
                         {i for kind, i in locations if kind == "area"}, themes, pair_fingerprint(a, b))

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

def _high_keys(record: InitiativeRecord, rank: dict, weights: dict) -> list:
    """The keys left after dropping the lightest ones while their sum stays below MIN_SCORE."""
    keys = sorted(((location, feature) for feature in record.features() for location in record.locations),
                  key=rank.__getitem__)
    total = 0.0
    for position, key in enumerate(keys):
        total += weights[key]
        if total >= MIN_SCORE - 1e-9:
            return keys[position:]
    return []


def _pairs(scope: list[InitiativeRecord], scorer: _Scorer, only_admin: int | None):
    weights = scorer.weights
    rank = {key: i for i, key in enumerate(sorted(weights, key=lambda k: (weights[k], repr(k))))}
    blocks: dict = defaultdict(list)
    for record in scope:
        for key in _high_keys(record, rank, weights):
            blocks[key].append(record)
    seen: set[tuple[int, int]] = set()
    found = []
    for members in blocks.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda r: r.start_date or _EARLIEST)
        for i, a in enumerate(members):
            a_end = a.end_date or _LATEST
            for b in members[i + 1:]:
                if (b.start_date or _EARLIEST) > a_end:
                    break
                if a.lead_administration_id == b.lead_administration_id:
                    continue
                if only_admin is not None and only_admin not in (a.lead_administration_id,
                                                                  b.lead_administration_id):
                    continue
                pair = (a.id, b.id) if a.id < b.id else (b.id, a.id)
                if pair in seen:
                    continue
                seen.add(pair)
                candidate = scorer.evaluate(a, b)
                if candidate is not None:
                    found.append(candidate)
    return found, len(seen)


# --- clusters ----------------------------------------------------------------------------------------

def _cliques(graph: dict[int, set[int]]):
    """Maximal cliques (Bron–Kerbosch with pivoting), iteratively."""
    stack = [(set(), set(graph), set())]
    while stack:
        r, p, x = stack.pop()
        if not p and not x:
            yield r
            continue
        pivot = max(p | x, key=lambda v: len(graph[v] & p))
        for v in list(p - graph[pivot]):
            stack.append((r | {v}, p & graph[v], x & graph[v]))
            p = p - {v}
            x = x | {v}


def _clusters(candidates: list[Candidate], names: _Names, records: dict[int, InitiativeRecord]) -> list[Cluster]:
    graphs: dict[tuple[int, int], dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))
    for c in candidates:
        for area_id in c.area_ids:
            for theme_id in c.theme_ids:
                graph = graphs[(area_id, theme_id)]
                graph[c.first.id].add(c.second.id)
                graph[c.second.id].add(c.first.id)
    by_members: dict[tuple[int, ...], Cluster] = {}
    for key in sorted(graphs, key=lambda k: (names.areas[k[0]], names.themes[k[1]])):
        for clique in _cliques(graphs[key]):
            if len(clique) < 3:
                continue
            members = tuple(sorted(clique))
            label = f"{names.areas[key[0]]} · {names.themes[key[1]]}"
            cluster = by_members.get(members)
            if cluster is None:
                by_members[members] = Cluster(list(members), [records[i].title for i in members], [key], [label])
            else:
                cluster.keys.append(key)
                cluster.labels.append(label)
    return sorted(by_members.values(), key=lambda c: (-len(c.initiative_ids), c.labels[0], c.initiative_ids))


# --- the service -------------------------------------------------------------------------------------

def detect(*, area_id: int | None = None, administration_id: int | None = None,
           theme_id: int | None = None) -> DetectionResult:
    """The overlap candidates among open initiatives, most worrying first, with clusters.

    Filters narrow the pairs (sharing that area, led by that administration on one side, sharing that
    theme); weights are always computed over every open initiative, so a score does not depend on them.
    """
    records, names = load_records()
    ordered = sorted(records.values(), key=lambda r: r.id)
    vocabulary = build_vocabulary([f"{r.title}\n{r.summary}" for r in ordered])
    for record, concepts in zip(ordered, vocabulary.concepts_by_text, strict=True):
        record.concepts = concepts
    scorer = _Scorer(ordered, vocabulary, names)
    scope = [r for r in ordered
             if (area_id is None or ("area", area_id) in r.locations)
             and (theme_id is None or theme_id in r.theme_ids)]
    candidates, compared = _pairs(scope, scorer, administration_id)
    if area_id is not None:
        candidates = [c for c in candidates if area_id in c.area_ids]
    if theme_id is not None:
        candidates = [c for c in candidates if theme_id in c.theme_ids]
    gather_evidence(candidates, names.administrations)
    candidates.sort(key=lambda c: (not c.uncoordinated, -c.score, c.first.title, c.second.title))
    return DetectionResult(candidates, _clusters(candidates, names, records), compared, len(scope))
