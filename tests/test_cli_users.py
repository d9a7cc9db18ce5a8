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
