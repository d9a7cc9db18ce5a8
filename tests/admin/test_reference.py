"""Administrators keep persons and outside organisations current: create, edit, archive and restore,
with conflicts shown rather than lost."""
from __future__ import annotations

from html import unescape

from sqlalchemy import func, select

from tracker.audit.models import AuditEvent
from tracker.extensions import db
from tracker.organisation.models import Organisation, Person


def _person(name: str) -> Person | None:
    db.session.expire_all()
    return db.session.scalar(select(Person).where(Person.name == name))


def _person_form(ref, **overrides) -> dict:
    return {"name": "Pia Politi", "title": "Politikommissær", "email": "pia@politi.example", "administration": "",
            "organisation": str(ref.organisations["Københavns Politi"].id), **overrides}


def test_an_administrator_creates_a_person_who_shows_in_the_list(admin, ref):
    response = admin.post("/admin/persons/new", data=_person_form(ref))
    assert response.status_code == 302
    html = admin.get("/admin/persons/").get_data(as_text=True)
    assert "Pia Politi" in html and "Politikommissær" in html and "Københavns Politi" in html
    assert _person("Pia Politi").organisation.name == "Københavns Politi"


def test_a_person_works_for_an_administration_or_an_organisation_not_both(admin, ref):
    form = _person_form(ref, administration=str(ref.administrations["TMF"].id))
    response = admin.post("/admin/persons/new", data=form)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Vælg enten en forvaltning eller en organisation, ikke begge." in html
    assert 'value="Pia Politi"' in html and 'value="pia@politi.example"' in html
    assert _person("Pia Politi") is None


def test_a_person_needs_a_name_and_a_unique_email(admin, ref):
    response = admin.post("/admin/persons/new", data=_person_form(ref, name=""))
    assert response.status_code == 400 and "Feltet skal udfyldes." in response.get_data(as_text=True)
    assert admin.post("/admin/persons/new", data=_person_form(ref)).status_code == 302
    response = admin.post("/admin/persons/new", data=_person_form(ref, name="Anden", email="PIA@politi.example"))
    assert response.status_code == 400
    assert "E-mailadressen bruges allerede af Pia Politi." in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Person.id)).where(Person.name == "Anden")) == 0


def test_a_stale_person_edit_gets_the_conflict_page_with_both_versions(admin, ref):
    person = _person("Tove Teknik")
    opened = {"version": person.version, "name": person.name, "title": person.title, "email": "",
              "administration": "", "organisation": ""}
    person.title = "Chefkonsulent"
    db.session.commit()
    response = admin.post(f"/admin/persons/{person.id}/edit", data={**opened, "title": "Fuldmægtig"})
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Nogen har gemt før dig" in html and "Chefkonsulent" in html and "Fuldmægtig" in html
    assert _person("Tove Teknik").title == "Chefkonsulent"

    resolved = admin.post(f"/admin/persons/{person.id}/edit",
                          data={**opened, "version": _person("Tove Teknik").version, "title": "Fuldmægtig"})
    assert resolved.status_code == 302
    assert _person("Tove Teknik").title == "Fuldmægtig"


def test_archiving_a_person_asks_first_hides_them_and_restore_brings_them_back(admin, ref):
    person = _person("Tove Teknik")
    html = admin.get(f"/admin/persons/{person.id}/archive").get_data(as_text=True)
    assert "Er du sikker?" in html and _person("Tove Teknik").archived_at is None

    assert admin.post(f"/admin/persons/{person.id}/archive", follow_redirects=True).status_code == 200
    assert 'row">Tove Teknik' not in admin.get("/admin/persons/").get_data(as_text=True)
    shown = admin.get("/admin/persons/?archived=1").get_data(as_text=True)
    assert 'row">Tove Teknik' in shown and "Genskab" in shown

    assert admin.post(f"/admin/persons/{person.id}/restore").status_code == 302
    assert 'row">Tove Teknik' in admin.get("/admin/persons/").get_data(as_text=True)
    actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.entity_type == "persons",
                                                                 AuditEvent.entity_id == person.id)
                                 .order_by(AuditEvent.id)).all()
    assert actions[-2:] == ["archive", "restore"]


def test_an_administrator_creates_and_edits_an_organisation(admin, ref):
    form = {"name": "Lejerbo", "kind": "housing_association", "description": "Almen boligorganisation."}
    assert admin.post("/admin/organisations/new", data=form).status_code == 302
    lejerbo = db.session.scalar(select(Organisation).where(Organisation.name == "Lejerbo"))
    edit = {**form, "version": lejerbo.version, "description": "Boligorganisation i Tingbjerg."}
    assert admin.post(f"/admin/organisations/{lejerbo.id}/edit", data=edit).status_code == 302
    html = admin.get("/admin/organisations/").get_data(as_text=True)
    assert "Lejerbo" in html and "Boligorganisation i Tingbjerg." in html and "Boligorganisation" in html


def test_an_organisation_name_is_unique_and_its_kind_known(admin, ref):
    response = admin.post("/admin/organisations/new", data={"name": "FSB", "kind": "housing_association"})
    assert response.status_code == 400
    assert "Der findes allerede en organisation med navnet 'fsb'." in unescape(response.get_data(as_text=True))
    response = admin.post("/admin/organisations/new", data={"name": "Ny", "kind": "<script>"})
    assert response.status_code == 400 and "Ugyldig værdi" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Organisation.id))) == 3


def test_an_archived_organisation_is_hidden_from_lists_and_choices(admin, ref):
    sab = ref.organisations["SAB"]
    assert admin.post(f"/admin/organisations/{sab.id}/archive", follow_redirects=True).status_code == 200
    assert ">SAB<" not in admin.get("/admin/organisations/").get_data(as_text=True)
    assert ">SAB<" not in admin.get("/admin/persons/new").get_data(as_text=True)
    assert ">SAB" in admin.get("/admin/organisations/?archived=1").get_data(as_text=True)


def test_unknown_records_are_not_found(admin, ref):
    for url in ("/admin/persons/999999/edit", "/admin/organisations/99999999999/archive", "/admin/users/0/edit"):
        assert admin.get(url).status_code == 404
