"""Python's cycle collector in a long-running worker.

A full collection walks every container object the process holds, and a worker holds more the longer it
serves: compiled statements, templates, results kept until the data changes. At 50,000 initiatives the full
collections of one process grew from 50 to 190 ms over its first two thousand requests, each paid by the
request that happened to set it off. What a worker has kept after its first requests is therefore moved out of
the collector's sight (`gc.freeze()`, after a collection that frees what is garbage then) at 100, 400,
1,600 ... requests, once the answer is sent (`GC_FREEZE_AFTER`, 0 to leave the collector as it is), so a later full collection walks
only what came after. Frozen objects are still freed when nothing refers to them; only a reference cycle
that was alive at a freeze and dies later is not collected: a few request's worth at those few moments.

Even so, each collection was paid by the request that set it off: over the scale benchmark's 5,800 requests a
worker ran 27 full collections of 24 to 150 ms and 317 middle ones of about 2 ms, each inside some page's
time. With `GC_BETWEEN_REQUESTS` the collections Python would run during a request wait until its answer is
sent: inside a request the collector starts only after IN_REQUEST new container objects (a request that builds
that many still frees its cycles as it goes), and after each answer the generations that are due by Python's
own thresholds are collected.
"""
from __future__ import annotations

import gc
import threading

from flask import Flask, Response

PYTHON_THRESHOLDS = gc.get_threshold()  # as the process started: (700, 10, 10) unless someone changed them
IN_REQUEST = 100_000  # new container objects after which a collection runs inside a request all the same


def install(app: Flask) -> None:
    if app.config.get("GC_BETWEEN_REQUESTS"):
        _collect_between_requests(app)
    first = int(app.config.get("GC_FREEZE_AFTER") or 0)
    if first <= 0:
        return
    schedule = _Schedule(first)

    @app.after_request
    def _freeze_what_is_kept(response: Response) -> Response:
        if schedule.served_one():
            response.call_on_close(freeze_what_is_kept)  # once the answer is sent: nobody waits for it
        return response


def _collect_between_requests(app: Flask) -> None:
    gc.set_threshold(IN_REQUEST, *PYTHON_THRESHOLDS[1:])

    @app.after_request
    def _collect_once_answered(response: Response) -> Response:
        response.call_on_close(collect_what_is_due)
        return response


def collect_what_is_due() -> None:
    """The collection Python would have started by its own thresholds: the oldest generation whose count is
    past its threshold (a generation counts the collections of the one below it; the youngest, new objects)."""
    young, middle, old = PYTHON_THRESHOLDS
    counts = gc.get_count()
    if counts[0] <= young:
        return
    if counts[2] >= old:
        gc.collect(2)
    elif counts[1] >= middle:
        gc.collect(1)
    else:
        gc.collect(0)


def freeze_what_is_kept() -> None:
    gc.collect()
    gc.freeze()


class _Schedule:
    """Counts the requests a process has served; True at the first count and at each four times the last."""

    def __init__(self, first: int) -> None:
        self._served = 0
        self._next = first
        self._lock = threading.Lock()

    def served_one(self) -> bool:
        with self._lock:
            self._served += 1
            if self._served < self._next:
                return False
            self._next *= 4
            return True
