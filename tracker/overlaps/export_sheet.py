"""The overlap review as an XLSX workbook: one row per topic or candidate, a frozen header, an autofilter,
and every user text stored as text (export.py describes the rows)."""
from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

from flask_babel import lazy_gettext as _l
from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill
from openpyxl.utils import get_column_letter

from tracker.overlaps.export import (
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
    book = Workbook()
    sheet = book.active
    sheet.title = str(_l("Overlap"))
    # Named styles are stored once in the file; styling 30,000 cells attribute by attribute is slow.
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

    widths = [width for _label, width in XLSX_COLUMNS]
    words = rendered_words(XLSX_WORDS)
    header = _styled(sheet, header_style)
    sheet.append([_text_cell(sheet, str(label), header) for label, _width in XLSX_COLUMNS])
    text, number, when = _styled(sheet, text_style), _styled(sheet, number_style), _styled(sheet, date_style)
    for line_number, row in enumerate(rows, start=2):
        cells, lines = [], 1
        for index, value in enumerate(_xlsx_values(row, words)):
            if index == _NUMBER_COLUMN:
                cell = Cell(sheet, value=value, style_array=number)
            elif index == _DATE_COLUMN:
                cell = Cell(sheet, value=value, style_array=when)
            else:
                cell = _text_cell(sheet, value, text)
                lines = max(lines, _line_count(cell.value, widths[index]))
            cells.append(cell)
        sheet.append(cells)
        # Neither Excel nor LibreOffice grows a row to its wrapped text when opening a file.
        sheet.row_dimensions[line_number].height = min(409, XLSX_LINE_POINTS * lines + 3)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(XLSX_COLUMNS))}{sheet.max_row}"
    # Printed, the header row and the number column repeat on every A4 landscape page.
    sheet.print_title_rows = "1:1"
    sheet.print_title_cols = "A:A"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _styled(sheet, style: NamedStyle):
    """The cell style array of a named style, to hand to each new cell: setting ``cell.style`` looks the
    name up and rebuilds the array every time, a third of the workbook's build time at 2,000 rows."""
    prototype = Cell(sheet)
    prototype.style = style.name
    return prototype._style


def _text_cell(sheet, value: str, style) -> Cell:
    """A string cell whatever the text looks like: openpyxl would make a formula of "=...", an error value
    of "#N/A"; set as text, a spreadsheet shows it as typed and never evaluates it."""
    cell = Cell(sheet, value=clean(value), style_array=style)
    cell.data_type = "s"
    return cell
