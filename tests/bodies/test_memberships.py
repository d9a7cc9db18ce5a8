"""Seats in a body: only an admin adds, changes and archives them; a seat is what lets a coordinator
record the body's meetings; every change is in the body's history."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from tracker.bodies.models import Membership
from tracker.extensions import db
from tracker.models import Person


@pytest.fixture
def forum(ref):
    return ref.bodies["forum-husum-tingbjerg"]


def _seat(ref, forum, code: str) -> Membership:
    return db.session.scalar(select(Membership).where(
        Membership.body_id == forum.id, Membership.administration_id == ref.administrations[code].id))


def test_admin_adds_a_seat_and_it_shows_on_the_body_page(login, ref, forum):
    admin = login("admin")
    person = Person(name="Susanne Sundhed", title="Centerchef")
    db.session.add(person)
    db.session.commit()
    assert admin.get(f"/bodies/{forum.id}/memberships/new").status_code == 200
    response = admin.post(f"/bodies/{forum.id}/memberships/new", data={
        "role": "Leder", "represents": f"administration-{ref.administrations['SUF'].id}",
        "person": str(person.id), "start_date": "2013-01-01", "end_date": ""})
    assert response.status_code == 302
    html = admin.get(f"/bodies/{forum.id}").get_data(as_text=True)
    assert "SUF – Sundheds- og Omsorgsforvaltningen" in html and "Susanne Sundhed" in html
    # The new seat lets SUF's coordinator record meetings of the forum.
    assert login("suf").get(f"/bodies/{forum.id}/meetings/new").status_code == 200


@pytest.mark.parametrize("who", ["tmf", "laeser", "styregruppe"])
def test_only_admins_manage_seats(login, ref, forum, who):
    client = login(who)
    seat = _seat(ref, forum, "TMF")
    assert client.get(f"/bodies/{forum.id}/memberships/new").status_code == 403
    assert client.post(f"/bodies/{forum.id}/memberships/new", data={"role": "Leder"}).status_code == 403
    assert client.post(f"/bodies/{forum.id}/memberships/{seat.id}/edit", data={"role": "X"}).status_code == 403
    assert client.post(f"/bodies/{forum.id}/memberships/{seat.id}/archive").status_code == 403
    assert "Tilføj plads" not in client.get(f"/bodies/{forum.id}").get_data(as_text=True)
    db.session.expire_all()
    assert seat.role == "Leder" and seat.archived_at is None


@pytest.mark.parametrize(("data", "message"), [
    ({"role": ""}, "Feltet skal udfyldes."),
    ({"role": "Leder", "represents": "administration-999999"}, "Vælg en forvaltning eller organisation fra listen."),
    ({"role": "Leder", "person": "abc"}, "Vælg en person fra listen."),
    ({"role": "Leder", "start_date": "2014-01-01", "end_date": "2013-01-01"}, "Slutdatoen kan ikke ligge før startdatoen."),
    ({"role": "Leder", "start_date": "1. januar"}, "Skriv datoen som åååå-mm-dd"),
])
def test_invalid_seats_are_explained_in_danish_and_nothing_is_saved(login, ref, forum, data, message):
    before = len(forum.memberships)
    response = login("admin").post(f"/bodies/{forum.id}/memberships/new", data=data)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    db.session.expire_all()
    assert len(forum.memberships) == before


def test_the_same_current_seat_twice_is_refused(login, ref, forum):
    response = login("admin").post(f"/bodies/{forum.id}/memberships/new", data={
        "role": "Leder", "represents": f"administration-{ref.administrations['TMF'].id}"})
    assert response.status_code == 400
    assert "Organet har allerede en plads som &#39;Leder&#39; for TMF" in response.get_data(as_text=True)


def test_a_stale_seat_save_shows_both_versions(login, ref, forum):
    admin = login("admin")
    seat = _seat(ref, forum, "TMF")
    opened = str(seat.version)
    represents = f"administration-{ref.administrations['TMF'].id}"
    assert admin.get(f"/bodies/{forum.id}/memberships/{seat.id}/edit").status_code == 200
    admin.post(f"/bodies/{forum.id}/memberships/{seat.id}/edit",
               data={"role": "Områdechef", "represents": represents, "version": opened})
    response = admin.post(f"/bodies/{forum.id}/memberships/{seat.id}/edit",
                          data={"role": "Afdelingsleder", "represents": represents, "version": opened})
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Områdechef" in html and "Afdelingsleder" in html
    db.session.expire_all()
    assert seat.role == "Områdechef"


def test_archiving_a_seat_takes_away_the_right_to_record_and_restore_gives_it_back(login, ref, forum):
    admin, tmf = login("admin"), login("tmf")
    seat = _seat(ref, forum, "TMF")
    confirm = admin.get(f"/bodies/{forum.id}/memberships/{seat.id}/archive")
    assert confirm.status_code == 200 and "Er du sikker" in confirm.get_data(as_text=True)
    assert admin.post(f"/bodies/{forum.id}/memberships/{seat.id}/archive").status_code == 302
    assert tmf.get(f"/bodies/{forum.id}/meetings/new").status_code == 403
    assert "TMF – Teknik" not in admin.get(f"/bodies/{forum.id}").get_data(as_text=True)
    assert "TMF – Teknik" in admin.get(f"/bodies/{forum.id}?arkiverede=1").get_data(as_text=True)

    assert admin.post(f"/bodies/{forum.id}/memberships/{seat.id}/restore").status_code == 302
    assert tmf.get(f"/bodies/{forum.id}/meetings/new").status_code == 200


def test_the_body_history_shows_seat_changes_with_user_and_fields(login, ref, forum):
    admin = login("admin")
    seat = _seat(ref, forum, "TMF")
    admin.post(f"/bodies/{forum.id}/memberships/{seat.id}/edit", data={
        "role": "Områdechef", "represents": f"administration-{ref.administrations['TMF'].id}",
        "start_date": "2013-02-01", "version": str(seat.version)})
    admin.post(f"/bodies/{forum.id}/memberships/{seat.id}/archive")
    admin.post(f"/bodies/{forum.id}/memberships/{seat.id}/restore")
    html = login("laeser").get(f"/bodies/{forum.id}/history").get_data(as_text=True)
    assert "Ada Admin" in html
    assert "Plads: Områdechef" in html
    assert "<del>Leder</del> → <ins>Områdechef</ins>" in html
    assert "<dt>Startdato</dt>" in html
    assert "Arkiveret" in html and "Genskabt" in html
