"""Download benchmark: the initiative list and the cooperation log as XLSX and CSV on the scale database.

Run: .venv/bin/python benchmarks/downloads.py [--database URL] [--role laeser] [PATH ...]

For each download (by default the four whole files and two filtered ones), in a process of its own so that
its peak memory is its own: the time to the first bytes of the answer, the total time and the process's CPU time in it (on a busy
machine the total stretches, the CPU time much less; the rest is the database and waiting), the bytes, the rows
(the CSV's lines, the sheet's rows) and the process's peak resident memory. The database is the one
benchmarks/scale.py builds (50,000 initiatives, 500,000 log entries); it is only read. A benchmark, not a
test: compare figures from the same machine at a quiet moment.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import event

from tracker.extensions import db
from tracker.seeding.demo import DEMO_PASSWORD

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale import DEFAULT_URL, _app  # noqa: E402  (the scale benchmark's app for that database)

PATHS = (
    "/initiatives/export.csv",
    "/initiatives/export.xlsx",
    "/log/export.csv",
    "/log/export.xlsx",
    "/initiatives/export.xlsx?area=norrebro&status=active",
    "/log/export.csv?initiative=1",
)


def _cpu_seconds(pid: int) -> float:
    """A local process's CPU time so far (user and system), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(url: str, role: str, path: str) -> dict:
    logging.disable(logging.WARNING)
    app = _app(url)
    client = app.test_client()
    response = client.post("/login", data={"email": f"{role}@demo.example", "password": DEMO_PASSWORD})
    assert response.status_code == 302, f"demo {role} could not log in"
    # The database's own CPU time for the request: its server processes' (the connections the request
    # takes from the pool; parallel workers a plan starts are not counted), when the server runs here.
    backends: dict[int, float] = {}

    def checkout(dbapi_connection, _record, _proxy) -> None:
        pid = dbapi_connection.info.backend_pid
        if pid not in backends and Path(f"/proc/{pid}/stat").exists():
            backends[pid] = _cpu_seconds(pid)

    with app.app_context():
        event.listen(db.engine, "checkout", checkout)
    start, cpu = time.perf_counter(), time.process_time()
    response = client.get(path, buffered=False)
    chunks = iter(response.response)
    first = next(chunks, b"")
    first_byte = time.perf_counter() - start
    size, lines, tail = len(first), first.count(b"\n"), first[-64:]
    for chunk in chunks:
        size += len(chunk)
        lines += chunk.count(b"\n")
        tail = chunk[-64:] if chunk else tail
    response.close()
    total, cpu = time.perf_counter() - start, time.process_time() - cpu
    database = sum(_cpu_seconds(pid) - before for pid, before in backends.items())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"path": path, "status": response.status_code, "first_byte_s": round(first_byte, 3),
            "total_s": round(total, 2), "cpu_s": round(cpu, 2), "database_cpu_s": round(database, 2), "bytes": size, "csv_lines": lines if ".csv" in path else None,
            "peak_mb": round(peak)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default=DEFAULT_URL)
    parser.add_argument("--role", default="laeser")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)  # the child process
    parser.add_argument("paths", nargs="*", default=PATHS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.database, args.role, args.paths[0])))
        return
    print(f"load average {os.getloadavg()[0]:.1f}\n\n| download | first bytes s | total s | CPU s | database CPU s | MB | CSV lines | "
          "peak memory MB |\n|---|---:|---:|---:|---:|---:|---:|---:|")
    for path in args.paths:
        out = subprocess.run([sys.executable, __file__, "--one", "--database", args.database, "--role", args.role,
                              path], check=True, capture_output=True, text=True).stdout
        m = json.loads(out.strip().splitlines()[-1])
        lines = "" if m["csv_lines"] is None else f"{m['csv_lines']:,}"
        print(f"| `{path}` | {m['first_byte_s']:.3f} | {m['total_s']:.1f} | {m['cpu_s']:.1f} | {m['database_cpu_s']:.1f} | {m['bytes'] / 1e6:.1f} | {lines} | "
              f"{m['peak_mb']} |", flush=True)


if __name__ == "__main__":
    main()
