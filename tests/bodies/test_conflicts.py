"""Two people editing a body's meeting or seat at once: a change to only a meeting's decisions is caught
like any other, a colleague's change to another field is kept without asking, and a field both changed is
put to the user with both values."""
from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import select

from tests.browser_form import form_data
from tracker.bodies.models import Meeting, Membership
from tracker.extensions import db
from tracker.log import entry_services
from tracker.log.models import CooperationEntry
from tracker.organisation.models import Person


@pytest.fixture
def forum(ref):
    return ref.bodies["forum-husum-tingbjerg"]


@pytest.fixture
def meeting(ref, forum):
    meeting = entry_services.record_meeting(
        forum, entry_services.MeetingInput(date=date(2013, 9, 10), summary="Tryghedsvandringen",
                                           administrations=[ref.administrations["TMF"]]),
        [entry_services.DecisionInput("Bedre belysning ved skolen")], None)
    db.session.commit()
    return meeting


def _current_decisions(meeting_id: int) -> list[str]:
    db.session.expire_all()
    return sorted(db.session.scalars(select(CooperationEntry.text).where(
        CooperationEntry.meeting_id == meeting_id, CooperationEntry.archived_at.is_(None))))


def _meeting_edit(client, forum, meeting, page: str, decisions: str | None = None, **changes):
    """The meeting form as opened on `page`, with `changes`; `decisions` (one a line) go in its rows."""
    url = f"/bodies/{forum.id}/meetings/{meeting.id}/edit"
    for index, text in enumerate((decisions or "").splitlines() if decisions is not None else ()):
        changes[f"decisions-{index}-text"] = text
    return client.post(url, data=form_data(page, url, **changes))


def _open(client, url: str) -> str:
    return client.get(url).get_data(as_text=True)


def test_two_stale_forms_that_change_only_decisions_end_in_the_conflict_page(login, forum, meeting):
    tina, anna = login("tmf"), login("admin")
    url = f"/bodies/{forum.id}/meetings/{meeting.id}/edit"
    tina_page, anna_page = _open(tina, url), _open(anna, url)
    added = "Bedre belysning ved skolen\nFælles kalender for 2014"
    assert _meeting_edit(tina, forum, meeting, tina_page, decisions=added).status_code == 302

    response = _meeting_edit(anna, forum, meeting, anna_page, decisions="Bedre belysning ved skolen\nNy legeplads")
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    choice = re.search(r"<legend class=\"form-label\">Beslutninger</legend>(.*?)</fieldset>", page, re.S).group(1)
    assert "Fælles kalender for 2014" in choice and "Ny legeplads" in choice
    # Tina's decision was neither archived nor replaced by Anna's stale form.
    assert _current_decisions(meeting.id) == ["Bedre belysning ved skolen", "Fælles kalender for 2014"]


def test_decisions_changed_by_me_are_saved_beside_a_colleagues_new_summary(login, forum, meeting):
    tina, anna = login("tmf"), login("admin")
    url = f"/bodies/{forum.id}/meetings/{meeting.id}/edit"
    tina_page, anna_page = _open(tina, url), _open(anna, url)
    assert _meeting_edit(tina, forum, meeting, tina_page, summary="Tinas referat").status_code == 302
    response = _meeting_edit(anna, forum, meeting, anna_page,
                             decisions="Bedre belysning ved skolen\r\nNy legeplads")
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Meeting, meeting.id).summary == "Tinas referat"
    assert _current_decisions(meeting.id) == ["Bedre belysning ved skolen", "Ny legeplads"]


@pytest.fixture
def seat(ref, forum):
    seat = db.session.scalar(select(Membership).where(
        Membership.body_id == forum.id, Membership.administration_id == ref.administrations["TMF"].id))
    db.session.add_all([Person(name="Susanne Sundhed"), Person(name="Per Plan")])
    db.session.commit()
    return seat


def _person(name: str) -> Person:
    return db.session.scalar(select(Person).where(Person.name == name))


def _seat_edit(client, forum, seat, page: str, **changes):
    url = f"/bodies/{forum.id}/memberships/{seat.id}/edit"
    return client.post(url, data=form_data(page, url, **changes))


def test_two_stale_forms_that_change_who_holds_a_seat_end_in_the_conflict_page(login, forum, seat):
    first, second = login("admin"), login("admin")
    url = f"/bodies/{forum.id}/memberships/{seat.id}/edit"
    first_page, second_page = _open(first, url), _open(second, url)
    assert _seat_edit(first, forum, seat, first_page, person=_person("Susanne Sundhed").id).status_code == 302
    response = _seat_edit(second, forum, seat, second_page, person=_person("Per Plan").id)
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    choice = re.search(r"<legend class=\"form-label\">Person</legend>(.*?)</fieldset>", page, re.S).group(1)
    assert "Susanne Sundhed" in choice and "Per Plan" in choice
    db.session.expire_all()
    assert db.session.get(Membership, seat.id).person.name == "Susanne Sundhed"


def test_a_colleagues_new_role_is_kept_when_i_change_only_who_holds_the_seat(login, forum, seat):
    first, second = login("admin"), login("admin")
    url = f"/bodies/{forum.id}/memberships/{seat.id}/edit"
    first_page, second_page = _open(first, url), _open(second, url)
    assert _seat_edit(first, forum, seat, first_page, role="Områdechef").status_code == 302
    assert _seat_edit(second, forum, seat, second_page, person=_person("Per Plan").id).status_code == 302
    db.session.expire_all()
    saved = db.session.get(Membership, seat.id)
    assert (saved.role, saved.person.name) == ("Områdechef", "Per Plan")
