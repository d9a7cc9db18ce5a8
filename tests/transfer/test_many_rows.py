"""An import of many rows: what the file does not hold stays as it is, and previewing and applying do not
run more SQL for more rows (5,000 rows preview in under 5 s and apply in under 15 s: benchmarks/transfer.py)."""
from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import event, select

from tests.transfer.helpers import edited
from tracker.audit.models import AuditEvent
from tracker.extensions import db
from tracker.initiatives.models import Initiative
from tracker.initiatives.queries import InitiativeFilters
from tracker.transfer import exports
from tracker.transfer.cli import SYSTEM
from tracker.transfer.plan import apply, preview


@contextmanager
def statements():
    seen: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def _summaries_edited(data: bytes, titles: list[str]) -> bytes:
    return edited(data, "csv", {title: {"Resumé": f"Rettet i regnearket: {title}"} for title in titles})


def _initiatives() -> list[Initiative]:
    return db.session.scalars(select(Initiative).where(Initiative.archived_at.is_(None))
                              .order_by(Initiative.id)).all()


def test_an_imported_summary_changes_the_summary_only(walk_app):
    initiatives = _initiatives()
    rich = max(initiatives, key=lambda i: (bool(i.goals), bool(i.key_figures), len(i.partner_organisations)
                                           + len(i.places) + len(i.themes) + len(i.partner_administrations)))
    assert rich.goals and rich.key_figures, "the seed has an initiative with goals and key figures"
    before = {name: [r.id for r in getattr(rich, name)] for name in (
        "partner_administrations", "partner_organisations", "areas", "places", "themes", "goals",
        "policy_areas", "key_figures")}
    figures = [(f.label, f.year, f.value) for f in rich.key_figures]
    data = _summaries_edited(exports.initiatives_file(InitiativeFilters(), "csv"), [rich.title])

    apply("rettet.csv", data, SYSTEM, None)
    db.session.commit()
    db.session.expire_all()

    saved = db.session.get(Initiative, rich.id)
    assert saved.summary == f"Rettet i regnearket: {rich.title}"
    assert {name: [r.id for r in getattr(saved, name)] for name in before} == before
    assert [(f.label, f.year, f.value) for f in saved.key_figures] == figures
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.source == "import:rettet.csv")).all()
    assert [(e.entity_id, set(e.changes)) for e in events] == [(rich.id, {"summary"})]


def test_previewing_and_applying_all_rows_runs_no_more_sql_than_two(walk_app):
    """Besides each changed initiative's own UPDATE (which checks its version)."""
    titles = [initiative.title for initiative in _initiatives()]
    assert len(titles) > 15
    export = exports.initiatives_file(InitiativeFilters(), "csv")
    counted = {}
    for rows in (2, len(titles)):
        data = _summaries_edited(export, titles[:rows])
        with statements() as seen:
            plan = preview(f"{rows}.csv", data, SYSTEM)
        previewed = len(seen)
        with statements() as seen:
            apply(f"{rows}.csv", data, SYSTEM, plan.fingerprint)
        counted[rows] = (previewed, sum(1 for s in seen if not s.startswith("UPDATE initiatives ")))
        assert plan.count("changed") == rows
        db.session.rollback()
    few, many = counted[2], counted[len(titles)]
    assert many == few, counted
