"""Python's cycle collector in a long-running worker.

A full collection walks every container object the process holds, and a worker holds more the longer it
serves: compiled statements, templates, results kept until the data changes. At 50,000 initiatives the full
collections of one process grew from 50 to 190 ms over its first two thousand requests, each paid by the
request that happened to set it off. What a worker has kept after its first requests is therefore moved out of
the collector's sight (`gc.freeze()`, after a collection that frees what is garbage then) at 100, 400,
1,600 ... requests, once the answer is sent (`GC_FREEZE_AFTER`, 0 to leave the collector as it is), so a later full collection walks
only what came after. Frozen objects are still freed when nothing refers to them; only a reference cycle
that was alive at a freeze and dies later is not collected: a few request's worth at those few moments.
"""
from __future__ import annotations

import gc
import threading

from flask import Flask, Response


def install(app: Flask) -> None:
    first = int(app.config.get("GC_FREEZE_AFTER") or 0)
    if first <= 0:
        return
    schedule = _Schedule(first)

    @app.after_request
    def _freeze_what_is_kept(response: Response) -> Response:
        if schedule.served_one():
            response.call_on_close(freeze_what_is_kept)  # once the answer is sent: nobody waits for it
        return response


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
