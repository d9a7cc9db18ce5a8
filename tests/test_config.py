"""Configuration: safe defaults, and no production start without an explicit secret key."""
from __future__ import annotations

import pytest

from tracker import ConfigError, create_app
from tracker.config import load_config


def test_production_refuses_to_start_without_a_secret_key(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("TRACKER_ENV", "production")
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})


def test_production_starts_with_a_secret_key_and_secure_cookies(monkeypatch):
    monkeypatch.setenv("TRACKER_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "a-long-random-production-key")
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert app.config["SECRET_KEY"] == "a-long-random-production-key"
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
