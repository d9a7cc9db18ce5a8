"""Benchmark of overlap detection: 20,000 synthetic initiatives on a fresh SQLite database.

Run: .venv/bin/python benchmarks/overlaps.py [--initiatives 20000]
Prints the best of three detect() timings, the pairs compared against the naive n²/2, and the output size.
"""
from __future__ import annotations

import argparse
import logging
import tempfile
import time
from collections import Counter
from pathlib import Path

from flask_migrate import upgrade

from tracker import create_app
from tracker.extensions import db
from tracker.overlaps import detect
from tracker.seeding import default_seed_files, load_seed
from tracker.seeding.synth import synthesise


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--initiatives", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    logging.disable(logging.INFO)  # Alembic's progress lines
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(tmp) / 'bench.sqlite3'}",
                          "SECRET_KEY": "benchmark", "TESTING": True})
        with app.app_context():
            upgrade()
            load_seed(default_seed_files())
            started = time.perf_counter()
            synthesise(args.initiatives)
            db.session.commit()
            print(f"synthesised {args.initiatives} initiatives in {time.perf_counter() - started:.1f} s")
            timings, result = [], None
            for _ in range(args.runs):
                db.session.expire_all()
                started = time.perf_counter()
                result = detect()
                timings.append(time.perf_counter() - started)
            n = result.initiatives_considered
            print(f"detect(): best of {args.runs} = {min(timings):.3f} s (all: "
                  f"{', '.join(f'{t:.3f}' for t in timings)})")
            print(f"open initiatives considered: {n}")
            print(f"pairs compared: {result.pairs_compared:,} of naive n²/2 = {result.naive_pairs:,} "
                  f"({100 * result.pairs_compared / max(result.naive_pairs, 1):.3f} %)")
            uncoordinated = sum(c.uncoordinated for c in result.candidates)
            print(f"candidates: {len(result.candidates)} ({uncoordinated} uncoordinated), "
                  f"clusters: {len(result.clusters)}")
            kinds = Counter(r.kind for c in result.candidates for r in c.reasons)
            print("reasons: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
            started = time.perf_counter()
            detect(area_id=result.candidates[0].area_ids.pop()) if result.candidates else None
            print(f"detect(area_id=…): {time.perf_counter() - started:.3f} s")


if __name__ == "__main__":
    main()
