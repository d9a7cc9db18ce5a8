"""The initiative list narrows by area, administration (lead/partner), theme, status and year, pages
through thousands, shrugs off nonsense in the address; the initiative page shows everything about one."""
from __future__ import annotations

import re
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from tests.factories import add_initiatives, make_initiative
from tracker.extensions import db
from tracker.models import CooperationEntry, KeyFigure


def _titles(html: str) -> set[str]:
    return set(re.findall(r'href="/initiatives/\d+">([^<]+)</a>', html))


@pytest.fixture(autouse=True)
def mid_2014(app):
    """The initiatives here are dated around 2013, so the pages are read in mid-2014, while Green Teams and
    Lab2700 still run (past their end dates they would show as expired, tests/initiatives/test_expiry.py)."""
    app.config["TODAY"] = date(2014, 6, 1)


@pytest.fixture
def three(ref):
    """Three initiatives that differ in every filter."""
    walks = make_initiative(ref, "Tryghedsvandringer", "TMF", status="finished",
                            start_date=date(2010, 3, 1), end_date=date(2012, 11, 30))
    walks.areas = [ref.areas["husum-tingbjerg"], ref.areas["bispebjerg"]]
    walks.partner_administrations = [ref.administrations["SOF"]]
    walks.themes = [ref.themes["tryghed"]]
    lab = make_initiative(ref, "Lab2700", "BIF", status="active", start_date=date(2012, 1, 1))
    lab.areas = [ref.areas["bispebjerg"]]
    lab.partner_administrations = [ref.administrations["TMF"]]
    lab.themes = [ref.themes["beskaeftigelse"]]
    teams = make_initiative(ref, "Green Teams", "TMF", status="active", start_date=date(2013, 1, 1),
                            end_date=date(2014, 12, 31))
    teams.areas = [ref.areas["norrebro"]]
    teams.themes = [ref.themes["beskaeftigelse"]]
    make_initiative(ref, "Gammel arkiveret", "TMF", archived_at=datetime(2013, 1, 1, tzinfo=UTC))
    db.session.commit()


@pytest.mark.parametrize(("query", "expected"), [
    ("", {"Tryghedsvandringer", "Lab2700", "Green Teams"}),
    ("?area=bispebjerg", {"Tryghedsvandringer", "Lab2700"}),
    ("?administration=TMF", {"Tryghedsvandringer", "Lab2700", "Green Teams"}),
    ("?administration=TMF&role=lead", {"Tryghedsvandringer", "Green Teams"}),
    ("?administration=TMF&role=partner", {"Lab2700"}),
    ("?administration=SOF&role=either", {"Tryghedsvandringer"}),
    ("?theme=beskaeftigelse", {"Lab2700", "Green Teams"}),
    ("?status=active", {"Lab2700", "Green Teams"}),
    ("?year=2011", {"Tryghedsvandringer"}),
    ("?year=2013", {"Lab2700", "Green Teams"}),  # Lab2700 has no end: still running
    ("?year=2016", {"Lab2700"}),
    ("?area=bispebjerg&status=active&administration=BIF&role=lead&theme=beskaeftigelse&year=2012", {"Lab2700"}),
])
def test_filters_narrow_the_list(reader, three, query, expected):
    response = reader.get("/initiatives/" + query)
    assert response.status_code == 200
    assert _titles(response.get_data(as_text=True)) == expected


def test_archived_initiatives_are_hidden_from_the_list(reader, three):
    assert "Gammel arkiveret" not in reader.get("/initiatives/").get_data(as_text=True)


def test_a_row_shows_lead_partners_areas_status_and_period(reader, three):
    html = reader.get("/initiatives/?theme=tryghed").get_data(as_text=True)
    assert ">TMF<" in html and ">SOF<" in html
    assert "Bispebjerg, Husum/Tingbjerg" in html
    assert "Afsluttet" in html
    assert "1. mar. 2010 – 30. nov. 2012" in html


@pytest.mark.parametrize("query", [
    "?area=atlantis", "?administration=XYZ", "?theme=nope", "?status=maybe", "?year=abc", "?year=99999",
    "?year=-1", "?role=boss", "?page=abc", "?page=-3", "?page=0", "?area=%00", "?year=2013&page=1.5",
    "?area=bispebjerg&area=norrebro", "?administration=" + "A" * 5000,
])
def test_nonsense_in_the_address_gives_the_list_not_an_error(reader, three, query):
    response = reader.get("/initiatives/" + query)
    assert response.status_code == 200
    assert "<h1>Indsatser</h1>" in response.get_data(as_text=True)


def test_an_unknown_filter_value_is_explained(reader, three):
    html = reader.get("/initiatives/?area=atlantis&year=abc").get_data(as_text=True)
    assert "Området findes ikke: »atlantis«" in html
    assert "Skriv et årstal mellem 1990 og 2100" in html
    assert _titles(html) == {"Tryghedsvandringer", "Lab2700", "Green Teams"}


def test_no_match_says_what_to_do(reader, three):
    html = reader.get("/initiatives/?area=valby-vigerslev").get_data(as_text=True)
    assert "Ingen indsatser passer til filtrene" in html
    assert "Nulstil filtre" in html


def test_the_list_pages_and_keeps_its_filters(reader, ref, app):
    app.config["TODAY"] = date(2010, 1, 1)  # before any of them ends: every planned one is still planned
    add_initiatives(ref, 120)
    db.session.commit()
    per_page = app.config["PAGE_SIZE"]
    first = reader.get("/initiatives/?status=planned").get_data(as_text=True)
    second = reader.get("/initiatives/?status=planned&page=2").get_data(as_text=True)
    assert len(_titles(first)) == per_page
    assert _titles(first).isdisjoint(_titles(second)) and _titles(second)
    assert 'href="/initiatives/?page=2&amp;status=planned"' in first
    assert reader.get("/initiatives/?status=planned&page=500").status_code == 404


def test_initiative_page_shows_everything_about_it(reader, ref):
    lab = make_initiative(ref, "Lab2700", "BIF", summary="Iværksætteri og socialøkonomi i Nordvest.",
                          start_date=date(2012, 1, 1), end_date=date(2014, 12, 31))
    lab.partner_administrations = [ref.administrations["TMF"], ref.administrations["KFF"]]
    lab.partner_organisations = [ref.organisations["fsb"]]
    lab.areas = [ref.areas["bispebjerg"]]
    lab.places = [ref.places["Bispeparken"]]
    lab.themes = [ref.themes["beskaeftigelse"]]
    lab.goals = [ref.goals[5]]
    lab.policy_areas = [ref.policy_areas[1]]
    lab.key_figures = [KeyFigure(label="Unge gennem iværksætterforløb", value=Decimal("75"), unit="personer",
                                 year=2012),
                       KeyFigure(label="Borgere i dialog", value=Decimal("1300"), unit="personer", year=2012)]
    db.session.add_all([
        CooperationEntry(date=date(2012, 3, 1), kind="meeting", text="Opstartsmøde med fsb.", initiative=lab),
        CooperationEntry(date=date(2013, 2, 1), kind="result", text="75 unge gennemførte forløbet.",
                         initiative=lab, administrations=[ref.administrations["BIF"]]),
        CooperationEntry(date=date(2013, 3, 1), kind="result", text="Arkiveret linje.", initiative=lab,
                         archived_at=datetime(2013, 4, 1, tzinfo=UTC)),
    ])
    db.session.commit()

    html = reader.get(f"/initiatives/{lab.id}").get_data(as_text=True)

    assert "<h1>Lab2700</h1>" in html
    assert "Iværksætteri og socialøkonomi i Nordvest." in html
    assert "Aktiv" in html and "1. jan. 2012 – 31. dec. 2014" in html
    assert "BIF – Beskæftigelses- og Integrationsforvaltningen" in html
    assert "KFF – Kultur- og Fritidsforvaltningen" in html and "TMF – Teknik- og Miljøforvaltningen" in html
    assert "fsb" in html and "Boligorganisation" in html
    assert "Bispebjerg" in html and "Bispeparken" in html
    assert "Beskæftigelse" in html
    assert "2. Inklusion på arbejdsmarkedet" in html
    assert "Flere i job i Bispebjerg" in html and "Udviklingsplan for Bispebjerg" in html
    assert "Unge gennem iværksætterforløb" in html and "1.300" in html
    assert html.index("75 unge gennemførte forløbet.") < html.index("Opstartsmøde med fsb.")
    assert "Arkiveret linje." not in html


def test_an_archived_initiative_still_opens_with_a_notice(reader, ref):
    old = make_initiative(ref, "Gammel", "TMF", archived_at=datetime(2013, 1, 1, tzinfo=UTC))
    db.session.commit()
    html = reader.get(f"/initiatives/{old.id}").get_data(as_text=True)
    assert "Indsatsen er arkiveret" in html


def test_unknown_initiative_is_404(reader, ref):
    assert reader.get("/initiatives/424242").status_code == 404
