"""Settings read from the environment, with a refusal to run an unsafe production configuration."""
from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

from limits import parse_many


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


# Sessions and remember cookies are signed with the key: a short one can be guessed offline from one cookie.
MIN_PRODUCTION_SECRET_BYTES = 32
# A Redis that hangs (rather than refusing) must not hold every login for the system's TCP timeout.
REDIS_STORAGE_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 1}


def _count(name: str, value: str, of: str = "") -> int:
    """A whole number, 0 or more, from the environment (``of``: what it counts, for the message)."""
    try:
        count = int(value)
    except ValueError:
        count = -1
    if count < 0:
        raise ConfigError(f"{name} must be a whole number{' of ' + of if of else ''} (0 or more), not {value!r}.")
    return count


def _check_rate_limit(name: str, value: str) -> None:
    # Checked at start: a limit that cannot be parsed would otherwise be skipped at every login.
    try:
        parse_many(value)
    except ValueError:
        raise ConfigError(f"{name} is not a rate limit such as '10 per minute': {value!r}.") from None


def _positive_number(name: str, value: str) -> float:
    """A lifetime from the environment, in days or hours; fractions allowed, nothing zero or negative."""
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0 < number < 100_000:
        raise ConfigError(f"{name} must be a positive number, not {value!r}.")
    return number


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
        # "Husk mig" keeps a browser signed in this long; a session without it ends when the browser closes,
        # and Flask refuses any session cookie not re-signed within the session lifetime.
        "REMEMBER_COOKIE_DURATION": timedelta(days=_positive_number("TRACKER_REMEMBER_DAYS",
                                                                    env.get("TRACKER_REMEMBER_DAYS", "14"))),
        "PERMANENT_SESSION_LIFETIME": timedelta(hours=_positive_number("TRACKER_SESSION_HOURS",
                                                                       env.get("TRACKER_SESSION_HOURS", "12"))),
        "WTF_CSRF_TIME_LIMIT": None,
        # Failed logins per client address and per account named; in memory by default, shared through
        # Redis when configured. The address limit is the looser one: many colleagues may share an address.
        "LOGIN_RATE_LIMIT": env.get("TRACKER_LOGIN_RATE_LIMIT", "30 per minute"),
        "LOGIN_ACCOUNT_RATE_LIMIT": env.get("TRACKER_LOGIN_ACCOUNT_RATE_LIMIT", "10 per minute"),
        # Wrong current passwords when changing one's own password, per account: a stolen session cannot guess on.
        "PASSWORD_CHANGE_RATE_LIMIT": env.get("TRACKER_PASSWORD_CHANGE_RATE_LIMIT", "10 per 15 minutes"),
        # Reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed (0: none, use the peer).
        "PROXY_COUNT": _count("TRACKER_PROXY_COUNT", env.get("TRACKER_PROXY_COUNT", "0"), "proxies"),
        "RATELIMIT_STORAGE_URI": env.get("TRACKER_RATELIMIT_STORAGE_URL", "memory://"),
        "RATELIMIT_HEADERS_ENABLED": False,
        # E-mail digests (tracker/notify/): where to send through, whom they come from, and the address the
        # links in them start with. Without TRACKER_SMTP_URL `notify send` sends nothing.
        "SMTP_URL": env.get("TRACKER_SMTP_URL", ""),
        "MAIL_FROM": env.get("TRACKER_MAIL_FROM", ""),
        "BASE_URL": env.get("TRACKER_BASE_URL", ""),
        # Requests after which a worker first moves what it keeps out of the cycle collector's sight, then
        # again at four times as many (tracker/core/collector.py); 0 leaves the collector as it is.
        "GC_FREEZE_AFTER": _count("TRACKER_GC_FREEZE_AFTER", env.get("TRACKER_GC_FREEZE_AFTER", "100")),
        # The cycle collector's work waits until a request's answer is sent (tracker/core/collector.py); 0 leaves
        # Python's thresholds as they are.
        "GC_BETWEEN_REQUESTS": _count("TRACKER_GC_BETWEEN_REQUESTS",
                                      env.get("TRACKER_GC_BETWEEN_REQUESTS", "1")) > 0,
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
    key = config["SECRET_KEY"]
    if (config["TRACKER_ENV"] == "production"
            and len(key.encode() if isinstance(key, str) else key) < MIN_PRODUCTION_SECRET_BYTES):
        raise ConfigError(f"SECRET_KEY must be at least {MIN_PRODUCTION_SECRET_BYTES} bytes in production; generate "
                          "one with: python3 -c 'import secrets; print(secrets.token_hex(32))'")
    for name in ("LOGIN_RATE_LIMIT", "LOGIN_ACCOUNT_RATE_LIMIT", "PASSWORD_CHANGE_RATE_LIMIT"):
        _check_rate_limit(f"TRACKER_{name}", config[name])
    if str(config.get("RATELIMIT_STORAGE_URI", "")).startswith(("redis://", "rediss://", "redis+")):
        config.setdefault("RATELIMIT_STORAGE_OPTIONS", REDIS_STORAGE_OPTIONS)
    if str(config["SQLALCHEMY_DATABASE_URI"]).startswith("postgresql"):
        # PostgreSQL compiles a query to machine code once its estimated cost is high (JIT), which took up to
        # 0.8 s of a 1.3 s page at 50,000 initiatives; Tværs's queries each run in milliseconds without it.
        options = config["SQLALCHEMY_ENGINE_OPTIONS"] = dict(config["SQLALCHEMY_ENGINE_OPTIONS"])
        options["connect_args"] = {"options": "-c jit=off", **options.get("connect_args", {})}
    return config
