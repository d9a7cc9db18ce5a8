"""The committee's report as files in the template's layout: Word (python-docx), plain text and Markdown.

The builders are pure: they take a `ReportDocument` (plain strings) and return the file, with no database
and no request. Everything they write is Danish whatever the writer's interface language, because the
document goes unedited into the printed report; that includes the draft mark and the over-limit warning,
which belong to the document, not to the interface.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from io import BytesIO

from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.shared import RGBColor

from tracker.reports.counting import normalise_breaks
from tracker.reports.template import SECTIONS, Overflow, SectionTemplate, overflows, report_title
from tracker.reports.template import section as section_template

# Guidance and limit lines are instructions to the writer, set apart from the answer as in BIF's template.
GUIDANCE_GREY = RGBColor(0x59, 0x59, 0x59)
# Det Fælles Designsystem's error colour, so the warning looks like the counter that turned red in the editor.
WARNING_RED = RGBColor(0xCC, 0x00, 0x00)
LANGUAGE = "da-DK"
APPLICATION = "Tværs"

# Word cannot store these (control characters and unpaired surrogates are not allowed in XML). They are
# invisible and only ever arrive by pasting; dropping them is better than refusing the whole export.
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass
class ReportDocument:
    committee_name: str
    year: int
    texts: dict[int, str] = field(default_factory=dict)  # section number -> answer; missing or empty allowed
    is_final: bool = False
    version_label: str | None = None

    @property
    def title(self) -> str:
        return report_title(self.committee_name, self.year)

    def text_of(self, number: int) -> str:
        return self.texts.get(number) or ""


def danish_number(value: int) -> str:
    """1.500, not 1,500: the printed report's thousands separator, whatever the interface language."""
    return f"{value:,}".replace(",", ".")


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


OVER_LIMIT_HEADING = ("Advarsel: Disse afsnit er over grænsen for anslag inkl. mellemrum og skal forkortes, "
                      "før redegørelsen kan indgå uredigeret i den trykte statusrapport:")


def _first_page_notices(doc: ReportDocument, emphasis: str = "") -> list[str]:
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


def _chosen_sections(number: int | None) -> tuple[SectionTemplate, ...]:
    """All four sections, or one; an unknown section number raises KeyError rather than exporting nothing."""
    return SECTIONS if number is None else (section_template(number),)


# --- plain text ------------------------------------------------------------------------------------------


def to_text(doc: ReportDocument, section: int | None = None) -> str:
    """One section: just its answer, ready to paste. Whole report: title, notices, and each section with
    heading, guidance and limit line. Paragraphs are separated by a blank line."""
    if section is not None:
        (template,) = _chosen_sections(section)
        return "\n\n".join(paragraphs(doc.text_of(template.number)))
    blocks = [doc.title, *_first_page_notices(doc)]
    for template in SECTIONS:
        blocks.extend([template.numbered_heading, template.guidance, template.limit_line])
        blocks.extend(paragraphs(doc.text_of(template.number)))
    return "\n\n".join(blocks) + "\n"


# --- Markdown --------------------------------------------------------------------------------------------


def _markdown_section(doc: ReportDocument, template: SectionTemplate) -> list[str]:
    return [f"## {template.numbered_heading}", f"*{template.guidance}*", f"*{template.limit_line}*",
            *paragraphs(doc.text_of(template.number))]


def to_markdown(doc: ReportDocument, section: int | None = None) -> str:
    """The layout of the transcribed reports: `# title`, then `## 3) heading`, `*guidance*`, `*[max ...]*`
    and the answer. One section leaves out the title and the notices."""
    blocks: list[str] = []
    if section is None:
        blocks = [f"# {doc.title}", *_first_page_notices(doc, emphasis="**")]
    for template in _chosen_sections(section):
        blocks.extend(_markdown_section(doc, template))
    return "\n\n".join(blocks) + "\n"


# --- Word ------------------------------------------------------------------------------------------------


def _docx_text(text: str) -> str:
    return _NOT_IN_XML.sub("", text)


def _set_language(document) -> None:
    """Danish proofing for every paragraph, so Word checks the spelling in Danish."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_properties = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    language = run_properties.find(qn("w:lang"))
    if language is None:
        language = run_properties.makeelement(qn("w:lang"), {})
        run_properties.append(language)
    language.set(qn("w:val"), LANGUAGE)


def _instruction(document, text: str) -> None:
    run = document.add_paragraph().add_run(text)
    run.italic = True
    run.font.color.rgb = GUIDANCE_GREY


def _warning(document, text: str, *, style: str | None = None) -> None:
    run = document.add_paragraph(style=style).add_run(text)
    run.bold = True
    run.font.color.rgb = WARNING_RED
    # Highlighted as well as red, so it is seen on a grey-scale printout too.
    run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _core_properties(document, doc: ReportDocument) -> None:
    properties = document.core_properties
    now = datetime.now(UTC).replace(microsecond=0)
    properties.title = doc.title
    properties.subject = "Statusredegørelse for inklusionsindsatsen"
    properties.author = doc.committee_name
    properties.last_modified_by = APPLICATION
    properties.language = LANGUAGE
    properties.content_status = "Endelig" if doc.is_final else "Kladde"
    properties.version = doc.version_label or ""
    properties.keywords = f"inklusion; redegørelse; {doc.year}"
    properties.comments = ""
    properties.created = now
    properties.modified = now
    properties.revision = 1


def to_docx(doc: ReportDocument) -> bytes:
    """The Word document BIF collects: the title, on the first page a draft mark and a warning for every
    section over its limit, then each section's heading, grey italic guidance and limit lines, and the
    answer, one Word paragraph per paragraph of the text."""
    document = Document()
    _set_language(document)
    _core_properties(document, doc)
    document.add_heading(doc.title, level=1)
    mark = draft_mark(doc)
    if mark:
        _warning(document, mark)
    over = sections_over_limit(doc)
    if over:
        _warning(document, OVER_LIMIT_HEADING)
        for item in over:
            _warning(document, over_limit_line(item), style="List Bullet")
    for template in SECTIONS:
        document.add_heading(template.numbered_heading, level=2)
        _instruction(document, template.guidance)
        _instruction(document, template.limit_line)
        for paragraph in paragraphs(doc.text_of(template.number)):
            document.add_paragraph(_docx_text(paragraph))
    out = BytesIO()
    document.save(out)
    return out.getvalue()
