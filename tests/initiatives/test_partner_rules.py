"""Who steers an initiative: the lead administration's coordinators (and admins) change the lead, remove other
partners and archive; a partner edits the content, adds partners and may leave, but cannot take it over."""
from __future__ import annotations

import html
import re

import pytest

from tests.initiatives.conftest import PASSWORD, OwnContextClient, initiative_form, is_checked, version_in
from tracker.auth.services import create_user
from tracker.extensions import db
from tracker.initiatives.models import Initiative

LEAD_REFUSED = "Kun den ansvarlige forvaltnings koordinatorer og en administrator kan skifte ansvarlig forvaltning."
PARTNER_REFUSED = "Kun den ansvarlige forvaltnings koordinatorer og en administrator kan fjerne andre partnere"


@pytest.fixture
def green_teams(login, ref) -> int:
    """Green Teams as the admin created it: led by TMF, with SOF and BIF as partners and fsb outside."""
    response = login("admin").post("/initiatives/new", data=initiative_form(ref, partner_administrations=[
        ref.administrations["SOF"].id, ref.administrations["BIF"].id]))
    assert response.status_code == 302
    return _saved().id


def _saved() -> Initiative:
    db.session.expire_all()
    return db.session.query(Initiative).filter_by(title="Green Teams").one()


def _codes(administrations) -> set[str]:
    return {a.code for a in administrations}


def _edit(client, ref, initiative_id: int, **changes):
    """Open the edit form and save it with these changes (everything else as saved)."""
    page = client.get(f"/initiatives/{initiative_id}/edit").get_data(as_text=True)
    data = initiative_form(ref, partner_administrations=[ref.administrations["SOF"].id,
                                                         ref.administrations["BIF"].id],
                           version=version_in(page))
    return client.post(f"/initiatives/{initiative_id}/edit", data=data | changes)


def _field_error(page: str, field_id: str) -> str:
    """The error message shown next to a field ("" if none)."""
    found = re.search(rf'id="{field_id}-error">(?:<span class="sr-only">[^<]*</span>)?([^<]*)</span>', page)
    return html.unescape(found.group(1)) if found else ""


def test_a_partner_cannot_make_their_own_administration_the_lead(login, ref, green_teams):
    sof = login("sof")
    response = _edit(sof, ref, green_teams, title="Green Teams (SOF)",
                     lead_administration=ref.administrations["SOF"].id,
                     partner_administrations=[ref.administrations["BIF"].id, ref.administrations["TMF"].id])

    assert response.status_code == 400
    assert LEAD_REFUSED in _field_error(response.get_data(as_text=True), "lead_administration")
    saved = _saved()
    assert saved.lead_administration.code == "TMF" and _codes(saved.partner_administrations) == {"SOF", "BIF"}
    assert saved.title == "Green Teams"  # nothing of the save is kept


def test_a_partner_cannot_remove_another_administration_or_organisation(login, ref, green_teams):
    sof = login("sof")
    without_bif = _edit(sof, ref, green_teams, partner_administrations=[ref.administrations["SOF"].id])
    without_fsb = _edit(sof, ref, green_teams, partner_organisations=[])

    assert without_bif.status_code == 400
    message = _field_error(without_bif.get_data(as_text=True), "partner_administrations")
    assert PARTNER_REFUSED in message and "BIF" in message
    assert without_fsb.status_code == 400
    assert "fsb" in _field_error(without_fsb.get_data(as_text=True), "partner_organisations")
    saved = _saved()
    assert _codes(saved.partner_administrations) == {"SOF", "BIF"}
    assert [o.name for o in saved.partner_organisations] == ["fsb"]


def test_a_partner_cannot_archive_or_restore_and_is_told_why(login, ref, green_teams):
    sof, tmf = login("sof"), login("tmf")
    assert "Arkivér" not in sof.get(f"/initiatives/{green_teams}").get_data(as_text=True)
    for method in ("GET", "POST"):
        refused = sof.open(f"/initiatives/{green_teams}/archive", method=method)
        assert refused.status_code == 403
        assert "Du kan kun arkivere indsatser, som din forvaltning er ansvarlig for." in refused.get_data(as_text=True)
    assert _saved().archived_at is None

    assert tmf.post(f"/initiatives/{green_teams}/archive").status_code == 302
    refused = sof.post(f"/initiatives/{green_teams}/restore")
    assert refused.status_code == 403
    assert "Du kan kun genskabe indsatser, som din forvaltning er ansvarlig for." in refused.get_data(as_text=True)
    assert _saved().archived_at is not None
    assert tmf.post(f"/initiatives/{green_teams}/restore").status_code == 302
    assert _saved().archived_at is None


def test_a_partner_edits_the_content_adds_a_partner_and_may_leave(login, ref, green_teams):
    sof, admins = login("sof"), ref.administrations
    response = _edit(sof, ref, green_teams, summary="Nu også om vinteren.",
                     partner_administrations=[admins["SOF"].id, admins["BIF"].id, admins["KFF"].id])
    assert response.status_code == 302
    saved = _saved()
    assert saved.summary == "Nu også om vinteren."
    assert _codes(saved.partner_administrations) == {"SOF", "BIF", "KFF"}

    leaving = _edit(sof, ref, green_teams, summary="Nu også om vinteren.",
                    partner_administrations=[admins["BIF"].id, admins["KFF"].id])
    assert leaving.status_code == 302
    assert _codes(_saved().partner_administrations) == {"BIF", "KFF"}
    assert sof.get(f"/initiatives/{green_teams}/edit").status_code == 403


def test_a_partner_organisation_may_leave_but_not_remove_an_administration(app, login, ref, green_teams):
    create_user("frida@fsb.example", "Frida fsb", "koordinator", PASSWORD, organisation_name="fsb")
    db.session.commit()
    fsb = OwnContextClient(app, app.response_class, use_cookies=True)
    assert fsb.post("/login", data={"email": "frida@fsb.example", "password": PASSWORD}).status_code == 302

    assert _edit(fsb, ref, green_teams, partner_administrations=[ref.administrations["SOF"].id]).status_code == 400
    assert _edit(fsb, ref, green_teams, partner_organisations=[]).status_code == 302
    saved = _saved()
    assert saved.partner_organisations == [] and _codes(saved.partner_administrations) == {"SOF", "BIF"}


@pytest.mark.parametrize("who", ["tmf", "admin"])
def test_the_lead_hands_on_the_lead_removes_partners_and_archives(login, ref, green_teams, who):
    client = login(who)
    admins = ref.administrations
    response = _edit(client, ref, green_teams, lead_administration=admins["SOF"].id,
                     partner_administrations=[admins["TMF"].id], partner_organisations=[])

    assert response.status_code == 302
    saved = _saved()
    assert saved.lead_administration.code == "SOF"
    assert _codes(saved.partner_administrations) == {"TMF"} and saved.partner_organisations == []
    # TMF is a partner now: archiving is SOF's (and the admin's) decision.
    archived = client.post(f"/initiatives/{green_teams}/archive")
    assert archived.status_code == (302 if who == "admin" else 403)


def test_the_form_shows_a_partner_the_lead_and_other_partners_as_fixed(login, ref, green_teams):
    admins = ref.administrations
    page = login("sof").get(f"/initiatives/{green_teams}/edit").get_data(as_text=True)

    lead = re.search(r'<select[^>]*name="lead_administration"[^>]*>', page).group(0)
    assert "disabled" in lead
    assert f'<input type="hidden" name="lead_administration" value="{admins["TMF"].id}">' in page
    assert LEAD_REFUSED in page
    bif = re.search(rf'<input[^>]*name="partner_administrations"[^>]*value="{admins["BIF"].id}"[^>]*>', page).group(0)
    own = re.search(rf'<input[^>]*name="partner_administrations"[^>]*value="{admins["SOF"].id}"[^>]*>', page).group(0)
    assert "disabled" in bif and "disabled" not in own and is_checked(page, "partner_administrations", admins["SOF"].id)

    lead_page = login("tmf").get(f"/initiatives/{green_teams}/edit").get_data(as_text=True)
    assert "disabled" not in lead_page and LEAD_REFUSED not in lead_page
