"""Scale benchmark: every page shape, as each role, on a city's decade of data in PostgreSQL.

Run: .venv/bin/python benchmarks/scale.py [--database URL] [--rebuild] [--runs 10] [--roles admin,laeser]
                                          [--only TEXT] [--exclude TEXT,TEXT] [--no-downloads] [--slowest 10]

The database (default postgresql+psycopg://postgres@127.0.0.1:5432/scale, created when missing) is migrated
and, when it holds fewer initiatives than asked for (or with --rebuild, which empties it first), filled with the
seed, the demo accounts and `synth --initiatives 50000 --entries 500000` in its realistic mode, plus TMF's 2013
report and a comment; the build is kept and reused by the next run, and vacuumed and analysed once (autovacuum's
work on a server that runs it). Then every GET route of the app (filled
with the ids of real records: the seed's busiest initiative, a body with meetings, TMF's report ...) and the
query-string shapes that change what a page does (filters, later pages, archived records, searches) are
requested through the Flask test client as the demo admin, koordinator (TMF, also its report writer),
styregruppe member and læser, each once to warm up and then --runs times. Per page and role it prints the
median and p95 server time (and the medians of this process's CPU time and of the time spent waiting for the
database, which tell a slow page from a busy machine), the SQL statements and the bytes of the answer, pages
answering other than 200 (refused: 403, or sent on: 302) apart, then the slowest pages.

A benchmark, not a test: nothing fails when it is slow. Times are wall-clock on whatever else the machine is
doing, so compare figures from the same machine at a quiet moment.
"""
from __future__ import annotations

import argparse
import logging
import platform
import statistics
import sys
import time
from dataclasses import dataclass, field
from datetime import date

from flask_migrate import upgrade
from sqlalchemy import create_engine, event, func, select, text
from sqlalchemy.engine import make_url

from tracker import create_app
from tracker.extensions import db
from tracker.log.comment_services import add_comment
from tracker.models import (
    Administration,
    Body,
    Comment,
    CooperationEntry,
    Goal,
    Initiative,
    Meeting,
    Membership,
    Organisation,
    Person,
    User,
)
from tracker.reports.models import Report
from tracker.reports.services import GenerateInput, generate
from tracker.search.index import rebuild as rebuild_search_index
from tracker.seeding import default_seed_files, load_seed
from tracker.seeding.demo import DEMO_PASSWORD, ensure_demo_accounts
from tracker.seeding.synth import synthesise

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/scale"
ROLES = ("admin", "koordinator", "styregruppe", "laeser")
BUSY = "Tryghedsvandringer i de udsatte byområder"  # the seed's TMF initiative; synth logs more on others
FORUM = "Boligsocialt forum Husum/Tingbjerg"
OVERLAP_PAIR = ("Tryghedsvandringer 2013-2014 med opfølgning på belysning",
                "Tryghedspartnerskab med politiet i Husum/Tingbjerg og Bispebjerg")
SLOW = 2.0  # seconds: a page this slow when warming up is timed once, not --runs times
SKIPPED = {"static", "main.set_language", "auth.login", "api.openapi"}
# Downloads of whole lists grow with what they hold by nature; they are measured, and reported apart.
DOWNLOADS = {"transfer.export_initiatives", "transfer.export_log", "overlaps.export_docx", "overlaps.export_xlsx",
             "reports.download_docx", "reports.download_text", "reports.download_markdown"}
# Query strings that change what a page does, beside the bare route.
VARIANTS = (
    "/initiatives/?page=2",
    "/initiatives/?page={last_page}",
    "/initiatives/?area=norrebro&status=active",
    "/initiatives/?area=norrebro&status=active&page=2",
    "/initiatives/?administration=SOF&role=partner&status=active",
    "/initiatives/?administration=TMF&role=lead&theme=tryghed&year=2014",
    "/initiatives/?status=expired",
    "/initiatives/?archived=1&year=2013",
    "/initiatives/{initiative_id}?page=2",
    "/initiatives/{synthetic_id}",
    "/bodies/{body_id}?page=2",
    "/bodies/{body_id}?arkiverede=1",
    "/areas/husum-tingbjerg",
    "/administrations/SOF",
    "/entries/new?initiative={synthetic_id}",
    "/entries/new?body={body_id}",
    "/entries/new?area=norrebro",
    "/search?q=tryghed",
    "/search?q=beboere&kind=entry&page=3",
    "/search/initiatives?q=lektie",
    "/overlaps/?show=all&strength=all",
    "/overlaps/?area=norrebro&administration=TMF",
    "/overlaps/?page=2",
    "/admin/users/?status=all",
    "/api/v1/initiatives?area=norrebro&status=active&page=2",
    "/api/v1/entries?page=3",
)


def _app(url: str):
    return create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "benchmark", "TESTING": True,
                       "WTF_CSRF_ENABLED": False,  # the test client posts the login form without a token
                       "PAGE_CACHE": False,  # every page rendered: what a first look after a change costs
                       "LOGIN_RATE_LIMIT": "1000 per minute", "LOGIN_ACCOUNT_RATE_LIMIT": "1000 per minute"})


def _ensure_database(url: str, rebuild: bool) -> None:
    """Create the PostgreSQL database when it is missing; --rebuild empties its schema."""
    parsed = make_url(url)
    if not parsed.drivername.startswith("postgresql"):
        return
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        if not connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": parsed.database}):
            connection.execute(text(f'CREATE DATABASE "{parsed.database}"'))
    admin.dispose()
    if rebuild:
        engine = create_engine(url, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        engine.dispose()


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model)) or 0


def build(url: str, initiatives: int, entries: int, rebuild: bool) -> None:
    _ensure_database(url, rebuild)
    app = _app(url)
    with app.app_context():
        upgrade()
        if _count(Initiative) < initiatives:
            start = time.perf_counter()
            if _count(Initiative) > 0:
                raise SystemExit(f"{url} holds fewer than {initiatives:,} initiatives: use --rebuild")
            load_seed(default_seed_files())
            ensure_demo_accounts()
            db.session.commit()
            made = synthesise(initiatives, entries)
            rebuild_search_index()
            db.session.commit()
            print(f"built: {made.initiatives:,} initiatives, {made.entries:,} entries added in "
                  f"{time.perf_counter() - start:.0f} s", flush=True)
        if _records_to_visit():
            db.session.execute(text("ANALYZE"))
            db.session.commit()
    _vacuum_once(url)


def _vacuum_once(url: str) -> None:
    """VACUUM ANALYZE a database no vacuum has seen since its build, as autovacuum would have on a server
    that runs it (the development machine's PostgreSQL does not): until then no index-only scan reads its
    index alone, and a search reads the GIN indexes' pending entries one by one."""
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            seen = connection.scalar(text(
                "SELECT coalesce(last_vacuum, last_autovacuum) IS NOT NULL FROM pg_stat_user_tables "
                "WHERE relname = 'cooperation_entries'"))
            if not seen:
                start = time.perf_counter()
                connection.execute(text("VACUUM (ANALYZE)"))
                print(f"vacuumed and analysed in {time.perf_counter() - start:.0f} s", flush=True)
    finally:
        engine.dispose()


def _records_to_visit() -> bool:
    """A report and a comment for the pages that show them, made as the TMF koordinator would; True when
    either had to be made."""
    koordinator = db.session.scalar(select(User).where(User.email == "koordinator@demo.example"))
    tmf = db.session.scalar(select(Administration).where(Administration.code == "TMF"))
    busy = db.session.scalar(select(Initiative).where(Initiative.title == BUSY))
    made = False
    if db.session.scalar(select(Report.id).where(Report.administration_id == tmf.id, Report.year == 2013)) is None:
        generate(GenerateInput(administration=tmf, year=2013), koordinator)
        made = True
    if db.session.scalar(select(Comment.id).where(Comment.initiative_id == busy.id)) is None:
        add_comment(busy, koordinator, "Husk at invitere Lejerbo til næste møde.")
        made = True
    db.session.commit()
    return made


def _first(stmt):
    return db.session.scalar(stmt.limit(1))


def targets() -> dict[str, object]:
    """The records the routes' arguments are filled with."""
    busy = db.session.scalar(select(Initiative).where(Initiative.title == BUSY))
    forum = db.session.scalar(select(Body).where(Body.name == FORUM))
    synthetic = db.session.scalar(
        select(CooperationEntry.initiative_id).group_by(CooperationEntry.initiative_id)
        .order_by(func.count().desc(), CooperationEntry.initiative_id).limit(1))
    report = db.session.scalar(select(Report).order_by(Report.id))
    pair = sorted(db.session.scalars(select(Initiative.id).where(Initiative.title.in_(OVERLAP_PAIR))))
    goal = _first(select(Goal).order_by(Goal.id))
    open_count = _count(select(Initiative.id).where(Initiative.archived_at.is_(None)).subquery())
    return {
        "initiative_id": busy.id, "synthetic_id": synthetic, "body_id": forum.id,
        "meeting_id": _first(select(Meeting.id).where(Meeting.body_id == forum.id).order_by(Meeting.id)),
        "membership_id": _first(select(Membership.id).where(Membership.body_id == forum.id).order_by(Membership.id)),
        "entry_id": _first(select(CooperationEntry.id).where(CooperationEntry.initiative_id == busy.id)
                           .order_by(CooperationEntry.id)),
        "comment_id": _first(select(Comment.id).order_by(Comment.id)),
        "goal_id": goal.id, "plan_id": goal.plan_id,
        "user_id": _first(select(User.id).where(User.role == "laeser").order_by(User.id)),
        "person_id": _first(select(Person.id).order_by(Person.id)),
        "organisation_id": _first(select(Organisation.id).order_by(Organisation.id)),
        "code": "TMF", "slug": "norrebro", "kind": "xlsx", "report_id": report.id, "number": 1,
        "first_id": pair[0], "second_id": pair[1], "last_page": max(1, -(-open_count // 25)),
    }


def pages(app, values: dict[str, object]) -> list[tuple[str, str, bool]]:
    """(label, path, is a download) for every GET route and every variant."""
    found = []
    adapter = app.url_map.bind("localhost")
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if "GET" not in rule.methods or rule.endpoint in SKIPPED or rule.endpoint.endswith(("restore", "archive")):
            continue
        if rule.endpoint in ("auth.logout", "tokens.revoke"):
            continue
        if rule.endpoint in ("transfer.export_initiatives", "transfer.export_log"):
            for kind in ("xlsx", "csv"):
                path = adapter.build(rule.endpoint, {"kind": kind})
                found.append((path, path, True))
            continue
        arguments = {name: values[name] for name in rule.arguments}
        if None in arguments.values():
            print(f"no record to visit {rule.rule} with", file=sys.stderr)
            continue
        path = adapter.build(rule.endpoint, arguments)
        found.append((rule.rule, path, rule.endpoint in DOWNLOADS))
    found += [(variant, variant.format(**values), False) for variant in VARIANTS]
    return found


@dataclass
class Measured:
    label: str
    role: str
    status: int
    times: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # this process's CPU time per request
    sql: list[float] = field(default_factory=list)  # time spent waiting for the database per request
    statements: int = 0
    size: int = 0
    download: bool = False

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def p95(self) -> float:
        ordered = sorted(self.times)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def crawl(app, role: str, page_list, runs: int, only: str | None, exclude: list[str],
          downloads: bool) -> list[Measured]:
    client = app.test_client()
    response = client.post("/login", data={"email": f"{role}@demo.example", "password": DEMO_PASSWORD})
    assert response.status_code == 302, f"demo {role} could not log in"
    statements: list[float] = []
    with app.app_context():
        engine = db.engine

    def before(conn, *args) -> None:
        conn.info["benchmark.started"] = time.perf_counter()

    def after(conn, *args) -> None:
        statements.append(time.perf_counter() - conn.info.pop("benchmark.started"))

    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", after)
    results = []
    try:
        for label, path, download in page_list:
            if (only and only not in path) or (download and not downloads) or any(x in path for x in exclude):
                continue
            try:
                warm = time.perf_counter()
                response = client.get(path)  # the warm-up: connections, the process's caches
                warm = time.perf_counter() - warm
                response.close()  # as a server closes every answer once it is sent
            except Exception as error:  # noqa: BLE001  (a page that fails is reported, the crawl goes on)
                print(f"\n{role} {path}: {type(error).__name__}: {error}", file=sys.stderr)
                results.append(Measured(label, role, 500, download=download))
                continue
            measured = Measured(label, role, response.status_code, download=download)
            if response.status_code == 200:
                # A download, or a page that took seconds, is timed once: it is far off the mark anyway.
                for _ in range(1 if download or warm > SLOW else runs):
                    statements.clear()
                    start, cpu = time.perf_counter(), time.process_time()
                    response = client.get(path)
                    measured.times.append((time.perf_counter() - start) * 1000)
                    measured.cpu.append((time.process_time() - cpu) * 1000)
                    measured.sql.append(sum(statements) * 1000)
                    measured.statements, measured.size = len(statements), len(response.data)
                    response.close()
                    assert response.status_code == 200, (role, path, response.status_code)
            results.append(measured)
            print(".", end="", flush=True, file=sys.stderr)
    finally:
        event.remove(engine, "before_cursor_execute", before)
        event.remove(engine, "after_cursor_execute", after)
    print(file=sys.stderr)
    return results


def report(results: list[Measured], slowest: int, target: float) -> None:
    shown = [m for m in results if m.times]
    print("\n| page | role | median ms | p95 ms | CPU ms | SQL ms | SQL | bytes |\n"
          "|---|---|---:|---:|---:|---:|---:|---:|")
    for m in sorted(shown, key=lambda m: (m.download, m.label, ROLES.index(m.role))):
        mark = " (download)" if m.download else ""
        print(f"| `{m.label}`{mark} | {m.role} | {m.median:.1f} | {m.p95:.1f} | {statistics.median(m.cpu):.1f} | "
              f"{statistics.median(m.sql):.1f} | {m.statements} | {m.size:,} |")
    refused = [m for m in results if not m.times]
    if refused:
        print("\nnot 200 (not timed): " + ", ".join(f"{m.label} {m.role} {m.status}" for m in refused))
    pages_only = [m for m in shown if not m.download]
    print(f"\n{slowest} slowest pages (p95):")
    for m in sorted(pages_only, key=lambda m: -m.p95)[:slowest]:
        print(f"  {m.p95:8.1f} ms  {m.statements:3} SQL  {m.role:11} {m.label}")
    print("\ndownloads (one timed run each):")
    for m in sorted((m for m in shown if m.download), key=lambda m: -m.p95):
        print(f"  {m.p95:8.1f} ms  {m.size:>11,} bytes  {m.role:11} {m.label}")
    over = [m for m in pages_only if m.p95 > target]
    every = [t for m in pages_only for t in m.times]
    if not every:  # --only matched nothing: the database was built (or found), nothing was measured
        print("\nno page measured")
        return
    print(f"\n{len(pages_only)} page × role measurements; median of all requests {statistics.median(every):.1f} ms; "
          f"{len(over)} with p95 over {target:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default=DEFAULT_URL)
    parser.add_argument("--initiatives", type=int, default=50_000)
    parser.add_argument("--entries", type=int, default=500_000)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--roles", default=",".join(ROLES))
    parser.add_argument("--only", default=None, help="only paths containing this text")
    parser.add_argument("--exclude", default="", help="leave out paths containing any of these texts (a,b)")
    parser.add_argument("--no-downloads", dest="downloads", action="store_false")
    parser.add_argument("--slowest", type=int, default=10)
    parser.add_argument("--target", type=float, default=50.0, help="p95 in ms a page should stay within")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    build(args.database, args.initiatives, args.entries, args.rebuild)
    app = _app(args.database)
    with app.app_context():
        values = targets()
        counts = (_count(Initiative), _count(CooperationEntry))
        engine = db.engine.dialect.name
        db.session.remove()
    print(f"{engine}: {counts[0]:,} initiatives, {counts[1]:,} log entries; {date.today()}, "
          f"{platform.processor() or platform.machine()}, python {platform.python_version()}; "
          f"warm, {args.runs} runs per page")
    page_list = pages(app, values)
    results = []
    for role in args.roles.split(","):
        results += crawl(app, role, page_list, args.runs, args.only, [x for x in args.exclude.split(",") if x],
                         args.downloads)
    report(results, args.slowest, args.target)


if __name__ == "__main__":
    main()
