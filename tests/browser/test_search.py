"""In Chromium: a coordinator finds a changed initiative through the header's search field, and the log entry
form's picker suggests initiatives as they type."""
from __future__ import annotations

import re
import uuid

from playwright.sync_api import expect
from sqlalchemy import select

from tests.browser.conftest import log_in
from tracker.extensions import db
from tracker.models import Initiative

TITLE = "Tryghedsvandringer 2013-2014 med opfølgning på belysning"


def _edit(page, initiative_id: int, summary: str | None = None) -> str:
    page.goto(f"/initiatives/{initiative_id}/edit")
    field = page.get_by_label("Beskrivelse")
    before = field.input_value()
    if summary is not None:
        field.fill(summary)
        page.get_by_role("button", name="Gem ændringer").click()
        expect(page).to_have_url(re.compile(rf"/initiatives/{initiative_id}(\?|$)"))
    return before


def test_a_changed_initiative_is_found_through_the_search_field(live_app, page):
    with live_app.app_context():
        initiative_id = db.session.scalar(select(Initiative.id).where(Initiative.title == TITLE))
    log_in(page)
    # Digits, so the word and "…erne" share their stem: a hex letter at the end (…cfe) stems otherwise (…cf).
    word = f"natvandring{uuid.uuid4().int % 10**6:06d}"
    original = _edit(page, initiative_id)
    _edit(page, initiative_id, f"{original} Nu også {word}erne om fredagen.")
    try:
        search = page.get_by_role("search").get_by_label("Søg i Tværs")
        search.fill(word)
        search.press("Enter")
        expect(page).to_have_url(re.compile(rf"/search\?q={word}$"))
        result = page.locator(".search-result").first
        expect(result).to_contain_text(TITLE)
        expect(result.locator("mark")).to_have_text(f"{word}erne")
        page.screenshot(path="/tmp/search-results.png", full_page=True)
    finally:  # the shared server's data stays as seeded
        _edit(page, initiative_id, original)


def test_the_entry_forms_picker_suggests_as_one_types(page):
    log_in(page)
    page.goto("/entries/new")
    page.get_by_label("Søg efter indsats").press_sequentially("trygheds", delay=30)
    suggestion = page.get_by_role("radio", name=TITLE)
    expect(suggestion).to_be_visible()
    expect(page.locator(".initiative-picker__status")).to_contain_text("passer")
    suggestion.check()
    page.screenshot(path="/tmp/entry-picker.png", full_page=True)
    assert page.get_by_role("radio", name="Ingen indsats").is_visible()
