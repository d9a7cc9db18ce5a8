"""Benchmark of the Excel/CSV round trip: export, preview and apply of n initiatives on SQLite.

Run: .venv/bin/python benchmarks/transfer.py [--size 5000]

A SQLite database /tmp/tvaers-bench-transfer-<n>.sqlite3 is migrated and, when empty, filled with the seed
and `synth --initiatives n`. Then it times the XLSX and CSV downloads of the whole list, the preview of the
unchanged file (every row unchanged), and the preview and apply (as the system, one transaction, rolled
back afterwards so the run can be repeated) of the file with every summary edited. A benchmark, not a test:
nothing fails when it is slow; times are wall-clock on whatever else the machine is doing.
"""
from __future__ import annotations

import argparse
import csv
import time
from io import StringIO

from flask_migrate import upgrade
from sqlalchemy import func, select

from tracker import create_app
from tracker.extensions import db
from tracker.initiatives.models import Initiative
from tracker.initiatives.queries import InitiativeFilters
from tracker.seeding import default_seed_files, load_seed
from tracker.seeding.synth import synthesise
from tracker.transfer import exports
from tracker.transfer.cli import SYSTEM
from tracker.transfer.plan import apply, preview


def timed(label: str, action):
    start = time.perf_counter()
    result = action()
    print(f"{label:48} {time.perf_counter() - start:6.2f} s")
    return result


def every_summary_edited(data: bytes) -> bytes:
    rows = list(csv.reader(StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    for row in rows[1:]:
        row[2] = row[2] + " Rettet i Excel."
    out = StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=5000)
    size = parser.parse_args().size
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:////tmp/tvaers-bench-transfer-{size}.sqlite3",
                      "SECRET_KEY": "benchmark"})
    with app.app_context():
        upgrade()
        if not db.session.scalar(select(func.count()).select_from(Initiative)):
            load_seed(default_seed_files())
            synthesise(size, 0, 0)
            db.session.commit()
        count = db.session.scalar(select(func.count()).select_from(Initiative))
        print(f"{count} initiatives")
        xlsx = timed("export XLSX", lambda: exports.initiatives_file(InitiativeFilters(), "xlsx"))
        data = timed("export CSV", lambda: exports.initiatives_file(InitiativeFilters(), "csv"))
        plan = timed("preview XLSX, unchanged", lambda: preview("i.xlsx", xlsx, SYSTEM))
        print(f"{'':48} {plan.count('unchanged')} unchanged, {plan.count('changed')} changed")
        edited = every_summary_edited(data)
        plan = timed("preview CSV, every summary edited", lambda: preview("i.csv", edited, SYSTEM))
        print(f"{'':48} {plan.count('changed')} changed, {plan.count('error')} with errors")
        timed("apply it (and flush)", lambda: (apply("i.csv", edited, SYSTEM, plan.fingerprint), db.session.flush()))
        db.session.rollback()


if __name__ == "__main__":
    main()
