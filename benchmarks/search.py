"""Benchmark of search on a large city: the results page and the log entry form's suggestions.

Run: .venv/bin/python benchmarks/search.py --database postgresql+psycopg://postgres@127.0.0.1:5432/tvaers_bench
     [--runs 5] [--reindex]

The database must be migrated and filled first, e.g.
  TRACKER_DATABASE_URL=… flask --app tracker db upgrade && flask --app tracker seed
  TRACKER_DATABASE_URL=… flask --app tracker synth --initiatives 50000 --entries 500000
(synth rebuilds the search index at its end; --reindex rebuilds it here and times that). For each query it
prints the number of hits, the best-of-runs (and the worst) time of the search itself (count and one page of
hits) and of the whole page through the Flask test client as an admin, and the SQL statements the page ran.

A benchmark, not a test: nothing fails when it is slow. Times are wall-clock on whatever else the machine
is doing, so compare best-of figures from the same machine.
"""
from __future__ import annotations

import argparse
import logging
import os
import time

from sqlalchemy import event, func, select

from tracker import create_app
from tracker.auth.services import create_user, user_by_email
from tracker.extensions import db
from tracker.models import CooperationEntry, Initiative
from tracker.search.index import rebuild
from tracker.search.models import KINDS, search_documents
from tracker.search.queries import Filters, search
from tracker.search.text import parse

QUERIES = (
    ("a rare word", "/search?q=lektiecafé", "lektiecafé", Filters(KINDS)),
    ("an inflected form", "/search?q=tryghedsvandringerne", "tryghedsvandringerne", Filters(KINDS)),
    ("a common word", "/search?q=beboere", "beboere", Filters(KINDS)),
    ("two words", "/search?q=unge+fritidsjob", "unge fritidsjob", Filters(KINDS)),
    ("common word, log entries, page 3", "/search?q=møde&kind=entry&page=3", "møde", Filters(("entry",))),
    ("another, log entries, page 3", "/search?q=beboere&kind=entry&page=3", "beboere", Filters(("entry",))),
    ("common word, initiatives", "/search?q=beboere&kind=initiative", "beboere", Filters(("initiative",))),
    ("a word with archived", "/search?q=tryghed&archived=1", "tryghed", Filters(KINDS, archived=True)),
)
SUGGESTIONS = ("/search/initiatives?q=tryg", "/search/initiatives?q=lektie", "/search/initiatives?q=be")
EMAIL, PASSWORD = "bench-admin@kk.example", "benchmark-adgangskode"


def _timed(action, runs: int) -> list[float]:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def _best(action, runs: int) -> float:
    return min(_timed(action, runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default=os.environ.get("TRACKER_DATABASE_URL"), required=False)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--reindex", action="store_true")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    app = create_app({"SQLALCHEMY_DATABASE_URI": args.database, "SECRET_KEY": "benchmark", "TESTING": True,
                      "WTF_CSRF_ENABLED": False})
    with app.app_context():
        if args.reindex:
            start = time.perf_counter()
            count = rebuild()
            db.session.commit()
            print(f"reindex: {count:,} documents in {time.perf_counter() - start:.1f} s")
        if user_by_email(EMAIL) is None:
            create_user(EMAIL, "Bench Admin", "admin", PASSWORD)
            db.session.commit()
        counts = [db.session.scalar(select(func.count()).select_from(t)) for t in
                  (Initiative, CooperationEntry)] + [db.session.scalar(select(func.count()).select_from(search_documents))]
        print(f"{db.engine.dialect.name}: {counts[0]:,} initiatives, {counts[1]:,} log entries, "
              f"{counts[2]:,} search documents; best of {args.runs}")
        client = app.test_client()
        assert client.post("/login", data={"email": EMAIL, "password": PASSWORD}).status_code == 302
        statements = []
        event.listen(db.engine, "before_cursor_execute", lambda *a: statements.append(1))

        def page(path: str) -> None:
            db.session.expire_all()
            assert client.get(path).status_code == 200, path

        # The worst of the runs beside the best: a plan that reads the table stops wherever the matches are,
        # which depends on where the previous scan of the table left off.
        print(f"{'query':36} {'hits':>6} {'search ms':>10} {'worst':>7} {'page ms':>8} {'SQL':>4}")
        for label, path, words, filters in QUERIES:
            query = parse(words)
            hits = search(query, filters, 1, 25).total
            number = 3 if "page=3" in path else 1
            found = _timed(lambda q=query, f=filters, n=number: search(q, f, n, 25).items, args.runs)
            statements.clear()
            page(path)
            sql = len(statements)
            page_ms = _best(lambda p=path: page(p), args.runs)
            shown = f">{hits - 1:,}" if hits > 1000 else f"{hits:,}"
            print(f"{label:36} {shown:>6} {min(found):10.1f} {max(found):7.1f} {page_ms:8.1f} {sql:4}")
        for path in SUGGESTIONS:
            statements.clear()
            page(path)
            sql = len(statements)
            print(f"{'suggest ' + path.split('=')[1]:36} {'':>6} {'':>10} {'':>7} {_best(lambda p=path: page(p), args.runs):8.1f} "
                  f"{sql:4}")


if __name__ == "__main__":
    main()
