"""The meeting form gives each decision an owner administration, a due date and an initiative as it is logged;
the owner sees it in the overview and closes it with a note (in the history); a coordinator of another
administration cannot. Bad rows are explained next to the row, and nothing is saved."""
from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import func, select

from tracker.audit.models import AuditEvent
from tracker.bodies.models import Meeting
from tracker.extensions import db
from tracker.log.models import CooperationEntry

TODAY = date(2014, 2, 3)
LIGHTS = "Bedre belysning på stierne ved Tingbjerg Skole"
CALENDAR = "Fælles kalender for 2014"


@pytest.fixture
def forum(app, ref):
    app.config["TODAY"] = TODAY
    return ref.bodies["forum-husum-tingbjerg"]


def _meeting(ref, rows: list[dict], **changes) -> dict:
    data = {"date": "2013-12-10", "summary": "Forummet mødtes",
            "administrations": [str(ref.administrations["TMF"].id)], **changes}
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"decisions-{index}-{name}"] = value
    return data


def _decision(text: str) -> CooperationEntry:
    db.session.expire_all()
    return db.session.scalar(select(CooperationEntry).where(CooperationEntry.text == text))


def _owned_by_suf(ref) -> list[dict]:
    return [{"text": LIGHTS, "owner": str(ref.administrations["SUF"].id), "due_date": "2014-01-31",
             "initiative": str(ref.initiatives["walks"].id)},
            {"text": CALENDAR}]


def test_the_writer_gives_a_decision_an_owner_a_due_date_and_an_initiative_from_the_meeting_form(login, ref, forum):
    tmf = login("tmf")
    response = tmf.post(f"/bodies/{forum.id}/meetings/new", data=_meeting(ref, _owned_by_suf(ref)))
    assert response.status_code == 302
    lights, calendar = _decision(LIGHTS), _decision(CALENDAR)
    assert (lights.owner_administration.code, lights.due_date, lights.follow_up_status) == ("SUF", date(2014, 1, 31),
                                                                                            "open")
    assert lights.initiative is ref.initiatives["walks"] and lights.meeting.body is forum
    assert (calendar.owner_administration, calendar.follow_up_status, calendar.initiative) == (None, None, None)
    created = db.session.scalar(select(AuditEvent).where(AuditEvent.entity_type == "cooperation_entries",
                                                         AuditEvent.entity_id == lights.id))
    assert created.action == "create"
    page = tmf.get(f"/bodies/{forum.id}").get_data(as_text=True)
    assert "Ansvarlig: SUF" in page and "Forfalden" in page
    assert LIGHTS in tmf.get(f"/initiatives/{ref.initiatives['walks'].id}").get_data(as_text=True)


def test_the_owner_sees_it_in_the_overview_closes_it_with_a_note_and_another_administration_cannot(
        login, ref, forum):
    login("tmf").post(f"/bodies/{forum.id}/meetings/new", data=_meeting(ref, _owned_by_suf(ref)))
    lights = _decision(LIGHTS)
    suf = login("suf")
    overview = suf.get("/").get_data(as_text=True)
    mine = overview.split('id="beslutninger"')[1].split("<h2")[0]
    assert LIGHTS in mine and "Forfalden" in mine and f"/entries/{lights.id}/follow-up" in mine
    assert LIGHTS not in login("tmf").get("/").get_data(as_text=True).split('id="beslutninger"')[1].split("<h2")[0]

    close = {"owner": str(ref.administrations["SUF"].id), "due_date": "2014-01-31", "status": "closed",
             "closing_note": "Lysene er sat op i januar.", "version": str(lights.version)}
    assert login("tmf").post(f"/entries/{lights.id}/follow-up", data=close).status_code == 403
    assert _decision(LIGHTS).follow_up_status == "open"
    assert suf.post(f"/entries/{lights.id}/follow-up", data=close).status_code == 302
    lights = _decision(LIGHTS)
    assert lights.follow_up_status == "closed" and lights.closing_note == "Lysene er sat op i januar."
    history = suf.get(f"/entries/{lights.id}/history").get_data(as_text=True)
    assert "Lukket" in history and "Lysene er sat op i januar." in history
    assert LIGHTS not in suf.get("/").get_data(as_text=True).split('id="beslutninger"')[1].split("<h2")[0]


def test_the_form_offers_the_initiatives_the_writer_may_log_on_in_the_bodys_area_only(login, ref, forum):
    tmf = login("tmf")
    page = tmf.get(f"/bodies/{forum.id}/meetings/new").get_data(as_text=True)
    options = re.findall(r'<select[^>]*name="decisions-0-initiative".*?</select>', page, re.S)[0]
    assert "Tryghedsvandringer" in options and "Lab2700" not in options  # Lab2700 is BIF's, on Bispebjerg
    rows = [{"text": LIGHTS, "initiative": str(ref.initiatives["lab"].id)}]
    response = tmf.post(f"/bodies/{forum.id}/meetings/new", data=_meeting(ref, rows))
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and "Mødet er ikke gemt" in html
    assert re.search(r'id="decisions-0-initiative-error"><span class="sr-only">Fejl: </span>Vælg en indsats fra '
                     r'listen\.', html)
    assert db.session.scalar(select(func.count()).select_from(CooperationEntry)) == 0


@pytest.mark.parametrize(("row", "field", "message"), [
    ({"text": CALENDAR, "due_date": "2014-03-01"}, "owner", "Vælg den forvaltning, der er ansvarlig for at nå fristen."),
    ({"text": "", "owner": "{SUF}"}, "text", "Skriv beslutningen, eller tøm rækken."),
    ({"text": CALENDAR, "due_date": "1. marts"}, "due_date", "Skriv datoen som åååå-mm-dd"),
    ({"text": CALENDAR, "owner": "999999"}, "owner", "Vælg en forvaltning fra listen."),
    ({"text": "y" * 1001}, "text", "Beslutning 2 må højst have 1000 tegn (har 1001)."),
])
def test_a_bad_decision_row_is_explained_next_to_its_input_and_nothing_is_saved(login, ref, forum, row, field,
                                                                                 message):
    row = {name: value.replace("{SUF}", str(ref.administrations["SUF"].id)) for name, value in row.items()}
    response = login("tmf").post(f"/bodies/{forum.id}/meetings/new", data=_meeting(ref, [{"text": LIGHTS}, row]))
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert f'id="decisions-1-{field}-error"' in html
    assert message in html.split(f'id="decisions-1-{field}-error"')[1][:300]
    assert db.session.scalar(select(func.count()).select_from(Meeting).where(Meeting.body_id == forum.id)) == 0


def test_add_decision_gives_one_more_row_and_saves_nothing(login, ref, forum):
    response = login("tmf").post(f"/bodies/{forum.id}/meetings/new",
                                 data=_meeting(ref, [{"text": LIGHTS}, {}, {}], add_decision="1"))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert re.findall(r'name="decisions-(\d+)-text"', html) == ["0", "1", "2", "3"]
    assert re.search(r'<textarea[^>]*autofocus[^>]*name="decisions-3-text"|<textarea[^>]*name="decisions-3-text"'
                     r'[^>]*autofocus', html)
    assert LIGHTS in html and "Beslutning 4" in html
    assert db.session.scalar(select(func.count()).select_from(Meeting).where(Meeting.body_id == forum.id)) == 0


def _edit(client, forum, meeting, ref, rows):
    return client.post(f"/bodies/{forum.id}/meetings/{meeting.id}/edit",
                       data=_meeting(ref, rows, version=str(meeting.version)))


def test_changing_only_an_owner_on_the_meeting_form_saves_it_and_moves_the_meetings_version_on(login, ref, forum):
    tmf = login("tmf")
    tmf.post(f"/bodies/{forum.id}/meetings/new", data=_meeting(ref, [{"text": LIGHTS}]))
    meeting = db.session.scalar(select(Meeting).where(Meeting.body_id == forum.id))
    opened = meeting.version
    rows = [{"text": LIGHTS, "owner": str(ref.administrations["TMF"].id), "due_date": "2014-03-01"}]
    assert _edit(tmf, forum, meeting, ref, rows).status_code == 302
    db.session.expire_all()
    assert meeting.version > opened
    lights = _decision(LIGHTS)
    assert (lights.owner_administration.code, lights.due_date, lights.follow_up_status) == ("TMF", date(2014, 3, 1),
                                                                                            "open")
    edit = tmf.get(f"/bodies/{forum.id}/meetings/{meeting.id}/edit").get_data(as_text=True)
    assert re.search(rf'name="decisions-0-owner"[^>]*>.*?<option selected value="{ref.administrations["TMF"].id}"',
                     edit, re.S)
    # Taking the owner away again leaves the decision without a follow-up.
    meeting = db.session.get(Meeting, meeting.id)
    assert _edit(tmf, forum, meeting, ref, [{"text": LIGHTS}]).status_code == 302
    lights = _decision(LIGHTS)
    assert (lights.owner_administration, lights.due_date, lights.follow_up_status) == (None, None, None)


def test_a_closed_decision_keeps_its_owner_and_due_date_on_the_meeting_form(login, ref, forum):
    tmf = login("tmf")
    tmf.post(f"/bodies/{forum.id}/meetings/new",
             data=_meeting(ref, [{"text": LIGHTS, "owner": str(ref.administrations["TMF"].id)}]))
    lights = _decision(LIGHTS)
    tmf.post(f"/entries/{lights.id}/follow-up", data={
        "owner": str(ref.administrations["TMF"].id), "status": "closed", "closing_note": "Klaret.",
        "version": str(lights.version)})
    assert _decision(LIGHTS).follow_up_status == "closed"
    meeting = db.session.scalar(select(Meeting).where(Meeting.body_id == forum.id))
    response = _edit(tmf, forum, meeting, ref, [{"text": LIGHTS, "owner": str(ref.administrations["SOF"].id)}])
    assert response.status_code == 400
    assert "Beslutningen er lukket. Genåbn den på opfølgningssiden" in response.get_data(as_text=True)
    assert _decision(LIGHTS).owner_administration.code == "TMF"
