"""The committee's report as the Word document BIF collects (python-docx).

The builder is pure: it takes a `ReportDocument` (plain strings) and returns the file, with no database and
no request.
"""
from __future__ import annotations

import re
from datetime import UTC, datetime
from io import BytesIO

from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.shared import RGBColor

from tracker.reports.exports.document import (
    OVER_LIMIT_HEADING,
    ReportDocument,
    draft_mark,
    over_limit_line,
    paragraphs,
    sections_over_limit,
)
from tracker.reports.template import SECTIONS

# Guidance and limit lines are instructions to the writer, set apart from the answer as in BIF's template.
GUIDANCE_GREY = RGBColor(0x59, 0x59, 0x59)
# Det Fælles Designsystem's error colour, so the warning looks like the counter that turned red in the editor.
WARNING_RED = RGBColor(0xCC, 0x00, 0x00)
LANGUAGE = "da-DK"
APPLICATION = "Tværs"

# Word cannot store these (control characters and unpaired surrogates are not allowed in XML). They are
# invisible and only ever arrive by pasting; dropping them is better than refusing the whole export.
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


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
