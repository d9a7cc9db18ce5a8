"""Sessions can be ended: a password change, "Log ud overalt" and a deactivation end every session and
remember cookie of the account, wherever they are; lifetimes are short and configurable."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from flask_migrate import upgrade
from sqlalchemy import select, text

from tracker import create_app
from tracker.audit.models import AuditEvent
from tracker.auth.models import User
from tracker.auth.services import activate_user, create_user, deactivate_user
from tracker.config import ConfigError, load_config
from tracker.extensions import db

PASSWORD = "korrekt-hest-batteri"
NEW_PASSWORD = "en-helt-ny-hest-batteri"
REMEMBER = "remember_token"


@pytest.fixture
def user(app):
    account = create_user("karen@kk.example", "Karen Koordinator", "koordinator", PASSWORD)
    create_user("ada@kk.example", "Ada Administrator", "admin", PASSWORD)
    db.session.commit()
    return account


def _signed_in(app, email="karen@kk.example", password=PASSWORD, remember=False):
    client = app.test_client()
    data = {"email": email, "password": password, **({"remember": "y"} if remember else {})}
    assert client.post("/login", data=data).status_code == 302
    return client


def _with_only_the_remember_cookie(app, value):
    """Another browser holding a copy of the remember cookie and nothing else (a stolen cookie)."""
    thief = app.test_client()
    thief.set_cookie(REMEMBER, value, domain="localhost")
    return thief


def _signed_in_at_front_page(client) -> bool:
    return client.get("/").status_code == 200


def _change_password(client):
    response = client.post("/password", data={"current_password": PASSWORD, "new_password": NEW_PASSWORD,
                                              "confirm_password": NEW_PASSWORD})
    assert response.status_code == 302


def _log_out_everywhere(client):
    assert client.post("/logout-everywhere").status_code == 302


def _deactivate_and_reactivate(client):
    """An administrator deactivates the account and later activates it again."""
    admin = db.session.scalar(select(User).where(User.email == "ada@kk.example"))
    karen = db.session.scalar(select(User).where(User.email == "karen@kk.example"))
    deactivate_user(karen, acting_user=admin)
    db.session.commit()
    activate_user(karen)
    db.session.commit()


@pytest.mark.parametrize("end_sessions", [_change_password, _log_out_everywhere, _deactivate_and_reactivate],
                         ids=["password change", "log out everywhere", "deactivation"])
def test_old_sessions_and_remember_cookies_stop_working(app, user, end_sessions):
    laptop = _signed_in(app, remember=True)
    stolen = laptop.get_cookie(REMEMBER).value
    phone = _signed_in(app)
    thief = _with_only_the_remember_cookie(app, stolen)
    assert _signed_in_at_front_page(thief) and _signed_in_at_front_page(phone)

    end_sessions(_signed_in(app))

    assert not _signed_in_at_front_page(phone)
    assert not _signed_in_at_front_page(thief)
    assert not _signed_in_at_front_page(_with_only_the_remember_cookie(app, stolen))
    assert not _signed_in_at_front_page(laptop)


def test_the_password_changer_stays_signed_in_and_keeps_a_working_remember_cookie(app, user):
    laptop = _signed_in(app, remember=True)
    old_cookie = laptop.get_cookie(REMEMBER).value
    _change_password(laptop)

    assert _signed_in_at_front_page(laptop)
    new_cookie = laptop.get_cookie(REMEMBER).value
    assert new_cookie != old_cookie
    assert _signed_in_at_front_page(_with_only_the_remember_cookie(app, new_cookie))


def test_log_out_everywhere_also_logs_out_here_and_says_so(app, user):
    client = _signed_in(app, remember=True)
    response = client.post("/logout-everywhere", follow_redirects=True)
    assert "Du er logget ud overalt" in response.get_data(as_text=True)
    assert client.get_cookie(REMEMBER) is None
    assert not _signed_in_at_front_page(client)
    assert _signed_in_at_front_page(_signed_in(app))  # logging in again works


def test_log_out_everywhere_is_only_a_post_with_a_signed_in_user(app, user):
    assert app.test_client().post("/logout-everywhere").status_code == 302  # to the login page
    client = _signed_in(app)
    assert client.get("/logout-everywhere").status_code == 405
    assert _signed_in_at_front_page(client)


def test_a_session_token_is_never_written_to_the_history(app, user):
    _log_out_everywhere(_signed_in(app))
    _change_password(_signed_in(app))
    changes = db.session.scalars(select(AuditEvent.changes).where(AuditEvent.entity_type == "users")).all()
    assert changes and not any("session_token" in change or "password_hash" in change for change in changes)


def test_a_password_change_is_in_the_users_history(app, user):
    _change_password(_signed_in(app))
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.entity_type == "users",
                                                         AuditEvent.entity_id == user.id,
                                                         AuditEvent.action == "update")).all()
    assert [set(event.changes) for event in events] == [{"password_changed_at"}]


def test_a_cookie_from_before_session_tokens_no_longer_signs_anyone_in(app, user):
    # Before session tokens the session and the remember cookie held the bare user id.
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = str(user.id)
        session["_fresh"] = True
    assert not _signed_in_at_front_page(client)


@pytest.mark.parametrize("forged", ["1:", ":abc", "x:abc", "²:abc", "99999999999999999999:abc", "1:ø"])
def test_a_forged_session_id_is_nobody_and_no_error(app, user, forged):
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = forged
    response = client.get("/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_nothing_in_the_session_before_login_survives_it(app, user):
    client = app.test_client()
    with client.session_transaction() as session:
        session["planted"] = "by whoever used this browser before"
    _ = client.post("/login", data={"email": "karen@kk.example", "password": PASSWORD})
    with client.session_transaction() as session:
        assert "planted" not in session and session["_user_id"].startswith(f"{user.id}:")


def test_nothing_in_the_session_survives_logout(app, user):
    client = _signed_in(app)
    with client.session_transaction() as session:
        session["planted"] = "left behind"
    client.post("/logout")
    with client.session_transaction() as session:
        assert "planted" not in session and "_user_id" not in session


def test_remember_me_lasts_fourteen_days_by_default(app, user):
    client = app.test_client()
    response = client.post("/login", data={"email": "karen@kk.example", "password": PASSWORD, "remember": "y"})
    cookie = next(value for value in response.headers.getlist("Set-Cookie") if value.startswith(REMEMBER))
    expires = datetime.strptime(cookie.split("Expires=")[1].split(";")[0], "%a, %d %b %Y %H:%M:%S GMT")
    assert abs(expires.replace(tzinfo=UTC) - (datetime.now(UTC) + timedelta(days=14))) < timedelta(minutes=5)


def test_lifetimes_are_short_by_default_and_set_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("TRACKER_REMEMBER_DAYS", raising=False)
    monkeypatch.delenv("TRACKER_SESSION_HOURS", raising=False)
    defaults = load_config(str(tmp_path), {"SECRET_KEY": "x"})
    assert defaults["REMEMBER_COOKIE_DURATION"] == timedelta(days=14)
    assert defaults["PERMANENT_SESSION_LIFETIME"] == timedelta(hours=12)

    monkeypatch.setenv("TRACKER_REMEMBER_DAYS", "3")
    monkeypatch.setenv("TRACKER_SESSION_HOURS", "8")
    app = create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert app.config["REMEMBER_COOKIE_DURATION"] == timedelta(days=3)
    assert app.permanent_session_lifetime == timedelta(hours=8)


@pytest.mark.parametrize("value", ["0", "-1", "fjorten", "nan", "inf"])
def test_a_lifetime_that_is_not_a_positive_number_refuses_to_start(monkeypatch, tmp_path, value):
    monkeypatch.setenv("TRACKER_REMEMBER_DAYS", value)
    with pytest.raises(ConfigError, match="TRACKER_REMEMBER_DAYS"):
        load_config(str(tmp_path), {"SECRET_KEY": "x"})


def test_the_migration_gives_every_existing_account_its_own_token_and_flags_demo_accounts(tmp_path):
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'old.sqlite3'}", "SECRET_KEY": "x"})
    with app.app_context():
        upgrade(revision="f6f1b5d6c300")  # the schema before session tokens
        with db.engine.begin() as connection:
            for number, email in enumerate(("admin@demo.example", "karen@kk.example", "ole@kk.example"), 1):
                connection.execute(text(
                    "INSERT INTO users (id, email, name, password_hash, role, active, version, created_at, "
                    "updated_at) VALUES (:id, :email, 'N', 'h', 'laeser', 1, 1, CURRENT_TIMESTAMP, "
                    "CURRENT_TIMESTAMP)"), {"id": number, "email": email})
        upgrade()
        rows = db.session.execute(select(User.email, User.session_token, User.is_demo)).all()
        db.engine.dispose()
    assert len({token for _, token, _ in rows}) == 3 and all(len(token) >= 40 for _, token, _ in rows)
    assert {email for email, _, demo in rows if demo} == {"admin@demo.example"}
