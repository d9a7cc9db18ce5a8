"""Demo accounts (made by `seed --demo`, with a published password) never sign in under
TRACKER_ENV=production, and a production start says when the database still holds them."""
from __future__ import annotations

import logging
from contextlib import contextmanager

import pytest
from sqlalchemy import select

from tracker import create_app
from tracker.auth.models import User
from tracker.auth.services import create_user
from tracker.extensions import db
from tracker.organisation.services import upsert_administration
from tracker.seeding.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, ensure_demo_accounts

PRODUCTION_KEY = "9f1c2b7e4a6d8c0e3b5a7f9d1c3e5b7a"
PASSWORD = "korrekt-hest-batteri"
HTTPS = "https://localhost"  # production cookies are Secure: the browser sends them over HTTPS only


@contextmanager
def _app(database_url: str, **config):
    """A second app on the test database, as another server process would be; its connections closed after."""
    application = create_app({"SECRET_KEY": PRODUCTION_KEY, "SERVER_NAME": "localhost",
                              "SQLALCHEMY_DATABASE_URI": database_url, "WTF_CSRF_ENABLED": False, **config})
    try:
        yield application
    finally:
        with application.app_context():
            db.engine.dispose()


def _production_app(database_url: str):
    return _app(database_url, TRACKER_ENV="production")


@pytest.fixture
def demo_accounts(app):
    upsert_administration("TMF", "Teknik- og Miljøforvaltningen", "Teknik- og Miljøudvalget")
    ensure_demo_accounts()
    create_user("karen@kk.example", "Karen Koordinator", "koordinator", PASSWORD)
    db.session.commit()


def _log_in(client, email, password):
    return client.post("/login", base_url=HTTPS, data={"email": email, "password": password})


@pytest.mark.parametrize("email", [email for email, *_ in DEMO_ACCOUNTS])
def test_a_demo_account_cannot_log_in_under_production(database_url, demo_accounts, email):
    with _production_app(database_url) as production:
        response = _log_in(production.test_client(), email, DEMO_PASSWORD)
    assert response.status_code == 400
    assert "Demokonti kan ikke logge ind, når Tværs kører i produktion." in response.get_data(as_text=True)


def test_a_demo_account_still_logs_in_outside_production(client, demo_accounts):
    assert _log_in(client, "admin@demo.example", DEMO_PASSWORD).status_code == 302


def test_a_wrong_password_for_a_demo_account_gets_the_usual_answer(database_url, demo_accounts):
    with _production_app(database_url) as production:
        response = _log_in(production.test_client(), "admin@demo.example", "forkert-adgangskode")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Forkert e-mail eller adgangskode." in html and "Demokonti" not in html


def test_an_ordinary_account_logs_in_under_production(database_url, demo_accounts):
    with _production_app(database_url) as production:
        client = production.test_client()
        assert _log_in(client, "karen@kk.example", PASSWORD).status_code == 302
        assert client.get("/", base_url=HTTPS).status_code == 200


def test_a_demo_session_from_before_the_switch_to_production_ends(app, database_url, demo_accounts):
    with _app(database_url) as development:
        browser = development.test_client()
        assert _log_in(browser, "admin@demo.example", DEMO_PASSWORD).status_code == 302
        assert browser.get("/", base_url=HTTPS).status_code == 200
    with _production_app(database_url) as production:
        carried_over = production.test_client()
        carried_over.set_cookie("session", browser.get_cookie("session").value, domain="localhost", secure=True)
        response = carried_over.get("/", base_url=HTTPS)
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_seed_demo_marks_its_accounts_as_demo_accounts(app, demo_accounts):
    flagged = set(db.session.scalars(select(User.email).where(User.is_demo)))
    assert flagged == {email for email, *_ in DEMO_ACCOUNTS}


def test_a_production_start_warns_about_demo_accounts(database_url, demo_accounts, caplog):
    with caplog.at_level(logging.WARNING, logger="tracker"):
        with _production_app(database_url):
            pass
    warnings = [record.getMessage() for record in caplog.records if record.levelno == logging.WARNING]
    assert any("4 demo account(s)" in message and "cannot log in" in message for message in warnings)


def test_a_production_start_without_demo_accounts_says_nothing(database_url, app, caplog):
    create_user("karen@kk.example", "Karen Koordinator", "koordinator", PASSWORD)
    db.session.commit()
    with caplog.at_level(logging.WARNING, logger="tracker"):
        with _production_app(database_url):
            pass
    assert not [record for record in caplog.records if "demo" in record.getMessage()]


def test_a_production_start_before_the_tables_exist_does_not_fail(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="tracker"):
        with _production_app(f"sqlite:///{tmp_path / 'empty.sqlite3'}") as production:
            assert production.config["TRACKER_ENV"] == "production"
    assert not [record for record in caplog.records if "demo" in record.getMessage()]
