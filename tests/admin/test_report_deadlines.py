"""Report deadlines per year, set and moved by an admin on /admin/report-deadlines/."""
from __future__ import annotations

import html
from datetime import date

from sqlalchemy import select

from tests.seeded_app import sign_in
from tracker.audit.models import AuditEvent
from tracker.extensions import db
from tracker.reports.models import ReportDeadline

URL = "/admin/report-deadlines/"


def _deadlines() -> dict[int, date]:
    return dict(db.session.execute(select(ReportDeadline.year, ReportDeadline.due_on)).all())


def test_an_admin_sets_and_moves_a_years_deadline_and_both_are_audited(walk_app):
    app, _targets = walk_app
    client = app.test_client()
    sign_in(client, "admin")
    assert 'href="/admin/report-deadlines/"' in client.get("/admin/").text
    assert client.post(URL, data={"year": "2013", "due_on": "2014-03-01"}).status_code == 302
    assert client.post(URL, data={"year": "2013", "due_on": "2014-03-15"}).status_code == 302
    assert _deadlines() == {2013: date(2014, 3, 15)}
    assert "15. mar. 2014" in html.unescape(client.get(URL).text)  # the one date format
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.entity_type == "report_deadlines")).all()
    assert len(events) == 2


def test_a_date_that_cannot_be_read_is_refused_and_nothing_is_saved(walk_app):
    app, _targets = walk_app
    client = app.test_client()
    sign_in(client, "admin")
    response = client.post(URL, data={"year": "2013", "due_on": "1. marts"})
    assert response.status_code == 400
    assert 'class="form-error-message"' in response.text
    response = client.post(URL, data={"year": "2013", "due_on": ""})
    assert response.status_code == 400
    assert "Skriv fristen som en dato, fx 2014-03-01." in html.unescape(response.text)
    assert _deadlines() == {}


def test_a_coordinator_may_not_set_deadlines(walk_app):
    app, _targets = walk_app
    client = app.test_client()
    sign_in(client, "koordinator")
    assert client.get(URL).status_code == 403
    assert client.post(URL, data={"year": "2013", "due_on": "2014-03-01"}).status_code == 403
    assert _deadlines() == {}
