"""Configuration: safe defaults, and no production start without an explicit secret key."""
from __future__ import annotations

import pytest

from tracker import ConfigError, create_app
from tracker.config import load_config

PRODUCTION_KEY = "9f1c2b7e4a6d8c0e3b5a7f9d1c3e5b7a"  # 32 bytes, the least production accepts


def test_production_refuses_to_start_without_a_secret_key(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("TRACKER_ENV", "production")
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})


def test_production_starts_with_a_secret_key_and_secure_cookies(monkeypatch):
    monkeypatch.setenv("TRACKER_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", PRODUCTION_KEY)
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert app.config["SECRET_KEY"] == PRODUCTION_KEY
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True


def test_development_generates_and_keeps_a_key_in_the_instance_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("TRACKER_ENV", raising=False)
    first = load_config(str(tmp_path), {})["SECRET_KEY"]
    second = load_config(str(tmp_path), {})["SECRET_KEY"]
    assert first == second and len(first) >= 32
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_database_url_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("TRACKER_DATABASE_URL", "sqlite:////tmp/elsewhere.sqlite3")
    app = create_app({"SECRET_KEY": "x"})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "sqlite:////tmp/elsewhere.sqlite3"


def test_default_database_is_sqlite_in_the_instance_folder(monkeypatch):
    monkeypatch.delenv("TRACKER_DATABASE_URL", raising=False)
    app = create_app({"SECRET_KEY": "x"})
    assert app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///")
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("instance/tracker.sqlite3")


@pytest.mark.parametrize("key", ["a-long-random-production-key", "x" * 31, "ø" * 15])
def test_production_refuses_a_secret_key_shorter_than_32_bytes(monkeypatch, key):
    monkeypatch.setenv("TRACKER_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", key)
    with pytest.raises(ConfigError, match="at least 32 bytes"):
        create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})


def test_development_accepts_a_short_secret_key(monkeypatch):
    monkeypatch.delenv("TRACKER_ENV", raising=False)
    assert create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://"}).config["SECRET_KEY"] == "x"


def test_no_proxy_is_trusted_unless_configured(monkeypatch, tmp_path):
    monkeypatch.delenv("TRACKER_PROXY_COUNT", raising=False)
    assert load_config(str(tmp_path), {"SECRET_KEY": "x"})["PROXY_COUNT"] == 0
    monkeypatch.setenv("TRACKER_PROXY_COUNT", "1")
    assert load_config(str(tmp_path), {"SECRET_KEY": "x"})["PROXY_COUNT"] == 1


@pytest.mark.parametrize("count", ["one", "-1", "1.5"])
def test_a_proxy_count_that_is_not_a_whole_number_is_refused_at_start(monkeypatch, tmp_path, count):
    monkeypatch.setenv("TRACKER_PROXY_COUNT", count)
    with pytest.raises(ConfigError, match="TRACKER_PROXY_COUNT"):
        load_config(str(tmp_path), {"SECRET_KEY": "x"})


@pytest.mark.parametrize("variable", ["TRACKER_LOGIN_RATE_LIMIT", "TRACKER_LOGIN_ACCOUNT_RATE_LIMIT"])
def test_login_limits_come_from_the_environment_and_nonsense_is_refused_at_start(monkeypatch, tmp_path, variable):
    monkeypatch.setenv(variable, "5 per hour")
    config = load_config(str(tmp_path), {"SECRET_KEY": "x"})
    assert config[variable.removeprefix("TRACKER_")] == "5 per hour"
    monkeypatch.setenv(variable, "ti i minuttet")
    with pytest.raises(ConfigError, match=variable):
        load_config(str(tmp_path), {"SECRET_KEY": "x"})
