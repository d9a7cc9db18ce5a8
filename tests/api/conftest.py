"""Fixtures for the API: one user per role (tests/initiatives/conftest.py's), and a token for any of them."""
from __future__ import annotations

import pytest

from tests.initiatives.conftest import PASSWORD, USERS, OwnContextClient
from tracker.api.tokens import create_token
from tracker.auth.models import User
from tracker.auth.services import create_user
from tracker.extensions import db


@pytest.fixture
def users(ref):
    for email, name, role, administration in USERS.values():
        create_user(email, name, role, PASSWORD, administration_code=administration)
    db.session.commit()


@pytest.fixture
def token(app, users):
    """token("tmf") is a read-write token of that user (token("tmf", "read") one that only reads)."""

    def make(who: str, scope: str = "read-write") -> str:
        user = db.session.query(User).filter_by(email=USERS[who][0]).one()
        _token, secret = create_token(user, f"Test {who}", scope, 30)
        db.session.commit()
        return secret

    return make


@pytest.fixture
def api(app):
    """An HTTP client of its own, as a program on another machine would be."""
    return OwnContextClient(app, app.response_class, use_cookies=False)


def bearer(secret: str, **headers) -> dict:
    return {"Authorization": f"Bearer {secret}", **headers}


def green_teams(ref, **changes) -> dict:
    """A new initiative as JSON: TMF leads with SOF and fsb, in Nørrebro and Bispebjerg."""
    data = {
        "title": "Green Teams", "summary": "Unge ledige beboere holder grønne områder.", "status": "active",
        "start_date": "2013-01-01", "end_date": "2014-12-31", "lead_administration": "TMF",
        "partner_administrations": ["SOF"], "partner_organisations": [ref.organisations["fsb"].id],
        "areas": ["norrebro", "bispebjerg"], "themes": ["beskaeftigelse"],
        "key_figures": [{"label": "Deltagere", "value": "40", "unit": "personer", "year": 2013}],
    }
    data.update(changes)
    return data
