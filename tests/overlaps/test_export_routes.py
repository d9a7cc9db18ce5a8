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


def _page_titles(html: str) -> list[str]:
    """The initiative titles of each candidate on the list page, pair by pair, as the page orders them
    (the clusters section below the list is left out)."""
    candidates = html.split("Grupper af tre eller flere indsatser")[0]
    return re.findall(r'href="/initiatives/\d+">([^<]+)</a>', candidates)


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


def test_the_xlsx_lists_the_same_candidates_in_the_same_order_as_the_page(walk_app):
    app, targets = walk_app
    client = app.test_client()
    sign_in(client, "styregruppe")
    query = "?area=husum-tingbjerg&reviewed=1"
    page = client.get(f"/overlaps/{query}").get_data(as_text=True)
    response = client.get(f"/overlaps/export.xlsx{query}")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(BytesIO(response.data)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    exported = [title for row in rows for title in (row[1], row[3])]
    shown = _page_titles(page)
    assert rows, "the export has no candidates"
    assert shown, "the page shows no candidates"
    assert exported[:len(shown)] == shown  # the page shows the first page of the same list


def test_the_word_document_carries_the_verdict_and_its_follow_up(walk_app):
    app, targets = walk_app
    client = app.test_client()
    sign_in(client, "styregruppe")
    _verdict_for_the_known_pair(client, targets)
    response = client.get("/overlaps/export.docx?reviewed=1")
    assert response.status_code == 200
    text = "\n".join(paragraph.text for paragraph in docx.Document(BytesIO(response.data)).paragraphs)
    assert "Tryghedspartnerskab med politiet" in text
    assert "Bør samordnes" in text and "SOF" in text
    assert "Fælles plan for belysning og patruljer." in text


def test_readers_cannot_download_the_review(walk_app):
    app, _ = walk_app
    client = app.test_client()
    sign_in(client, "laeser")
    assert client.get("/overlaps/export.xlsx").status_code == 403
    assert client.get("/overlaps/export.docx").status_code == 403
