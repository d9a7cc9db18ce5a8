"""Creating an initiative: a coordinator records it in a few minutes, sees it at once on the initiative
page and on every area page it belongs to; wrong input is explained next to the field and nothing is saved."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from tests.initiatives.conftest import initiative_form, is_checked
from tracker.core.clock import today
from tracker.extensions import db
from tracker.initiatives.models import Initiative


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(Initiative))


def test_the_new_form_starts_with_the_coordinators_administration_as_lead_active_from_today(login, ref):
    page = login("tmf").get("/initiatives/new").get_data(as_text=True)
    tmf = ref.administrations["TMF"].id
    assert "<h1>Ny indsats</h1>" in page
    assert re.search(rf'<option selected value="{tmf}">TMF – Teknik- og Miljøforvaltningen</option>', page)
    assert re.search(r'<option selected value="active">Aktiv</option>', page)
    assert f'name="start_date" type="date" value="{today().isoformat()}"' in page
    assert page.count('name="key_figures-') == 2 * 4  # two empty rows of label, value, unit, year


def test_a_coordinator_creates_an_initiative_in_two_areas_with_partners(login, ref):
    client = login("tmf")
    form = initiative_form(ref, **{"key_figures-1-label": "Beboere på overførselsindkomst",
                                   "key_figures-1-value": "-10,1", "key_figures-1-unit": "procentpoint",
                                   "key_figures-1-year": "2013"})
    response = client.post("/initiatives/new", data=form)
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Indsatsen »Green Teams« er oprettet." in page
    assert "<h1>Green Teams</h1>" in page
    assert "TMF – Teknik- og Miljøforvaltningen" in page
    assert "SOF – Socialforvaltningen" in page
    assert "fsb" in page and "Boligorganisation" in page
    assert ">Bispebjerg</a>" in page and ">Nørrebro</a>" in page
    assert "Mjølnerparken" in page and "Beskæftigelse" in page and "Inklusion på arbejdsmarkedet" in page
    assert "Beboere på overførselsindkomst" in page and "-10,1" in page
    for area in ("norrebro", "bispebjerg"):
        area_page = client.get(f"/areas/{area}").get_data(as_text=True)
        assert "Green Teams" in area_page, area
    assert "Green Teams" not in client.get("/areas/valby-vigerslev").get_data(as_text=True)


def test_an_admin_may_create_for_any_administration(login, ref):
    form = initiative_form(ref, lead_administration=ref.administrations["BUF"].id, partner_administrations=[])
    assert login("admin").post("/initiatives/new", data=form).status_code == 302


def test_a_place_outside_the_six_areas_is_enough(login, ref):
    form = initiative_form(ref, areas=[], places=[ref.places["Indre Nørrebro"].id])
    assert login("tmf").post("/initiatives/new", data=form).status_code == 302


TOO_LONG = "x" * 201


@pytest.mark.parametrize(("changes", "field_id", "message"), [
    ({"start_date": "2014-01-01", "end_date": "2013-01-01"}, "end_date",
     "Slutdatoen kan ikke ligge før startdatoen."),
    ({"partner_administrations": []} | {"lead_administration": None}, "lead_administration",
     "Vælg den ansvarlige forvaltning."),
    ({"areas": [], "places": []}, "areas", "Angiv mindst ét område eller sted."),
    ({"key_figures-1-label": "Deltagere i kursus", "key_figures-1-value": "mange", "key_figures-1-year": "2013"},
     "key_figures-1-value", "&#39;mange&#39; er ikke et tal."),
    ({"key_figures-1-label": "Deltagere i kursus", "key_figures-1-value": "12", "key_figures-1-year": "20x3"},
     "key_figures-1-year", "Skriv årstallet med fire cifre, fx 2013."),
    ({"key_figures-2-label": "Deltagere i kursus", "key_figures-2-year": "2013"},
     "key_figures-2-value", "Nøgletallet &#39;Deltagere i kursus&#39; mangler en værdi."),
    ({"title": TOO_LONG}, "title", "Teksten må højst have 200 tegn (har 201)."),
    ({"title": "   "}, "title", "Feltet skal udfyldes."),
    ({"start_date": "1. januar"}, "start_date", "Skriv datoen som åååå-mm-dd, fx 2013-03-12."),
    ({"start_date": "1900-01-01"}, "start_date", "Datoen skal ligge mellem 1990 og 2100."),
    ({"areas": ["999999"]}, "areas", "Et af valgene findes ikke (længere). Vælg igen."),
    ({"partner_organisations": ["<script>"]}, "partner_organisations",
     "Et af valgene findes ikke (længere). Vælg igen."),
    ({"status": "'; DROP TABLE initiatives; --"}, "status", "Ugyldig værdi"),
])
def test_invalid_input_is_explained_next_to_the_field_and_nothing_is_saved(login, ref, changes, field_id,
                                                                           message):
    form = initiative_form(ref, summary="Mit resumé skal ikke gå tabt.", **changes)
    if form["lead_administration"] is None:
        form["lead_administration"] = ""
    response = login("tmf").post("/initiatives/new", data=form)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert f'<span class="form-error-message" id="{field_id}-error">' in page
    assert message in page[page.index(f'id="{field_id}-error"'):][:400]
    assert "Der er 1 fejl i formularen" in page or "fejl i formularen" in page
    # every value entered is kept
    assert "Mit resumé skal ikke gå tabt." in page
    assert is_checked(page, "places", ref.places["Mjølnerparken"].id) or not form["places"]
    assert is_checked(page, "partner_organisations", ref.organisations["fsb"].id) or "partner_organisations" in changes
    assert 'value="Deltagere"' in page
    assert _count() == 0


def test_the_lead_cannot_also_be_a_partner(login, ref):
    form = initiative_form(ref, partner_administrations=[ref.administrations["TMF"].id])
    page = login("tmf").post("/initiatives/new", data=form).get_data(as_text=True)
    assert "TMF er ansvarlig forvaltning og kan ikke også være partner." in page
    assert _count() == 0


def test_all_problems_are_shown_at_once(login, ref):
    form = initiative_form(ref, title="", areas=[], places=[], start_date="2014-01-01", end_date="2013-01-01")
    response = login("tmf").post("/initiatives/new", data=form)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Der er 3 fejl i formularen" in page
    for message in ("Feltet skal udfyldes.", "Slutdatoen kan ikke ligge før startdatoen.",
                    "Angiv mindst ét område eller sted."):
        assert message in page


def test_a_title_already_in_use_is_refused(login, ref):
    client = login("tmf")
    assert client.post("/initiatives/new", data=initiative_form(ref)).status_code == 302
    response = client.post("/initiatives/new", data=initiative_form(ref))
    assert response.status_code == 400
    assert "Der findes allerede en indsats med titlen &#39;Green Teams&#39;." in response.get_data(as_text=True)
    assert _count() == 1


def test_a_coordinator_must_keep_their_own_administration_among_the_participants(login, ref):
    client = login("sof")
    form = initiative_form(ref, partner_administrations=[ref.administrations["BIF"].id])
    response = client.post("/initiatives/new", data=form)
    assert response.status_code == 400
    assert "Din forvaltning eller organisation skal være ansvarlig eller partner" in response.get_data(as_text=True)
    assert _count() == 0
    form["partner_administrations"] = [ref.administrations["SOF"].id]
    assert client.post("/initiatives/new", data=form).status_code == 302


def test_hostile_text_is_stored_as_text_and_shown_escaped(login, ref):
    client = login("tmf")
    form = initiative_form(ref, title="<script>alert(1)</script>", summary="Robert'); DROP TABLE x;--\x00")
    response = client.post("/initiatives/new", data=form)
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
