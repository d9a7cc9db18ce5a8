"""The cycle collector in a long-running worker (tracker/core/collector.py): what the process keeps after its
first requests is frozen, so later full collections walk only what came after; and the collections a request
would set off wait until its answer is sent."""
from __future__ import annotations

import gc

import pytest

from tests.conftest import _overrides, _test_app
from tracker.core import collector


@pytest.fixture
def unfrozen():
    gc.unfreeze()
    yield
    gc.unfreeze()


def _app(after: int, between: bool = False):
    return _test_app(_overrides("sqlite://", GC_FREEZE_AFTER=after, GC_BETWEEN_REQUESTS=between))


def test_a_worker_freezes_what_it_keeps_after_its_first_requests_and_then_at_four_times_as_many(unfrozen):
    client = _app(3).test_client()
    frozen = []
    for _ in range(12):
        client.get("/login").close()
        frozen.append(gc.get_freeze_count() > 0)
        gc.unfreeze()
    # The third answer (once sent) and the twelfth freeze; none in between.
    assert [n + 1 for n, was in enumerate(frozen) if was] == [3, 12]


def test_zero_leaves_the_collector_as_it_is(unfrozen):
    client = _app(0).test_client()
    for _ in range(5):
        client.get("/login").close()
    assert gc.get_freeze_count() == 0


def test_the_setting_refuses_what_is_not_a_whole_number(monkeypatch):
    from tracker.config import ConfigError, load_config

    monkeypatch.setenv("TRACKER_GC_FREEZE_AFTER", "mange")
    with pytest.raises(ConfigError, match="TRACKER_GC_FREEZE_AFTER"):
        load_config("/tmp", {"SECRET_KEY": "x"})


@pytest.fixture
def thresholds():
    yield
    gc.set_threshold(*collector.PYTHON_THRESHOLDS)


def test_a_collection_due_during_a_request_runs_once_its_answer_is_sent(thresholds):
    app = _app(0, between=True)
    kept, during, started = [], [], []

    @app.before_request
    def build_containers():  # as a page does: far more new containers than Python's 700 between collections
        during.append(True)
        kept.extend([] for _ in range(5 * collector.PYTHON_THRESHOLDS[0]))

    @app.teardown_request
    def answered(_error):
        during.clear()

    def watch(phase, info):
        if phase == "start":
            started.append("during the request" if during else "after it")

    gc.callbacks.append(watch)
    try:
        response = app.test_client().get("/login")
        assert started == []  # the page was built without a collection
        response.close()  # the answer is sent
        assert started == ["after it"]
    finally:
        gc.callbacks.remove(watch)
    assert gc.get_count()[0] < collector.PYTHON_THRESHOLDS[0]


def test_without_the_setting_python_collects_when_it_would(thresholds):
    _app(0, between=False)
    assert gc.get_threshold() == collector.PYTHON_THRESHOLDS
