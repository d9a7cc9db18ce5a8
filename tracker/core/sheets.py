"""Writing XLSX data rows fast and safely: cells as SpreadsheetML text spliced into a workbook openpyxl framed.

At thousands of rows openpyxl's per-cell work (binding each value, then writing it element by element) is
most of an export's time, in write-only mode too; the rows are written here cell for cell as openpyxl
writes them (inline strings, named styles, dates as serial numbers) and put into the saved sheet. Every user
text is a string cell, and text that starts like a formula carries Excel's quote prefix, so it stays text
even when a user edits the cell and presses Enter.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from html import escape
from io import BytesIO
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.compat import safe_string
from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

# What makes a spreadsheet read typed text as a formula (OWASP's list for CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Control characters and unpaired surrogates are not allowed in XML; they only ever arrive by pasting.
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# dd-mm-åååå is Danish Excel's short date; the cell stays a real date, so it sorts and filters as one.
DATE_FORMAT = "dd-mm-yyyy"
MAX_CELL_TEXT = 32767


def cell_text(value: object) -> str:
    """The text as a cell can hold it: no characters XML forbids, at most 32,767 characters."""
    return NOT_IN_XML.sub("", str(value))[:MAX_CELL_TEXT]


def style_id(sheet, style: str, *, quote_prefix: bool = False) -> int:
    """The number a cell of this named style has in the saved stylesheet."""
    cell = WriteOnlyCell(sheet)
    cell.style = style
    cell.quotePrefix = quote_prefix
    return cell.style_id


def text_cell(sheet, value: str, style: str) -> WriteOnlyCell:
    """A string cell whatever the text looks like: openpyxl would make a formula of "=...", an error value
    of "#N/A"; set as text, a spreadsheet shows it as typed and never evaluates it."""
    cell = WriteOnlyCell(sheet, cell_text(value))
    cell.style = style
    cell.data_type = "s"
    return cell


def text_xml(ref: str, style: int, text: str) -> str:
    """An inline string cell, as openpyxl writes one: the type is "s" when read back, never a formula or
    an error value. A carriage return is written as a reference, which XML keeps (a bare one it drops)."""
    if not text:
        return f'<c r="{ref}" s="{style}" t="inlineStr"></c>'
    space = ' xml:space="preserve"' if text != text.strip() else ""
    text = escape(text, quote=False).replace("\r", "&#13;")
    return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t{space}>{text}</t></is></c>'


def number_xml(ref: str, style: int, value: int | float | None) -> str:
    """A number cell (a date is its serial number under a date format), written as openpyxl writes one."""
    if value is None:
        return f'<c r="{ref}" s="{style}" t="n"></c>'
    return f'<c r="{ref}" s="{style}" t="n"><v>{safe_string(value)}</v></c>'


def spliced(xlsx: bytes, path: str, rows: str, used: str) -> bytes:
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


def table_xlsx(title: str, columns: Sequence[tuple[str, float]], rows: Iterable[Sequence[object]],
               header_fill: str = "DCE3EC") -> bytes:
    """A plain register: one sheet, a bold frozen header with an autofilter, one row per item.

    Cells are numbers (int, float), dates (date, shown dd-mm-åååå) or text (anything else, None empty).
    """
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    font = Font(name="Arial", size=10)
    styles = (
        NamedStyle("table_text", font=font, alignment=Alignment(vertical="top")),
        NamedStyle("table_date", font=font, alignment=Alignment(horizontal="left", vertical="top"),
                   number_format=DATE_FORMAT),
        NamedStyle("table_number", font=font, alignment=Alignment(horizontal="left", vertical="top")),
        NamedStyle("table_header", font=Font(name="Arial", size=10, bold=True),
                   alignment=Alignment(wrap_text=True, vertical="top"),
                   fill=PatternFill("solid", fgColor=header_fill)),
    )
    for style in styles:
        book.add_named_style(style)
    letters = [get_column_letter(index) for index in range(1, len(columns) + 1)]
    for letter, (_label, width) in zip(letters, columns, strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    sheet.append([text_cell(sheet, label, "table_header") for label, _width in columns])
    text, when, number = (style_id(sheet, name) for name in ("table_text", "table_date", "table_number"))
    quoted = style_id(sheet, "table_text", quote_prefix=True)
    lines, count = [], 0
    for count, row in enumerate(rows, start=2):  # noqa: B007 (the last number is the used range)
        cells = []
        for letter, value in zip(letters, row, strict=True):
            ref = f"{letter}{count}"
            if isinstance(value, bool) or not isinstance(value, int | float | date):
                value = "" if value is None else cell_text(value)
                cells.append(text_xml(ref, quoted if value.startswith(FORMULA_STARTS) else text, value))
            elif isinstance(value, date) and not isinstance(value, datetime):
                cells.append(number_xml(ref, when, to_excel(value, book.epoch)))
            else:
                cells.append(number_xml(ref, number, value))
        lines.append(f'<row r="{count}">{"".join(cells)}</row>')
    used = f"A1:{letters[-1]}{max(count, 1)}"
    sheet.auto_filter.ref = used
    out = BytesIO()
    book.save(out)
    return spliced(out.getvalue(), sheet.path.lstrip("/"), "".join(lines), used)
