"""Benchmark of the overlap review on a realistic city's data with planted overlaps: ranking and speed.

Run: .venv/bin/python benchmarks/overlaps.py [--sizes 500,2000,20000] [--runs 3] [--database URL] [--rebuild]

For each size n, a SQLite database /tmp/tvaers-bench-real-<n>.sqlite3 (or --database, for one size) is
migrated and, when empty, filled with the seed and `synth --initiatives n --entries n` in its realistic mode
(problems with their own wording and a natural owner administration; about one planted cross-administration
overlap per twelve initiatives, 30 % of them coordinated, 40 % tagged with a related theme instead of the
same one). The planted pairs (the ground truth) are kept beside the database as JSON. Then it prints:

* ranking, for the default list (strong topics, open): its length against the number planted; recall of
  the planted *uncoordinated* overlaps within the first 2 × planted rows, for plants with the same theme and
  with different themes; the precision of those rows (a row is right when its first pair are initiatives on
  the same problem); coordinated plants marked "Ukoordineret" (should be 0);
* speed: a full run of detection into the stored review (`flask overlaps detect`, best of --runs) and pairs
  compared against n²/2; then, through the Flask test client as a reviewer: the list page right after one
  initiative was changed through the service (the stored review is brought up to date for it first), the
  list when nothing changed, filtered, and one topic's page; the Word and XLSX downloads of the default list
  and of the whole list with weak candidates.

A benchmark, not a test: nothing fails when it is slow. Times are wall-clock on whatever else the machine
is doing, so compare best-of figures from the same machine.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import time
from collections.abc import Callable
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import func, select

from tracker import create_app
from tracker.auth.services import create_user
from tracker.extensions import db
from tracker.initiatives.services import InitiativeInput, update_initiative
from tracker.models import Initiative, User
from tracker.overlaps.models import OverlapCandidate
from tracker.overlaps.review.queries import ALL, ReviewFilters, review
from tracker.overlaps.review.store import rebuild
from tracker.seeding import default_seed_files, load_seed
from tracker.seeding.synth import synthesise

REVIEWER, PASSWORD = "benchmark-styregruppe@tvaers.invalid", "benchmark-adgangskode"


def _app(url: str):
    return create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "benchmark", "TESTING": True,
                       "WTF_CSRF_ENABLED": False})  # the test client posts the login form without a token


def _build(url: str, initiatives: int, entries: int, rebuild: bool, truth_path: Path) -> dict:
    path = url.removeprefix("sqlite:///")
    if rebuild and url.startswith("sqlite:///") and os.path.exists(path):
        os.remove(path)
    app = _app(url)
    with app.app_context():
        upgrade()  # builds an empty database; brings a kept one up to the newest migration
        if db.session.scalar(select(func.count()).select_from(Initiative)) == 0:
            started = time.perf_counter()
            load_seed(default_seed_files())
            made = synthesise(initiatives, entries, seed=1)
            db.session.commit()
            truth_path.write_text(json.dumps(made.truth, ensure_ascii=False) + "\n", encoding="utf-8")
            print(f"  built: seed and {made.initiatives:,} initiatives ({made.planted:,} planted overlaps), "
                  f"{made.entries:,} log entries in {time.perf_counter() - started:.1f} s")
        if db.session.scalar(select(User.id).where(User.email == REVIEWER)) is None:
            create_user(REVIEWER, "Benchmark Styregruppe", "styregruppe", PASSWORD)
            db.session.commit()
    return json.loads(truth_path.read_text(encoding="utf-8"))


def _timed(action: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    value = action()
    return time.perf_counter() - started, value


def _best(timings: list[float]) -> str:
    return f"{min(timings):.3f} s"


def _measure_ranking(app, truth: dict) -> dict:
    problem = {int(k): v for k, v in truth["initiatives"].items()}
    planted = truth["planted"]
    with app.test_request_context():  # reasons are lazy strings; str() wants a locale
        rebuild()  # a full run: a review stored by an earlier run of the benchmark may be of other code
        db.session.commit()
        rows = review(ReviewFilters()).rows
        everything = review(ReviewFilters(strength=ALL), 1, 1).total
        stored = db.session.execute(select(
            OverlapCandidate.id, OverlapCandidate.first_initiative_id, OverlapCandidate.second_initiative_id,
            OverlapCandidate.topic, OverlapCandidate.strong, OverlapCandidate.uncoordinated)).all()
    limit = 2 * len(planted)
    row_of = {row.group: number for number, row in enumerate(rows, start=1)}
    # each stored pair's row: its topic's, or its own
    position = {(s.first_initiative_id, s.second_initiative_id): row_of.get(
        s.topic if s.strong and s.topic is not None else -s.id, limit + 1) for s in stored}
    by_pair = {(s.first_initiative_id, s.second_initiative_id): s for s in stored}
    figures = {"planted": len(planted), "default_rows": len(rows), "all_rows": everything,
               "candidates": len(stored), "strong": sum(s.strong for s in stored)}
    # A planted overlap is also found when one of its initiatives is listed, within the limit, beside another
    # initiative of the other's administration on the same problem: the same overlap, seen through its topic.
    with app.app_context():
        lead = dict(db.session.execute(select(Initiative.id, Initiative.lead_administration_id)).all())
    beside: dict[int, set[tuple[str, int]]] = {}
    for row in rows[:limit]:
        listed = [(problem.get(r.id), r.lead_administration_id) for r in row.topic.records]
        for record in row.topic.records:
            beside.setdefault(record.id, set()).update(listed)
    for label, theme_rule in (("same theme", True), ("different themes", False), ("all", None)):
        plants = [p for p in planted if not p["coordinated"] and (theme_rule is None or p["same_theme"] == theme_rule)]
        found = sum(1 for p in plants if position.get((p["first_id"], p["second_id"]), limit + 1) <= limit)
        figures[f"recall {label}"] = (found, len(plants))
        via_topic = sum(1 for p in plants if (p["problem"], lead[p["second_id"]]) in beside.get(p["first_id"], ())
                        or (p["problem"], lead[p["first_id"]]) in beside.get(p["second_id"], ()))
        figures[f"recall via topic {label}"] = (via_topic, len(plants))
    # Rows whose first pair has a seed initiative are left out of the precision: the truth knows the
    # problems of synthetic initiatives only.
    top = [row for row in rows[:limit] if row.topic.lead.first.id in problem and row.topic.lead.second.id in problem]
    right = sum(1 for row in top if problem[row.topic.lead.first.id] == problem[row.topic.lead.second.id])
    figures["precision"] = (right, len(top))
    # R-precision: of the first R rows, R being how many rows of the list are on one problem, how many are.
    known = [row for row in rows if row.topic.lead.first.id in problem and row.topic.lead.second.id in problem]
    good = [problem[row.topic.lead.first.id] == problem[row.topic.lead.second.id] for row in known]
    figures["r-precision"] = (sum(good[:sum(good)]), sum(good))
    coordinated = [p for p in planted if p["coordinated"]]
    candidates = [by_pair.get((p["first_id"], p["second_id"])) for p in coordinated]
    figures["coordinated found"] = (sum(c is not None for c in candidates), len(coordinated))
    figures["coordinated marked uncoordinated"] = sum(1 for c in candidates if c is not None and c.uncoordinated)
    return figures


def _signed_in_client(app):
    client = app.test_client()
    response = client.post("/login", data={"email": REVIEWER, "password": PASSWORD})
    assert response.status_code == 302, "the benchmark reviewer could not sign in"
    return client


def _get(client, path: str) -> Callable[[], int]:
    def request() -> int:
        response = client.get(path)
        assert response.status_code == 200, f"{path} answered {response.status_code}"
        return len(response.data)
    return request


def _changed(initiative: Initiative, number: int) -> InitiativeInput:
    """The initiative as it is, with a new word at the end of its summary: a change that matters to detection."""
    return InitiativeInput(
        title=initiative.title, lead_administration=initiative.lead_administration, status=initiative.status,
        summary=f"{initiative.summary} (opdateret {number})", start_date=initiative.start_date,
        end_date=initiative.end_date, partner_administrations=list(initiative.partner_administrations),
        partner_organisations=list(initiative.partner_organisations), areas=list(initiative.areas),
        places=list(initiative.places), themes=list(initiative.themes), goals=list(initiative.goals),
        policy_areas=list(initiative.policy_areas))


WEAK_PAPERS_UP_TO = 20_000  # rows: the papers with every weak candidate take minutes beyond that


def _measure_speed(url: str, runs: int, first_topic: str | None, all_rows: int) -> dict:
    app = _app(url)
    timings: dict[str, float] = {}
    with app.test_request_context():
        full = []
        for _ in range(runs):
            seconds, run = _timed(rebuild)
            db.session.commit()
            full.append(seconds)
        timings["full run (flask overlaps detect)"] = min(full)
        timings["pairs compared"] = run.pairs_compared
        timings["naive pairs"] = run.initiatives * (run.initiatives - 1) // 2
        timings["open initiatives"] = run.initiatives
        # Synthetic initiatives in one area each (the seed's lowest ids cover several areas), a typical change.
        open_ids = list(db.session.scalars(select(OverlapCandidate.second_initiative_id).where(
            OverlapCandidate.strong.is_(True)).order_by(OverlapCandidate.second_initiative_id.desc()).limit(runs)))
    client = _signed_in_client(app)
    _get(client, "/overlaps/")()  # templates compile
    after_change = []
    for number, initiative_id in enumerate(open_ids):
        with app.app_context():
            initiative = db.session.get(Initiative, initiative_id)
            update_initiative(initiative, _changed(initiative, number))
            db.session.commit()
        after_change.append(_timed(_get(client, "/overlaps/"))[0])
    timings["list, first after one initiative changed"] = min(after_change) if after_change else float("nan")
    for label, path in (("list, nothing changed", "/overlaps/"),
                        ("list, filtered (area, all, page 2)", "/overlaps/?area=norrebro&strength=all&page=2"),
                        ("list, filtered (administration)", "/overlaps/?administration=TMF"),
                        ("Word, default list", "/overlaps/export.docx"),
                        ("XLSX, default list", "/overlaps/export.xlsx"),
                        ("Word, with weak", "/overlaps/export.docx?strength=all"),
                        ("XLSX, with weak", "/overlaps/export.xlsx?strength=all"),
                        *((("one topic's page", first_topic),) if first_topic else ())):
        if "with weak" in label and all_rows > WEAK_PAPERS_UP_TO:
            timings[label] = f"not measured ({all_rows:,} rows)"
            continue
        timings[label] = min(_timed(_get(client, path))[0] for _ in range(runs))
    return timings


def _first_topic(app) -> str | None:
    with app.test_request_context():
        for row in review(ReviewFilters()).rows:
            if row.topic.is_group:
                return "/overlaps/emne/{}-{}".format(*row.topic.key)
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="500,2000,20000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--database", help="one size only: this database instead of SQLite in /tmp")
    parser.add_argument("--rebuild", action="store_true", help="start the SQLite files over")
    parser.add_argument("--entries", type=int, help="log entries to build with (default: as many as initiatives)")
    args = parser.parse_args()
    logging.disable(logging.INFO)  # Alembic's progress lines
    for size in (int(s) for s in args.sizes.split(",")):
        url = args.database or f"sqlite:////tmp/tvaers-bench-real-{size}.sqlite3"
        name = url.rsplit("/", 1)[-1].removesuffix(".sqlite3") if args.database else f"tvaers-bench-real-{size}"
        truth_path = Path(f"/tmp/{name}.truth.json")
        print(f"\n== {size:,} initiatives · {url.split('@')[-1]}")
        truth = _build(url, size, args.entries if args.entries is not None else size, args.rebuild, truth_path)
        app = _app(url)
        ranking = _measure_ranking(app, truth)
        planted = ranking["planted"]
        print(f"  candidates: {ranking['candidates']:,} ({ranking['strong']:,} strong); list rows (topics): "
              f"default {ranking['default_rows']:,}, with weak {ranking['all_rows']:,}")
        print(f"  planted: {planted:,}; default list {ranking['default_rows']:,} rows = "
              f"{ranking['default_rows'] / max(planted, 1):.2f} × planted (target ≤ 3)")
        for label in ("same theme", "different themes", "all"):
            found, total = ranking[f"recall {label}"]
            via, _total = ranking[f"recall via topic {label}"]
            print(f"  recall of uncoordinated plants within the first {2 * planted:,} rows, {label}: "
                  f"{found}/{total} = {100 * found / max(total, 1):.1f} % as the planted pair; "
                  f"{via}/{total} = {100 * via / max(total, 1):.1f} % as the same problem beside the other "
                  f"administration")
        right, total = ranking["precision"]
        print(f"  precision of those rows (first pair on one problem; rows with a seed initiative left out): "
              f"{right}/{total} = "
              f"{100 * right / max(total, 1):.1f} %")
        right, total = ranking["r-precision"]
        print(f"  R-precision (of the first {total:,} rows, as many as there are rows on one problem): "
              f"{right}/{total} = {100 * right / max(total, 1):.1f} %")
        found, total = ranking["coordinated found"]
        print(f"  coordinated plants found: {found}/{total}; marked uncoordinated: "
              f"{ranking['coordinated marked uncoordinated']} (target 0)")
        speed = _measure_speed(url, args.runs, _first_topic(app), ranking["all_rows"])
        print(f"  open initiatives: {speed.pop('open initiatives'):,}; pairs compared: {speed.pop('pairs compared'):,} "
              f"of n²/2 = {speed.pop('naive pairs'):,}")
        for label, seconds in speed.items():
            print(f"  {label}: {seconds:.3f} s (best of {args.runs})" if isinstance(seconds, float)
                  else f"  {label}: {seconds}")


if __name__ == "__main__":
    main()
