"""Strong and weak overlap candidates: whether two initiatives are about the same problem, said in words.

Detection (detection.py) finds every pair that shares a place, a time and something more. Most of those
pairs only share a broad label: in a city's year, dozens of administrations' initiatives in one area are
tagged "Tryghed" or "Børn og unge" without working on the same thing. What shows that two initiatives
are about the *same problem* is what they say: their titles and summaries. So a candidate is

* **strong** when its texts are alike — the IDF-weighted cosine of their Danish concepts (text.py) is at
  least ``STRONG_TEXT`` — or when they are somewhat alike (``SUPPORTED_TEXT``) and something specific
  backs it: the same place (a named estate or neighbourhood, not just the area), the same goal of the
  area's development plan, or the same outside partner;
* **weak** otherwise: a shared theme, goal or partner alone, or a few shared words.

Candidates are ranked by ``relevance``: the text likeness plus small bonuses for each specific signal
(``BONUS``), so among strong candidates those sharing most come first. The thresholds were set on
realistic synthetic data with planted overlaps (benchmarks/overlaps.py prints recall and precision).
"""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

STRONG_TEXT = 0.30
SUPPORTED_TEXT = 0.18
BONUS = {"place": 0.10, "goal": 0.08, "partner": 0.05, "theme": 0.03}
WORDS_SHOWN = 4


@dataclass(frozen=True)
class Strength:
    """Whether a candidate is strong, how relevant, and why; the words are rendered when shown, in the
    reader's language (a cached detection serves Danish and English readers alike)."""

    strong: bool
    relevance: float
    parts: tuple  # lazy strings: the likeness of the texts, then the specific signals shared
    label_only: bool = False  # weak because only labels (theme, goal, partner) are shared

    @property
    def text(self) -> str:
        joined = " · ".join(str(part) for part in self.parts)
        if self.strong:
            return str(_l("Stærk kandidat: %(reasons)s.", reasons=joined))
        if self.label_only:
            return str(_l("Svag kandidat: %(reasons)s. Fælles sted, tema, mål eller partner alene viser "
                          "ikke, at indsatserne handler om det samme.", reasons=joined))
        return str(_l("Svag kandidat: %(reasons)s.", reasons=joined))

    def __str__(self) -> str:
        return self.text


def likeness_label(similarity: float):
    if similarity >= STRONG_TEXT:
        return _l("teksterne handler om det samme")
    if similarity >= SUPPORTED_TEXT:
        return _l("teksterne ligner hinanden noget")
    if similarity > 0:
        return _l("teksterne har kun lidt til fælles")
    return _l("teksterne har intet til fælles")


def classify(similarity: float, words: list[str], *, places: bool, goals: bool, partners: bool,
             themes: bool) -> Strength:
    """Strong or weak, with the reasons in plain Danish (``words``: the shared words to show)."""
    specific = [name for name, present in (("place", places), ("goal", goals), ("partner", partners)) if present]
    strong = similarity >= STRONG_TEXT or (similarity >= SUPPORTED_TEXT and bool(specific))
    relevance = similarity + sum(BONUS[name] for name in specific) + (BONUS["theme"] if themes else 0.0)
    likeness = likeness_label(similarity)
    if words and similarity > 0:
        likeness = _l("%(likeness)s (%(words)s)", likeness=likeness, words=", ".join(words[:WORDS_SHOWN]))
    parts = (likeness, *(text for present, text in (
        (places, _l("samme sted")), (goals, _l("samme mål i udviklingsplanen")),
        (partners, _l("samme eksterne partner")), (themes, _l("samme tema")),
    ) if present))
    label_only = not strong and similarity < SUPPORTED_TEXT and (themes or goals or partners or places)
    return Strength(strong, round(relevance, 3), parts, label_only)
