"""What a generated draft is made of: sentences that carry their sources, kept or left out for space.

The drafting service (`tracker.reports.drafting.report`) returns these; the editor shows the sources beside each
sentence and lists what was left out; exports use only the text."""
from __future__ import annotations

from dataclasses import dataclass, field

# Kinds of record a sentence can point to; the editor turns (kind, id) into a link.
SOURCE_KINDS = ("initiative", "body", "meeting", "entry", "administration")


@dataclass(frozen=True)
class Source:
    kind: str
    id: int
    label: str


@dataclass(frozen=True)
class Sentence:
    text: str
    sources: tuple[Source, ...] = ()
    # Lower is more important; the least important sentences are dropped first when over the limit.
    priority: int = 0
    # Sentences with the same paragraph number are joined by a space; paragraphs by a blank line.
    paragraph: int = 0


@dataclass
class SectionDraft:
    number: int
    limit: int
    kept: list[Sentence] = field(default_factory=list)
    omitted: list[Sentence] = field(default_factory=list)  # "udeladt af pladshensyn"
    # How many more were left out than `omitted` lists: a stored draft keeps only the most important few.
    omitted_more: int = 0
    notes: list[str] = field(default_factory=list)  # writer's notes, never part of the text

    @property
    def text(self) -> str:
        paragraphs: dict[int, list[str]] = {}
        for sentence in self.kept:
            paragraphs.setdefault(sentence.paragraph, []).append(sentence.text)
        return "\n\n".join(" ".join(parts) for _, parts in sorted(paragraphs.items()))
