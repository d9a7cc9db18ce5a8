"""The domain services' rules, with the Danish messages forms and the seed loader show."""
from __future__ import annotations

from datetime import date

import pytest

from tracker.areas.services import GoalInput, upsert_area, upsert_place, upsert_plan
from tracker.bodies.services import upsert_body, upsert_meeting, upsert_membership
from tracker.core.errors import ValidationError
from tracker.initiatives.services import InitiativeInput, KeyFigureInput, create_initiative, save_initiative
from tracker.log.entry_services import save_entry
from tracker.organisation.services import upsert_administration


@pytest.fixture
def tmf(app):
    return upsert_administration("TMF", "Teknik- og Miljøforvaltningen", "Teknik- og Miljøudvalget")


@pytest.fixture
def sof(app):
    return upsert_administration("SOF", "Socialforvaltningen", "Socialudvalget")


@pytest.fixture
def bispebjerg(app):
    return upsert_area("Bispebjerg", "bispebjerg", aliases=["Bispebjerg/Nordvest"])


def _initiative(tmf, bispebjerg, **changes) -> InitiativeInput:
    return InitiativeInput(**{"title": "Green Teams", "lead_administration": tmf, "status": "active",
                              "areas": [bispebjerg], **changes})


def _refused(data: InitiativeInput) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        save_initiative(data)
    return caught.value


def test_an_initiative_cannot_end_before_it_starts(tmf, bispebjerg):
    error = _refused(_initiative(tmf, bispebjerg, start_date=date(2013, 5, 1), end_date=date(2013, 4, 30)))

    assert (error.field, error.message) == ("end_date", "Slutdatoen kan ikke ligge før startdatoen.")


def test_the_lead_administration_cannot_also_be_a_partner(tmf, sof, bispebjerg):
    error = _refused(_initiative(tmf, bispebjerg, partner_administrations=[sof, tmf]))

    assert error.field == "partner_administrations"
    assert error.message == "TMF er ansvarlig forvaltning og kan ikke også være partner."


def test_an_initiative_needs_an_area_or_a_place(tmf, bispebjerg):
    error = _refused(_initiative(tmf, bispebjerg, areas=[]))

    assert (error.field, error.message) == ("areas", "Angiv mindst ét område eller sted.")


def test_an_initiative_outside_the_six_areas_may_have_a_place_only(tmf, bispebjerg):
    indre = upsert_place("Indre Nørrebro", "district")

    initiative = save_initiative(_initiative(tmf, bispebjerg, areas=[], places=[indre]))

    assert initiative.places == [indre] and initiative.areas == []


def test_an_unknown_status_is_refused(tmf, bispebjerg):
    error = _refused(_initiative(tmf, bispebjerg, status="måske"))

    assert error.field == "status" and "planned, active, finished, stopped" in error.message


def test_title_and_summary_have_limits(tmf, bispebjerg):
    assert _refused(_initiative(tmf, bispebjerg, title="x" * 201)).field == "title"
    assert _refused(_initiative(tmf, bispebjerg, summary="x" * 5001)).field == "summary"


def test_key_figures_must_be_numbers_in_a_plausible_year(tmf, bispebjerg):
    not_a_number = _refused(_initiative(tmf, bispebjerg, key_figures=[KeyFigureInput("Deltagere", "mange", 2012)]))
    wrong_year = _refused(_initiative(tmf, bispebjerg, key_figures=[KeyFigureInput("Deltagere", 40, 1890)]))

    assert (not_a_number.field, not_a_number.message) == ("key_figures", "'mange' er ikke et tal.")
    assert (wrong_year.field, wrong_year.message) == ("key_figures", "Årstallet skal være mellem 1990 og 2100.")


def test_saving_by_title_updates_the_initiative_and_replaces_its_key_figures(tmf, bispebjerg):
    first = save_initiative(_initiative(tmf, bispebjerg, key_figures=[KeyFigureInput("Deltagere", 40, 2012)]))
    again = save_initiative(_initiative(tmf, bispebjerg, status="finished",
                                        key_figures=[KeyFigureInput("Deltagere", "-10,1", 2013)]))

    assert again is first and again.status == "finished"
    assert [(str(k.value), k.year) for k in again.key_figures] == [("-10.10", 2013)]


def test_creating_an_initiative_with_a_taken_title_is_refused(tmf, bispebjerg):
    save_initiative(_initiative(tmf, bispebjerg))

    with pytest.raises(ValidationError) as caught:
        create_initiative(_initiative(tmf, bispebjerg))

    assert caught.value.field == "title"


def test_an_alias_cannot_be_another_areas_name(bispebjerg):
    with pytest.raises(ValidationError) as caught:
        upsert_area("Nordvest", "nordvest", aliases=["Bispebjerg"])

    assert caught.value.message == "Navnet 'Bispebjerg' bruges allerede af området 'Bispebjerg'."


def test_a_plan_keeps_goals_matched_by_title_when_updated(bispebjerg):
    plan = upsert_plan(bispebjerg, "Udviklingsplan for Bispebjerg", "adopted", 2012,
                       goals=[GoalInput("Tryghed"), GoalInput("Flere i job")])
    tryghed = plan.goals[0]

    plan = upsert_plan(bispebjerg, "Udviklingsplan for Bispebjerg", "adopted", 2012,
                       goals=[GoalInput("Flere i job"), GoalInput("Tryghed", "Tryg overalt")])

    assert [g.title for g in plan.goals] == ["Flere i job", "Tryghed"]
    assert plan.goals[1] is tryghed and tryghed.description == "Tryg overalt"


def test_a_seat_is_updated_not_repeated_and_a_meeting_must_fall_in_the_bodys_period(tmf, bispebjerg):
    body = upsert_body("Boligsocialt forum Bispebjerg", "boligsocialt_forum", "leader", area=bispebjerg,
                       start_date=date(2012, 1, 1))
    upsert_membership(body, "Leder", administration=tmf)
    upsert_membership(body, "Leder", administration=tmf, start_date=date(2012, 1, 1))

    assert len(body.memberships) == 1
    with pytest.raises(ValidationError) as caught:
        upsert_meeting(body, date(2011, 6, 1))
    assert caught.value.field == "date"


def test_a_boligsocialt_forum_belongs_to_an_area(app):
    with pytest.raises(ValidationError) as caught:
        upsert_body("Forum uden område", "boligsocialt_forum", "leader")

    assert (caught.value.field, caught.value.message) == ("area", "Et boligsocialt forum hører til et område.")


def test_a_log_entry_is_matched_by_date_kind_and_text(tmf, bispebjerg):
    first = save_entry(date(2013, 3, 1), "result", "Bedre belysning", areas=[bispebjerg])
    again = save_entry(date(2013, 3, 1), "result", "Bedre belysning", administrations=[tmf])

    assert again is first and again.administrations == [tmf] and again.areas == []


def test_a_log_entry_needs_a_known_kind(app):
    with pytest.raises(ValidationError) as caught:
        save_entry(date(2013, 3, 1), "rygte", "Noget skete")

    assert caught.value.field == "kind"
