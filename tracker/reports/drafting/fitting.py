"""Fitting a section's candidate sentences within its hard limit: whole sentences, most important first.

The rule, which the writer can rely on: sentences are taken in order of importance (priority, then their place
in the text) while they fit. Once one that could have fitted on its own does not, nothing less important is
taken, so everything left out ("udeladt af pladshensyn") is at most as important as what was kept. A sentence
longer than the whole limit could never be kept and blocks nothing. A sentence that only makes sense after
another (a result after its initiative) is left out with it. Kept sentences stay in text order. The same
sentence proposed twice (two log entries with one text) is told once, with the sources of both.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from tracker.reports.counting import count_characters
from tracker.reports.drafting.drafts import SectionDraft, Sentence, Source
from tracker.reports.drafting.phrasing import sentence


@dataclass(frozen=True)
class Line:
    """A candidate sentence before fitting; `key` names it so that another line can require it."""

    text: str
    sources: tuple[Source, ...] = ()
    priority: int = 0
    paragraph: int = 0
    key: str | None = None
    requires: str | None = None

    def sentence(self) -> Sentence:
        return Sentence(self.text, self.sources, self.priority, self.paragraph)


def fit(number: int, limit: int, lines: list[Line], notes: list | None = None) -> SectionDraft:
    """The draft of `lines` within `limit`, counted with the one character counter on the draft's text."""
    draft = SectionDraft(number=number, limit=limit, notes=list(notes or []))
    lines = _once_each(lines)
    importance = sorted(range(len(lines)), key=lambda i: (lines[i].priority, i))
    kept: set[int] = set()
    kept_keys: set[str] = set()
    blocked_after: int | None = None
    for index in importance:
        line = lines[index]
        allowed = blocked_after is None or line.priority <= blocked_after
        ready = line.requires is None or line.requires in kept_keys
        if allowed and ready and _fits_with(lines, kept | {index}, number, limit):
            kept.add(index)
            if line.key:
                kept_keys.add(line.key)
            continue
        if allowed and ready and blocked_after is None and count_characters(line.text) <= limit:
            blocked_after = line.priority
        draft.omitted.append(line.sentence())
    draft.kept = [lines[i].sentence() for i in sorted(kept)]
    return draft


def _once_each(lines: list[Line]) -> list[Line]:
    """Each sentence whole and once: where a text repeats, the first keeps the sources of all and the highest
    importance of any."""
    first: dict[str, int] = {}
    unique: list[Line] = []
    for line in lines:
        line = replace(line, text=sentence(line.text))
        if line.text not in first:
            first[line.text] = len(unique)
            unique.append(line)
            continue
        index = first[line.text]
        earlier = unique[index]
        sources = earlier.sources + tuple(s for s in line.sources if s not in earlier.sources)
        unique[index] = replace(earlier, sources=sources, priority=min(earlier.priority, line.priority),
                                key=earlier.key or line.key)
    return unique


def _fits_with(lines: list[Line], chosen: set[int], number: int, limit: int) -> bool:
    trial = SectionDraft(number=number, limit=limit, kept=[lines[i].sentence() for i in sorted(chosen)])
    return count_characters(trial.text) <= limit
