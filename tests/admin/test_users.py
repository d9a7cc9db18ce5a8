"""Administrators create users, change their role, name and affiliation, and deactivate them; every
change is in the user's history."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.admin.conftest import ACCOUNTS, PASSWORD, log_in
from tracker.audit.models import AuditEvent
from tracker.auth.models import User
from tracker.extensions import db

NEW_PASSWORD = "en-lang-adgangskode"


def _user(email: str) -> User | None:
    db.session.expire_all()
    return db.session.scalar(select(User).where(User.email == email))


def _new_user_form(ref, **overrides) -> dict:
    return {"email": "ny@kk.example", "name": "Nina Ny", "role": "koordinator",
            "administration": str(ref.administrations["SOF"].id), "organisation": "", "password": NEW_PASSWORD,
            **overrides}


def _edit_form(user: User, **overrides) -> dict:
    return {"version": user.version, "name": user.name, "role": user.role,
            "administration": str(user.administration_id or ""), "organisation": str(user.organisation_id or ""),
            **overrides}


def test_a_created_user_can_log_in(app, admin, ref):
    response = admin.post("/admin/users/new", data=_new_user_form(ref))
    assert response.status_code == 302
    html = admin.get(response.headers["Location"]).get_data(as_text=True)
    assert "Brugeren Nina Ny er oprettet og kan logge ind." in html and "ny@kk.example" in html
    assert _user("ny@kk.example").administration.code == "SOF"
    assert log_in(app, "ny@kk.example", NEW_PASSWORD).get("/").status_code == 200


def test_a_user_from_a_housing_association_belongs_to_the_organisation(admin, ref):
    form = _new_user_form(ref, administration="", organisation=str(ref.organisations["fsb"].id))
    assert admin.post("/admin/users/new", data=form).status_code == 302
    assert _user("ny@kk.example").organisation.name == "fsb"


@pytest.mark.parametrize(("overrides", "message"), [
    ({"password": "kort"}, "Adgangskoden skal have mindst 10 tegn."),
    ({"name": "  "}, "Navn mangler."),
    ({"email": "ikke-en-adresse"}, "Ugyldig e-mailadresse."),
    ({"email": "laeser@kk.example"}, "Der findes allerede en bruger med e-mail laeser@kk.example."),
    ({"role": "superbruger"}, "Ukendt rolle"),
    ({"organisation": "999999"}, "Vælg en af mulighederne på listen."),
    ({"administration": "abc"}, "Vælg en af mulighederne på listen."),
    ({"organisation": "ORG"}, "Vælg enten en forvaltning eller en organisation, ikke begge."),
])
def test_invalid_new_user_is_refused_in_danish_with_the_values_kept_and_nothing_saved(admin, ref, overrides,
                                                                                     message):
    if overrides.get("organisation") == "ORG":
        overrides = {"organisation": str(ref.organisations["fsb"].id)}
    before = db.session.scalar(select(db.func.count(User.id)))
    response = admin.post("/admin/users/new", data=_new_user_form(ref, **overrides))
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in html
    assert "Formularen er ikke gemt." in html
    assert 'value="Nina Ny"' in html or overrides.get("name")
    assert db.session.scalar(select(db.func.count(User.id))) == before


def test_changing_a_users_role_and_affiliation_is_recorded_in_the_history(admin, accounts, ref):
    reader = accounts["laeser"]
    form = _edit_form(reader, role="koordinator", administration=str(ref.administrations["BIF"].id))
    assert admin.post(f"/admin/users/{reader.id}/edit", data=form).status_code == 302

    changed = _user(reader.email)
    assert (changed.role, changed.administration.code) == ("koordinator", "BIF")
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.entity_type == "users",
                                                        AuditEvent.entity_id == reader.id,
                                                        AuditEvent.action == "update")).one()
    assert event.user_id == accounts["admin"].id
    assert event.changes["role"] == {"old": "laeser", "new": "koordinator"}
    assert event.changes["administration"] == {"old": None, "new": "BIF"}
    html = admin.get(f"/admin/users/{reader.id}/history").get_data(as_text=True)
    assert "Ada Administrator" in html and "Rolle" in html and "Koordinator" in html


def test_an_administrator_cannot_remove_their_own_admin_role(admin, accounts):
    me = accounts["admin"]
    response = admin.post(f"/admin/users/{me.id}/edit", data=_edit_form(me, role="laeser"))
    assert response.status_code == 400
    assert "Du kan ikke fjerne din egen administratorrolle." in response.get_data(as_text=True)
    assert _user(me.email).role == "admin"


def test_an_administrator_cannot_deactivate_themself(admin, accounts):
    me = accounts["admin"]
    assert "Deaktivér" not in admin.get("/admin/users/").get_data(as_text=True).split(me.email)[1].split("</tr>")[0]
    response = admin.post(f"/admin/users/{me.id}/deactivate")
    assert response.status_code == 400
    assert "Du kan ikke deaktivere dig selv." in response.get_data(as_text=True)
    assert _user(me.email).active


def test_deactivation_asks_first_and_then_the_user_cannot_log_in(app, admin, accounts):
    target = accounts["koordinator"]
    html = admin.get(f"/admin/users/{target.id}/deactivate").get_data(as_text=True)
    assert "Deaktivér Karl Koordinator?" in html and "kan ikke længere logge ind" in html
    assert _user(target.email).active  # a GET changes nothing

    assert admin.post(f"/admin/users/{target.id}/deactivate").status_code == 302
    assert not _user(target.email).active
    refused = app.test_client().post("/login", data={"email": target.email, "password": PASSWORD})
    assert refused.status_code == 400 and "Forkert e-mail eller adgangskode." in refused.get_data(as_text=True)
    assert "Deaktiveret" in admin.get("/admin/users/?status=inactive").get_data(as_text=True)

    assert admin.post(f"/admin/users/{target.id}/activate").status_code == 302
    assert log_in(app, target.email).get("/").status_code == 200
    actions = db.session.scalars(select(AuditEvent.changes).where(AuditEvent.entity_type == "users",
                                                                  AuditEvent.entity_id == target.id,
                                                                  AuditEvent.action == "update")
                                 .order_by(AuditEvent.id)).all()
    assert [c["active"] for c in actions] == [{"old": True, "new": False}, {"old": False, "new": True}]


def test_a_deactivated_users_open_session_is_logged_out(app, admin, accounts):
    # Flask-Login's UserMixin.is_authenticated is the user's is_active, which is User.active, so the
    # login check of every page sends a deactivated user's next request to the login page.
    target = accounts["koordinator"]
    session = log_in(app, ACCOUNTS["koordinator"][0])
    assert session.get("/").status_code == 200
    assert admin.post(f"/admin/users/{target.id}/deactivate").status_code == 302
    response = session.get("/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_users_list_is_filtered_by_active_and_paginated(app, admin, accounts):
    accounts["laeser"].active = False
    db.session.commit()
    active = admin.get("/admin/users/").get_data(as_text=True)
    inactive = admin.get("/admin/users/?status=inactive").get_data(as_text=True)
    assert "Karl Koordinator" in active and "Lise Læser" not in active
    assert "Lise Læser" in inactive and "Karl Koordinator" not in inactive
    app.config["PAGE_SIZE"] = 2
    first = admin.get("/admin/users/?status=all").get_data(as_text=True)
    assert "Næste" in first and "Ada Administrator" in first and "Stine Styregruppe" not in first
    assert "Stine Styregruppe" in admin.get("/admin/users/?status=all&page=2").get_data(as_text=True)


def test_a_stale_user_edit_gets_the_conflict_page_with_both_versions(admin, accounts):
    target = accounts["styregruppe"]
    opened = _edit_form(target)
    target.name = "Stine Saved"
    db.session.commit()
    response = admin.post(f"/admin/users/{target.id}/edit", data={**opened, "name": "Stine Mine"})
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Stine Saved" in html and "Stine Mine" in html
    assert _user(target.email).name == "Stine Saved"
