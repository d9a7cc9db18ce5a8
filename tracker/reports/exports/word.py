"""The committee's report as the Word document BIF collects (python-docx), in the house style
(tracker.core.docx_style): A4 with 2.5 cm margins, Arial 11 pt, black headings numbered as in the template,
the committee and year in every page's header and "Side X af Y" in the footer.

The builder is pure: it takes a `ReportDocument` (plain strings) and returns the file, with no database and
no request.
"""
from __future__ import annotations

import re
from datetime import date
from io import BytesIO

from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.shared import Cm, Pt, RGBColor

from tracker.core import docx_style
from tracker.core.docx_style import MUTED, PAGE, PAGES
from tracker.reports.exports.document import (
    OVER_LIMIT_HEADING,
    ReportDocument,
    draft_mark,
    over_limit_line,
    paragraphs,
    sections_over_limit,
    version_line,
)
from tracker.reports.template import SECTIONS

MARGIN = Cm(2.5)
BODY_POINTS, HEADER_POINTS = 11, 9
# Guidance and limit lines are instructions to the writer, set apart from the answer as in BIF's template.
GUIDANCE_GREY = RGBColor(0x59, 0x59, 0x59)
# Det Fælles Designsystem's error colour, so the warning looks like the counter that turned red in the editor.
WARNING_RED = RGBColor(0xCC, 0x00, 0x00)
LANGUAGE = "da-DK"

# Word cannot store these (control characters and unpaired surrogates are not allowed in XML). They are
# invisible and only ever arrive by pasting; dropping them is better than refusing the whole export.
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


# --- Word ------------------------------------------------------------------------------------------------


def _docx_text(text: str) -> str:
    return _NOT_IN_XML.sub("", text)


def _styles(document) -> None:
    """The house fonts, the title a size above the section headings, and room around the headings: the
    body is set a little airier than Word's default, as in the printed report."""
    docx_style.house_fonts(document, body_points=BODY_POINTS, line_spacing=1.15, space_after=6)
    styles = document.styles
    styles["Heading 1"].font.size = Pt(15)
    styles["Heading 1"].paragraph_format.space_before = Pt(0)
    styles["Heading 1"].paragraph_format.space_after = Pt(12)
    styles["Heading 2"].font.size = Pt(12)
    styles["Heading 2"].paragraph_format.space_before = Pt(18)
    styles["Heading 2"].paragraph_format.space_after = Pt(4)


def _header_and_footer(document, doc: ReportDocument, text_width) -> None:
    """Every page: the committee and the report's year in the header, "Side X af Y" in the footer."""
    committee = docx_style.run_xml(_docx_text(doc.committee_name), bold=True, color=MUTED, points=HEADER_POINTS)
    year = docx_style.run_xml(f"Statusredegørelse for inklusionsindsatsen {doc.year}", color=MUTED,
                              points=HEADER_POINTS)
    docx_style.set_header(document, docx_style.header_paragraph(committee, right=year, rule=True,
                                                                text_width=text_width))
    docx_style.set_page_number_footer(document, f"Side {PAGE} af {PAGES}", points=HEADER_POINTS)


def _instruction(document, text: str) -> None:
    paragraph = document.add_paragraph()
    # The guidance and limit lines stay on the page of the answer they introduce, as does the heading.
    paragraph.paragraph_format.keep_with_next = True
    run = paragraph.add_run(text)
    run.italic = True
    run.font.color.rgb = GUIDANCE_GREY


def _warning(document, text: str, *, style: str | None = None) -> None:
    run = document.add_paragraph(style=style).add_run(text)
    run.bold = True
    run.font.color.rgb = WARNING_RED
    # Highlighted as well as red, so it is seen on a grey-scale printout too.
    run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _core_properties(document, doc: ReportDocument) -> None:
    docx_style.stamp_properties(document, title=doc.title, author=_docx_text(doc.committee_name))
    properties = document.core_properties
    properties.subject = "Statusredegørelse for inklusionsindsatsen"
    properties.content_status = "Endelig" if doc.is_final else "Kladde"
    properties.version = doc.version_label or ""
    properties.keywords = f"inklusion; redegørelse; {doc.year}"


def _version_line(document, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(18)
    run = paragraph.add_run(text)
    run.font.size = Pt(HEADER_POINTS)
    run.font.color.rgb = GUIDANCE_GREY


def to_docx(doc: ReportDocument, today: date | None = None) -> bytes:
    """The Word document BIF collects: the title, on the first page a draft mark and a warning for every
    section over its limit, then each section's heading, grey italic guidance and limit lines, and the
    answer, one Word paragraph per paragraph of the text; a draft ends with its version and date
    (``doc.dated``, else ``today``)."""
    document = Document()
    text_width = docx_style.page_setup(document, side=MARGIN, top=MARGIN, bottom=MARGIN)
    _styles(document)
    docx_style.set_language(document, LANGUAGE)
    _core_properties(document, doc)
    _header_and_footer(document, doc, text_width)
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
    last = version_line(doc, today or date.today())
    if last:
        _version_line(document, last)
    out = BytesIO()
    document.save(out)
    return out.getvalue()
