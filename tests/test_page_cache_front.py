"""The page cache's front memo: a kept page asked for again by the same browser is answered before Flask
handles the request, with the same page and headers, and only while nothing has changed: not the data, the
date, the session, the browser or the language."""
from __future__ import annotations

import time
from datetime import timedelta

import pytest
from flask import request_started

from tests.factories import make_initiative, sign_in_new_user
from tracker.core.clock import today
from tracker.core.web import page_cache
from tracker.extensions import db
from tracker.i18n import LANGUAGE_COOKIE


@pytest.fixture
def cached_app(app):
    app.config["PAGE_CACHE"] = True
    return app


@pytest.fixture
def flask_requests(cached_app):
    """How many requests Flask itself handled (the front memo's answers are not among them)."""
    started = []

    def count(sender, **extra):
        started.append(1)

    request_started.connect(count, cached_app)
    yield started
    request_started.disconnect(count, cached_app)


def _seen_three_times(client, path: str):
    """Rendered, then served from the page cache by Flask (which offers it to the front memo), then the memo's."""
    answers = [client.get(path) for _ in range(3)]
    assert [answer.status_code for answer in answers] == [200, 200, 200]
    return answers


def test_a_page_seen_again_is_answered_before_flask_with_the_same_page_and_headers(cached_app, ref,
                                                                                   flask_requests):
    initiative = make_initiative(ref, "Lektiecafé i Mjølnerparken", "BUF", areas=[ref.areas["norrebro"]])
    db.session.commit()
    reader = cached_app.test_client()
    sign_in_new_user(reader, "lise@kk.example")
    page = f"/initiatives/{initiative.id}"
    before = len(flask_requests)
    rendered, kept, memo = _seen_three_times(reader, page)
    assert len(flask_requests) - before == 2, "the third look was handled by Flask again"
    assert memo.get_data() == kept.get_data()
    assert "Lektiecafé i Mjølnerparken" in memo.get_data(as_text=True)
    assert sorted(memo.headers.items()) == sorted(kept.headers.items())
    assert memo.headers["Cache-Control"] == "no-store" and "frame-ancestors 'none'" in \
        memo.headers["Content-Security-Policy"]


def test_a_change_by_anyone_shows_at_once(cached_app, ref, flask_requests):
    initiative = make_initiative(ref, "Gårdlaug i Blågården", "TMF", areas=[ref.areas["norrebro"]])
    db.session.commit()
    reader = cached_app.test_client()
    sign_in_new_user(reader, "lise@kk.example")
    page = f"/initiatives/{initiative.id}"
    _seen_three_times(reader, page)
    initiative.title = "Gårdlaug i Blågården og Mjølnerparken"  # as another user's save commits it
    db.session.commit()
    assert "Gårdlaug i Blågården og Mjølnerparken" in reader.get(page).get_data(as_text=True)
    assert "Gårdlaug i Blågården og Mjølnerparken" in reader.get(page).get_data(as_text=True)


def test_the_same_cookie_from_another_browser_is_sent_to_the_login(cached_app, ref):
    reader = cached_app.test_client()
    sign_in_new_user(reader, "lise@kk.example")
    _seen_three_times(reader, "/")
    elsewhere = reader.get("/", headers={"User-Agent": "Another browser/1.0"})
    assert elsewhere.status_code == 302 and "/login" in elsewhere.headers["Location"]


def test_a_session_cookie_older_than_the_session_lifetime_is_sent_to_the_login(cached_app, ref, monkeypatch):
    reader = cached_app.test_client()
    sign_in_new_user(reader, "lise@kk.example")
    _seen_three_times(reader, "/")
    lifetime = cached_app.permanent_session_lifetime
    later = time.time() + (lifetime + timedelta(minutes=1)).total_seconds()
    monkeypatch.setattr(time, "time", lambda: later)  # the clock Flask's cookie check and the memo read
    answer = reader.get("/")
    assert answer.status_code == 302 and "/login" in answer.headers["Location"]


def test_another_language_or_another_day_is_rendered_afresh(cached_app, ref, flask_requests):
    reader = cached_app.test_client()
    sign_in_new_user(reader, "lise@kk.example")
    _seen_three_times(reader, "/")
    reader.set_cookie(LANGUAGE_COOKIE, "en")
    english = reader.get("/").get_data(as_text=True)
    assert '<html lang="en"' in english
    before = len(flask_requests)
    reader.get("/")
    reader.get("/")
    # Rendered in a session that already had its CSRF secret: no cookie set, so the memo kept it at once.
    assert len(flask_requests) == before, "the English page seen again was handled by Flask again"
    cached_app.config["TODAY"] = today() + timedelta(days=1)  # midnight passes
    before = len(flask_requests)
    reader.get("/")
    assert len(flask_requests) - before == 1, "a page kept yesterday was answered today without Flask"


def test_when_the_token_cannot_be_read_flask_answers(cached_app, ref, flask_requests, monkeypatch):
    reader = cached_app.test_client()
    sign_in_new_user(reader, "lise@kk.example")
    _seen_three_times(reader, "/")

    def database_away():
        raise ConnectionError("the database is being restarted")

    monkeypatch.setattr(page_cache, "token_now", database_away)
    before = len(flask_requests)
    answer = reader.get("/")
    assert answer.status_code == 200 and len(flask_requests) == before + 1
