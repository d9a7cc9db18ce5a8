"""What the report pages show of a version: each section's text and count, and beside it the generated draft's
sentences with their sources, what was left out for space and the notes for the writer.

The draft's panels are the same for every reader in one language, so they are rendered once and kept until the
data changes (tracker/core/changes.py): a snapshot never changes, but a restore may put another in its place.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask import get_template_attribute
from flask_babel import get_locale
from markupsafe import Markup

from tracker.core.changes import cached
from tracker.reports import queries
from tracker.reports.counting import count_characters
from tracker.reports.drafting.drafts import Source
from tracker.reports.models import ReportVersion
from tracker.reports.snapshots import note_text
from tracker.reports.template import SECTIONS, SectionTemplate
from tracker.reports.web.sources import SourceLink, SourceLinker


@dataclass(frozen=True)
class SentenceView:
    text: str
    sources: list[SourceLink]
    sources_more: int = 0  # sources beyond those named


@dataclass
class DraftView:
    """One section of the generated draft, as its panel shows it."""

    number: int
    kept: list[SentenceView] = field(default_factory=list)
    omitted: list[SentenceView] = field(default_factory=list)
    omitted_more: int = 0  # left out beyond those listed
    notes: list[str] = field(default_factory=list)

    @property
    def omitted_count(self) -> int:
        return len(self.omitted) + self.omitted_more


@dataclass(frozen=True)
class DraftShown:
    """What a page shows of the generated draft a version's text derives from: its number, each section's
    panel (HTML), and its period with whether that held no log entries and no meetings."""

    number: int | None = None
    panels: dict[int, Markup] = field(default_factory=dict)
    thin: bool = False
    period_start: date | None = None
    period_end: date | None = None


@dataclass
class SectionView:
    template: SectionTemplate
    text: str
    panel: Markup | None = None  # the generated draft's panel beside the text, if it has the section

    @property
    def number(self) -> int:
        return self.template.number

    @property
    def has_draft(self) -> bool:
        return self.panel is not None

    @property
    def count(self) -> int:
        return count_characters(self.text)

    @property
    def over(self) -> int:
        return self.count - self.template.limit

    @property
    def paragraphs(self) -> list[str]:
        return [line for line in self.text.split("\n") if line.strip()]


def draft_shown(version: ReportVersion) -> DraftShown:
    """The panels of the generated draft `version` derives from (itself, if generated), as frozen in its
    snapshot (the labels it had then, whatever the records are called now); the draft and its snapshot are
    read only when they are not kept already."""
    if version.draft_id is None:
        return DraftShown()
    return cached(("reports.draft_shown", version.draft_id, str(get_locale())),
                  lambda: _render(queries.draft_of(version)))


def _render(draft: ReportVersion | None) -> DraftShown:
    if draft is None or draft.snapshot is None:
        return DraftShown(number=draft.number if draft is not None else None)
    shown = draft.snapshot.page
    macro = get_template_attribute("reports/_macros.html", "draft_panel")
    panels = {view.number: Markup(macro(view, draft.number)) for view in draft_views(shown)}
    return DraftShown(number=draft.number, panels=panels, thin=bool(shown.get("thin")),
                      period_start=draft.period_start, period_end=draft.period_end)


def draft_views(shown: dict) -> list[DraftView]:
    """Each section the stored record (tracker/reports/shown.py) has, with its sources as links."""
    linker = SourceLinker(shown)

    def view(sentence: dict) -> SentenceView:
        sources = [Source(kind=str(s["kind"]), id=int(s["id"]), label=str(s["label"])) for s in sentence["sources"]]
        return SentenceView(text=sentence["text"], sources=linker.links(sources),
                            sources_more=int(sentence.get("sources_more", 0)))

    sections = shown.get("sections") or {}
    return [DraftView(number=template.number, kept=[view(s) for s in section["kept"]],
                      omitted=[view(s) for s in section["omitted"]],
                      omitted_more=int(section.get("omitted_more", 0)),
                      notes=[note_text(note) for note in section["notes"]])
            for template in SECTIONS if (section := sections.get(str(template.number))) is not None]


def section_views(texts: dict[int, str], shown: DraftShown) -> list[SectionView]:
    """Each section of the template with `texts`, and the generated draft's panel beside it."""
    return [SectionView(template=template, text=texts.get(template.number, ""),
                        panel=shown.panels.get(template.number))
            for template in SECTIONS]
