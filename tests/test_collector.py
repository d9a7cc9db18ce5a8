"""The cycle collector in a long-running worker (tracker/core/collector.py): what the process keeps after its
first requests is frozen, so later full collections walk only what came after."""
from __future__ import annotations

import gc

import pytest

from tests.conftest import _overrides, _test_app


@pytest.fixture
def unfrozen():
    gc.unfreeze()
    yield
    gc.unfreeze()


def _app(after: int):
    return _test_app(_overrides("sqlite://", GC_FREEZE_AFTER=after))


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
