"""The user's own digest settings at /account/notifications, reached from the password page."""
from __future__ import annotations

import html
import re

from sqlalchemy import select

from tests.seeded_app import sign_in
from tracker.audit.models import AuditEvent
from tracker.extensions import db
from tracker.models import User


def _koordinator() -> User:
    return db.session.scalar(select(User).where(User.email == "koordinator@demo.example"))


def test_a_user_chooses_daily_in_english_and_the_change_is_audited(walk_app):
    app, _targets = walk_app
    client = app.test_client()
    sign_in(client, "koordinator")
    assert 'href="/account/notifications/"' in client.get("/password").text
    page = html.unescape(client.get("/account/notifications/").text)
    assert "Ugentligt – højst én e-mail om ugen" in page
    assert re.search(r'<input checked[^>]*value="weekly"', page)  # the default
    response = client.post("/account/notifications/", data={"frequency": "daily", "language": "en"})
    assert response.status_code == 302
    user = _koordinator()
    assert (user.digest_frequency, user.language) == ("daily", "en")
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.entity_type == "users",
                                                      AuditEvent.entity_id == user.id)) is not None


def test_an_unknown_choice_is_refused_in_danish_and_changes_nothing(walk_app):
    app, _targets = walk_app
    client = app.test_client()
    sign_in(client, "koordinator")
    response = client.post("/account/notifications/", data={"frequency": "hourly", "language": ""})
    assert response.status_code == 400
    assert "Vælg dagligt, ugentligt eller aldrig." in html.unescape(response.text)
    assert _koordinator().digest_frequency == "weekly"


def test_signed_out_visitors_are_sent_to_the_login(walk_app):
    app, _targets = walk_app
    response = app.test_client().get("/account/notifications/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
