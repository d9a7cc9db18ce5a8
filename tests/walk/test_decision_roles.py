"""The role walk for a meeting's decision with a follow-up (the walk's own entry is no decision): every role
opens and saves its follow-up page, and only the owner administration's coordinators and admins move it on or
close it; a coordinator of another administration with a seat in the body may still give it an owner and a due
date, but not close it; the steering group and readers do neither. Never a 500."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from tests.seeded_app import ROLES, sign_in
from tracker.extensions import db
from tracker.models import Administration, CooperationEntry

# What each role gets: (opening the page, keeping the status and moving the due date, closing it). The demo
# koordinator is TMF's, which holds a seat in the steering group that made the decision; SOF owns it.
OTHER_OWNER = {"admin": (200, 302, 302), "koordinator": (200, 302, 403), "styregruppe": (403, 403, 403),
               "laeser": (403, 403, 403)}
# The same decision owned by TMF: its koordinator closes it.
OWN = {"admin": (200, 302, 302), "koordinator": (200, 302, 302), "styregruppe": (403, 403, 403),
       "laeser": (403, 403, 403)}


def _decision(owner_code: str) -> CooperationEntry:
    decision = db.session.scalar(select(CooperationEntry).where(
        CooperationEntry.kind == "decision", CooperationEntry.text.startswith("Styregruppen prioriterede")))
    decision.owner_administration = db.session.scalar(select(Administration).where(Administration.code == owner_code))
    decision.due_date, decision.follow_up_status = date(2013, 9, 1), "open"
    db.session.commit()
    return decision


def _post(client, decision: CooperationEntry, **changes):
    data = {"owner": str(decision.owner_administration_id), "due_date": "2013-09-01", "status": "open",
            "closing_note": "", "version": str(decision.version), **changes}
    return client.post(f"/entries/{decision.id}/follow-up", data=data).status_code


@pytest.mark.parametrize("owner", ["SOF", "TMF"])
@pytest.mark.parametrize("role", ROLES)
def test_each_role_opens_moves_and_closes_a_decision_as_specified(walk_app, role, owner):
    app, _targets = walk_app
    decision = _decision(owner)
    client = app.test_client()
    sign_in(client, role)
    opened, moved, closed = (OTHER_OWNER if owner == "SOF" else OWN)[role]
    assert client.get(f"/entries/{decision.id}/follow-up").status_code == opened
    assert _post(client, decision, due_date="2013-10-01") == moved
    db.session.expire_all()
    assert _post(client, decision, status="closed", closing_note="Begge områdefornyelser er i gang.") == closed
    db.session.expire_all()
    assert decision.follow_up_status == ("closed" if closed == 302 else "open")
