"""What the report pages show of a version: each section's text and count, and beside it the generated draft's
sentences with their sources, what was left out for space and the notes for the writer."""
from __future__ import annotations

from dataclasses import dataclass, field

from tracker.reports.counting import count_characters
from tracker.reports.drafting.drafts import SectionDraft, Sentence
from tracker.reports.models import ReportVersion
from tracker.reports.snapshots import drafts_from_json
from tracker.reports.sources import SourceLink, SourceLinker
from tracker.reports.template import SECTIONS, SectionTemplate


@dataclass(frozen=True)
class SentenceView:
    text: str
    sources: list[SourceLink]


@dataclass
class SectionView:
    template: SectionTemplate
    text: str
    kept: list[SentenceView] = field(default_factory=list)
    omitted: list[SentenceView] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    has_draft: bool = False

    @property
    def number(self) -> int:
        return self.template.number

    @property
    def count(self) -> int:
        return count_characters(self.text)

    @property
    def over(self) -> int:
        return self.count - self.template.limit

    @property
    def paragraphs(self) -> list[str]:
        return [line for line in self.text.split("\n") if line.strip()]


def section_views(texts: dict[int, str], draft: ReportVersion | None) -> list[SectionView]:
    """Each section of the template with `texts`, and the generated `draft`'s sentences beside it, as frozen
    in the draft's snapshot (the labels it had then, whatever the records are called now)."""
    snapshot = draft.snapshot if draft is not None else None
    drafts: dict[int, SectionDraft] = drafts_from_json(snapshot.draft) if snapshot is not None else {}
    linker = SourceLinker(snapshot.facts if snapshot is not None else None)

    def view(sentence: Sentence) -> SentenceView:
        return SentenceView(text=sentence.text, sources=linker.links(sentence.sources))

    views = []
    for template in SECTIONS:
        section_draft = drafts.get(template.number)
        views.append(SectionView(
            template=template, text=texts.get(template.number, ""),
            kept=[view(s) for s in section_draft.kept] if section_draft else [],
            omitted=[view(s) for s in section_draft.omitted] if section_draft else [],
            notes=list(section_draft.notes) if section_draft else [],
            has_draft=section_draft is not None,
        ))
    return views
