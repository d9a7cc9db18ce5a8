"""The review downloaded as XLSX and Word lists what the page lists, in the same order, with verdicts."""
from __future__ import annotations

import re
from io import BytesIO

import docx
import openpyxl
from sqlalchemy import select

from tests.seeded_app import sign_in
from tracker.extensions import db
from tracker.models import Administration


def _page_rows(html: str) -> list[str]:
    """Each row of the list page (a topic or a pair) as its HTML."""
    return html.split('class="overlap-candidate"')[1:]


def _titles(cell: str) -> list[str]:
    """The initiative titles of an XLSX "Indsatser" cell: one "title (CODE)" per line."""
    return [re.sub(r" \([^()]*\)$", "", line) for line in cell.split("\n")]


def _verdict_for_the_known_pair(client, targets):
    first, second = targets.values["first_id"], targets.values["second_id"]
    page = client.get(f"/overlaps/{first}-{second}").get_data(as_text=True)
    version = re.search(r'name="version"[^>]*value="(\d*)"', page)
    response = client.post(f"/overlaps/{first}-{second}", data={
        "verdict": "boer_samordnes", "comment": "Fælles plan for belysning og patruljer.",
        "follow_up_administration": str(db.session.scalar(select(Administration.id)
                                                          .where(Administration.code == "SOF"))), "follow_up_due": "2026-12-15",
        "version": version.group(1) if version else "",
    })
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]


def test_the_xlsx_lists_the_same_rows_in_the_same_order_as_the_page(walk_app):
    app, _targets = walk_app
    client = app.test_client()
    sign_in(client, "styregruppe")
    query = "?area=husum-tingbjerg&strength=all&show=all"
    page = client.get(f"/overlaps/{query}").get_data(as_text=True)
    response = client.get(f"/overlaps/export.xlsx{query}")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(BytesIO(response.data)).active
    header = [cell.value for cell in sheet[1]]
    assert header[:3] == ["Nr.", "Område", "Indsatser"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    shown = _page_rows(page)
    assert rows and shown, "the export and the page list candidates"
    for exported, html in zip(rows, shown, strict=False):  # the page shows the first page of the same list
        assert "Husum/Tingbjerg" in exported[1]
        assert all(title.replace("&", "&amp;") in html for title in _titles(exported[2])), exported[2]


def test_the_xlsx_includes_reviewed_candidates_with_their_verdicts(walk_app):
    app, targets = walk_app
    client = app.test_client()
    sign_in(client, "styregruppe")
    _verdict_for_the_known_pair(client, targets)
    sheet = openpyxl.load_workbook(BytesIO(client.get("/overlaps/export.xlsx").data)).active
    header = [cell.value for cell in sheet[1]]
    rows = [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)]
    [known] = [r for r in rows if "Tryghedspartnerskab med politiet" in r["Indsatser"]
               and "Tryghedsvandringer 2013-2014" in r["Indsatser"]]
    assert known["Vurdering"] == "Bør samordnes" and known["Opfølgning hos"] == "SOF"
    assert known["Status"] == "Vurderet" and known["Styrke"] == "Stærk"
    assert sheet.auto_filter.ref and sheet.freeze_panes == "A2"


def test_the_word_document_carries_the_verdict_and_its_follow_up(walk_app):
    app, targets = walk_app
    client = app.test_client()
    sign_in(client, "styregruppe")
    _verdict_for_the_known_pair(client, targets)
    response = client.get("/overlaps/export.docx?show=all")
    assert response.status_code == 200
    document = docx.Document(BytesIO(response.data))
    summary = "\n".join(cell.text for row in document.tables[0].rows for cell in row.cells)
    assert "Tryghedspartnerskab med politiet" in summary and "Bør samordnes" in summary
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "SOF" in text and "Fælles plan for belysning og patruljer." in text
    header = "\n".join(p.text for p in document.sections[0].header.paragraphs)
    assert "Vis: Alle" in header and "Styrke: Kun stærke kandidater" in header


def test_readers_cannot_download_the_review(walk_app):
    app, _ = walk_app
    client = app.test_client()
    sign_in(client, "laeser")
    assert client.get("/overlaps/export.xlsx").status_code == 403
    assert client.get("/overlaps/export.docx").status_code == 403
