"""Strong and weak overlap candidates: whether two initiatives are about the same problem, said in words.

Detection (detection.py) finds every pair that shares a place, a time and something more. Most of those
pairs only share a broad label: in a city's year, dozens of administrations' initiatives in one area are
tagged "Tryghed" or "Børn og unge" without working on the same thing. What shows that two initiatives
are about the *same problem* is what they say: their titles and summaries. So a candidate is

* **strong** when its texts are alike — the cosine of their character 4-gram TF-IDF vectors (text.py,
  ``Vocabulary.likeness``) is at least ``STRONG_TEXT`` — or when they are somewhat alike
  (``SUPPORTED_TEXT``) and something specific backs it: the same place (a named estate or neighbourhood,
  not just the area), or both the same goal of the area's development plan and the same outside partner
  (either alone is shared by many unrelated initiatives);
* **weak** otherwise: a shared theme, goal or partner alone, or a few shared words; and a pair alike enough
  whose two initiatives each stand in a topic of their own with far more alike initiatives (topics.py):
  at a city's scale many unrelated texts are a little alike, and such a pair only links two topics.

Candidates are ranked by ``relevance``: the text likeness plus small bonuses for each specific signal
(``BONUS``), so among strong candidates those sharing most come first. The thresholds were set on
realistic synthetic data with planted overlaps at 500, 2,000 and 20,000 initiatives (benchmarks/overlaps.py
prints recall, precision and the list's length; the figures are in the README).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from tracker.overlaps.texts import _l

STRONG_TEXT = 0.095
SUPPORTED_TEXT = 0.06
BONUS = {"place": 0.10, "goal": 0.08, "partner": 0.05, "theme": 0.03}
WORDS_SHOWN = 4


@dataclass(frozen=True, slots=True)
class Strength:
    """Whether a candidate is strong, how relevant, and why. The words are put together when shown, in the
    reader's language (a stored review serves Danish and English readers alike), and only then: most
    candidates are never shown.

    ``alike`` says the texts are about the same problem (or somewhat alike and backed); ``outclassed`` that
    each of the two initiatives belongs to a topic of its own whose initiatives are far more alike it
    (topics.py), so the pair is a weak link between two topics. A candidate is strong when alike and not
    outclassed."""

    alike: bool
    relevance: float
    similarity: float
    signals: tuple[str, ...]  # of "place", "goal", "partner", "theme", in that order
    shown: tuple[str, ...] = field(default=(), compare=False, repr=False)  # shared words, most telling first
    outclassed: bool = False

    @property
    def strong(self) -> bool:
        return self.alike and not self.outclassed

    def words(self) -> list[str]:
        """The shared words to show, most telling first."""
        return list(self.shown)

    @property
    def label_only(self) -> bool:
        """Weak because only labels (place, theme, goal, partner) are shared, not what the texts say."""
        return not self.alike and self.similarity < SUPPORTED_TEXT and bool(self.signals)

    @property
    def parts(self) -> list:
        likeness = likeness_label(self.similarity)
        shown = self.words() if self.similarity > 0 else []
        if shown:
            likeness = _l("%(likeness)s (%(words)s)", likeness=likeness, words=", ".join(shown[:WORDS_SHOWN]))
        return [likeness, *(SIGNAL_WORDS[name] for name in self.signals)]

    @property
    def text(self) -> str:
        joined = " · ".join(str(part) for part in self.parts)
        if self.strong:
            return str(_l("Stærk kandidat: %(reasons)s.", reasons=joined))
        if self.outclassed:
            return str(_l("Svag kandidat: %(reasons)s. Hver af de to indsatser ligner andre indsatser langt mere "
                          "og står under sit eget emne.", reasons=joined))
        if self.label_only:
            return str(_l("Svag kandidat: %(reasons)s. Fælles sted, tema, mål eller partner alene viser "
                          "ikke, at indsatserne handler om det samme.", reasons=joined))
        return str(_l("Svag kandidat: %(reasons)s.", reasons=joined))

    def __str__(self) -> str:
        return self.text


SIGNAL_WORDS = {"place": _l("samme sted"), "goal": _l("samme mål i udviklingsplanen"),
                "partner": _l("samme eksterne partner"), "theme": _l("samme tema")}


def likeness_label(similarity: float):
    if similarity >= STRONG_TEXT:
        return _l("teksterne handler om det samme")
    if similarity >= SUPPORTED_TEXT:
        return _l("teksterne ligner hinanden noget")
    if similarity > 0:
        return _l("teksterne har kun lidt til fælles")
    return _l("teksterne har intet til fælles")


def classify(similarity: float, shown: tuple[str, ...], *, places: bool, goals: bool, partners: bool,
             themes: bool) -> Strength:
    """Alike or not and how relevant; ``shown`` are the shared words, most telling first."""
    specific = [name for name, present in (("place", places), ("goal", goals), ("partner", partners)) if present]
    backed = places or (goals and partners)
    alike = similarity >= STRONG_TEXT or (similarity >= SUPPORTED_TEXT and backed)
    relevance = similarity + sum(BONUS[name] for name in specific) + (BONUS["theme"] if themes else 0.0)
    signals = tuple(specific) + (("theme",) if themes else ())
    return Strength(alike, round(relevance, 3), similarity, signals, shown)
