"""Four people saving one initiative again and again at the same moment, on PostgreSQL: each keeps to a
field of their own (the title, the summary, a key figure, the end date). Every save the app accepted is in
the audit trail, and no accepted change is undone by another person's save."""
from __future__ import annotations

import threading
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from tests.browser_form import form_data
from tracker.audit.models import AuditEvent
from tracker.extensions import db
from tracker.initiatives.models import Initiative, KeyFigure

SAVES = 10


def _title(n: int) -> str:
    return f"Tryghedsvandringer, runde {n}"


# Each person's field: the form data that changes it, and how the audit trail writes the new value.
FIELDS = {
    "title": (lambda n: {"title": _title(n)}, lambda n: _title(n)),
    "summary": (lambda n: {"summary": f"Beskrivelse nummer {n}."}, lambda n: f"Beskrivelse nummer {n}."),
    "value": (lambda n: {"key_figures-0-value": str(100 + n)}, lambda n: str(100 + n)),
    "end_date": (lambda n: {"end_date": (date(2020, 1, 1) + timedelta(days=n)).isoformat()},
                 lambda n: (date(2020, 1, 1) + timedelta(days=n)).isoformat()),
}


def test_concurrent_saves_of_different_fields_lose_nothing(database_url, login, ref):
    if not database_url.startswith("postgresql"):
        pytest.skip("the concurrency test runs on PostgreSQL, where requests really run at once")
    initiative = Initiative(title=_title(0), lead_administration=ref.administrations["TMF"], status="active",
                            summary="Beskrivelse nummer 0.", start_date=date(2019, 1, 1), end_date=date(2020, 1, 1))
    initiative.areas = [ref.areas["husum-tingbjerg"]]
    initiative.key_figures = [KeyFigure(label="Vandringer", value=Decimal(100), unit="", year=2012)]
    db.session.add(initiative)
    db.session.commit()
    url = f"/initiatives/{initiative.id}/edit"
    clients = {name: login("admin") for name in FIELDS}
    accepted: dict[str, list[int]] = {name: [] for name in FIELDS}
    failures: list[str] = []
    start = threading.Barrier(len(FIELDS))

    def person(name: str) -> None:
        client, (change, _audited) = clients[name], FIELDS[name]
        try:
            start.wait()
            for n in range(1, SAVES + 1):
                page = client.get(url).get_data(as_text=True)
                response = client.post(url, data=form_data(page, url, **change(n)))
                if response.status_code == 409 and "conflict-actions" in (body := response.get_data(as_text=True)):
                    # Another save got in first: the page shows the merge (nothing to choose), the person saves it.
                    assert "choose-" not in body
                    response = client.post(url, data=form_data(body, "conflict-actions"))
                if response.status_code == 302:
                    accepted[name].append(n)
                elif response.status_code != 409:  # a race lost again is refused, never half-saved
                    failures.append(f"{name} {n}: {response.status_code}")
        except Exception as error:  # noqa: BLE001 - reported below, a thread cannot fail the test itself
            failures.append(f"{name}: {error!r}")

    threads = [threading.Thread(target=person, args=(name,)) for name in FIELDS]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not failures
    assert all(accepted.values()), accepted

    db.session.expire_all()
    events = list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == "update")
                                     .order_by(AuditEvent.id)))
    written = {
        "title": [e.changes["title"]["new"] for e in events if e.entity_type == "initiatives" and "title" in e.changes],
        "summary": [e.changes["summary"]["new"] for e in events
                    if e.entity_type == "initiatives" and "summary" in e.changes],
        "value": [e.changes["value"]["new"] for e in events if e.entity_type == "key_figures" and "value" in e.changes],
        "end_date": [e.changes["end_date"]["new"] for e in events
                     if e.entity_type == "initiatives" and "end_date" in e.changes],
    }
    for name, (_change, audited) in FIELDS.items():
        # Each accepted save is in the trail, in order, and nobody else's save ever wrote the field back.
        assert written[name] == [audited(n) for n in accepted[name]], name
    saved = db.session.get(Initiative, initiative.id)
    last = {name: numbers[-1] for name, numbers in accepted.items()}
    assert saved.title == _title(last["title"])
    assert saved.summary == f"Beskrivelse nummer {last['summary']}."
    assert [f.value for f in saved.key_figures] == [Decimal(100 + last["value"])]
    assert saved.end_date == date(2020, 1, 1) + timedelta(days=last["end_date"])
