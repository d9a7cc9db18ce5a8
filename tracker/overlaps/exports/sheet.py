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
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet.worksheet import Worksheet

from tracker.core.sheets import DATE_FORMAT, FORMULA_STARTS
from tracker.core.sheets import cell_text as _text
from tracker.core.sheets import number_xml as _number_xml
from tracker.core.sheets import spliced as _spliced
from tracker.core.sheets import style_id as _style_id
from tracker.core.sheets import text_cell as _text_cell
from tracker.core.sheets import text_xml as _text_xml
from tracker.overlaps.exports.rows import (
    HEADER_FILL,
    LINE,
    ExportRow,
    initiative_line,
    rendered_words,
)
from tracker.overlaps.review.queries import CHANGED, OPEN, REVIEWED
from tracker.overlaps.texts import _l

# --- XLSX ------------------------------------------------------------------------------------------------

XLSX_COLUMNS = (
    (_l("Nr."), 6), (_l("Område"), 16), (_l("Indsatser"), 48), (_l("Forvaltninger"), 14), (_l("Styrke"), 9),
    (_l("Hvorfor"), 48), (_l("Begrundelser"), 56), (_l("Koordinering"), 44), (_l("Ukoordineret"), 13),
    (_l("Status"), 20), (_l("Vurdering"), 20), (_l("Kommentar"), 40), (_l("Opfølgning hos"), 15),
    (_l("Frist"), 12),
)
_NUMBER_COLUMN, _DATE_COLUMN = 0, len(XLSX_COLUMNS) - 1
XLSX_FONT, XLSX_POINTS, XLSX_LINE_POINTS = "Arial", 10, 13
XLSX_WORDS = {"strong": _l("Stærk"), "weak": _l("Svag"), "yes": _l("Ja"), "no": _l("Nej"), OPEN: _l("Åben"),
              CHANGED: _l("Ændret siden vurdering"), REVIEWED: _l("Vurderet")}


def _xlsx_values(row: ExportRow, words: dict[str, str]) -> list:
    return [
        row.position, LINE.join(row.areas),
        LINE.join([*(initiative_line(t, c) for t, c in row.initiatives), *filter(None, [row.more_line(len(row.initiatives))])]),
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
