"""Reading an uploaded XLSX or CSV into a header and numbered rows of cell values, with Danish errors.

A CSV may come from Tværs (UTF-8 with BOM, ";"), from Danish Excel's "CSV (semikolonsepareret)"
(Windows-1252) or from elsewhere ("," or tab): the encoding and the separator are recognised. An XLSX is
read with calamine (Rust), some thirty times faster than openpyxl for a sheet of 5,000 rows.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from io import BytesIO, StringIO

from flask_babel import lazy_gettext as _l
from python_calamine import CalamineError, CalamineWorkbook

from tracker.core.errors import render_message
from tracker.transfer.columns import is_blank

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 20_000
MAX_COLUMNS = 200


class FileProblem(ValueError):
    """The file as a whole cannot be read; the message says why, in Danish."""

    def __init__(self, message):
        self.message = render_message(message)
        super().__init__(self.message)


@dataclass
class Table:
    headers: list[str]
    rows: list[tuple[int, list]]  # (the row's number in the file, its cells), blank rows left out


def read_table(filename: str, data: bytes) -> Table:
    if not data:
        raise FileProblem(_l("Filen er tom."))
    if len(data) > MAX_BYTES:
        raise FileProblem(_l("Filen er for stor (højst %(mb)s MB).", mb=MAX_BYTES // (1024 * 1024)))
    name = filename.lower()
    if name.endswith(".xlsx") or data[:4] == b"PK\x03\x04":
        rows = _xlsx_rows(data)
    elif name.endswith((".csv", ".txt")):
        rows = _csv_rows(data)
    else:
        raise FileProblem(_l("Vælg en Excel-fil (.xlsx) eller en CSV-fil (.csv)."))
    return _table(rows)


def _xlsx_rows(data: bytes):
    try:
        book = CalamineWorkbook.from_filelike(BytesIO(data))
        # skip_empty_area=False: an empty first row or column stays, so row numbers match Excel's.
        rows = book.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except (CalamineError, IndexError, KeyError, OSError, ValueError, TypeError) as error:
        raise FileProblem(_l("Filen kan ikke læses som en Excel-fil (.xlsx).")) from error
    for values in rows:
        yield list(values[:MAX_COLUMNS])


def _csv_rows(data: bytes):
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            # Danish Excel's "CSV (semikolonsepareret)" is Windows-1252.
            text = data.decode("cp1252", errors="replace")
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    try:
        for values in csv.reader(StringIO(text, newline=""), delimiter=delimiter):
            yield values[:MAX_COLUMNS]
    except csv.Error as error:
        raise FileProblem(_l("Filen kan ikke læses som CSV: %(error)s", error=str(error))) from error


def _table(rows) -> Table:
    headers: list[str] | None = None
    body: list[tuple[int, list]] = []
    for number, values in enumerate(rows, start=1):
        if all(is_blank(value) for value in values):
            continue
        if headers is None:
            headers = ["" if value is None else str(value).strip() for value in values]
            continue
        if len(body) >= MAX_ROWS:
            raise FileProblem(_l("Filen har mere end %(max)s rækker. Del den op i flere filer.", max=MAX_ROWS))
        body.append((number, values))
    if headers is None:
        raise FileProblem(_l("Filen er tom."))
    return Table(headers=headers, rows=body)
