"""Fixtures for the limit tests: an app with its own limiter counters (in memory or in Redis) and two accounts."""
from __future__ import annotations

import os

import pytest

from tests.conftest import _empty_all_tables, _overrides, _test_app, limiter_storage
from tracker.auth.services import create_user
from tracker.extensions import db, limiter

# The Redis database of these tests, emptied before each use (another for the PostgreSQL process when `make test`
# runs both engines at once). Emptied, because the one limiter of the process keeps the first app's key prefix.
REDIS_URL = f"redis://127.0.0.1:6379/{12 if os.environ.get('TRACKER_TEST_ONLY') == 'postgresql' else 13}"
KAREN, KAREN_PASSWORD = "karen@kk.example", "korrekt-hest-batteri"
OLE, OLE_PASSWORD = "ole@kk.example", "blaa-cykel-paa-broen"


@pytest.fixture(params=["memory", "redis"])
def storage(request):
    return limiter_storage(request.param, REDIS_URL)


@pytest.fixture
def make_app(database_url):
    """Builds the test's app with its own limiter counters and two accounts; cleans up after the test."""
    made = []

    def make(storage_uri: str, **config):
        application = _test_app(_overrides(database_url, RATELIMIT_STORAGE_URI=storage_uri, **config))
        context = application.app_context()
        context.push()
        made.append(context)
        create_user(KAREN, "Karen Koordinator", "koordinator", KAREN_PASSWORD)
        create_user(OLE, "Ole Læser", "laeser", OLE_PASSWORD)
        db.session.commit()
        return application

    yield make
    for context in made:
        db.session.rollback()
        _empty_all_tables()
        db.session.remove()
        db.engine.dispose()
        context.pop()
    # One limiter serves every app in the process: a test whose storage was down leaves it marked dead.
    limiter._storage_dead = False
