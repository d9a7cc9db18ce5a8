"""Recording a body's meeting: who attended, what was said, and the decisions, which become "Beslutning"
entries on the body and its area; editing a meeting never duplicates them; only those with a seat record."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from tracker.bodies.models import Meeting
from tracker.extensions import db
from tracker.log.models import CooperationEntry


@pytest.fixture
def forum(ref):
    return ref.bodies["forum-husum-tingbjerg"]


def _form(ref, **changes) -> dict:
    data = {"date": "2013-09-10", "summary": "Opfølgning på tryghedsvandringen i Tingbjerg",
            "administrations": [str(ref.administrations[code].id) for code in ("TMF", "SOF")],
            "organisations": [str(ref.organisations["fsb"].id)],
            "decisions": "Bedre belysning på stierne ved Tingbjerg Skole\nFælles kalender for 2014"}
    data.update(changes)
    # The form has a row per decision: the lines of "decisions" go in as the rows' texts.
    for index, text in enumerate(data.pop("decisions").split("\n")):
        data[f"decisions-{index}-text"] = text
    return data


def _decisions(state: str = "current") -> list[str]:
    stmt = select(CooperationEntry.text).where(CooperationEntry.kind == "decision").order_by(CooperationEntry.id)
    if state == "current":
        stmt = stmt.where(CooperationEntry.archived_at.is_(None))
    return list(db.session.scalars(stmt))


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_coordinator_with_a_seat_records_a_meeting_whose_decisions_show_on_the_body_and_area(login, ref, forum):
    tmf = login("tmf")
    page = tmf.get(f"/bodies/{forum.id}/meetings/new")
    assert page.status_code == 200
    response = tmf.post(f"/bodies/{forum.id}/meetings/new", data=_form(ref))
    assert response.status_code == 302
    assert response.headers["Location"] == f"/bodies/{forum.id}"

    body_page = tmf.get(f"/bodies/{forum.id}").get_data(as_text=True)
    assert "Opfølgning på tryghedsvandringen i Tingbjerg" in body_page
    assert "Mødet er registreret." in body_page
    log = body_page[body_page.index('id="samarbejdslog"'):]
    assert "Beslutning" in log and "Bedre belysning på stierne ved Tingbjerg Skole" in log

    area_page = tmf.get("/areas/husum-tingbjerg").get_data(as_text=True)
    assert "Beslutning" in area_page and "Bedre belysning på stierne ved Tingbjerg Skole" in area_page

    decision = db.session.scalar(select(CooperationEntry).where(CooperationEntry.kind == "decision"))
    assert decision.body is forum and decision.meeting.date.isoformat() == "2013-09-10"
    assert [a.slug for a in decision.areas] == ["husum-tingbjerg"]
    assert [a.code for a in decision.administrations] == ["SOF", "TMF"]
    assert decision.author.name == "Tove Teknik"


def test_a_coordinator_whose_administration_has_no_seat_is_refused(login, ref, forum):
    suf = login("suf")
    page = suf.get(f"/bodies/{forum.id}/meetings/new")
    assert page.status_code == 403
    assert "har en plads i organet" in page.get_data(as_text=True)
    assert suf.post(f"/bodies/{forum.id}/meetings/new", data=_form(ref)).status_code == 403
    assert "Registrér møde" not in suf.get(f"/bodies/{forum.id}").get_data(as_text=True)
    assert _count(Meeting) == 1 and _decisions() == []  # only the factory's meeting of the team


@pytest.mark.parametrize("who", ["laeser", "styregruppe"])
def test_readers_record_no_meetings(login, ref, forum, who):
    client = login(who)
    assert client.get(f"/bodies/{forum.id}/meetings/new").status_code == 403
    html = client.get(f"/bodies/{forum.id}").get_data(as_text=True)
    assert "Registrér møde" not in html and "Tilføj plads" not in html and "Tilføj logpost" not in html


@pytest.mark.parametrize(("changes", "message"), [
    ({"date": ""}, "Mødet skal have en dato."),
    ({"date": "10.09.2013"}, "Skriv datoen som åååå-mm-dd"),
    ({"date": "2500-01-01"}, "Datoen skal ligge mellem 1990 og 2100."),
    ({"summary": "x" * 5001}, "Teksten må højst have 5000 tegn"),
    ({"decisions": "y" * 1001}, "Beslutning 1 må højst have 1000 tegn"),
    ({"administrations": ["999999"]}, "Ukendt forvaltning."),
    ({"organisations": ["<script>"]}, "Ukendt organisation."),
])
def test_invalid_meetings_are_explained_in_danish_and_nothing_is_saved(login, ref, forum, changes, message):
    response = login("tmf").post(f"/bodies/{forum.id}/meetings/new", data=_form(ref, **changes))
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in html
    assert "Mødet er ikke gemt" in html
    assert _count(Meeting) == 1 and _decisions() == []


def test_a_meeting_outside_the_bodys_period_is_refused(login, ref):
    renewal = ref.bodies["fuglekvarteret"]  # 2013–2018
    response = login("admin").post(f"/bodies/{renewal.id}/meetings/new", data=_form(ref, date="2012-06-01"))
    assert response.status_code == 400
    assert "Mødet 1. jun. 2012 ligger uden for organets periode." in response.get_data(as_text=True)
    assert _count(Meeting) == 1


def test_a_second_meeting_on_the_same_day_is_refused(login, ref, forum):
    tmf = login("tmf")
    tmf.post(f"/bodies/{forum.id}/meetings/new", data=_form(ref))
    response = tmf.post(f"/bodies/{forum.id}/meetings/new", data=_form(ref, decisions="Noget andet"))
    assert response.status_code == 400
    assert "Organet har allerede et møde den 10. sep. 2013" in response.get_data(as_text=True)
    assert _decisions() == ["Bedre belysning på stierne ved Tingbjerg Skole", "Fælles kalender for 2014"]


def test_editing_a_meeting_updates_its_decisions_without_duplicating_them(login, ref, forum):
    tmf = login("tmf")
    tmf.post(f"/bodies/{forum.id}/meetings/new", data=_form(ref))
    meeting = db.session.scalar(select(Meeting).where(Meeting.body_id == forum.id))
    edit = tmf.get(f"/bodies/{forum.id}/meetings/{meeting.id}/edit").get_data(as_text=True)
    assert re.findall(r'<textarea[^>]*name="decisions-\d+-text"[^>]*>\s*([^<]*)</textarea>', edit) == [
        "Bedre belysning på stierne ved Tingbjerg Skole", "Fælles kalender for 2014", "", "", ""]

    response = tmf.post(f"/bodies/{forum.id}/meetings/{meeting.id}/edit", data=_form(
        ref, date="2013-09-11", version=str(meeting.version),
        decisions="Bedre belysning på stierne ved Tingbjerg Skole\n\nNyt fælles opsøgende team"))
    assert response.status_code == 302
    assert _decisions() == ["Bedre belysning på stierne ved Tingbjerg Skole", "Nyt fælles opsøgende team"]
    assert _decisions("all") == ["Bedre belysning på stierne ved Tingbjerg Skole", "Fælles kalender for 2014",
                                 "Nyt fælles opsøgende team"]  # the dropped one is archived, not deleted
    dates = set(db.session.scalars(select(CooperationEntry.date).where(CooperationEntry.kind == "decision")
                                   .where(CooperationEntry.archived_at.is_(None))))
    assert {d.isoformat() for d in dates} == {"2013-09-11"}

    db.session.expire_all()
    tmf.post(f"/bodies/{forum.id}/meetings/{meeting.id}/edit", data=_form(ref, version=str(meeting.version)))
    assert _decisions() == ["Bedre belysning på stierne ved Tingbjerg Skole", "Fælles kalender for 2014"]
    assert len(_decisions("all")) == 3  # the returning decision got its old entry back


def test_a_stale_meeting_save_shows_both_versions(login, ref, forum):
    tmf = login("tmf")
    tmf.post(f"/bodies/{forum.id}/meetings/new", data=_form(ref))
    meeting = db.session.scalar(select(Meeting).where(Meeting.body_id == forum.id))
    opened = str(meeting.version)
    tmf.post(f"/bodies/{forum.id}/meetings/{meeting.id}/edit",
             data=_form(ref, version=opened, summary="Referat skrevet af kollegaen"))
    response = tmf.post(f"/bodies/{forum.id}/meetings/{meeting.id}/edit",
                        data=_form(ref, version=opened, summary="Mit eget referat"))
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Referat skrevet af kollegaen" in html and "Mit eget referat" in html
    db.session.expire_all()
    assert meeting.summary == "Referat skrevet af kollegaen"


def test_archiving_a_meeting_asks_first_hides_it_and_its_decisions_and_restore_brings_them_back(login, ref, forum):
    tmf = login("tmf")
    tmf.post(f"/bodies/{forum.id}/meetings/new", data=_form(ref))
    meeting = db.session.scalar(select(Meeting).where(Meeting.body_id == forum.id))
    confirm = tmf.get(f"/bodies/{forum.id}/meetings/{meeting.id}/archive")
    assert confirm.status_code == 200 and "Er du sikker" in confirm.get_data(as_text=True)

    assert tmf.post(f"/bodies/{forum.id}/meetings/{meeting.id}/archive").status_code == 302
    assert "Opfølgning på tryghedsvandringen" not in tmf.get(f"/bodies/{forum.id}").get_data(as_text=True)
    assert "Bedre belysning" not in tmf.get("/areas/husum-tingbjerg").get_data(as_text=True)
    assert "Opfølgning på tryghedsvandringen" in tmf.get(f"/bodies/{forum.id}?arkiverede=1").get_data(as_text=True)

    assert tmf.post(f"/bodies/{forum.id}/meetings/{meeting.id}/restore").status_code == 302
    assert "Opfølgning på tryghedsvandringen" in tmf.get(f"/bodies/{forum.id}").get_data(as_text=True)
    assert _decisions() == ["Bedre belysning på stierne ved Tingbjerg Skole", "Fælles kalender for 2014"]


def test_the_body_history_shows_meetings_with_user_time_and_fields(login, ref, forum):
    tmf = login("tmf")
    tmf.post(f"/bodies/{forum.id}/meetings/new", data=_form(ref))
    meeting = db.session.scalar(select(Meeting).where(Meeting.body_id == forum.id))
    tmf.post(f"/bodies/{forum.id}/meetings/{meeting.id}/edit",
             data=_form(ref, version=str(meeting.version), summary="Rettet referat"))
    tmf.post(f"/bodies/{forum.id}/meetings/{meeting.id}/archive")
    tmf.post(f"/bodies/{forum.id}/meetings/{meeting.id}/restore")
    html = login("laeser").get(f"/bodies/{forum.id}/history").get_data(as_text=True)
    assert "Tove Teknik" in html
    assert re.search(r"\d{1,2}\. \w+\.? \d{4} kl\. \d{2}\.\d{2}", html)  # when, as every page writes it
    for action in ("Oprettet", "Ændret", "Arkiveret", "Genskabt"):
        assert action in html
    assert "Møde: 2013-09-10" in html or "Møde: #" in html
    assert "<dt>Referat</dt>" in html or "<dt>Beskrivelse</dt>" in html
    assert "<del>Opfølgning på tryghedsvandringen i Tingbjerg</del> → <ins>Rettet referat</ins>" in html


def test_meetings_of_another_body_are_not_found_under_this_one(login, ref, forum):
    team = ref.bodies["team"]
    meeting = team.meetings[0]
    assert login("admin").get(f"/bodies/{forum.id}/meetings/{meeting.id}/edit").status_code == 404
