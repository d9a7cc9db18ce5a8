"""Issue 12, acceptance 6, in a real browser: the TMF koordinator signs in, finds an overdue decision and an
expired initiative in the overview, closes the decision with a note and marks the initiative finished, and
the overview no longer lists either. axe-core finds no WCAG 2.1 AA violation on the overview, the e-mail
settings page, the steering group's overview and the meeting form with its decision rows; each is screenshot
at 1366 and 390 px wide (set TRACKER_SCREENSHOT_DIR to keep the images).

The live server is shared with the other browser tests, so the records made here have names of their own.
"""
from __future__ import annotations

import os
import uuid
from datetime import date
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from sqlalchemy import select

from tests.browser.conftest import log_in
from tracker.bodies.models import Body
from tracker.extensions import db
from tracker.initiatives.models import Initiative
from tracker.log.models import CooperationEntry
from tracker.organisation.models import Administration

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture
def arranged(live_app):
    """An overdue decision TMF owns and a TMF initiative that ended long ago but still says active."""
    mark = uuid.uuid4().hex[:6]
    with live_app.app_context():
        tmf = db.session.scalar(select(Administration).where(Administration.code == "TMF"))
        body = db.session.scalar(select(Body).order_by(Body.id))
        decision = CooperationEntry(date=date(2013, 1, 10), kind="decision", body=body,
                                    text=f"Belysning ved stierne ({mark})", owner_administration=tmf,
                                    due_date=date(2013, 1, 31), follow_up_status="open")
        initiative = Initiative(title=f"Gammel indsats der stadig står som aktiv ({mark})", status="active",
                                lead_administration=tmf, start_date=date(1999, 1, 1), end_date=date(2000, 1, 1))
        db.session.add_all([decision, initiative])
        db.session.commit()
        return decision.text, initiative.title


def _assert_accessible(page) -> None:
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    assert results.violations_count == 0, results.generate_report()


def _screenshots(page, name: str) -> None:
    folder = Path(os.environ.get("TRACKER_SCREENSHOT_DIR") or "/tmp")
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(folder / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_koordinator_closes_the_overdue_decision_and_finishes_the_expired_initiative(page, arranged):
    decision_text, initiative_title = arranged
    log_in(page)
    overview = page.locator("section.overview")
    expect(page.get_by_role("heading", level=1, name="Mit overblik")).to_be_visible()
    expect(overview.get_by_text(decision_text)).to_be_visible()
    expect(overview.locator("li", has_text=decision_text).get_by_text("Forfalden")).to_be_visible()
    expect(overview.get_by_role("link", name=initiative_title)).to_be_visible()
    _assert_accessible(page)
    _screenshots(page, "overview")

    # Close the decision: its form, status "Lukket", a note on what was done; back on the overview.
    overview.get_by_role("link", name=decision_text).click()
    expect(page.get_by_role("heading", level=1, name="Opfølgning på beslutning")).to_be_visible()
    page.get_by_label("Lukket").check()
    page.get_by_label("Afslutningsnote").fill("Lysene er sat op langs stierne.")
    page.get_by_role("button", name="Gem opfølgning").click()
    expect(page.get_by_text("Opfølgningen på beslutningen er gemt.")).to_be_visible()
    expect(page.locator("section.overview").get_by_text(decision_text)).to_have_count(0)

    # Mark the initiative finished in one click, from the overview.
    page.get_by_role("button", name=f"Marker »{initiative_title}« som afsluttet").click()
    expect(page.get_by_text(f"Indsatsen »{initiative_title}« er markeret som afsluttet.")).to_be_visible()
    expect(page.locator("section.overview").get_by_role("link", name=initiative_title)).to_have_count(0)
    _assert_accessible(page)


def test_the_email_settings_page_passes_axe_and_saves_the_choice(page):
    log_in(page)
    page.goto("/account/notifications/")
    expect(page.get_by_role("heading", level=1, name="E-mails fra Tværs")).to_be_visible()
    _assert_accessible(page)
    _screenshots(page, "notifications")
    page.get_by_label("Dagligt – når der er noget nyt").check()
    page.get_by_label("Sprog i e-mailen").select_option("en")
    page.get_by_role("button", name="Gem valg").click()
    expect(page.get_by_text("Dine valg for e-mails er gemt.")).to_be_visible()
    expect(page.get_by_label("Dagligt – når der er noget nyt")).to_be_checked()
    _assert_accessible(page)
    # Back to the weekly digest in Tværs' language, as the other tests expect the demo account.
    page.get_by_label("Ugentligt – højst én e-mail om ugen").check()
    page.get_by_label("Sprog i e-mailen").select_option("")
    page.get_by_role("button", name="Gem valg").click()
    expect(page.get_by_text("Dine valg for e-mails er gemt.")).to_be_visible()


def test_the_steering_groups_overview_with_the_areas_activity_passes_axe(page):
    log_in(page, "styregruppe@demo.example")
    expect(page.get_by_role("heading", level=2, name="Aktiviteten i områderne")).to_be_visible()
    expect(page.get_by_role("table", name="Logposter og aktive indsatser pr. område")
           .get_by_role("link", name="Nørrebro")).to_be_visible()
    _assert_accessible(page)
    _screenshots(page, "overview-styregruppe")


def test_the_meeting_form_with_decision_rows_passes_axe_and_adds_a_row_without_saving(page, live_app):
    with live_app.app_context():
        team = db.session.scalar(select(Body).where(Body.name == "Tværkommunalt Team"))
        team_id = team.id
    log_in(page)
    page.goto(f"/bodies/{team_id}/meetings/new")
    expect(page.get_by_role("group", name="Beslutning 3")).to_be_visible()
    _assert_accessible(page)
    page.get_by_label("Beslutning", exact=True).first.fill("Fælles kalender for 2014")
    page.get_by_role("button", name="Tilføj beslutning").click()
    expect(page.get_by_role("group", name="Beslutning 4")).to_be_visible()
    expect(page.locator("#decisions-3-text")).to_be_focused()
    expect(page.locator("#decisions-0-text")).to_have_value("Fælles kalender for 2014")
    _assert_accessible(page)
    _screenshots(page, "meeting-form")
