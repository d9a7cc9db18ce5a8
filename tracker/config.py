"""Settings read from the environment, with a refusal to run an unsafe production configuration."""
from __future__ import annotations

import os
import secrets
from pathlib import Path


class ConfigError(RuntimeError):
    """The configuration is not safe or not complete enough to start."""


def _instance_secret(instance_path: Path) -> str:
    """A development key, generated once into the instance folder so sessions survive restarts."""
    key_file = instance_path / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


def load_config(instance_path: str, overrides: dict | None = None) -> dict:
    env = os.environ
    overrides = overrides or {}
    instance = Path(instance_path)
    production = (overrides.get("TRACKER_ENV") or env.get("TRACKER_ENV", "development")) == "production"

    config: dict = {
        "TRACKER_ENV": "production" if production else "development",
        "SQLALCHEMY_DATABASE_URI": env.get("TRACKER_DATABASE_URL")
        or f"sqlite:///{instance / 'tracker.sqlite3'}",
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "BABEL_DEFAULT_LOCALE": "da",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Copenhagen",
        "LANGUAGES": ("da", "en"),
        "PAGE_SIZE": 25,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": production,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": production,
        "WTF_CSRF_TIME_LIMIT": None,
        # Failed logins per client address; in memory by default, shared through Redis when configured.
        "LOGIN_RATE_LIMIT": env.get("TRACKER_LOGIN_RATE_LIMIT", "10 per minute"),
        "RATELIMIT_STORAGE_URI": env.get("TRACKER_RATELIMIT_STORAGE_URL", "memory://"),
        "RATELIMIT_HEADERS_ENABLED": False,
    }
    secret = overrides.get("SECRET_KEY") or env.get("SECRET_KEY")
    if secret:
        config["SECRET_KEY"] = secret
    elif production:
        raise ConfigError("TRACKER_ENV=production requires SECRET_KEY to be set in the environment.")
    config.update(overrides)
    if "SECRET_KEY" not in config:
        config["SECRET_KEY"] = _instance_secret(instance)
    if config["TRACKER_ENV"] == "production" and config.get("TESTING"):
        raise ConfigError("TESTING cannot be enabled in production.")
    return config
