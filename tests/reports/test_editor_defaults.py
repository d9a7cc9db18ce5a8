"""What the report pages start from: a new draft is offered for the latest year with tracked cooperation (not
this year, whose period is empty in a new installation), a draft with nothing to stand on says why, and
"compare with last year" is offered only when last year has a final text."""
from __future__ import annotations

import html
import re
from datetime import date

from sqlalchemy import func, select

from tests.seeded_app import REPORT_YEAR, sign_in
from tracker.extensions import db
from tracker.models import Administration, CooperationEntry, Meeting, Report
from tracker.reports import queries
from tracker.reports.services import mark_final


def _client(app, role: str):
    client = app.test_client()
    sign_in(client, role)
    return client


def _tmf_id() -> int:
    return db.session.scalar(select(Administration.id).where(Administration.code == "TMF"))


def _latest_tracked_year() -> int:
    entries = db.session.scalar(select(func.max(CooperationEntry.date)))
    meetings = db.session.scalar(select(func.max(Meeting.date)))
    return max(entries, meetings).year


def test_the_generate_form_offers_the_latest_year_with_tracked_cooperation(walk_app):
    app, _targets = walk_app
    app.config["TODAY"] = date(2026, 12, 1)  # years after the seed's data
    latest = _latest_tracked_year()
    assert latest < 2026
    page = html.unescape(_client(app, "koordinator").get("/reports/").get_data(as_text=True))
    assert re.search(rf'<input[^>]*id="year"[^>]*value="{latest}"', page)
    assert f"for {latest}: 1. jan. {latest - 1} – 31. dec. {latest}" in page  # the period hint speaks of it


def test_a_draft_for_a_period_without_cooperation_says_why_it_is_thin(walk_app):
    app, _targets = walk_app
    app.config["TODAY"] = date(2026, 12, 1)
    client = _client(app, "koordinator")
    response = client.post("/reports/generate", data={"administration": str(_tmf_id()), "year": "2026"})
    assert response.status_code == 302
    page = html.unescape(client.get(response.headers["Location"]).get_data(as_text=True))
    assert "Udkastet har ikke meget at bygge på" in page
    assert re.search(r"Der er ingen logposter og ingen møder registreret i perioden 1\. jan\. 2025 – \d+\. \w+\.? 2026",
                     page)
    assert f"Det seneste registrerede samarbejde er fra {_latest_tracked_year()}." in page


def test_a_draft_with_cooperation_in_its_period_says_nothing_of_the_kind(walk_app):
    app, targets = walk_app
    page = _client(app, "koordinator").get(f"/reports/{targets.values['report_id']}").get_data(as_text=True)
    assert "Udkastet har ikke meget at bygge på" not in page


def test_last_year_is_offered_for_comparison_only_when_it_has_a_final_text(walk_app):
    app, targets = walk_app
    report_id = targets.values["report_id"]
    client = _client(app, "koordinator")
    pages = (f"/reports/{report_id}", f"/reports/{report_id}/versions", f"/reports/{report_id}/versions/1")
    for path in pages:
        page = client.get(path).get_data(as_text=True)
        assert "/diff-last-year" not in page, path

    # Last year's report, once it has a final version, is offered on all three pages.
    response = client.post("/reports/generate", data={"administration": str(_tmf_id()), "year": str(REPORT_YEAR - 1)})
    assert response.status_code == 302
    previous = db.session.scalar(select(Report).where(Report.year == REPORT_YEAR - 1))
    for path in pages:
        assert "/diff-last-year" not in client.get(path).get_data(as_text=True), path  # a draft only, so far
    mark_final(queries.latest_version(previous), None)
    db.session.commit()
    for path in pages:
        page = html.unescape(client.get(path).get_data(as_text=True))
        assert "/diff-last-year" in page, path
    assert "Sammenlign med sidste års endelige tekst" in html.unescape(client.get(pages[0]).get_data(as_text=True))
    assert "med sidste år" in html.unescape(client.get(pages[1]).get_data(as_text=True))
