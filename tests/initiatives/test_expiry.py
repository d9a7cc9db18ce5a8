"""An active or planned initiative past its end date is flagged "Udløbet – skal status opdateres?", counts as
active nowhere, and its lead can mark it finished in one click (audited, with the version check)."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from tests.factories import make_initiative
from tracker.audit.models import AuditEvent
from tracker.extensions import db
from tracker.initiatives.models import Initiative

TODAY = date(2014, 2, 3)
EXPIRED = "Udløbet – skal status opdateres?"


@pytest.fixture
def today(app):
    app.config["TODAY"] = TODAY
    yield TODAY
    app.config.pop("TODAY", None)


def _in_tingbjerg(ref, title: str, lead: str = "TMF", **fields) -> Initiative:
    initiative = make_initiative(ref, title, lead, **fields)
    initiative.areas = [ref.areas["husum-tingbjerg"]]
    return initiative


@pytest.mark.parametrize(("end_date", "counted"), [(TODAY, True), (TODAY - timedelta(days=1), False),
                                                    (None, True)])
def test_front_page_counts_an_active_initiative_until_its_end_date_has_passed(login, ref, today, end_date,
                                                                              counted):
    _in_tingbjerg(ref, "Tryghedsvandringer", status="active", end_date=end_date)
    db.session.commit()
    html = login("laeser").get("/").get_data(as_text=True)
    assert ("1 aktiv indsats med TMF i Husum/Tingbjerg" in html) is counted


def test_area_page_flags_the_expired_initiative_and_keeps_the_current_one_active(login, ref, today):
    _in_tingbjerg(ref, "Udløbet indsats", status="active", end_date=TODAY - timedelta(days=1))
    _in_tingbjerg(ref, "Planlagt og udløbet", status="planned", end_date=date(2013, 12, 31))
    _in_tingbjerg(ref, "Kører endnu", status="active", end_date=TODAY)
    db.session.commit()
    html = login("laeser").get("/areas/husum-tingbjerg").get_data(as_text=True)
    assert html.count(EXPIRED) == 2
    row = html[html.index("Kører endnu"):]
    assert row.index("Aktiv") < row.index("</tr>")


def test_active_filter_leaves_expired_out_and_expired_filter_finds_them(login, ref, today):
    _in_tingbjerg(ref, "Udløbet indsats", status="active", end_date=date(2013, 12, 31))
    _in_tingbjerg(ref, "Kører endnu", status="active", end_date=date(2014, 12, 31))
    db.session.commit()
    client = login("laeser")
    active = client.get("/initiatives/?status=active").get_data(as_text=True)
    assert "Kører endnu" in active and "Udløbet indsats" not in active
    expired = client.get("/initiatives/?status=expired").get_data(as_text=True)
    assert "Udløbet indsats" in expired and "Kører endnu" not in expired
    assert EXPIRED in expired


def test_administration_list_does_not_count_the_expired_one(login, ref, today):
    _in_tingbjerg(ref, "Udløbet indsats", status="active", end_date=date(2013, 12, 31))
    db.session.commit()
    html = login("laeser").get("/administrations/").get_data(as_text=True)
    assert "administration=TMF&amp;role=lead&amp;status=active" not in html


def test_the_next_day_flags_what_was_active_today(login, ref, app, today):
    initiative = _in_tingbjerg(ref, "Sidste dag", status="active", end_date=TODAY)
    db.session.commit()
    client = login("laeser")
    assert EXPIRED not in client.get(f"/initiatives/{initiative.id}").get_data(as_text=True)
    app.config["TODAY"] = TODAY + timedelta(days=1)
    assert EXPIRED in client.get(f"/initiatives/{initiative.id}").get_data(as_text=True)


def test_lead_coordinator_marks_the_expired_initiative_finished_and_the_change_is_audited(login, ref, today):
    initiative = _in_tingbjerg(ref, "Udløbet indsats", status="active", end_date=date(2013, 12, 31))
    db.session.commit()
    client = login("tmf")
    page = client.get(f"/initiatives/{initiative.id}").get_data(as_text=True)
    assert "Marker som afsluttet" in page
    response = client.post(f"/initiatives/{initiative.id}/finish", data={"version": initiative.version})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Initiative, initiative.id).status == "finished"
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.entity_type == "initiatives",
                                                         AuditEvent.action == "update"))
    assert [e.changes["status"] for e in events if "status" in e.changes] == [{"old": "active", "new": "finished"}]
    page = client.get(f"/initiatives/{initiative.id}").get_data(as_text=True)
    assert EXPIRED not in page and "Afsluttet" in page and "Marker som afsluttet" not in page


def test_a_stale_click_changes_nothing(login, ref, today):
    initiative = _in_tingbjerg(ref, "Udløbet indsats", status="active", end_date=date(2013, 12, 31))
    db.session.commit()
    response = login("tmf").post(f"/initiatives/{initiative.id}/finish",
                                 data={"version": initiative.version - 1})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Initiative, initiative.id).status == "active"


@pytest.mark.parametrize("who", ["sof", "styregruppe", "laeser"])
def test_only_the_lead_may_mark_it_finished(login, ref, today, who):
    initiative = _in_tingbjerg(ref, "Udløbet indsats", status="active", end_date=date(2013, 12, 31))
    initiative.partner_administrations = [ref.administrations["SOF"]]
    db.session.commit()
    client = login(who)
    assert "Marker som afsluttet" not in client.get(f"/initiatives/{initiative.id}").get_data(as_text=True)
    response = client.post(f"/initiatives/{initiative.id}/finish", data={"version": initiative.version})
    assert response.status_code == 403
    db.session.expire_all()
    assert db.session.get(Initiative, initiative.id).status == "active"
