"""The overlap review as an XLSX workbook: one row per topic or candidate, a frozen header, an autofilter,
and every user text stored as text (rows.py describes the rows).

openpyxl builds the frame in write-only mode: the styles, column widths, the frozen header row, the
autofilter, the A4 landscape page setup with its repeated header row and number column, and the header row
itself. The data rows are written as SpreadsheetML text into the saved sheet (``_spliced``), cell for cell
what openpyxl itself writes (inline strings, the same styles, dates as serial numbers): at 5,000 rows
openpyxl's per-cell work (binding each value, then writing it element by element) was most of the export's
time, in write-only mode too (about 2 s, write-only saving a tenth of it; written here about 0.5 s)."""
from __future__ import annotations

from collections.abc import Sequence
from html import escape
from io import BytesIO
from zipfile import ZIP_DEFLATED, ZipFile

from flask_babel import lazy_gettext as _l
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.compat import safe_string
from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet.worksheet import Worksheet

from tracker.overlaps.exports.rows import (
    HEADER_FILL,
    LINE,
    ExportRow,
    clean,
    initiative_line,
    rendered_words,
)
from tracker.overlaps.queries import CHANGED, OPEN, REVIEWED

# --- XLSX ------------------------------------------------------------------------------------------------

XLSX_COLUMNS = (
    (_l("Nr."), 6), (_l("Område"), 16), (_l("Indsatser"), 48), (_l("Forvaltninger"), 14), (_l("Styrke"), 9),
    (_l("Hvorfor"), 48), (_l("Begrundelser"), 56), (_l("Koordinering"), 44), (_l("Ukoordineret"), 13),
    (_l("Status"), 20), (_l("Vurdering"), 20), (_l("Kommentar"), 40), (_l("Opfølgning hos"), 15),
    (_l("Frist"), 12),
)
_NUMBER_COLUMN, _DATE_COLUMN = 0, len(XLSX_COLUMNS) - 1
# What makes a spreadsheet read typed text as a formula (OWASP's list for CSV injection): a string cell is never
# evaluated, but a user who edits one and presses Enter retypes it; such cells carry Excel's quote prefix (the
# apostrophe typed before "=..."), so they stay text then too.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# dd-mm-åååå is Danish Excel's short date; the cell stays a real date, so it sorts and filters as one.
DATE_FORMAT = "dd-mm-yyyy"
XLSX_FONT, XLSX_POINTS, XLSX_LINE_POINTS = "Arial", 10, 13
XLSX_WORDS = {"strong": _l("Stærk"), "weak": _l("Svag"), "yes": _l("Ja"), "no": _l("Nej"), OPEN: _l("Åben"),
              CHANGED: _l("Ændret siden vurdering"), REVIEWED: _l("Vurderet")}


def _xlsx_values(row: ExportRow, words: dict[str, str]) -> list:
    return [
        row.position, LINE.join(row.areas), LINE.join(initiative_line(t, c) for t, c in row.initiatives),
        ", ".join(row.administrations), words["strong" if row.strong else "weak"], row.why,
        LINE.join(row.reasons), LINE.join(row.evidence), words["yes" if row.uncoordinated else "no"],
        words[row.state], row.verdict or "", row.comment, row.owner or "", row.due,
    ]


def _line_count(text: str, width: float) -> int:
    """About how many lines the text wraps to in a column this wide (an average character is about one
    width unit, Arial 10 slightly less), so the row is tall enough to show it all."""
    chars = max(int(width), 1)
    return sum(max(1, -(-len(line) // chars)) for line in text.split(LINE))


def review_xlsx(rows: Sequence[ExportRow]) -> bytes:
    """One sheet, one row per ExportRow under a bold, frozen, filterable header; lines inside a cell wrap."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(str(_l("Overlap")))
    # Named styles are stored once in the file and each cell names one by its number.
    font = Font(name=XLSX_FONT, size=XLSX_POINTS)
    text_style = NamedStyle("overlap_text", font=font, alignment=Alignment(wrap_text=True, vertical="top"))
    date_style = NamedStyle("overlap_date", font=font, alignment=Alignment(horizontal="left", vertical="top"),
                            number_format=DATE_FORMAT)
    number_style = NamedStyle("overlap_number", font=font, alignment=Alignment(horizontal="left", vertical="top"))
    header_style = NamedStyle("overlap_header", font=Font(name=XLSX_FONT, size=XLSX_POINTS, bold=True),
                              alignment=Alignment(wrap_text=True, vertical="top"),
                              fill=PatternFill("solid", fgColor=HEADER_FILL))
    for style in (text_style, date_style, number_style, header_style):
        book.add_named_style(style)

    # A write-only sheet writes its views and columns with the first row, its filter and page setup (and
    # the workbook its print titles) when saved: all are set before anything is appended.
    widths = [width for _label, width in XLSX_COLUMNS]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    used = f"A1:{get_column_letter(len(XLSX_COLUMNS))}{len(rows) + 1}"
    sheet.auto_filter.ref = used
    # Printed, the header row and the number column repeat on every A4 landscape page.
    sheet.print_title_rows = "1:1"
    sheet.print_title_cols = "A:A"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.append([_text_cell(sheet, str(label), header_style.name) for label, _width in XLSX_COLUMNS])
    # Registering the data rows' styles gives their numbers in the saved stylesheet, in the order openpyxl
    # would meet them in the first row (and none for an empty list, as openpyxl would write).
    number, text, when = (_style_id(sheet, style.name) if rows else 0
                          for style in (number_style, text_style, date_style))
    quoted = _style_id(sheet, text_style.name, quote_prefix=True) if rows else 0

    words = rendered_words(XLSX_WORDS)
    letters = [get_column_letter(index) for index in range(1, len(XLSX_COLUMNS) + 1)]
    lines_xml = []
    for line_number, row in enumerate(rows, start=2):
        cells, lines = [], 1
        for index, value in enumerate(_xlsx_values(row, words)):
            ref = f"{letters[index]}{line_number}"
            if index == _NUMBER_COLUMN:
                cells.append(_number_xml(ref, number, value))
            elif index == _DATE_COLUMN:
                cells.append(_number_xml(ref, when, None if value is None else to_excel(value, book.epoch)))
            else:
                value = _text(value)
                lines = max(lines, _line_count(value, widths[index]))
                cells.append(_text_xml(ref, quoted if value.startswith(FORMULA_STARTS) else text, value))
        # Neither Excel nor LibreOffice grows a row to its wrapped text when opening a file.
        height = min(409, XLSX_LINE_POINTS * lines + 3)
        lines_xml.append(f'<row r="{line_number}" ht="{height}" customHeight="1">{"".join(cells)}</row>')
    out = BytesIO()
    book.save(out)
    return _spliced(out.getvalue(), sheet.path.lstrip("/"), "".join(lines_xml), used)


def _text_cell(sheet, value: str, style: str) -> WriteOnlyCell:
    """A string cell whatever the text looks like: openpyxl would make a formula of "=...", an error value
    of "#N/A"; set as text, a spreadsheet shows it as typed and never evaluates it."""
    cell = WriteOnlyCell(sheet, _text(value))
    cell.style = style
    cell.data_type = "s"
    return cell


def _style_id(sheet, style: str, *, quote_prefix: bool = False) -> int:
    cell = WriteOnlyCell(sheet)
    cell.style = style
    cell.quotePrefix = quote_prefix
    return cell.style_id


def _text(value: object) -> str:
    """The text as a cell can hold it: no characters XML forbids, at most 32,767 characters (openpyxl
    cuts a longer text there too)."""
    return clean(value)[:32767]


def _text_xml(ref: str, style: int, text: str) -> str:
    """An inline string cell, as openpyxl writes one: the type is "s" when read back, never a formula or
    an error value. A carriage return is written as a reference, which XML keeps (a bare one it drops)."""
    if not text:
        return f'<c r="{ref}" s="{style}" t="inlineStr"></c>'
    space = ' xml:space="preserve"' if text != text.strip() else ""
    text = escape(text, quote=False).replace("\r", "&#13;")
    return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t{space}>{text}</t></is></c>'


def _number_xml(ref: str, style: int, value: int | float | None) -> str:
    """A number cell (a date is its serial number under a date format), written as openpyxl writes one."""
    if value is None:
        return f'<c r="{ref}" s="{style}" t="n"></c>'
    return f'<c r="{ref}" s="{style}" t="n"><v>{safe_string(value)}</v></c>'


def _spliced(xlsx: bytes, path: str, rows: str, used: str) -> bytes:
    """The saved workbook with ``rows`` after the header row and the sheet's used range declared (the
    dimension a normal openpyxl sheet writes; a write-only one leaves it out). Only ``path`` changes."""
    source, out = ZipFile(BytesIO(xlsx)), BytesIO()
    with ZipFile(out, "w", ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == path:
                text = data.decode("utf-8")
                if text.count("</sheetData>") != 1 or text.count("<sheetViews>") != 1:
                    raise ValueError("the saved sheet does not have one sheetData and one sheetViews")
                text = text.replace("<sheetViews>", f'<dimension ref="{used}"/><sheetViews>')
                data = text.replace("</sheetData>", rows + "</sheetData>").encode("utf-8")
            target.writestr(item, data)
    return out.getvalue()
