"""Security by default: login rate limiting (in memory and in Redis), security headers, no cached pages behind
the login, no stack traces."""
from __future__ import annotations

import os
import uuid

import pytest

from tests.conftest import _empty_all_tables, _overrides, limiter_storage
from tracker import create_app
from tracker.auth.services import create_user
from tracker.extensions import db

# The tests' own Redis databases, emptied before each use: 15, or 14 for the PostgreSQL process when
# `make test` runs both engines at once (the limiter's counters would otherwise meet).
REDIS_URL = f"redis://127.0.0.1:6379/{14 if os.environ.get('TRACKER_TEST_ONLY') == 'postgresql' else 15}"
PASSWORD = "korrekt-hest-batteri"


@pytest.fixture(params=["memory", "redis"])
def limited_app(request, database_url):
    storage = limiter_storage(request.param, REDIS_URL)
    application = create_app(_overrides(database_url, RATELIMIT_STORAGE_URI=storage,
                                        RATELIMIT_KEY_PREFIX=f"tvaers-test-{uuid.uuid4().hex}"))
    with application.app_context():
        create_user("karen@kk.example", "Karen", "koordinator", PASSWORD)
        db.session.commit()
        yield application
        db.session.rollback()
        _empty_all_tables()
        db.session.remove()
        db.engine.dispose()


def _attempt(client, password):
    return client.post("/login", data={"email": "karen@kk.example", "password": password})


def test_after_ten_failed_logins_in_a_minute_the_next_attempt_is_refused(limited_app):
    client = limited_app.test_client()
    for _ in range(10):
        assert _attempt(client, "forkert-kodeord").status_code == 400
    refused = _attempt(client, PASSWORD)
    assert refused.status_code == 429
    assert "For mange forsøg" in refused.get_data(as_text=True)
    assert client.get("/").status_code == 302  # still not logged in


def test_successful_logins_do_not_count_towards_the_limit(limited_app):
    client = limited_app.test_client()
    for _ in range(12):
        assert _attempt(client, PASSWORD).status_code == 302
        client.post("/logout")


def test_the_login_page_itself_is_never_rate_limited(limited_app):
    client = limited_app.test_client()
    for _ in range(10):
        _attempt(client, "forkert-kodeord")
    assert client.get("/login").status_code == 200


def test_every_response_carries_the_security_headers(client):
    response = client.get("/login")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_session_cookie_is_httponly_and_samesite_lax(client):
    create_user("karen@kk.example", "Karen", "koordinator", PASSWORD)
    db.session.commit()
    response = _attempt(client, PASSWORD)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_an_unexpected_error_shows_a_friendly_page_without_a_stack_trace(database_url):
    application = create_app(_overrides(database_url, TESTING=False, PROPAGATE_EXCEPTIONS=False))

    @application.route("/boom")
    def boom():
        raise RuntimeError("secret internals")

    with application.app_context():
        create_user("karen@kk.example", "Karen", "koordinator", PASSWORD)
        db.session.commit()
    client = application.test_client()
    _attempt(client, PASSWORD)
    try:
        for lang, expected in (("da", "Der opstod en fejl"), ("en", "An error occurred")):
            client.set_cookie("tracker_lang", lang, domain="localhost")
            response = client.get("/boom")
            body = response.get_data(as_text=True)
            assert response.status_code == 500
            assert expected in body
            assert "secret internals" not in body and "Traceback" not in body
    finally:
        with application.app_context():
            _empty_all_tables()
            db.engine.dispose()


@pytest.mark.parametrize("path", ["/", "/initiatives/", "/bodies/", "/reports/"])
def test_pages_behind_the_login_are_not_kept_in_any_cache(client, path):
    create_user("karen@kk.example", "Karen", "koordinator", PASSWORD)
    db.session.commit()
    _attempt(client, PASSWORD)
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"


def test_after_logout_the_redirect_to_the_login_is_not_cached_either(client):
    create_user("karen@kk.example", "Karen", "koordinator", PASSWORD)
    db.session.commit()
    _attempt(client, PASSWORD)
    client.post("/logout")
    assert client.get("/").headers["Cache-Control"] == "no-store"


def test_static_files_may_still_be_cached(client):
    response = client.get("/static/css/tracker.css")
    response.close()
    assert response.status_code == 200
    assert "no-store" not in response.headers.get("Cache-Control", "")
