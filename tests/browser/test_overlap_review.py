"""Issue 4, acceptance 6, in a real browser: a styregruppe member filters the overlap review to one area,
opens a candidate, records "Bør samordnes" with an owning administration (TMF) and a due date, and the
follow-up appears on the front page of that administration's coordinator. The overlap list and the
candidate page pass axe-core's WCAG 2.1 AA rules.

The live server is shared with the other browser tests, so nothing here depends on counts.
"""
from __future__ import annotations

import re
import uuid
from datetime import date, timedelta

from axe_playwright_python.sync_playwright import Axe
from babel.dates import format_date
from playwright.sync_api import expect

from tests.browser.conftest import log_in

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AREA = "Husum/Tingbjerg"
FIRST = "Tryghedspartnerskab med politiet i Husum/Tingbjerg og Bispebjerg"
SECOND = "Tryghedsvandringer 2013-2014 med opfølgning på belysning"
OWNER = "TMF"


def _assert_accessible(page) -> None:
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    assert results.violations_count == 0, results.generate_report()


def test_styregruppe_records_follow_up_and_owner_sees_it_on_front_page(page):
    due = date.today() + timedelta(days=30)
    comment = f"TMF samler de to tryghedsindsatser i én plan (browsertest {uuid.uuid4().hex[:8]})"

    log_in(page, "styregruppe@demo.example", "demo-password")

    # The overlap review, from the menu, filtered to one area.
    page.get_by_role("navigation").get_by_role("link", name="Overlap", exact=True).first.click()
    expect(page.get_by_role("heading", level=1, name="Overlap mellem forvaltninger")).to_be_visible()
    page.get_by_label("Område", exact=True).select_option(label=AREA)
    page.get_by_role("button", name="Vis kandidater", exact=True).click()
    expect(page).to_have_url(re.compile(r"[?&]area=husum"))
    expect(page.get_by_label("Område", exact=True)).to_have_value(re.compile("husum"))
    candidate = page.get_by_role("link").filter(has_text=FIRST).filter(has_text=SECOND).filter(has_text="↔")
    expect(candidate).to_be_visible()
    _assert_accessible(page)

    # The candidate: "Bør samordnes", owned by TMF, with a due date and a comment.
    candidate.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(FIRST)
    expect(page.get_by_role("heading", level=1)).to_contain_text(SECOND)
    candidate_url = page.url
    _assert_accessible(page)
    page.get_by_label("Bør samordnes", exact=True).check()
    page.get_by_label("Kommentar", exact=True).fill(comment)
    owner = page.get_by_label("Forvaltning der ejer opfølgningen")
    owner_label = owner.locator("option").filter(has_text=re.compile(rf"^{OWNER}\b")).text_content()
    owner.select_option(label=owner_label)
    page.get_by_label("Frist for opfølgningen").fill(due.isoformat())
    page.get_by_role("button", name="Gem vurdering og gå til næste", exact=True).click()
    expect(page.get_by_text(re.compile(r"Vurderingen er gemt: Bør samordnes\."))).to_be_visible()
    page.goto(candidate_url)
    expect(page.get_by_text(re.compile(r"Nuværende vurdering: Bør samordnes"))).to_be_visible()
    expect(page.get_by_text(re.compile(rf"Opfølgning: {OWNER} senest"))).to_be_visible()

    # The owning administration's coordinator finds the follow-up on the front page.
    page.get_by_role("button", name="Log ud").first.click()
    expect(page.get_by_role("button", name="Log ud")).to_have_count(0)
    log_in(page, "koordinator@demo.example", "demo-password")
    follow_ups = page.get_by_role("table", name="Åbne opfølgninger på overlap")
    expect(follow_ups).to_be_visible()
    row = follow_ups.get_by_role("row").filter(has_text=comment)
    expect(row).to_have_count(1)
    expect(row).to_contain_text(FIRST)
    expect(row).to_contain_text(SECOND)
    expect(row).to_contain_text(OWNER)
    expect(row).to_contain_text(format_date(due, "medium", locale="da"))
