"""Benchmark of the Excel/CSV round trip: export, preview and apply of n initiatives on SQLite.

Run: .venv/bin/python benchmarks/transfer.py [--size 5000] [--entries 0] [--database FILE] [--profile]

A SQLite database (by default /tmp/tvaers-bench-transfer-<n>-<entries>.sqlite3) is migrated and, when empty,
filled with the seed and `synth --initiatives n --entries m`. Then it times the XLSX and CSV downloads of
the whole list, the preview of the unchanged file (every row unchanged), and the preview and apply (as the
system, one transaction, rolled back afterwards so the run can be repeated) of the file with every summary
edited; with --entries the same for the cooperation log. A benchmark, not a test: nothing fails when it is
slow; times are wall-clock on whatever else the machine is doing, with the process's CPU time beside them.
With --profile each step also prints cProfile's top entries by cumulative time.
"""
from __future__ import annotations

import argparse
import cProfile
import csv
import pstats
import time
from io import StringIO

from flask_migrate import upgrade
from sqlalchemy import func, select

from tracker import create_app
from tracker.audit.models import AuditEvent
from tracker.extensions import db
from tracker.initiatives.models import Initiative
from tracker.initiatives.queries import InitiativeFilters
from tracker.log.models import CooperationEntry
from tracker.seeding import default_seed_files, load_seed
from tracker.seeding.synth import synthesise
from tracker.transfer import exports
from tracker.transfer.cli import SYSTEM
from tracker.transfer.plan import apply, preview

PROFILE = False


def timed(label: str, action):
    profile = cProfile.Profile() if PROFILE else None
    start, cpu = time.perf_counter(), time.process_time()
    if profile is not None:
        profile.enable()
    result = action()
    if profile is not None:
        profile.disable()
    print(f"{label:48} {time.perf_counter() - start:6.2f} s  (CPU {time.process_time() - cpu:5.2f} s)")
    if profile is not None:
        pstats.Stats(profile).sort_stats("cumulative").print_stats(18)
    return result


def every_cell_edited(data: bytes, column: int) -> bytes:
    """The CSV with " Rettet i Excel." added to this column of every row (the summary, an entry's text)."""
    rows = list(csv.reader(StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    for row in rows[1:]:
        row[column] = row[column] + " Rettet i Excel."
    out = StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=5000)
    parser.add_argument("--entries", type=int, default=0, help="also time the log with this many entries")
    parser.add_argument("--database", default=None, help="the SQLite file (made when missing)")
    parser.add_argument("--profile", action="store_true", help="print cProfile's top entries of each step")
    args = parser.parse_args()
    global PROFILE
    size, PROFILE = args.size, args.profile
    database = args.database or f"/tmp/tvaers-bench-transfer-{size}-{args.entries}.sqlite3"
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
                      "SECRET_KEY": "benchmark"})
    with app.app_context():
        upgrade()
        if not db.session.scalar(select(func.count()).select_from(Initiative)):
            load_seed(default_seed_files())
            synthesise(size, args.entries, 0)
            db.session.commit()
        count = db.session.scalar(select(func.count()).select_from(Initiative))
        print(f"{count} initiatives")
        xlsx = timed("export XLSX", lambda: exports.initiatives_file(InitiativeFilters(), "xlsx"))
        data = timed("export CSV", lambda: exports.initiatives_file(InitiativeFilters(), "csv"))
        plan = timed("preview XLSX, unchanged", lambda: preview("i.xlsx", xlsx, SYSTEM))
        print(f"{'':48} {plan.count('unchanged')} unchanged, {plan.count('changed')} changed")
        edited = every_cell_edited(data, 2)
        plan = timed("preview CSV, every summary edited", lambda: preview("i.csv", edited, SYSTEM))
        print(f"{'':48} {plan.count('changed')} changed, {plan.count('error')} with errors")
        timed("apply it (and flush)", lambda: (apply("i.csv", edited, SYSTEM, plan.fingerprint), db.session.flush()))
        saved = db.session.scalar(select(func.count()).select_from(Initiative)
                                  .where(Initiative.summary.like("% Rettet i Excel.")))
        events = db.session.scalar(select(func.count()).select_from(AuditEvent)
                                   .where(AuditEvent.source == "import:i.csv"))
        print(f"{'':48} {saved} summaries saved, {events} audit events of the import")
        db.session.rollback()
        if args.entries:
            log(args.entries)


def log(size: int) -> None:
    """The same for the cooperation log: export, preview unchanged, preview and apply every text edited."""
    print(f"{db.session.scalar(select(func.count()).select_from(CooperationEntry))} log entries")
    timed("export log XLSX", lambda: exports.entries_file("xlsx"))
    data = timed("export log CSV", lambda: exports.entries_file("csv"))
    plan = timed("preview log CSV, unchanged", lambda: preview("e.csv", data, SYSTEM))
    print(f"{'':48} {plan.count('unchanged')} unchanged, {plan.count('changed')} changed")
    edited = every_cell_edited(data, 4)
    plan = timed("preview log CSV, every text edited", lambda: preview("e.csv", edited, SYSTEM))
    print(f"{'':48} {plan.count('changed')} changed, {plan.count('error')} with errors")
    timed("apply it (and flush)", lambda: (apply("e.csv", edited, SYSTEM, plan.fingerprint), db.session.flush()))
    db.session.rollback()


if __name__ == "__main__":
    main()
