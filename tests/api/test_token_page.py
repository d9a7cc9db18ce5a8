"""The account page for API tokens: a token is shown once, works at once, and stops when revoked; its secret
never reaches the audit trail; a demo account's token is refused in production."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from tests.api.conftest import bearer
from tests.initiatives.conftest import PASSWORD, USERS, OwnContextClient
from tracker.audit.models import AuditEvent
from tracker.auth.models import User
from tracker.extensions import db


@pytest.fixture
def login(app, users):
    def sign_in(who: str):
        client = OwnContextClient(app, app.response_class, use_cookies=True)
        assert client.post("/login", data={"email": USERS[who][0], "password": PASSWORD}).status_code == 302
        return client
    return sign_in


def _secret_on(page: str) -> str:
    return re.search(r'id="new-token" type="text" value="([^"]+)"', page).group(1)


def test_a_token_made_on_the_page_is_shown_once_works_and_stops_when_revoked(app, login, api):
    browser = login("tmf")
    made = browser.post("/account/tokens/", data={"name": "Udtræk til Excel", "scope": "read", "days": "30"})
    assert made.status_code == 201
    page = made.get_data(as_text=True)
    secret = _secret_on(page)
    assert "vises kun denne ene gang" in page
    assert api.get("/api/v1/areas", headers=bearer(secret)).status_code == 200

    listing = browser.get("/account/tokens/").get_data(as_text=True)
    assert "Udtræk til Excel" in listing and secret not in listing  # shown once, never again

    token_id = re.search(r'name="token" value="(\d+)"', listing).group(1)
    question = browser.post("/account/tokens/revoke", data={"token": token_id})
    assert question.status_code == 200 and "Er du sikker?" in question.get_data(as_text=True)
    assert api.get("/api/v1/areas", headers=bearer(secret)).status_code == 200  # asking changes nothing
    done = browser.post("/account/tokens/revoke", data={"token": token_id, "confirm": "1"})
    assert done.status_code == 302
    assert api.get("/api/v1/areas", headers=bearer(secret)).status_code == 401


def test_the_audit_trail_never_holds_a_tokens_secret_or_its_hash(app, login):
    browser = login("tmf")
    page = browser.post("/account/tokens/", data={"name": "Robot", "scope": "read", "days": "30"})
    secret = _secret_on(page.get_data(as_text=True))
    trail = " ".join(str(event.changes) for event in db.session.scalars(select(AuditEvent)))
    assert "Robot" in trail  # the token's creation is in the trail
    assert secret not in trail and "token_hash" not in trail


def test_a_demo_accounts_token_is_refused_in_production(app, token, api):
    secret = token("tmf")
    db.session.scalar(select(User).where(User.email == USERS["tmf"][0])).is_demo = True
    db.session.commit()
    assert api.get("/api/v1/areas", headers=bearer(secret)).status_code == 200
    app.config["TRACKER_ENV"] = "production"
    try:
        assert api.get("/api/v1/areas", headers=bearer(secret)).status_code == 401
    finally:
        app.config["TRACKER_ENV"] = "development"
