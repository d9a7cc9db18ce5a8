"""Logging in and out: one answer for every failed login, `next` stays inside the app, CSRF everywhere."""
from __future__ import annotations

import re

import pytest

from tracker.auth.services import create_user
from tracker.extensions import db

PASSWORD = "korrekt-hest-batteri"


@pytest.fixture
def user(app):
    account = create_user("karen@kk.example", "Karen Koordinator", "koordinator", PASSWORD)
    db.session.commit()
    return account


def _login(client, email, password, next_url=None):
    url = "/login" + (f"?next={next_url}" if next_url else "")
    return client.post(url, data={"email": email, "password": password})


def test_a_user_logs_in_and_reaches_the_front_page(client, user):
    response = _login(client, "karen@kk.example", PASSWORD)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert client.get("/").status_code == 200


def test_email_is_matched_without_regard_to_case(client, user):
    assert _login(client, "Karen@KK.example", PASSWORD).status_code == 302


def test_wrong_password_and_unknown_email_get_the_same_answer(client, user):
    wrong_password = _login(client, "karen@kk.example", "forkert-kodeord")
    unknown_email = _login(client, "ukendt@kk.example", PASSWORD)
    assert wrong_password.status_code == unknown_email.status_code == 400
    # The page echoes the e-mail typed; apart from that, the two answers are identical.
    assert (wrong_password.get_data(as_text=True).replace("karen@kk.example", "E")
            == unknown_email.get_data(as_text=True).replace("ukendt@kk.example", "E"))
    assert "Forkert e-mail eller adgangskode" in wrong_password.get_data(as_text=True)


def test_a_deactivated_user_cannot_log_in(client, user):
    user.active = False
    db.session.commit()
    assert _login(client, "karen@kk.example", PASSWORD).status_code == 400


def test_passwords_are_stored_hashed(app, user):
    assert PASSWORD not in user.password_hash
    assert user.check_password(PASSWORD)


@pytest.mark.parametrize("target", ["/initiatives/?status=active", "/"])
def test_next_leads_back_to_the_page_asked_for(client, user, target):
    response = _login(client, "karen@kk.example", PASSWORD, next_url=target)
    assert response.headers["Location"] == target


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)"])
def test_next_never_leads_outside_the_app(client, user, target):
    response = _login(client, "karen@kk.example", PASSWORD, next_url=target)
    assert response.headers["Location"] == "/"


def test_logging_out_ends_the_session(client, user):
    _login(client, "karen@kk.example", PASSWORD)
    response = client.post("/logout")
    assert response.status_code == 302
    assert client.get("/").status_code == 302


def test_logout_is_not_possible_with_a_get_request(client, user):
    _login(client, "karen@kk.example", PASSWORD)
    assert client.get("/logout").status_code == 405
    assert client.get("/").status_code == 200


def test_a_login_post_without_csrf_token_is_refused(csrf_app):
    create_user("karen@kk.example", "Karen", "koordinator", PASSWORD)
    db.session.commit()
    client = csrf_app.test_client()
    response = client.post("/login", data={"email": "karen@kk.example", "password": PASSWORD})
    assert response.status_code == 400
    assert client.get("/").status_code == 302  # still not logged in


def test_a_login_post_with_the_csrf_token_succeeds(csrf_app):
    create_user("karen@kk.example", "Karen", "koordinator", PASSWORD)
    db.session.commit()
    client = csrf_app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    response = client.post("/login", data={"email": "karen@kk.example", "password": PASSWORD,
                                           "csrf_token": token})
    assert response.status_code == 302


def test_a_logout_post_without_csrf_token_is_refused(csrf_app):
    create_user("karen@kk.example", "Karen", "koordinator", PASSWORD)
    db.session.commit()
    client = csrf_app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    client.post("/login", data={"email": "karen@kk.example", "password": PASSWORD, "csrf_token": token})
    assert client.post("/logout").status_code == 400
    assert client.get("/").status_code == 200  # still logged in


def test_deactivating_a_user_ends_their_open_session(client, user):
    _login(client, "karen@kk.example", PASSWORD)
    assert client.get("/").status_code == 200
    user.active = False
    db.session.commit()
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")
