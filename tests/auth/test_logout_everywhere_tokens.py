""""Log ud overalt" also revokes every API token of the account, says how many, and leaves other accounts'
tokens working: whoever presses it has lost a device and expects everything to stop."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.initiatives.conftest import OwnContextClient
from tracker.api.tokens import create_token, revoke_token
from tracker.audit.models import AuditEvent
from tracker.auth.services import create_user
from tracker.extensions import db

PASSWORD = "korrekt-hest-batteri"
KAREN, OLE = "karen@kk.example", "ole@kk.example"


@pytest.fixture
def accounts(app):
    karen = create_user(KAREN, "Karen Koordinator", "koordinator", PASSWORD)
    ole = create_user(OLE, "Ole Læser", "laeser", PASSWORD)
    db.session.commit()
    return karen, ole


def _secret(user, name: str, scope: str = "read") -> str:
    _token, secret = create_token(user, name, scope, 30)
    db.session.commit()
    return secret


def _api_answers(app, secret: str) -> int:
    """The status a program on another machine gets when it reads the areas with this token."""
    program = OwnContextClient(app, app.response_class, use_cookies=False)
    return program.get("/api/v1/areas", headers={"Authorization": f"Bearer {secret}"}).status_code


def _log_out_everywhere(app, email: str = KAREN) -> str:
    browser = OwnContextClient(app, app.response_class, use_cookies=True)
    assert browser.post("/login", data={"email": email, "password": PASSWORD}).status_code == 302
    response = browser.post("/logout-everywhere", follow_redirects=True)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_log_out_everywhere_revokes_the_accounts_tokens_and_not_another_users(app, accounts):
    karen, ole = accounts
    reading, writing = _secret(karen, "Regneark"), _secret(karen, "Skript", "read-write")
    others = _secret(ole, "Oles rapport")
    assert [_api_answers(app, secret) for secret in (reading, writing, others)] == [200, 200, 200]

    page = _log_out_everywhere(app)

    assert "Du er logget ud overalt" in page and "2 API-nøgler er tilbagekaldt og virker ikke længere" in page
    assert _api_answers(app, reading) == 401
    assert _api_answers(app, writing) == 401
    assert _api_answers(app, others) == 200


def test_each_revocation_is_in_the_history_as_the_users_own_change(app, accounts):
    karen, _ole = accounts
    _secret(karen, "Regneark")
    _log_out_everywhere(app)
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.entity_type == "api_tokens",
                                                         AuditEvent.action == "update")).all()
    assert [(event.entity_label, event.user_id, set(event.changes)) for event in events] == [
        ("Regneark", karen.id, {"revoked_at"})]


def test_one_token_is_counted_in_the_singular_and_an_already_revoked_one_not_at_all(app, accounts):
    karen, _ole = accounts
    _secret(karen, "Regneark")
    old, _secret_of_old = create_token(karen, "Gammel", "read", 30)
    revoke_token(old)
    db.session.commit()
    page = _log_out_everywhere(app)
    assert "1 API-nøgle er tilbagekaldt og virker ikke længere" in page


def test_without_tokens_the_message_says_nothing_about_them(app, accounts):
    page = _log_out_everywhere(app, OLE)
    assert "Du er logget ud overalt" in page and "API-nøgle" not in page


def test_the_change_password_page_says_the_button_revokes_the_api_tokens(app, accounts):
    browser = OwnContextClient(app, app.response_class, use_cookies=True)
    assert browser.post("/login", data={"email": KAREN, "password": PASSWORD}).status_code == 302
    page = browser.get("/password").get_data(as_text=True)
    button = page.index("Log ud overalt</button>")
    explanation = page.index("alle dine API-nøgler tilbagekaldt")
    assert page.rindex("<h2", 0, button) < explanation < button  # in the section of the button
