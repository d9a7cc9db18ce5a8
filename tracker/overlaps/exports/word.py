"""The overlap review as a Word meeting paper: A4, a summary table first, details of the strong rows after
(rows.py describes the rows and why the body is written as XML text)."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from io import BytesIO
from xml.sax.saxutils import escape
from zipfile import ZIP_DEFLATED, ZipFile

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm, Pt
from flask_babel import get_locale

from tracker.core import docx_style
from tracker.core.docx_style import PAGE, PAGES
from tracker.overlaps.exports.rows import (
    BREAK,
    HEADER_FILL,
    MUTED,
    ExportRow,
    clean,
    filters_line,
    initiative_line,
    long_date,
    number,
)
from tracker.overlaps.texts import _l

# --- Word ------------------------------------------------------------------------------------------------
#
# The body is written as WordprocessingML text (see _spliced). Element order inside pPr, rPr, tblPr and tcPr
# follows the schema, which Word (unlike LibreOffice) insists on.

# A4 (tracker.core.docx_style, the house style it shares with the report); narrower side margins than the
# report's, for the summary table.
MARGIN_SIDE, MARGIN_TOP, MARGIN_BOTTOM = Cm(2), Cm(2.7), Cm(2)
# The summary's columns in cm; together the 17 cm between A4's margins.
SUMMARY_COLUMNS = ((_l("Nr."), 1.0), (_l("Område"), 2.4), (_l("Indsatser"), 6.0), (_l("Hvorfor"), 4.8),
                   (_l("Vurdering"), 2.8))
# Arial (the house font) in Word, its metric twin Liberation Sans in LibreOffice: the columns wrap alike in
# both, which the template's theme fonts (Cambria and Calibri, often missing outside Office) do not.
BODY_POINTS, TABLE_POINTS, SMALL_POINTS = 10, 9, 8
INITIATIVES_IN_SUMMARY = 12  # a topic's initiatives in the summary table; the details list them all
# The body is written into the saved file in place of this paragraph (see _spliced).
_BODY_MARK = "<w:p><w:r><w:t>tvaers-review-body</w:t></w:r></w:p>"


def _twips(cm: float) -> int:
    return round(cm * 1440 / 2.54)


def _run(text: str, *, bold: bool = False, italic: bool = False, color: str | None = None,
         points: int | None = None) -> str:
    """One run; line breaks become <w:br/> and tabs <w:tab/>, so pasted text keeps its lines."""
    props = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "") + (
        f'<w:color w:val="{color}"/>' if color else "") + (f'<w:sz w:val="{points * 2}"/>' if points else "")
    pieces = []
    for index, line in enumerate(BREAK.split(clean(text))):
        if index:
            pieces.append("<w:br/>")
        for part, chunk in enumerate(line.split("\t")):
            if part:
                pieces.append("<w:tab/>")
            if chunk:
                pieces.append(f'<w:t xml:space="preserve">{escape(chunk)}</w:t>')
    return f"<w:r>{f'<w:rPr>{props}</w:rPr>' if props else ''}{''.join(pieces)}</w:r>"


def _paragraph(*runs: str, style: str | None = None, keep_next: bool = False, page_break: bool = False,
               before: int | None = None) -> str:
    """A paragraph; ``before``: space above it in points."""
    props = (f'<w:pStyle w:val="{style}"/>' if style else "") + ("<w:keepNext/>" if keep_next else "") + (
        "<w:pageBreakBefore/>" if page_break else "") + (
        f'<w:spacing w:before="{before * 20}"/>' if before is not None else "")
    return f"<w:p>{f'<w:pPr>{props}</w:pPr>' if props else ''}{''.join(runs)}</w:p>"


def _spliced(docx: bytes, body: str) -> bytes:
    """The saved document with ``body`` in place of the marker paragraph.

    python-docx's ``add_paragraph`` and ``table.add_row`` cost time quadratic in the document's size, and
    so does moving a large parsed subtree into the document (measured: lxml fixes up the ``xml:space``
    attributes' namespace node by node). Writing the body's WordprocessingML into the saved file is linear
    and touches only ``word/document.xml``."""
    source, out = ZipFile(BytesIO(docx)), BytesIO()
    with ZipFile(out, "w", ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                if text.count(_BODY_MARK) != 1:
                    raise ValueError("the body marker is not in the saved document once")
                data = text.replace(_BODY_MARK, body).encode("utf-8")
            target.writestr(item, data)
    return out.getvalue()


class _Styles:
    """The styles the body names: python-docx's built-in ones in the house style, and one for table cells."""

    title, heading1, heading2, bullet = "Title", "Heading1", "Heading2", "ListBullet"

    def __init__(self, document):
        styles = document.styles
        docx_style.house_fonts(document, body_points=BODY_POINTS)
        normal = styles["Normal"]
        styles["Title"].font.size = Pt(22)
        styles["Heading 1"].paragraph_format.space_before = Pt(12)
        styles["Heading 1"].paragraph_format.space_after = Pt(6)
        styles["Heading 2"].font.size = Pt(12)
        styles["Heading 2"].paragraph_format.space_before = Pt(14)
        styles["Heading 2"].paragraph_format.space_after = Pt(4)
        cell = styles.add_style(str(_l("Tabeltekst")), WD_STYLE_TYPE.PARAGRAPH)
        cell.base_style = normal
        cell.font.size = Pt(TABLE_POINTS)
        cell.paragraph_format.space_before = Pt(1)
        cell.paragraph_format.space_after = Pt(1)
        cell.paragraph_format.line_spacing = 1.0
        self.cell = cell.style_id


def _language(document) -> None:
    """Proofing in the document's language, so Word checks the spelling in Danish."""
    locale = get_locale()
    tag = "da-DK" if locale is None or locale.language == "da" else str(locale).replace("_", "-")
    docx_style.set_language(document, tag)


def _header_and_footer(document, title: str, filters: Sequence[str], today: date, text_width) -> None:
    """Every page: the title and the date over the filters used, and "Side X af Y" at the foot."""
    docx_style.set_header(document, docx_style.header_paragraph(
        _run(title, bold=True), right=_run(long_date(today)), text_width=text_width) + docx_style.header_paragraph(
        _run(filters_line(filters), color=MUTED, points=SMALL_POINTS + 1), rule=True, text_width=text_width))
    docx_style.set_page_number_footer(document, str(_l("Side %(page)s af %(pages)s", page=PAGE, pages=PAGES)),
                                      points=SMALL_POINTS + 1)


def _cell(width: int, paragraphs: Iterable[str], *, header: bool = False) -> str:
    shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{HEADER_FILL}"/>' if header else ""
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shading}</w:tcPr>{"".join(paragraphs)}</w:tc>'


def _verdict_runs(row: ExportRow, points: int | None = None) -> list[str]:
    if row.verdict:
        return [_run(row.verdict, points=points)]
    return [_run(str(_l("Ikke vurderet")), italic=True, color=MUTED, points=points)]


def _pairs_line(row: ExportRow) -> str:
    if row.initiative_count is None:
        return str(_l("Emne: %(pairs)s par", pairs=number(row.pairs)))
    return str(_l("Emne: %(initiatives)s indsatser, %(pairs)s par", initiatives=number(row.initiative_count),
                  pairs=number(row.pairs)))


def _summary_table(rows: Sequence[ExportRow], styles: _Styles) -> str:
    """One table row per ExportRow; the header row repeats on every page and no row breaks across pages."""
    widths = [_twips(cm) for _label, cm in SUMMARY_COLUMNS]
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    head = "".join(_cell(w, [_paragraph(_run(str(label), bold=True), style=styles.cell)], header=True)
                   for w, (label, _cm) in zip(widths, SUMMARY_COLUMNS, strict=True))
    margins = ('<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
               '<w:bottom w:w="40" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>')
    parts = [f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
             f'<w:tblLayout w:type="fixed"/>{margins}<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" '
             f'w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}'
             f'</w:tblGrid><w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{head}</w:tr>']
    changed = _run(str(_l("Ændret siden vurdering")), bold=True)
    uncoordinated = _run(str(_l("Ingen tegn på koordinering")), italic=True, color=MUTED)
    empty = _paragraph(style=styles.cell)
    for row in rows:
        number = [_paragraph(_run(str(row.position), bold=row.strong), style=styles.cell)]
        areas = [_paragraph(_run(area), style=styles.cell) for area in row.areas] or [empty]
        initiatives = [_paragraph(_run(initiative_line(t, c)), style=styles.cell)
                       for t, c in row.initiatives[:INITIATIVES_IN_SUMMARY]]
        more = row.more_line(min(len(row.initiatives), INITIATIVES_IN_SUMMARY))
        if more:
            initiatives.append(_paragraph(_run(more, italic=True, color=MUTED), style=styles.cell))
        if row.pairs > 1:
            initiatives.append(_paragraph(_run(_pairs_line(row), italic=True, color=MUTED), style=styles.cell))
        why = [_paragraph(_run(row.why), style=styles.cell)]
        if row.uncoordinated:
            why.append(_paragraph(uncoordinated, style=styles.cell))
        verdict = [_paragraph(*_verdict_runs(row), style=styles.cell)]
        if row.changed_since_verdict:
            verdict.append(_paragraph(changed, style=styles.cell))
        cells = (number, areas, initiatives or [empty], why, verdict)
        parts.append(f'<w:tr><w:trPr><w:cantSplit/></w:trPr>'
                     f'{"".join(_cell(w, c) for w, c in zip(widths, cells, strict=True))}</w:tr>')
    parts.append("</w:tbl>")
    return "".join(parts)


def _detail_heading(row: ExportRow) -> str:
    titles = [title for title, _code in row.initiatives]
    count = row.initiative_count
    if count is not None and count <= 2:
        return f"{row.position}. {' · '.join(titles)}"
    if count is None:
        return str(_l("%(position)s. %(title)s og flere indsatser", position=row.position, title=titles[0]))
    return str(_l("%(position)s. %(title)s og %(others)s andre indsatser", position=row.position,
                  title=titles[0], others=number(count - 1)))


def _labelled(label, value: str | list[str], *, before: int | None = None) -> str:
    runs = value if isinstance(value, list) else [_run(value)]
    return _paragraph(_run(f"{label}: ", bold=True), *runs, before=before)


def _label(label) -> str:
    return _paragraph(_run(str(label), bold=True), keep_next=True, before=6)


def _details(row: ExportRow, styles: _Styles) -> list[str]:
    """A strong row in full: where and why, the initiatives, the reasons, the coordination, the verdict."""
    parts = [_paragraph(_run(_detail_heading(row)), style=styles.heading2)]
    if row.areas:
        parts.append(_labelled(_l("Område"), ", ".join(row.areas)))
    parts.append(_labelled(_l("Hvorfor"), row.why))
    parts.append(_label(_l("Indsatser")))
    parts += [_paragraph(_run(initiative_line(t, c)), style=styles.bullet) for t, c in row.initiatives]
    more = row.more_line(len(row.initiatives))
    if more:
        parts.append(_paragraph(_run(more, italic=True, color=MUTED)))
    if row.pairs > 1:
        parts.append(_paragraph(_run(_pairs_line(row), italic=True, color=MUTED)))
    if row.reasons:
        parts.append(_label(_l("Begrundelser")))
        parts += [_paragraph(_run(reason), style=styles.bullet) for reason in row.reasons]
    parts.append(_label(_l("Koordinering")))
    parts += [_paragraph(_run(item), style=styles.bullet) for item in row.evidence]
    if row.uncoordinated:
        parts.append(_paragraph(_run(str(_l("Ingen tegn på koordinering.")), italic=True, color=MUTED)))
    verdict = _verdict_runs(row)
    if row.changed_since_verdict:
        verdict.append(_run(" – " + str(_l("ændret siden vurdering")), bold=True))
    parts.append(_labelled(_l("Vurdering"), verdict, before=6))
    if row.comment:
        parts.append(_labelled(_l("Kommentar"), row.comment))
    if row.owner or row.due:
        follow_up = " · ".join(filter(None, [
            row.owner, str(_l("frist %(date)s", date=long_date(row.due))) if row.due else None]))
        parts.append(_labelled(_l("Opfølgning"), follow_up))
    return parts


def review_docx(rows: Sequence[ExportRow], title: str, filters: Sequence[str] = (),
                today: date | None = None) -> bytes:
    """The review as a meeting paper: the title, the date and the filters used (``filters``: one label per
    filter, e.g. "Område: Nørrebro"; none gives "Ingen filtre") on every page, a summary table of every
    row, then the strong rows in detail: their initiatives, reasons, coordination and verdict."""
    today = today or date.today()
    document = Document()
    styles = _Styles(document)
    text_width = docx_style.page_setup(document, side=MARGIN_SIDE, top=MARGIN_TOP, bottom=MARGIN_BOTTOM,
                                       header_distance=Cm(1.1))
    _language(document)
    docx_style.stamp_properties(document, title=title, author=docx_style.APPLICATION)
    _header_and_footer(document, title, filters, today, text_width)

    strong = [row for row in rows if row.strong]
    parts = [_paragraph(_run(title), style=styles.title)]
    if not rows:
        parts.append(_paragraph(_run(str(_l("Ingen kandidater til overlap med de valgte filtre.")))))
    else:
        parts.append(_paragraph(_run(str(_l(
            "Rækker på listen: %(rows)s · stærke: %(strong)s · svage: %(weak)s", rows=number(len(rows)),
            strong=number(len(strong)), weak=number(len(rows) - len(strong)))))))
        parts.append(_paragraph(_run(str(_l(
            "Stærke kandidater er indsatser, hvis beskrivelser handler om det samme; de er beskrevet nærmere "
            "efter oversigten. Et emne samler flere stærke kandidater om samme problem i samme område.")),
            italic=True, color=MUTED)))
        parts.append(_paragraph(_run(str(_l("Oversigt"))), style=styles.heading1))
        parts.append(_summary_table(rows, styles))
        parts.append(_paragraph(_run(str(_l("Stærke kandidater i detaljer"))), style=styles.heading1,
                                page_break=True))
        if not strong:
            parts.append(_paragraph(_run(str(_l("Ingen stærke kandidater på listen.")))))
        for row in strong:
            parts += _details(row, styles)
    # The marker goes where python-docx would add a paragraph: last in the body, before sectPr.
    document.element.body.sectPr.addprevious(parse_xml(_BODY_MARK.replace("<w:p>", f"<w:p {nsdecls('w')}>", 1)))
    out = BytesIO()
    document.save(out)
    return _spliced(out.getvalue(), "".join(parts))
