"""A decision from a meeting gets an owner administration, a due date and a status; it shows on the body's
and the initiative's pages with its overdue mark; its owner closes it with a note (audited); a coordinator
of another administration cannot."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from tracker.audit.models import AuditEvent
from tracker.extensions import db
from tracker.log.models import CooperationEntry

TODAY = date(2014, 2, 3)


@pytest.fixture
def decision(app, login, ref):
    """TMF records a forum meeting whose decision is about the safety walks."""
    app.config["TODAY"] = TODAY
    forum = ref.bodies["forum-husum-tingbjerg"]
    response = login("tmf").post(f"/bodies/{forum.id}/meetings/new", data={
        "date": "2013-12-10", "summary": "Forummet mødtes", "administrations": [str(ref.administrations["TMF"].id)],
        "decisions-0-text": "Bedre belysning på stierne ved Tingbjerg Skole"})
    assert response.status_code == 302
    entry = db.session.scalar(select(CooperationEntry).where(CooperationEntry.kind == "decision"))
    entry.initiative = ref.initiatives["walks"]
    db.session.commit()
    return entry


def _follow_up(client, entry, **changes):
    data = {"owner": str(entry.owner_administration_id or ""), "due_date": "", "status": "open",
            "closing_note": "", "version": str(entry.version)}
    data.update(changes)
    return client.post(f"/entries/{entry.id}/follow-up", data=data)


def test_the_recorder_gives_the_decision_an_owner_and_a_due_date_shown_as_overdue(login, ref, decision):
    tmf = login("tmf")
    response = _follow_up(tmf, decision, owner=str(ref.administrations["SUF"].id), due_date="2014-01-31")
    assert response.status_code == 302
    db.session.expire_all()
    assert decision.owner_administration.code == "SUF" and decision.due_date == date(2014, 1, 31)
    assert decision.follow_up_status == "open"
    for page in (f"/bodies/{decision.body_id}", f"/initiatives/{decision.initiative_id}"):
        html = tmf.get(page).get_data(as_text=True)
        assert "Forfalden" in html and "Ansvarlig: SUF" in html and "Frist: 31. jan. 2014" in html


def test_due_within_a_week_is_not_overdue(login, ref, decision):
    _follow_up(login("tmf"), decision, owner=str(ref.administrations["TMF"].id), due_date="2014-02-03")
    html = login("tmf").get(f"/bodies/{decision.body_id}").get_data(as_text=True)
    assert "Forfalden" not in html and "Åben" in html


def test_the_owner_closes_it_with_a_note_and_the_history_shows_it(login, ref, decision):
    _follow_up(login("tmf"), decision, owner=str(ref.administrations["SUF"].id), due_date="2014-01-31")
    db.session.expire_all()
    suf = login("suf")
    refused = _follow_up(suf, decision, status="closed")
    assert refused.status_code == 400 and "Skriv kort, hvordan beslutningen blev fulgt op" in refused.get_data(
        as_text=True)
    response = _follow_up(suf, decision, status="closed", closing_note="Lysene er sat op.", due_date="2014-01-31")
    assert response.status_code == 302
    db.session.expire_all()
    assert decision.follow_up_status == "closed" and decision.closed_at is not None
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.entity_type == "cooperation_entries",
                                                        AuditEvent.entity_id == decision.id)
                               .order_by(AuditEvent.id)).all()[-1]
    assert event.changes["follow_up_status"] == {"old": "open", "new": "closed"}
    history = suf.get(f"/entries/{decision.id}/history").get_data(as_text=True)
    assert "Lukket" in history and "Lysene er sat op." in history
    assert "Forfalden" not in suf.get(f"/bodies/{decision.body_id}").get_data(as_text=True)


def test_a_coordinator_of_another_administration_cannot_close_it(login, ref, decision):
    _follow_up(login("admin"), decision, owner=str(ref.administrations["SUF"].id), due_date="2014-01-31")
    db.session.expire_all()
    tmf = login("tmf")  # recorded the meeting, but SUF owns the decision now
    response = _follow_up(tmf, decision, status="closed", closing_note="Klaret.", due_date="2014-01-31")
    assert response.status_code == 403
    db.session.expire_all()
    assert decision.follow_up_status == "open"


@pytest.mark.parametrize("who", ["styregruppe", "laeser"])
def test_readers_cannot_follow_up(login, decision, who):
    assert login(who).get(f"/entries/{decision.id}/follow-up").status_code == 403


def test_an_unknown_owner_is_refused_in_danish(login, decision):
    response = _follow_up(login("tmf"), decision, owner="999999")
    assert response.status_code == 400 and "Forvaltningen findes ikke." in response.get_data(as_text=True)
