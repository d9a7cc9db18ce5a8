"""The password policy, in one place for every way a password is set: at least ten characters, not only
spaces, and not one of the most common passwords (NIST SP 800-63B), compared without regard to case."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tracker.auth.models import User
from tracker.auth.services import check_password_policy, create_user, ensure_user
from tracker.core.errors import ValidationError
from tracker.extensions import db

COMMON = "Adgangskoden er blandt de mest brugte"


@pytest.mark.parametrize("password", ["1234567890", "qwertyuiop", "Password123", "PASSWORD123", " 1234567890 "])
def test_common_passwords_are_refused_whatever_their_case(password):
    with pytest.raises(ValidationError, match=COMMON) as refused:
        check_password_policy(password)
    assert refused.value.field == "password"


@pytest.mark.parametrize("password", [" " * 10, "\t" * 12, " \u00a0 \u2003" * 4])
def test_passwords_of_spaces_alone_are_refused(password):
    with pytest.raises(ValidationError, match="mellemrum"):
        check_password_policy(password)


def test_the_minimum_length_stays_ten_characters():
    with pytest.raises(ValidationError, match="mindst 10 tegn"):
        check_password_policy("kort-kode")
    check_password_policy("tre-ord-og")


@pytest.mark.parametrize("password", ["korrekt-hest-batteri", "Rødgrød med fløde 2025", "  mellemrum omkring  "])
def test_ordinary_good_passwords_pass(password):
    check_password_policy(password)


def test_the_field_named_in_the_refusal_is_the_callers():
    with pytest.raises(ValidationError) as refused:
        check_password_policy("1234567890", field="new_password")
    assert refused.value.field == "new_password"


@pytest.mark.parametrize("password", ["1234567890", " " * 10])
def test_an_account_is_not_created_with_a_refused_password(app, password):
    with pytest.raises(ValidationError):
        create_user("karen@kk.example", "Karen", "koordinator", password)
    db.session.rollback()
    assert _user_count() == 0


def test_an_existing_account_is_not_reset_to_a_refused_password(app):
    user = create_user("karen@kk.example", "Karen", "koordinator", "korrekt-hest-batteri")
    db.session.commit()
    with pytest.raises(ValidationError, match=COMMON):
        ensure_user("karen@kk.example", "Karen", "koordinator", "1234567890")
    db.session.rollback()
    assert db.session.get(User, user.id).check_password("korrekt-hest-batteri")


def test_the_cli_refuses_a_common_password_with_the_danish_reason(app):
    result = app.test_cli_runner().invoke(
        args=["users", "create", "karen@kk.example", "--name", "Karen", "--role", "koordinator"],
        input="1234567890\n")
    assert result.exit_code == 1
    assert COMMON in result.stderr
    assert _user_count() == 0


def _user_count() -> int:
    return db.session.scalar(select(func.count()).select_from(User))
