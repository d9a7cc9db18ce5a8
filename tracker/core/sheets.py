"""Writing XLSX data rows fast and safely: cells as SpreadsheetML text spliced into a workbook openpyxl framed.

At thousands of rows openpyxl's per-cell work (binding each value, then writing it element by element) is
most of an export's time, in write-only mode too; the rows are written here cell for cell as openpyxl
writes them (inline strings, named styles, dates as serial numbers) and put into the saved sheet. A plain
register (`table_xlsx_chunks`) is given out as it is written, a batch of rows at a time, so a sheet of
500,000 rows needs the memory of one batch. Every user
text is a string cell, and text that starts like a formula carries Excel's quote prefix, so it stays text
even when a user edits the cell and presses Enter.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from html import escape
from io import BytesIO, RawIOBase
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
# The autofilter's last row until the rows are written: Excel's last row, which no other cell reference names.
UNKNOWN_LAST_ROW = 1048576
# Deflate's fastest level: the sheet of 500,000 log entries (480 MB of XML) compresses in about 1.5 s of
# CPU instead of 3.8 s at the default level, for a file about a quarter larger (61 MB instead of 48 MB).
COMPRESS_LEVEL = 1


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


class _Pipe(RawIOBase):
    """A stream the zip archive is written into and its bytes taken out of as they come, as from a socket:
    ZipFile sees it cannot seek and writes each member's sizes after its data."""

    def __init__(self) -> None:
        super().__init__()
        self._chunks: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._chunks.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        data = b"".join(self._chunks)
        self._chunks.clear()
        return data


def _frame(title: str, columns: Sequence[tuple[str, float]], header_fill: str):
    """The workbook openpyxl saves with the header row only, the sheet's path, the style ids of the data
    cells and the epoch dates count from."""
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
    sheet.auto_filter.ref = f"A1:{letters[-1]}{UNKNOWN_LAST_ROW}"
    ids = {name: style_id(sheet, name) for name in ("table_text", "table_date", "table_number")}
    ids["quoted"] = style_id(sheet, "table_text", quote_prefix=True)
    out = BytesIO()
    book.save(out)
    return out.getvalue(), sheet.path.lstrip("/"), letters, ids, book.epoch


def _cell_xml(ids: dict[str, int], epoch, value) -> str:
    """A cell's XML with an empty reference (`<c r="" ...`)."""
    if isinstance(value, bool) or not isinstance(value, int | float | date):
        value = "" if value is None else cell_text(value)
        return text_xml("", ids["quoted"] if value.startswith(FORMULA_STARTS) else ids["table_text"], value)
    if isinstance(value, date) and not isinstance(value, datetime):
        return number_xml("", ids["table_date"], to_excel(value, epoch))
    return number_xml("", ids["table_number"], value)


REFERENCE_AT = len('<c r="')
MEMO_SIZE = 20_000  # cells kept written; most columns repeat a few values (a type, an area, a date)


def _rows_xml(letters: list[str], ids: dict[str, int], epoch, rows: Iterable[Sequence[object]], first: int,
              memo: dict) -> str:
    """The rows' XML from row number `first`; a value's cell is written once and kept in `memo` (without
    its reference), up to MEMO_SIZE values."""
    parts = []
    for count, row in enumerate(rows, start=first):
        number = str(count)
        parts.append(f'<row r="{number}">')
        for letter, value in zip(letters, row, strict=True):
            key = (value.__class__, value)
            tail = memo.get(key)
            if tail is None:
                if len(memo) >= MEMO_SIZE:
                    memo.clear()
                tail = memo[key] = _cell_xml(ids, epoch, value)[REFERENCE_AT + 1:]
            parts.append(f'<c r="{letter}{number}"{tail}')
        parts.append("</row>")
    return "".join(parts)


def table_xlsx_chunks(title: str, columns: Sequence[tuple[str, float]], batches: Iterable[Sequence[Sequence[object]]],
                      header_fill: str = "DCE3EC") -> Iterator[bytes]:
    """A plain register as it is written: one sheet, a bold frozen header with an autofilter, one row per
    item, the rows taken a batch at a time; each batch's part of the archive is given out before the next
    is read, so a sheet of any length needs the memory of one batch.

    Cells are numbers (int, float), dates (date, shown dd-mm-åååå) or text (anything else, None empty). The
    sheet declares no used range (the row count is known only at its end, as in openpyxl's write-only mode);
    the autofilter's range, which comes after the rows, and the workbook's name for it are written last.
    """
    frame, path, letters, ids, epoch = _frame(title, columns, header_fill)
    source, pipe = ZipFile(BytesIO(frame)), _Pipe()
    placeholder = (f'ref="A1:{letters[-1]}{UNKNOWN_LAST_ROW}"', f"!$A$1:${letters[-1]}${UNKNOWN_LAST_ROW}<")
    parts = {item.filename: source.read(item) for item in source.infolist()}
    later = [name for name, data in parts.items()
             if name == path or any(p.encode() in data for p in placeholder)]
    with ZipFile(pipe, "w", ZIP_DEFLATED, compresslevel=COMPRESS_LEVEL) as target:
        for name in (n for n in parts if n not in later):
            target.writestr(name, parts[name])
            yield pipe.take()
        text = parts[path].decode("utf-8")
        if text.count("</sheetData>") != 1:
            raise ValueError("the saved sheet does not have one sheetData")
        head, tail = text.split("</sheetData>")
        count, memo = 1, {}
        with target.open(path, "w") as sheet:
            sheet.write(head.encode("utf-8"))
            for batch in batches:
                sheet.write(_rows_xml(letters, ids, epoch, batch, count + 1, memo).encode("utf-8"))
                count += len(batch)
                yield pipe.take()
            sheet.write(("</sheetData>" + tail).encode("utf-8"))
        used = (f'ref="A1:{letters[-1]}{count}"', f"!$A$1:${letters[-1]}${count}<")
        for name in (n for n in later if n != path):
            data = parts[name].decode("utf-8")
            for unknown, known in zip(placeholder, used, strict=True):
                data = data.replace(unknown, known)
            target.writestr(name, data)
    yield pipe.take()
