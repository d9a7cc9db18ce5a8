"""The committee's report as the export builders read it: plain strings, with the template's notices.

Everything in the files is Danish whatever the writer's interface language, because the document goes
unedited into the printed report; that includes the draft mark and the over-limit warning, which belong to
the document, not to the interface.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from babel.dates import format_date

from tracker.reports.counting import normalise_breaks
from tracker.reports.template import SECTIONS, Overflow, SectionTemplate, overflows, report_title
from tracker.reports.template import section as section_template


@dataclass
class ReportDocument:
    committee_name: str
    year: int
    texts: dict[int, str] = field(default_factory=dict)  # section number -> answer; missing or empty allowed
    is_final: bool = False
    version_label: str | None = None  # "version 3"
    dated: date | None = None  # the day the version was saved (or the draft made)

    @property
    def title(self) -> str:
        return report_title(self.committee_name, self.year)

    def text_of(self, number: int) -> str:
        return self.texts.get(number) or ""


def danish_number(value: int) -> str:
    """1.500, not 1,500: the printed report's thousands separator, whatever the interface language."""
    return f"{value:,}".replace(",", ".")


def danish_date(value: date) -> str:
    """"14. marts 2014": the printed report's dates, whatever the interface language."""
    return format_date(value, "long", locale="da_DK")


def paragraphs(text: str) -> list[str]:
    """The answer's paragraphs: one per line, empty lines dropped. Any break convention counts as a break;
    nothing inside a line is touched, so the count of the paragraphs joined is the count of the text."""
    return [line for line in normalise_breaks(text).split("\n") if line]


def sections_over_limit(doc: ReportDocument) -> list[Overflow]:
    return overflows({template.number: doc.text_of(template.number) for template in SECTIONS})


def over_limit_line(item: Overflow) -> str:
    return (f"{item.template.numbered_heading}: {danish_number(item.count)} af "
            f"{danish_number(item.template.limit)} anslag – {danish_number(item.over)} for mange")


def draft_mark(doc: ReportDocument) -> str | None:
    if doc.is_final:
        return None
    label = f" ({doc.version_label})" if doc.version_label else ""
    return f"KLADDE{label} – ikke den endelige redegørelse"


def version_line(doc: ReportDocument, today: date) -> str | None:
    """The draft's last line, "Kladde, version 3, 14. marts 2014", so a printed page says which text it is.
    A final version has none: it goes unedited into the printed report."""
    if doc.is_final:
        return None
    return ", ".join(filter(None, ["Kladde", doc.version_label, danish_date(doc.dated or today)]))


OVER_LIMIT_HEADING = ("Advarsel: Disse afsnit er over grænsen for anslag inkl. mellemrum og skal forkortes, "
                      "før redegørelsen kan indgå uredigeret i den trykte statusrapport:")


def first_page_notices(doc: ReportDocument, emphasis: str = "") -> list[str]:
    """The draft mark and the over-limit warning as blocks of text, for the text and Markdown exports."""
    blocks = []
    mark = draft_mark(doc)
    if mark:
        blocks.append(f"{emphasis}{mark}{emphasis}")
    over = sections_over_limit(doc)
    if over:
        items = "\n".join(f"- {over_limit_line(item)}" for item in over)
        blocks.append(f"{emphasis}{OVER_LIMIT_HEADING}{emphasis}\n\n{items}")
    return blocks


def chosen_sections(number: int | None) -> tuple[SectionTemplate, ...]:
    """All four sections, or one; an unknown section number raises KeyError rather than exporting nothing."""
    return SECTIONS if number is None else (section_template(number),)
