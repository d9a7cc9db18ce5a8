"""An overlap follow-up's status and note: shown where the verdict is, set by the owner administration's
coordinator (moved on, closed with a note, reopened), audited; another administration's coordinator cannot;
a stale or bad save comes back with a Danish message and changes nothing."""
from __future__ import annotations

import html

import pytest
from sqlalchemy import select

from tests.overlaps.test_review import POLICE, WALKS, _client, _record, _tmf, _url
from tests.seeded_app import sign_in
from tracker.extensions import db
from tracker.models import Administration, AuditEvent, OverlapVerdict
from tracker.overlaps import detect


@pytest.fixture
def follow_up(walk_app):
    """The steering group asks TMF to coordinate the walks with the police partnership."""
    app, _targets = walk_app
    with app.test_request_context():
        pair = next(c for c in detect().candidates if {c.first.title, c.second.title} == {WALKS, POLICE})
    response = _record(_client(app, "styregruppe"), pair.first.id, pair.second.id, verdict="boer_samordnes",
                       follow_up_administration=_tmf().id, follow_up_due="2015-03-01",
                       comment="Aftal fælles vandringer med politiet.")
    assert response.status_code == 302
    return app, pair.first.id, pair.second.id


def _verdict(first_id, second_id) -> OverlapVerdict:
    db.session.expire_all()
    return db.session.scalar(select(OverlapVerdict).where(OverlapVerdict.first_initiative_id == first_id,
                                                          OverlapVerdict.second_initiative_id == second_id))


def _save(client, first_id, second_id, **data):
    return client.post(f"{_url(first_id, second_id)}/follow-up", data=data)


def test_the_owner_moves_the_follow_up_on_and_closes_it_with_a_note_shown_where_the_verdict_is(follow_up):
    app, first_id, second_id = follow_up
    coordinator = _client(app, "koordinator")  # TMF's
    page = coordinator.get(_url(first_id, second_id)).get_data(as_text=True)
    section = page.split('id="opfoelgning"')[1].split("</section>")[0]
    assert "Åben" in section and "Gem opfølgningens status" in section
    verdict = _verdict(first_id, second_id)
    response = _save(coordinator, first_id, second_id, status="in_progress", note="Første vandring er aftalt.",
                     version=str(verdict.version))
    assert response.status_code == 302
    verdict = _verdict(first_id, second_id)
    assert (verdict.follow_up_status, verdict.follow_up_note, verdict.follow_up_closed_at) == (
        "in_progress", "Første vandring er aftalt.", None)
    page = coordinator.get(_url(first_id, second_id)).get_data(as_text=True)
    assert "I gang" in page and "Første vandring er aftalt." in page

    assert _save(coordinator, first_id, second_id, status="closed", note="Vandringerne går nu sammen.",
                 version=str(verdict.version)).status_code == 302
    verdict = _verdict(first_id, second_id)
    assert verdict.follow_up_status == "closed" and verdict.follow_up_closed_at is not None
    assert "Aftal fælles vandringer med politiet." not in coordinator.get("/").get_data(as_text=True)
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.entity_type == "overlap_verdicts",
                                                        AuditEvent.entity_id == verdict.id)
                               .order_by(AuditEvent.id)).all()[-1]
    assert event.changes["follow_up_note"]["new"] == "Vandringerne går nu sammen."

    # Reopening brings it back to the owner's front page.
    assert _save(coordinator, first_id, second_id, status="open", note="Politiet har trukket sig.",
                 version=str(verdict.version)).status_code == 302
    assert _verdict(first_id, second_id).follow_up_closed_at is None
    assert "Aftal fælles vandringer med politiet." in coordinator.get("/").get_data(as_text=True)


def test_a_coordinator_of_another_administration_cannot_change_it(follow_up):
    app, first_id, second_id = follow_up
    sof = db.session.scalar(select(Administration).where(Administration.code == "SOF"))
    verdict = _verdict(first_id, second_id)
    verdict.follow_up_administration = sof
    db.session.commit()
    coordinator = _client(app, "koordinator")  # TMF's, no longer the owner
    assert _save(coordinator, first_id, second_id, status="closed", version=str(verdict.version)).status_code == 403
    assert _verdict(first_id, second_id).follow_up_closed_at is None


@pytest.mark.parametrize(("data", "status", "message"), [
    ({"status": "done"}, 400, "Ugyldig værdi 'done'"),
    ({"status": "closed", "note": "x" * 2001}, 400, "Teksten må højst have 2000 tegn"),
    ({"status": "closed", "version": "0"}, 409, "En kollega har ændret vurderingen eller opfølgningen"),
])
def test_a_bad_or_stale_save_is_explained_and_changes_nothing(follow_up, data, status, message):
    app, first_id, second_id = follow_up
    client = app.test_client()
    sign_in(client, "styregruppe")
    response = _save(client, first_id, second_id, **{"version": str(_verdict(first_id, second_id).version), **data})
    assert response.status_code == status and message in html.unescape(response.get_data(as_text=True))
    verdict = _verdict(first_id, second_id)
    assert verdict.follow_up_status is None and verdict.follow_up_closed_at is None
