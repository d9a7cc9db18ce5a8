"""Test fixtures: every database test runs on SQLite and, when configured, on PostgreSQL.

Set TRACKER_TEST_DATABASE_URL to a PostgreSQL URL to run the suite on both engines; without it
the PostgreSQL half is skipped with a visible reason. The schema is built once per engine through
the Alembic migrations (so the migrations themselves are exercised) and emptied after each test.
"""
from __future__ import annotations

import os
import sqlite3
from contextlib import contextmanager

import flask_babel
import pytest
import redis
from flask import g
from flask_migrate import upgrade
from jinja2 import BytecodeCache
from sqlalchemy import Engine, create_engine, event, text
from werkzeug.routing.rules import Rule

from tests.factories import reference_data
from tracker import create_app
from tracker.core.changes import note_write
from tracker.extensions import db

pytest_plugins = ["tests.seeded_app"]


def _lazy_url_builders() -> None:
    """Every test makes its own app, and Werkzeug compiles two URL builders for each of its ~90 routes
    when they are added (about 0.1 s an app, minutes over the suite), though a test builds a handful
    of URLs. Compile each builder the first time it is used instead; matching is untouched."""
    compile_builder = getattr(Rule, "_compile_builder", None)
    if compile_builder is None:  # another Werkzeug: keep its own behaviour
        return

    def lazy_builder(rule: Rule, append_unknown: bool = True):
        name = "_build_unknown" if append_unknown else "_build"

        def build(bound_rule, *args, **kwargs):
            compiled = compile_builder(bound_rule, append_unknown).__get__(bound_rule, None)
            setattr(bound_rule, name, compiled)
            return compiled(*args, **kwargs)
        return build

    Rule._compile_builder = lazy_builder


_lazy_url_builders()

# Apps made with their own settings in tests leave the process's cycle collector as it is (tested on its own).
os.environ.setdefault("TRACKER_GC_BETWEEN_REQUESTS", "0")
POSTGRES_URL = os.environ.get("TRACKER_TEST_DATABASE_URL")
# `make test` may run the two engines in two processes at once (one per core): TRACKER_TEST_ONLY=sqlite runs
# the SQLite half and every test that needs no database; TRACKER_TEST_ONLY=postgresql only the PostgreSQL half.
ONLY = os.environ.get("TRACKER_TEST_ONLY", "")
BACKENDS = [ONLY] if ONLY in ("sqlite", "postgresql") else ["sqlite", "postgresql"]


def pytest_collection_modifyitems(config, items):
    if ONLY != "postgresql":
        return
    elsewhere = [item for item in items if "database_url" not in getattr(item, "fixturenames", ())]
    if elsewhere:
        config.hook.pytest_deselected(items=elsewhere)
        items[:] = [item for item in items if "database_url" in getattr(item, "fixturenames", ())]


@event.listens_for(Engine, "connect")
def _sqlite_commits_without_waiting_for_the_disk(dbapi_connection, connection_record) -> None:
    """As on PostgreSQL (synchronous_commit off below): a test's SQLite commit need not wait for the disk, which
    costs a few milliseconds a commit on this machine's disk (about 20 ms of every test's setup and teardown).
    Other connections see a commit at once either way; only a crash of the machine could lose the last ones."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.execute("PRAGMA synchronous = OFF")


def _reset_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
        # The test database's commits need not wait for the disk (about 4 % of the PostgreSQL half): a commit
        # is seen by every connection at once either way; only a crash of the server could lose the last ones.
        name = conn.execute(text("SELECT current_database()")).scalar_one()
        conn.execute(text(f'ALTER DATABASE "{name}" SET synchronous_commit = off'))
    engine.dispose()


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(request, tmp_path_factory):
    if request.param == "postgresql":
        if not POSTGRES_URL:
            pytest.skip("PostgreSQL run skipped: TRACKER_TEST_DATABASE_URL is not set")
        _reset_postgres(POSTGRES_URL)
        url = POSTGRES_URL
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
    migrated = create_app(_overrides(url))
    with migrated.app_context():
        upgrade()
        db.engine.dispose()
    return url


def _overrides(url: str, **extra) -> dict:
    return {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": url,
        "SECRET_KEY": "test-secret-key",
        "SERVER_NAME": "localhost",
        "WTF_CSRF_ENABLED": False,
        # A cheap hash keeps hundreds of logins fast; production refuses anything but scrypt.
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        # The test process serves many apps' requests: the collector is left as it is (tested on its own).
        "GC_FREEZE_AFTER": 0,
        "GC_BETWEEN_REQUESTS": False,
        **extra,
    }


def limiter_storage(kind: str, redis_url: str) -> str:
    """The rate limiter's storage for a test: memory, or this Redis database emptied first (skipped, with the
    reason, when no Redis answers)."""
    if kind == "memory":
        return "memory://"
    try:
        redis.Redis.from_url(redis_url, socket_connect_timeout=1).flushdb()
    except redis.RedisError:
        pytest.skip("Redis rate-limit storage skipped: no Redis at 127.0.0.1:6379")
    return redis_url


def _empty_all_tables() -> None:
    from tests.seeded_app import walk_app_changed

    walk_app_changed()  # whatever rows a walk test left here are gone
    # DELETE, not TRUNCATE: on tables this small PostgreSQL deletes far faster than it truncates. On PostgreSQL
    # the deletes go in one string, one round trip instead of one per table (about 20 ms a test).
    deletes = [f"DELETE FROM {t.name}" for t in reversed(db.metadata.sorted_tables)]
    if db.engine.dialect.name == "postgresql":
        db.session.connection().exec_driver_sql("; ".join(deletes))  # not compiled again by each test's engine
        note_write(db.session.connection())  # whichever table comes first, the commit moves the change token
    else:
        for delete in deletes:
            db.session.execute(text(delete))
    db.session.commit()


def _forget_request_state() -> None:
    """Tests hold one app context open for database access, so `g` outlives each test request.
    Forget what the previous request cached there (the signed-in user, the CSRF token, the locale), as a real
    request with its own app context would."""
    g.pop("_login_user", None)
    g.pop("csrf_token", None)  # Flask-WTF keeps the request's token in g; a login starts a new session
    flask_babel.refresh()


class _CompiledTemplates(BytecodeCache):
    """Every test makes its own app, and each app's Jinja environment compiled every template it rendered anew:
    about a third of the suite's time went to parsing and compiling the same templates hundreds of times. The
    test apps share the compiled code instead (Jinja checks each template's source against what was compiled)."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        code = self.compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


COMPILED_TEMPLATES = _CompiledTemplates()


def _test_app(overrides: dict):
    application = create_app(overrides)
    application.jinja_env.bytecode_cache = COMPILED_TEMPLATES
    application.before_request_funcs.setdefault(None, []).insert(0, _forget_request_state)
    return application


@pytest.fixture
def app(database_url):
    application = _test_app(_overrides(database_url))
    with application.app_context():
        yield application
        db.session.rollback()
        _empty_all_tables()
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def csrf_app(database_url):
    """The app with CSRF protection switched on, as in production."""
    application = _test_app(_overrides(database_url, WTF_CSRF_ENABLED=True))
    with application.app_context():
        yield application
        db.session.rollback()
        _empty_all_tables()
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def ref(app):
    """The hand-built reference data of tests/factories.py, committed (areas, administrations, bodies, themes)."""
    data = reference_data()
    db.session.commit()
    return data


class QueryCounter:
    def __init__(self):
        self.statements: list[str] = []

    @property
    def count(self) -> int:
        return len(self.statements)


@pytest.fixture
def count_queries(app):
    """Context manager counting the SQL statements run inside it: `with count_queries() as q: ...`."""

    @contextmanager
    def counter():
        result = QueryCounter()

        def before(conn, cursor, statement, parameters, context, executemany):
            result.statements.append(statement)

        event.listen(db.engine, "before_cursor_execute", before)
        try:
            yield result
        finally:
            event.remove(db.engine, "before_cursor_execute", before)

    return counter
