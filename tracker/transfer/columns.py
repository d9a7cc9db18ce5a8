"""The Excel/CSV format of initiatives and the cooperation log: the columns, and reading and writing one cell.

The same columns go out and come back in. Headers are fixed Danish words whatever language the user reads,
so a file keeps working when passed between colleagues. A reference has a code column, which decides on
import, and a name column beside it that only helps the reader (when a file has no code column, the name
column decides). A list sits in one cell, its items separated by " | ": "|" occurs in no code, and a name
that contains one cannot be imported by name (use the code column).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from openpyxl.utils.datetime import from_excel

from tracker.core.errors import ValidationError, render_message
from tracker.core.sheets import FORMULA_STARTS

LIST_SEPARATOR = " | "
DATE_FORMATS = ("%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y")
# Excel's serial numbers for 1 January 1900 and 31 December 9999.
EXCEL_FIRST_DAY, EXCEL_LAST_DAY = 1, 2958465


@dataclass(frozen=True)
class Column:
    """One column: its header, the field it fills (None: for the reader only), its width in Excel."""

    header: str
    field: str | None
    width: float = 14
    # The code column this name column explains: used only when the file has no such code column.
    names: str | None = None


INITIATIVE_COLUMNS = (
    Column("id", "id", 7),
    Column("Titel", "title", 40),
    Column("Resumé", "summary", 60),
    Column("Status", "status", 10),
    Column("Status (tekst)", None, 12, names="Status"),
    Column("Startdato", "start_date", 12),
    Column("Slutdato", "end_date", 12),
    Column("Ansvarlig forvaltning (kode)", "lead_administration", 12),
    Column("Ansvarlig forvaltning (navn)", None, 30, names="Ansvarlig forvaltning (kode)"),
    Column("Partnerforvaltninger (koder)", "partner_administrations", 16),
    Column("Partnerforvaltninger (navne)", None, 40, names="Partnerforvaltninger (koder)"),
    Column("Partnerorganisationer", "partner_organisations", 40),
    Column("Områder (koder)", "areas", 24),
    Column("Områder (navne)", None, 30, names="Områder (koder)"),
    Column("Steder", "places", 24),
    Column("Temaer (koder)", "themes", 24),
    Column("Temaer (navne)", None, 30, names="Temaer (koder)"),
    Column("Indsatsområder (numre)", "policy_areas", 12),
    Column("Indsatsområder (navne)", None, 40, names="Indsatsområder (numre)"),
)

ENTRY_COLUMNS = (
    Column("id", "id", 7),
    Column("Dato", "date", 12),
    Column("Type", "kind", 14),
    Column("Type (tekst)", None, 16, names="Type"),
    Column("Tekst", "text", 60),
    Column("Indsats (id)", "initiative", 10),
    Column("Indsats (titel)", None, 40, names="Indsats (id)"),
    Column("Samarbejdsorgan (id)", "body", 10),
    Column("Samarbejdsorgan (navn)", None, 30, names="Samarbejdsorgan (id)"),
    Column("Områder (koder)", "areas", 24),
    Column("Områder (navne)", None, 30, names="Områder (koder)"),
    Column("Forvaltninger (koder)", "administrations", 16),
    Column("Forvaltninger (navne)", None, 30, names="Forvaltninger (koder)"),
    Column("Forfatter", None, 20),
)

# Field names of the services' errors, by the column a user fixes them in.
INITIATIVE_FIELD_HEADERS = {column.field: column.header for column in INITIATIVE_COLUMNS if column.field}
INITIATIVE_FIELD_HEADERS.update({"period": "Slutdato", "goals": "Mål", "key_figures": "Nøgletal"})
ENTRY_FIELD_HEADERS = {column.field: column.header for column in ENTRY_COLUMNS if column.field}
ENTRY_FIELD_HEADERS["meeting"] = "Samarbejdsorgan (id)"

_SPACES = re.compile(r"\s+")


def header_key(header: object) -> str:
    """Headers compare without case and extra spaces, as people retype them."""
    return _SPACES.sub(" ", str(header or "")).strip().casefold()


def joined(items) -> str:
    return LIST_SEPARATOR.join(str(item) for item in items)


def csv_text(value: str) -> str:
    """A text for a CSV cell: one starting like a formula gets the apostrophe Excel's users type to keep it
    text (an XLSX cell has a style for that instead); reading the file takes it off again."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_text(value: object) -> str:
    """A cell as text: numbers Excel made of digits come back as the digits, a date as dd-mm-åååå."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.strftime("%d-%m-%Y")
    text = str(value)
    if text.startswith("'") and text[1:2] and text[1:].startswith(FORMULA_STARTS):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def read_list(value: object) -> list[str]:
    return [item.strip() for item in read_text(value).split("|") if item.strip()]


def read_int(field: str, value: object) -> int | None:
    """An id or number: Excel may store 12 as 12.0, a CSV as "12" or "12,0"."""
    if is_blank(value):
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    else:
        text = read_text(value).replace(",", ".")
        try:
            as_float = float(text) if len(text) < 20 else None
        except ValueError:
            as_float = None
        if as_float is None or not as_float.is_integer():
            raise ValidationError(field, _l("»%(value)s« er ikke et helt tal.", value=read_text(value)[:40]))
        number = int(as_float)
    if not 0 < number < 2**31:
        raise ValidationError(field, _l("»%(value)s« er ikke et gyldigt id.", value=number))
    return number


def read_date(field: str, value: object) -> date | None:
    """A date however it arrives: a date cell (Excel may add a time), an Excel serial number, or text
    as dd-mm-åååå (Danish Excel), åååå-mm-dd, dd.mm.åååå or dd/mm/åååå."""
    if is_blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if EXCEL_FIRST_DAY <= value <= EXCEL_LAST_DAY:
            return from_excel(value).date()
    else:
        text = read_text(value)
        for pattern in DATE_FORMATS:
            try:
                return datetime.strptime(text, pattern).date()
            except ValueError:
                continue
    raise ValidationError(field, _l("»%(value)s« er ikke en dato. Skriv den som dd-mm-åååå.",
                                    value=read_text(value)[:40]))


def shown(value: object) -> str:
    """A value as the preview shows it: dates Danish style, lists joined, nothing as a dash."""
    if value is None or value == "" or value == ():
        return "–"
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, tuple | list | frozenset | set):
        return joined(sorted(str(item) for item in value)) or "–"
    return str(value)


def message(error: ValidationError) -> str:
    return render_message(error.message)
