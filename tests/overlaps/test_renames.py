"""A renamed body or a recoded administration shows at once in the overlap list and its papers: the stored
evidence names them, and is read again for the pairs it names them in (not left for the nightly full run)."""
from __future__ import annotations

from datetime import date
from io import BytesIO

import docx
import openpyxl
import pytest
from sqlalchemy import select

from tests.factories import make_initiative
from tracker.bodies.services import MeetingInput, add_meeting, upsert_body
from tracker.extensions import db
from tracker.initiatives.models import Initiative
from tracker.log.models import CooperationEntry
from tracker.overlaps.models import OverlapState
from tracker.overlaps.review import store

SUMMARY = ("Tryghedsvandringer om aftenen med beboere, boligsociale medarbejdere og politi i bebyggelsens "
           "gårde, stier og opgange, med belysning og patruljer som opfølgning.")


@pytest.fixture(params=["one_by_one", "full_run"])
def taken_in(request, monkeypatch):
    """Changes taken in one initiative at a time, as at a city's scale, or by a full run, as in a small one."""
    if request.param == "one_by_one":
        monkeypatch.setattr(store, "FULL_MIN", 0)
        monkeypatch.setattr(store, "FULL_SHARE", 1.0)
    return request.param


@pytest.fixture
def met_pair(ref, taken_in):
    """TMF's and SOF's walks in Tingbjerg, talked about at a meeting of the team both attended."""
    period = {"start_date": date(2013, 1, 1), "end_date": date(2014, 12, 31)}
    walks = make_initiative(ref, "Tryghedsvandringer i Tingbjerg", "TMF", summary=SUMMARY,
                            areas=[ref.areas["husum-tingbjerg"]], themes=[ref.themes["tryghed"]], **period)
    make_initiative(ref, "Aftenvandringer i Tingbjerg", "SOF", summary=SUMMARY,
                    areas=[ref.areas["husum-tingbjerg"]], themes=[ref.themes["tryghed"]], **period)
    meeting = add_meeting(ref.bodies["team"], MeetingInput(
        date(2013, 5, 2), "Vandringer i Tingbjerg", [ref.administrations["TMF"], ref.administrations["SOF"]]))
    db.session.add(CooperationEntry(date=meeting.date, kind="meeting", initiative=walks, meeting=meeting,
                                    text="Teamet drøftede vandringerne.",
                                    administrations=[ref.administrations["TMF"]]))
    db.session.commit()
    return ref


def _list(client) -> str:
    response = client.get("/overlaps/?strength=all")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _xlsx(client) -> str:
    response = client.get("/overlaps/export.xlsx?strength=all")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(BytesIO(response.data)).active
    return "\n".join(str(value) for row in sheet.iter_rows(values_only=True) for value in row if value is not None)


def _docx(client) -> str:
    response = client.get("/overlaps/export.docx?strength=all")
    assert response.status_code == 200
    document = docx.Document(BytesIO(response.data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _seen(client) -> str:
    return "\n".join((_list(client), _xlsx(client), _docx(client)))


def _updated_since() -> int:
    return db.session.scalar(select(OverlapState.updated_since))


def test_a_renamed_body_shows_in_the_list_and_papers_shown_before(met_pair, login, taken_in):
    reviewer = login("styregruppe")
    before = _seen(reviewer)
    assert before.count("begge deltog i møde om indsatsen (Tværkommunalt Team, ") == 3, "page, workbook, paper"

    met_pair.bodies["team"].name = "Det Tværgående Team"
    db.session.commit()
    after = _seen(reviewer)
    assert after.count("begge deltog i møde om indsatsen (Det Tværgående Team, ") == 3
    assert "Tværkommunalt Team" not in after
    if taken_in == "one_by_one":
        assert _updated_since() == 0, "only the evidence was read again, no initiative detected again"


def test_a_recoded_administration_shows_in_the_partnership_shown_before(met_pair, login, taken_in):
    walks = db.session.scalar(select(CooperationEntry.initiative_id))
    db.session.get(Initiative, walks).partner_administrations = [met_pair.administrations["SOF"]]
    db.session.commit()
    reviewer = login("styregruppe")
    assert "TMF og SOF er med på hinandens indsats" in _list(reviewer)

    met_pair.administrations["SOF"].code = "SOCI"
    db.session.commit()
    after = _seen(reviewer)
    assert after.count("TMF og SOCI er med på hinandens indsats") == 3, "page, workbook, paper"
    assert "SOF er med" not in after
    if taken_in == "one_by_one":
        assert _updated_since() == 0, "only the evidence was read again, no initiative detected again"


def test_a_body_moved_to_another_area_shows_its_seats_where_it_sits_now(met_pair, login):
    """The shared seats are read when shown: a forum moved to the pair's area shows as a seat both hold."""
    reviewer = login("styregruppe")
    forum = met_pair.bodies["forum-amager-sundby"]
    forum.memberships[0].administration, forum.memberships[0].organisation = met_pair.administrations["TMF"], None
    db.session.commit()
    assert "begge sidder i Boligsocialt forum" not in _list(reviewer)

    upsert_body(forum.name, forum.kind, forum.level, area=met_pair.areas["husum-tingbjerg"])
    db.session.commit()
    assert "begge sidder i Boligsocialt forum Amager/Sundby" in _list(reviewer)


def test_a_renamed_body_shows_in_the_signs_of_a_topic_in_the_papers(met_pair, login):
    """A topic of several pairs is summed up in the papers by its signs of coordination, kept with the topic."""
    make_initiative(met_pair, "Nattevandringer i Tingbjerg", "BIF", summary=SUMMARY,
                    areas=[met_pair.areas["husum-tingbjerg"]], themes=[met_pair.themes["tryghed"]],
                    start_date=date(2013, 1, 1), end_date=date(2014, 12, 31))
    db.session.commit()
    reviewer = login("styregruppe")
    assert "3 par" in _list(reviewer), "the three walks are one topic"
    assert "begge deltog i møde om indsatsen (Tværkommunalt Team, " in _xlsx(reviewer)

    met_pair.bodies["team"].name = "Det Tværgående Team"
    db.session.commit()
    workbook = _xlsx(reviewer)
    assert "begge deltog i møde om indsatsen (Det Tværgående Team, " in workbook
    assert "Tværkommunalt Team" not in workbook
