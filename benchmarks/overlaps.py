"""Benchmark of overlap detection and the candidate list at 20,000 synthetic initiatives.

Run: .venv/bin/python benchmarks/overlaps.py [--initiatives 20000] [--runs 5] [--database URL] [--rebuild]

The database is /tmp/tvaers-bench-<n>.sqlite3 unless --database or TRACKER_DATABASE_URL names another.
It is migrated; when it has no initiatives, the seed and n synthetic ones (`synth`) are added, and kept for
the next run; a reviewer account for the benchmark is added when missing. Prints, best of --runs where
repeated:

* detect() on the first call in the process (cold: stemmer and SQL compilation caches empty) and after;
* the pairs compared against the naive n²/2;
* the candidate list (/overlaps/) through the Flask test client, signed in as a reviewer: the app's first
  request, then requests with the cached detection dropped (as after any change to its inputs, so the
  request detects again) and with it current, a filtered page, and one candidate's page.

A benchmark, not a test: nothing fails when it is slow. Times are wall-clock on whatever else the machine
is doing, so compare best-of figures from the same machine.
"""
from __future__ import annotations

import argparse
import logging
import os
import time
from collections import Counter
from collections.abc import Callable

from flask_migrate import upgrade
from sqlalchemy import func, select

from tracker import create_app
from tracker.auth.services import create_user
from tracker.extensions import db
from tracker.models import Initiative, User
from tracker.overlaps import detect
from tracker.overlaps.cache import CACHE_KEY
from tracker.seeding import default_seed_files, load_seed
from tracker.seeding.synth import synthesise

REVIEWER, PASSWORD = "benchmark-styregruppe@tvaers.invalid", "benchmark-adgangskode"


def _app(url: str):
    return create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "benchmark", "TESTING": True,
                       "WTF_CSRF_ENABLED": False})  # the test client posts the login form without a token


def _build(url: str, initiatives: int, rebuild: bool) -> None:
    path = url.removeprefix("sqlite:///")
    if rebuild and url.startswith("sqlite:///") and os.path.exists(path):
        os.remove(path)
    app = _app(url)
    with app.app_context():
        upgrade()  # builds an empty database; brings a kept one up to the newest migration
        if db.session.scalar(select(func.count()).select_from(Initiative)) == 0:
            started = time.perf_counter()
            load_seed(default_seed_files())
            synthesise(initiatives)
            db.session.commit()
            took = time.perf_counter() - started
            print(f"built: seed and {initiatives:,} synthetic initiatives in {took:.1f} s")
        if db.session.scalar(select(User.id).where(User.email == REVIEWER)) is None:
            create_user(REVIEWER, "Benchmark Styregruppe", "styregruppe", PASSWORD)
            db.session.commit()


def _timed(action: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    value = action()
    return time.perf_counter() - started, value


def _best(timings: list[float]) -> str:
    return f"best {min(timings):.3f} s of {len(timings)} ({', '.join(f'{t:.3f}' for t in timings)})"


def _measure_detection(url: str, runs: int):
    app = _app(url)
    with app.test_request_context():  # reasons are lazy strings; str() wants a locale
        cold, result = _timed(detect)
        warm = [_timed(detect)[0] for _ in range(runs)]
        n = db.session.scalar(select(func.count()).select_from(Initiative))
        print(f"initiatives: {n:,}, open (planned or active, not archived): "
              f"{result.initiatives_considered:,}")
        print(f"detect() cold (first call in the process): {cold:.3f} s")
        print(f"detect() warm: {_best(warm)}")
        print(f"pairs compared: {result.pairs_compared:,} of naive n²/2 = {result.naive_pairs:,} "
              f"({100 * result.pairs_compared / max(result.naive_pairs, 1):.3f} %)")
        uncoordinated = sum(c.uncoordinated for c in result.candidates)
        print(f"candidates: {len(result.candidates):,} ({uncoordinated:,} uncoordinated), "
              f"clusters: {len(result.clusters):,}")
        kinds = Counter(r.kind for c in result.candidates for r in c.reasons)
        print("reasons: " + ", ".join(f"{k} {v:,}" for k, v in sorted(kinds.items())))
        return result.candidates[0].initiative_ids if result.candidates else None


def _signed_in_client(app):
    client = app.test_client()
    response = client.post("/login", data={"email": REVIEWER, "password": PASSWORD})
    assert response.status_code == 302, "the benchmark reviewer could not sign in"
    return client


def _get(client, path: str) -> Callable[[], None]:
    def request() -> None:
        response = client.get(path)
        assert response.status_code == 200, f"{path} answered {response.status_code}"
    return request


def _measure_pages(url: str, runs: int, pair: tuple[int, int] | None) -> None:
    app = _app(url)
    client = _signed_in_client(app)
    first, _ = _timed(_get(client, "/overlaps/"))
    print(f"candidate list, first request of the app (templates compile, detection runs): {first:.3f} s")
    stale, current = [], []
    for _ in range(runs):
        app.extensions.pop(CACHE_KEY)  # as after any change to detection's inputs
        stale.append(_timed(_get(client, "/overlaps/"))[0])
        current += [_timed(_get(client, "/overlaps/"))[0] for _ in range(2)]
    print(f"candidate list, detection out of date (detects): {_best(stale)}")
    print(f"candidate list, detection current: {_best(current)}")
    filtered_list = _get(client, "/overlaps/?area=norrebro&uncoordinated=1&page=2")
    filtered = [_timed(filtered_list)[0] for _ in range(runs)]
    print(f"candidate list, filtered by area, page 2, detection current: {_best(filtered)}")
    if pair:
        detail = [_timed(_get(client, f"/overlaps/{pair[0]}-{pair[1]}"))[0] for _ in range(runs)]
        print(f"one candidate's page, detection current: {_best(detail)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--initiatives", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--database", help="default: TRACKER_DATABASE_URL, else SQLite in /tmp")
    parser.add_argument("--rebuild", action="store_true", help="start the SQLite file over")
    args = parser.parse_args()
    url = args.database or os.environ.get("TRACKER_DATABASE_URL") \
        or f"sqlite:////tmp/tvaers-bench-{args.initiatives}.sqlite3"
    logging.disable(logging.INFO)  # Alembic's progress lines
    print(f"database: {url.split('@')[-1]}")
    _build(url, args.initiatives, args.rebuild)
    pair = _measure_detection(url, args.runs)
    _measure_pages(url, args.runs, pair)


if __name__ == "__main__":
    main()
