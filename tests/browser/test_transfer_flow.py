"""Issue 11, acceptance 6, in Chromium: a TMF coordinator downloads the initiative list as Excel, edits one
summary in it (openpyxl, as Excel would), uploads it, reads the preview (the summary old → new), applies
it, and finds the changed initiative through the header's search field."""
from __future__ import annotations

import re
import uuid

from openpyxl import load_workbook
from playwright.sync_api import expect
from sqlalchemy import select

from tests.browser.conftest import log_in
from tracker.extensions import db
from tracker.initiatives.models import Initiative


def _edit_summary(path, lead: str) -> tuple[str, str, str]:
    """Append a new word to the first summary of an initiative `lead` leads; (title, old, new)."""
    book = load_workbook(path)
    sheet = book.active
    headers = [cell.value for cell in sheet[1]]
    title, summary, lead_code = (headers.index(h) for h in ("Titel", "Resumé", "Ansvarlig forvaltning (kode)"))
    row = next(row for row in sheet.iter_rows(min_row=2) if row[lead_code].value == lead and row[summary].value)
    old = row[summary].value
    new = f"{old} Nu med natvandring{uuid.uuid4().hex[:6]}erne."
    row[summary].value = new
    book.save(path)
    return row[title].value, old, new


def test_a_coordinator_downloads_edits_uploads_previews_applies_and_finds_it(live_app, page, tmp_path):
    log_in(page)
    page.goto("/initiatives")
    with page.expect_download() as download:
        page.get_by_role("link", name="Hent som Excel").click()
    assert download.value.suggested_filename == "indsatser.xlsx"
    path = tmp_path / "indsatser.xlsx"
    download.value.save_as(path)
    title, old, new = _edit_summary(path, "TMF")
    word = re.search(r"natvandring\w+", new).group(0)

    try:
        page.get_by_role("link", name="Indlæs fra Excel").click()
        page.get_by_label("Fil (.xlsx eller .csv)").set_input_files(path)
        page.get_by_role("button", name="Vis forhåndsvisning").click()

        expect(page.get_by_role("heading", name="Forhåndsvisning af import")).to_be_visible()
        summary = page.get_by_role("list", name="Opsummering")
        expect(summary).to_contain_text("0 nye")
        expect(summary).to_contain_text("1 ændrede")
        changes = page.locator("#import-changes tbody tr")
        expect(changes).to_have_count(1)
        expect(changes).to_contain_text(title)
        expect(changes.locator("dt")).to_have_text("Resumé")
        # Only the added words are marked, after the end of the old text.
        expect(changes.locator("ins")).to_have_text(re.compile(rf"^Nu med {word}\.$"))
        expect(changes.locator("del")).to_have_count(0)
        expect(changes.locator("dd")).to_contain_text(" ".join(old.split()[-3:]))
        page.screenshot(path="/tmp/import-preview.png", full_page=True)

        page.get_by_role("button", name="Gem").click()
        expect(page).to_have_url(re.compile(r"/initiatives/?$"))
        expect(page.locator(".flash-messages")).to_contain_text("0 nye og 1 ændrede")

        search = page.get_by_role("search").get_by_label("Søg i Tværs")
        search.fill(word)
        search.press("Enter")
        result = page.locator(".search-result").first
        expect(result).to_contain_text(title)
        result.get_by_role("link", name=title).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        expect(page.locator("main")).to_contain_text(word)
    finally:  # the shared server's data stays as seeded
        with live_app.app_context():
            initiative = db.session.scalar(select(Initiative).where(Initiative.title == title))
            initiative.summary = old
            db.session.commit()
