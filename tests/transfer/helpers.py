"""Editing downloaded files as a user would in Excel, and reading the preview page's figures."""
from __future__ import annotations

import csv
import re
from io import BytesIO, StringIO

from openpyxl import load_workbook


def edited(data: bytes, kind: str, changes: dict[str, dict[str, object]], new_rows=()) -> bytes:
    """The file with cells changed ({title or text: {header: value}}) and rows added ({header: value})."""
    if kind == "xlsx":
        book = load_workbook(BytesIO(data))
        sheet = book.active
        headers = [cell.value for cell in sheet[1]]
        key = headers.index("Titel") if "Titel" in headers else headers.index("Tekst")
        for row in sheet.iter_rows(min_row=2):
            for header, value in changes.get(row[key].value, {}).items():
                row[headers.index(header)].value = value
        for new in new_rows:
            sheet.append([new.get(header) for header in headers])
        out = BytesIO()
        book.save(out)
        return out.getvalue()
    rows = list(csv.reader(StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    headers = rows[0]
    key = headers.index("Titel") if "Titel" in headers else headers.index("Tekst")
    for row in rows[1:]:
        for header, value in changes.get(row[key], {}).items():
            row[headers.index(header)] = "" if value is None else str(value)
    for new in new_rows:
        rows.append(["" if new.get(h) is None else str(new.get(h)) for h in headers])
    out = StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def upload(client, data: bytes, filename: str):
    return client.post("/import", data={"file": (BytesIO(data), filename)}, content_type="multipart/form-data")


def counts(page: str) -> dict[str, int]:
    found = dict((word, int(n.replace(".", ""))) for n, word in
                 re.findall(r"<strong>([\d.]+)</strong> (nye|ændrede|uændrede|med fejl)", page))
    return {"new": found["nye"], "changed": found["ændrede"], "unchanged": found["uændrede"],
            "error": found["med fejl"]}


def gem_form(page: str) -> tuple[str, dict]:
    """The "Gem" form's address and fields."""
    action = re.search(r'action="(/import/[^"]+)"', page).group(1)
    fingerprint = re.search(r'name="fingerprint" value="([0-9a-f]+)"', page).group(1)
    return action, {"fingerprint": fingerprint}


def error_rows(page: str) -> list[tuple[str, str, str]]:
    table = page.split('id="import-errors"', 1)[1].split("</table>", 1)[0]
    return [tuple(cells) for cells in
            (re.findall(r"<td>(.*?)</td>", row, re.S) for row in table.split("<tr>")) if len(cells) == 3]
