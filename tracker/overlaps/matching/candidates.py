"""What an overlap candidate is once found: the pair, what it shares and why, in words when asked for.

Detection (detection.py) makes candidates from the initiatives as they are; the stored review
(store.py) makes the same objects from its rows. Either way a candidate keeps its reasons as plain ids
and words (``basis``) and puts them into words only when shown, with the names of areas, themes and the
rest as they are then (``reasons_of``): most candidates are never shown, and a name may change.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tracker.overlaps.matching.evidence import Evidence
from tracker.overlaps.matching.records import InitiativeRecord, Names, pair_fingerprint
from tracker.overlaps.matching.strength import Strength
from tracker.overlaps.texts import _l

WORDS_SHOWN = 5
_NONE: tuple = ()


@dataclass(frozen=True)
class Reason:
    """Why a pair is a candidate, in words for display and in data for exports."""

    kind: str  # area, place, period, theme, goal, partner, words
    text: object  # a lazy Danish string; str() renders it in the current locale
    details: dict = field(default_factory=dict, compare=False)

    def __str__(self) -> str:
        return str(self.text)


@dataclass(frozen=True, slots=True)
class Basis:
    """What a candidate's reasons are made of, besides its areas, themes and period: shared places, plan
    goals and outside partners (ids), and the shared words as shown, most telling first, with their weight."""

    places: tuple[int, ...] = _NONE
    goals: tuple[int, ...] = _NONE
    partners: tuple[int, ...] = _NONE
    words: tuple[tuple[str, float], ...] = _NONE


@dataclass(slots=True)
class Candidate:
    """A pair of initiatives and what it shares; ``topic`` is the number of the topic it belongs to
    (topics.py), or None while it is a row of its own."""

    first: InitiativeRecord
    second: InitiativeRecord
    score: float
    overlap: tuple[date | None, date | None]
    area_ids: set[int] | frozenset[int]
    theme_ids: set[int] | frozenset[int]
    similarity: float = 0.0  # how alike the texts are, 0..1 (text.py)
    strength: Strength | None = None
    evidence: list[Evidence] = field(default_factory=list)
    basis: Basis = field(default_factory=Basis, repr=False, compare=False)
    names: Names | None = field(default=None, repr=False, compare=False)  # for the reasons in words
    topic: int | None = None
    _reasons: list[Reason] | None = field(default=None, repr=False, compare=False)
    _fingerprint: str | None = field(default=None, repr=False, compare=False)

    @property
    def reasons(self) -> list[Reason]:
        if self._reasons is None:
            self._reasons = reasons_of(self, self.names) if self.names is not None else []
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
    def leads(self) -> tuple[int, int]:
        return self.first.lead_administration_id, self.second.lead_administration_id

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
    statistics: dict | None = field(default=None, repr=False, compare=False)  # of a full run, for updates


def order_value(strong: bool, uncoordinated: bool, relevance: float, score: float) -> float:
    """The list's order as one number, smallest first: strong before weak, uncoordinated before coordinated,
    then the most relevant, then the highest score (relevance and score are rounded to thousandths, so the
    score's part never reaches the relevance's next step)."""
    return round((2 * (not strong) + (not uncoordinated)) * 100 - relevance - score * 1e-5, 9)


def order_key(candidate: Candidate) -> float:
    return order_value(candidate.strong, candidate.uncoordinated, candidate.relevance, candidate.score)


def rank(candidate: Candidate) -> tuple:
    """The list's order: strong before weak, uncoordinated before coordinated, most relevant first."""
    return (order_key(candidate), candidate.first.title, candidate.second.title)


def narrow(result: DetectionResult, *, area_id: int | None = None, administration_id: int | None = None,
           theme_id: int | None = None) -> DetectionResult:
    """The candidates of a result that pass the filters (sharing that area, led by that administration on one
    side, sharing that theme), in the same order. The counts of pairs and initiatives stay the result's."""
    candidates = [c for c in result.candidates if matches(c, area_id, administration_id, theme_id)]
    return DetectionResult(candidates, result.pairs_compared, result.initiatives_considered, result.names)


def matches(candidate: Candidate, area_id: int | None, administration_id: int | None,
            theme_id: int | None) -> bool:
    return ((area_id is None or area_id in candidate.area_ids)
            and (theme_id is None or theme_id in candidate.theme_ids)
            and (administration_id is None or administration_id in candidate.leads))


# --- reasons in words ----------------------------------------------------------------------------------

def _period_text(start: date | None, end: date | None):
    if start and end:
        years = str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
        return _l("%(years)s overlapper", years=years)
    if start:
        return _l("overlapper fra %(year)s", year=start.year)
    if end:
        return _l("overlapper til %(year)s", year=end.year)
    return _l("perioderne er åbne og overlapper")


def _named(ids, labels: dict[int, str]) -> list[int]:
    """The ids that still have a name, in the names' order (a theme deleted since is left out)."""
    return sorted((i for i in ids if i in labels), key=lambda i: labels[i])


def reasons_of(candidate: Candidate, names: Names) -> list[Reason]:
    basis = candidate.basis
    reasons = []
    area_ids = _named(candidate.area_ids, names.areas)
    if area_ids:
        shown = ", ".join(names.areas[i] for i in area_ids)
        text = _l("samme område: %(names)s", names=shown) if len(area_ids) == 1 \
            else _l("samme områder: %(names)s", names=shown)
        reasons.append(Reason("area", text, {"area_ids": area_ids}))
    places = _named(basis.places, names.places)
    if places:
        reasons.append(Reason("place", _l("samme sted: %(names)s", names=", ".join(names.places[i] for i in places)),
                              {"place_ids": places}))
    start, end = candidate.overlap
    reasons.append(Reason("period", _period_text(start, end), {"start": start, "end": end}))
    for kind, ids, label, words in (
        ("theme", candidate.theme_ids, names.themes,
         lambda shown, many: _l("samme temaer: %(names)s", names=shown) if many
         else _l("samme tema: %(names)s", names=shown)),
        ("goal", basis.goals, names.goals, lambda shown, many: _l("samme mål: %(names)s", names=shown)),
        ("partner", basis.partners, names.organisations,
         lambda shown, many: _l("fælles partnere: %(names)s", names=shown) if many
         else _l("fælles partner: %(names)s", names=shown)),
    ):
        ordered = _named(ids, label)
        if ordered:
            text = words(", ".join(label[i] for i in ordered), len(ordered) > 1)
            reasons.append(Reason(kind, text, {f"{kind}_ids": ordered}))
    if basis.words:
        shown = sorted(word for word, _weight in basis.words[:WORDS_SHOWN])
        reasons.append(Reason("words", _l("fælles ord: %(words)s", words=", ".join(shown)),
                              {"words": shown, "weight": round(sum(w for _word, w in basis.words), 3)}))
    return reasons
