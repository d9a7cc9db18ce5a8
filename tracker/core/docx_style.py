"""The house style of the Word files Tværs writes: A4, Arial throughout, black headings, Danish proofing, a page
header and "Side X af Y" in the footer, on top of python-docx's default template.

The default template is US Letter with Cambria/Calibri theme fonts and blue headings with a blue rule under the
title; a committee secretary would have to undo all of that before sending a file on. Arial is in every Word and
is metric-compatible with Liberation Sans, which LibreOffice substitutes for it, so text wraps alike in both.

Header and footer are written as WordprocessingML (fields have no python-docx API); callers pass text that is
already free of characters XML cannot hold.
"""
from __future__ import annotations

import re
from datetime import UTC, datetime
from xml.sax.saxutils import escape

from docx.enum.section import WD_ORIENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Emu, Length, Pt, RGBColor

A4_WIDTH, A4_HEIGHT = Cm(21), Cm(29.7)
FONT = "Arial"
BLACK = RGBColor(0, 0, 0)
# Grey for the header and other secondary lines: 7:1 on white, and it survives a grey-scale printout.
MUTED = "595959"
APPLICATION = "Tværs"
HEADER_DISTANCE = Cm(1.25)
# Markers for the page fields in a translated footer line such as "Side [[PAGE]] af [[NUMPAGES]]".
PAGE, PAGES = "[[PAGE]]", "[[NUMPAGES]]"
_STYLE_PREFIXES_IN_BLACK = ("Heading", "Title", "Subtitle")


def page_setup(document, *, side: Length, top: Length, bottom: Length,
               header_distance: Length = HEADER_DISTANCE) -> Emu:
    """A4 portrait with the given margins; returns the width between the margins."""
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = A4_WIDTH, A4_HEIGHT
    section.left_margin = section.right_margin = side
    section.top_margin, section.bottom_margin = top, bottom
    section.header_distance = section.footer_distance = header_distance
    return Emu(A4_WIDTH - 2 * side)


def house_fonts(document, *, body_points: float, line_spacing: float = 1.1, space_after: float = 3) -> None:
    """Arial in every style instead of the theme fonts, the body size given, and black headings and title
    (no blue, and no blue rule under the title)."""
    styles = document.styles
    for fonts in styles.element.iter(qn("w:rFonts")):
        for name in list(fonts.attrib):
            del fonts.attrib[name]
        for name in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(name), FONT)
    normal = styles["Normal"]
    normal.font.size = Pt(body_points)
    normal.paragraph_format.space_after = Pt(space_after)
    normal.paragraph_format.line_spacing = line_spacing
    for style in styles.element.iter(qn("w:style")):
        if not (style.get(qn("w:styleId")) or "").startswith(_STYLE_PREFIXES_IN_BLACK):
            continue
        for color in style.iter(qn("w:color")):
            for name in list(color.attrib):
                del color.attrib[name]
            color.set(qn("w:val"), str(BLACK))
        for border in list(style.iter(qn("w:pBdr"))):
            border.getparent().remove(border)


def set_language(document, tag: str) -> None:
    """Proofing in the document's language for every paragraph, so Word checks the spelling in Danish."""
    run_properties = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    language = run_properties.find(qn("w:lang"))
    if language is None:
        language = run_properties.makeelement(qn("w:lang"), {})
        run_properties.append(language)
    language.set(qn("w:val"), tag)
    document.core_properties.language = tag


def stamp_properties(document, *, title: str, author: str) -> None:
    """Title and author as the file's properties (shown by Word, the file manager and PDF converters), and
    none of the default template's own: its dates, revision and comment would describe python-docx."""
    properties = document.core_properties
    now = datetime.now(UTC).replace(microsecond=0)
    properties.title = title
    properties.author = author
    properties.last_modified_by = APPLICATION
    properties.comments = ""
    properties.created = properties.modified = now
    properties.revision = 1


def run_xml(text: str, *, bold: bool = False, italic: bool = False, color: str | None = None,
            points: float | None = None) -> str:
    """One run of plain text (no line breaks)."""
    props = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "") + (
        f'<w:color w:val="{color}"/>' if color else "") + (f'<w:sz w:val="{round(points * 2)}"/>' if points else "")
    return (f"<w:r>{f'<w:rPr>{props}</w:rPr>' if props else ''}"
            f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r>')


def field_xml(instruction: str, points: float) -> str:
    """A field Word and LibreOffice fill in when the document is laid out (PAGE, NUMPAGES)."""
    size = f'<w:rPr><w:sz w:val="{round(points * 2)}"/></w:rPr>'
    return (f'<w:r>{size}<w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r>{size}<w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
            f'<w:r>{size}<w:fldChar w:fldCharType="separate"/></w:r><w:r>{size}<w:t>1</w:t></w:r>'
            f'<w:r>{size}<w:fldChar w:fldCharType="end"/></w:r>')


def header_paragraph(runs: str, *, text_width: Emu, right: str = "", rule: bool = False) -> str:
    """A header line: ``runs`` at the left margin and ``right`` at the right one, with a thin grey rule under
    it if ``rule``. The Header style's own tab stops are set for Letter paper; they are cleared."""
    tabs = (f'<w:tabs><w:tab w:val="clear" w:pos="4680"/><w:tab w:val="clear" w:pos="9360"/>'
            f'<w:tab w:val="right" w:pos="{text_width.twips}"/></w:tabs>')
    border = ('<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="4" w:color="A6A6A6"/></w:pBdr>'
              if rule else "")
    after = f"<w:r><w:tab/></w:r>{right}" if right else ""
    return f'<w:p><w:pPr><w:pStyle w:val="Header"/>{border}{tabs}</w:pPr>{runs}{after}</w:p>'


def set_header(document, paragraphs: str) -> None:
    """Every page's header: the given paragraphs (WordprocessingML) in place of the template's empty one."""
    _replace(document.sections[0].header._element, paragraphs)


def set_page_number_footer(document, line: str, *, points: float) -> None:
    """Every page's footer, centred: ``line`` with PAGE and PAGES standing for the page and page-count
    fields, e.g. "Side [[PAGE]] af [[NUMPAGES]]"."""
    runs = []
    for part in re.split(f"({re.escape(PAGE)}|{re.escape(PAGES)})", line):
        if part == PAGE:
            runs.append(field_xml("PAGE", points))
        elif part == PAGES:
            runs.append(field_xml("NUMPAGES", points))
        elif part:
            runs.append(run_xml(part, points=points))
    _replace(document.sections[0].footer._element,
             f'<w:p><w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="center"/></w:pPr>{"".join(runs)}</w:p>')


def _replace(container, xml: str) -> None:
    for child in list(container):
        container.remove(child)
    for element in list(parse_xml(f"<w:hdr {nsdecls('w')}>{xml}</w:hdr>")):
        container.append(element)
