"""Fixtures for the admin pages: reference data, and clients logged in through the login form per role."""
from __future__ import annotations

import pytest
from flask import g
from werkzeug.security import generate_password_hash

from tracker.auth.models import User
from tracker.extensions import db

PASSWORD = "admin-adgangskode"
ACCOUNTS = {
    "admin": ("admin@kk.example", "Ada Administrator", "TMF"),
    "koordinator": ("koordinator@kk.example", "Karl Koordinator", "TMF"),
    "styregruppe": ("styregruppe@kk.example", "Stine Styregruppe", "BIF"),
    "laeser": ("laeser@kk.example", "Lise Læser", None),
}


def _forget_the_previous_requests_user() -> None:
    g.pop("_login_user", None)


@pytest.fixture(autouse=True)
def one_user_per_request(app):
    """The `app` fixture keeps one app context for the whole test, and Flask reuses it for each request,
    so `g` – where Flask-Login caches the current user – would carry one client's user into the next
    client's request. Each request here loads its user from its own session, as in production."""
    app.before_request_funcs.setdefault(None, []).insert(0, _forget_the_previous_requests_user)


def log_in(app, email: str, password: str = PASSWORD):
    """A new browser session, logged in through the login form."""
    client = app.test_client()
    response = client.post("/login", data={"email": email, "password": password})
    assert response.status_code == 302, response.get_data(as_text=True)
    return client


@pytest.fixture(scope="session")
def password_hash():
    # Hashing is slow on purpose; the accounts of every test share one hash of the same password.
    return generate_password_hash(PASSWORD)


@pytest.fixture
def accounts(app, ref, password_hash):
    users = {role: User(email=email, name=name, role=role, password_hash=password_hash, active=True,
                        administration=ref.administrations.get(code))
             for role, (email, name, code) in ACCOUNTS.items()}
    db.session.add_all(users.values())
    db.session.commit()
    return users


@pytest.fixture
def admin(app, accounts):
    return log_in(app, ACCOUNTS["admin"][0])


@pytest.fixture
def client_as(app, accounts):
    """`client_as(role)`: a client logged in with that role."""
    return lambda role: log_in(app, ACCOUNTS[role][0])
