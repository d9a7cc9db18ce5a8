"""What the report pages show of a version: each section's text and count, and beside it the generated draft's
sentences with their sources, what was left out for space and the notes for the writer."""
from __future__ import annotations

from dataclasses import dataclass, field

from tracker.reports.counting import count_characters
from tracker.reports.drafting.drafts import Source
from tracker.reports.models import ReportVersion
from tracker.reports.snapshots import note_text
from tracker.reports.sources import SourceLink, SourceLinker
from tracker.reports.template import SECTIONS, SectionTemplate


@dataclass(frozen=True)
class SentenceView:
    text: str
    sources: list[SourceLink]
    sources_more: int = 0  # sources beyond those named


@dataclass
class SectionView:
    template: SectionTemplate
    text: str
    kept: list[SentenceView] = field(default_factory=list)
    omitted: list[SentenceView] = field(default_factory=list)
    omitted_more: int = 0  # left out beyond those listed
    notes: list[str] = field(default_factory=list)
    has_draft: bool = False

    @property
    def omitted_count(self) -> int:
        return len(self.omitted) + self.omitted_more

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
    shown = draft.snapshot.page if draft is not None and draft.snapshot is not None else {}
    drafts = shown.get("sections") or {}
    linker = SourceLinker(shown)

    def view(sentence: dict) -> SentenceView:
        sources = [Source(kind=str(s["kind"]), id=int(s["id"]), label=str(s["label"])) for s in sentence["sources"]]
        return SentenceView(text=sentence["text"], sources=linker.links(sources),
                            sources_more=int(sentence.get("sources_more", 0)))

    views = []
    for template in SECTIONS:
        section = drafts.get(str(template.number))
        views.append(SectionView(
            template=template, text=texts.get(template.number, ""),
            kept=[view(s) for s in section["kept"]] if section else [],
            omitted=[view(s) for s in section["omitted"]] if section else [],
            omitted_more=int(section.get("omitted_more", 0)) if section else 0,
            notes=[note_text(note) for note in section["notes"]] if section else [],
            has_draft=section is not None,
        ))
    return views
