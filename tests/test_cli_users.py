"""`flask users create`: accounts from the command line, password from stdin or a double prompt."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from tracker.auth.services import authenticate
from tracker.extensions import db
from tracker.models import User
from tracker.organisation.services import upsert_administration


@pytest.fixture
def runner(app):
    upsert_administration("TMF", "Teknik- og Miljøforvaltningen", "Teknik- og Miljøudvalget")
    db.session.commit()
    return app.test_cli_runner()


def _create(runner, *args, password="en-lang-adgangskode\n"):
    return runner.invoke(args=["users", "create", "mette@example.dk", "--name", "Mette Koordinator", *args],
                         input=password)


def test_creates_a_user_whose_password_from_stdin_verifies(runner):
    result = _create(runner, "--role", "koordinator", "--administration", "TMF")

    assert result.exit_code == 0, result.output
    user = authenticate("mette@example.dk", "en-lang-adgangskode")
    assert user is not None and user.role == "koordinator" and user.administration.code == "TMF"


def test_refuses_an_unknown_role(runner):
    result = _create(runner, "--role", "chef")

    assert result.exit_code == 1
    assert "Ukendt rolle 'chef'" in result.stderr
    assert db.session.scalar(select(User)) is None


def test_refuses_an_unknown_administration(runner):
    result = _create(runner, "--role", "koordinator", "--administration", "XYZ")

    assert result.exit_code == 1
    assert "Ukendt forvaltning 'XYZ'" in result.stderr
    assert db.session.scalar(select(User)) is None


def test_refuses_a_short_password(runner):
    result = _create(runner, "--role", "laeser", password="kort\n")

    assert result.exit_code == 1
    assert "mindst 10 tegn" in result.stderr


def test_refuses_an_email_that_is_taken(runner):
    _create(runner, "--role", "laeser")
    result = _create(runner, "--role", "laeser")

    assert result.exit_code == 1
    assert "findes allerede" in result.stderr


def _set_password(runner, *args, email="mette@example.dk", password="en-ny-lang-adgangskode\n"):
    return runner.invoke(args=["users", "set-password", email, *args], input=password)


def test_set_password_replaces_the_password_and_ends_the_users_sessions(app, runner):
    _create(runner, "--role", "laeser")
    client = app.test_client()
    assert client.post("/login", data={"email": "mette@example.dk",
                                       "password": "en-lang-adgangskode"}).status_code == 302

    result = _set_password(runner, email="Mette@Example.dk")

    assert result.exit_code == 0, result.output
    assert "logget ud alle steder" in result.output
    assert authenticate("mette@example.dk", "en-lang-adgangskode") is None
    user = authenticate("mette@example.dk", "en-ny-lang-adgangskode")
    assert user is not None and not user.must_change_password
    assert client.get("/").status_code == 302  # the open session has ended


def test_set_password_one_time_requires_a_change_at_next_login(app, runner):
    _create(runner, "--role", "laeser")

    result = _set_password(runner, "--one-time")

    assert result.exit_code == 0, result.output
    client = app.test_client()
    login = client.post("/login", data={"email": "mette@example.dk", "password": "en-ny-lang-adgangskode"})
    assert login.headers["Location"] == "/password"


def test_set_password_refuses_an_unknown_email(runner):
    result = _set_password(runner, email="ingen@example.dk")

    assert result.exit_code == 1
    assert "ingen bruger med e-mail ingen@example.dk" in result.stderr


def test_set_password_refuses_a_short_password_and_keeps_the_old_one(runner):
    _create(runner, "--role", "laeser")

    result = _set_password(runner, password="kort\n")

    assert result.exit_code == 1
    assert "mindst 10 tegn" in result.stderr
    assert authenticate("mette@example.dk", "en-lang-adgangskode") is not None
