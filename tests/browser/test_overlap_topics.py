"""Issue 9, acceptance 6, in a real browser: a coordinator saving an initiative that overlaps is told who else
works on the same thing, with links; a steering-group member opens the review, sees the strong candidates
first, records one verdict for a whole topic and is taken to the next open candidate. axe-core finds no
WCAG 2.1 AA violation on the pages involved.

The live server is shared with the other browser tests; what this test adds is its own (titles with a tag).
"""
from __future__ import annotations

import re
import uuid
from datetime import date

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from sqlalchemy import select

from tests.browser.conftest import log_in
from tracker.core.models import utcnow
from tracker.extensions import db
from tracker.models import Administration, Area, Initiative, Theme

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
HOMEWORK = ("Lektiehjælp efter skoletid i beboerhuset og på biblioteket, med frivillige og lærere fra de "
            "lokale skoler, så skoleelever får hjælp til lektier og afleveringer.")
JOBS = "Ledige beboere får hjælp til jobsøgning, cv og virksomhedspraktik i en ugentlig jobcafé i beboerhuset."
SEED_HOMEWORK = "Lektiecaféer i boligområderne"  # BUF's, in Husum/Tingbjerg among others


def _assert_accessible(page) -> None:
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    assert results.violations_count == 0, results.generate_report()


def _add(app, title: str, lead: str, area: str, summary: str) -> None:
    """Arrange: an initiative another administration already runs, added as the seed loader would."""
    with app.app_context():
        db.session.add(Initiative(
            title=title, summary=summary, status="active", start_date=date(2024, 1, 1), end_date=date(2027, 12, 31),
            lead_administration=db.session.scalar(select(Administration).where(Administration.code == lead)),
            areas=[db.session.scalar(select(Area).where(Area.slug == area))],
            themes=[db.session.scalar(select(Theme).where(Theme.slug == "boern-og-unge"))]))
        db.session.commit()


@pytest.fixture
def tag(live_app):
    """A tag for this test's titles; what it added is archived afterwards, so the shared server's lists
    look to the other browser tests as the seed made them."""
    value = uuid.uuid4().hex[:6]
    yield value
    with live_app.app_context():
        for initiative in db.session.scalars(select(Initiative).where(Initiative.title.contains(value))):
            initiative.archived_at = utcnow()
        db.session.commit()


def test_coordinator_is_warned_and_steering_group_judges_the_topic_then_moves_on(page, live_app, tag):
    sof_homework = f"Lektiestøtte i Tingbjerg {tag}"
    _add(live_app, sof_homework, "SOF", "husum-tingbjerg", HOMEWORK)
    _add(live_app, f"Jobcafé i Urbanplanen {tag}", "BIF", "amager-sundby", JOBS)
    _add(live_app, f"Jobsøgning og praktik i Urbanplanen {tag}", "SOF", "amager-sundby", JOBS)

    # The TMF coordinator records homework help in Tingbjerg and is told who else does it.
    own = f"Lektiehjælp i gårdene i Tingbjerg {tag}"
    log_in(page, "koordinator@demo.example", "demo-password")
    page.goto("/initiatives/new")
    page.get_by_label("Titel", exact=True).fill(own)
    page.get_by_label("Beskrivelse", exact=True).fill(HOMEWORK)
    page.get_by_label("Status", exact=True).select_option(label="Aktiv")
    page.get_by_label("Startdato", exact=True).fill("2025-01-01")
    page.get_by_role("group", name="Områder", exact=True).get_by_label("Husum/Tingbjerg", exact=True).check()
    page.get_by_role("button", name="Opret indsats", exact=True).click()
    expect(page.get_by_role("heading", level=1, name=own)).to_be_visible()
    warning = page.get_by_role("status").filter(has_text="Andre forvaltninger arbejder med noget lignende her:")
    expect(warning).to_be_visible()
    expect(warning.get_by_role("link", name=sof_homework, exact=True)).to_be_visible()
    expect(warning.get_by_role("link", name=SEED_HOMEWORK, exact=True)).to_be_visible()
    expect(warning.get_by_role("link", name="Se kandidaten").first).to_be_visible()
    _assert_accessible(page)
    page.get_by_role("button", name="Log ud").first.click()
    expect(page.get_by_role("button", name="Log ud")).to_have_count(0)

    # The steering group's review: strong candidates first, the three homework initiatives as one topic.
    log_in(page, "styregruppe@demo.example", "demo-password")
    page.get_by_role("navigation").get_by_role("link", name="Overlap", exact=True).first.click()
    rows = page.locator("li.overlap-candidate")
    expect(rows.first).to_contain_text("Stærk")
    expect(page.get_by_text(re.compile(r"svage kandidater er ikke vist"))).to_be_visible()
    _assert_accessible(page)
    topic = rows.filter(has_text=own).filter(has_text=sof_homework)
    expect(topic).to_have_count(1)
    expect(topic).to_contain_text("Emne:")
    expect(topic).to_contain_text("Ukoordineret")
    topic.get_by_role("link").filter(has_text="Emne:").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Emne:")
    expect(page.get_by_role("table")).to_contain_text(own)
    expect(page.get_by_role("table")).to_contain_text(SEED_HOMEWORK)
    _assert_accessible(page)
    page.get_by_label("Ikke overlap", exact=True).check()
    page.get_by_label("Kommentar", exact=True).fill(f"Lektiehjælp for hver sin aldersgruppe ({tag}).")
    page.get_by_role("button", name="Gem vurdering for emnet og gå til næste", exact=True).click()

    # On to the next open candidate, not back to the list.
    expect(page.get_by_text(re.compile(r"Vurderingen er gemt for alle \d+ par i emnet: Ikke overlap\. "
                                       r"Her er den næste åbne kandidat\."))).to_be_visible()
    expect(page.get_by_role("heading", level=1)).not_to_contain_text(own)
    expect(page.get_by_role("button", name=re.compile("^Gem vurdering"))).to_be_visible()
    _assert_accessible(page)

    # The judged topic has left the open list; the job cafés are still on it.
    page.goto("/overlaps/")
    expect(page.locator("li.overlap-candidate").filter(has_text=own)).to_have_count(0)
    expect(page.locator("li.overlap-candidate").filter(has_text=f"Jobcafé i Urbanplanen {tag}")).to_have_count(1)
    page.get_by_role("link", name="Sådan findes og rangeres kandidaterne").click()
    expect(page.get_by_role("heading", level=1, name="Sådan findes og rangeres overlapskandidater")).to_be_visible()
    _assert_accessible(page)
