"""The domain services' validation messages follow the reader's language: English with tracker_lang=en."""
from __future__ import annotations

from babel.dates import format_date
from flask_babel import refresh

from tests.seeded_app import sign_in
from tracker.bodies.models import Meeting
from tracker.extensions import db


def _english_admin(app):
    client = app.test_client()
    sign_in(client, "admin")
    # The fixture keeps one app context open for all requests, and Flask-Babel caches the locale in it.
    refresh()
    client.set_cookie("tracker_lang", "en", domain="localhost")
    return client


def test_an_invalid_initiative_is_explained_in_english(walk_app):
    app, _ = walk_app
    client = _english_admin(app)
    response = client.post("/initiatives/new", data={
        "title": "Green Teams", "summary": "", "status": "active", "start_date": "2014-01-01",
        "end_date": "2013-01-01", "lead_administration": "", "areas": [], "places": [],
    })
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert '<html lang="en">' in html
    for english in ("Choose the lead administration.", "Enter at least one area or place.",
                    "The end date cannot be before the start date."):
        assert english in html
    for danish in ("Vælg den ansvarlige forvaltning.", "Angiv mindst ét område eller sted.",
                   "Slutdatoen kan ikke ligge før startdatoen."):
        assert danish not in html


def test_a_required_field_left_empty_is_explained_in_english(walk_app):
    app, _ = walk_app
    client = _english_admin(app)
    response = client.post("/initiatives/new", data={"title": "   ", "status": "active"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "This field is required." in html
    assert "Feltet skal udfyldes." not in html


def test_a_second_meeting_on_the_same_day_is_refused_in_english(walk_app):
    app, targets = walk_app
    meeting = db.session.get(Meeting, targets.values["meeting_id"])
    body_id, meeting_date = meeting.body_id, meeting.date
    client = _english_admin(app)
    response = client.post(f"/bodies/{body_id}/meetings/new", data={
        "date": meeting_date.isoformat(), "summary": "Endnu et møde samme dag", "decisions": ""})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "The body already has a meeting on " in html
    assert format_date(meeting_date, "d MMM y", locale="en") in html  # the date as English pages write dates
    assert "Organet har allerede et møde den" not in html
