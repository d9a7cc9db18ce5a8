"""The facts a report is drafted from: which period, which bodies, initiatives and log entries, as plain data."""
from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from tests.factories import add_initiatives, add_meetings, make_initiative
from tracker.core.errors import ValidationError
from tracker.extensions import db
from tracker.models import CooperationEntry, KeyFigure, Meeting, Membership
from tracker.reports.drafting.facts import default_period, gather_facts

PERIOD = (date(2012, 1, 1), date(2013, 12, 31))


def test_the_report_for_a_year_covers_the_year_before_and_the_year_itself_up_to_today():
    assert default_period(2013, today=date(2013, 4, 15)) == (date(2012, 1, 1), date(2013, 4, 15))
    assert default_period(2013, today=date(2014, 3, 1)) == (date(2012, 1, 1), date(2013, 12, 31))
    assert default_period(2013) == (date(2012, 1, 1), date(2013, 12, 31))  # written long after


def test_bodies_are_those_where_the_administration_has_a_seat_with_the_meetings_it_attended(ref):
    tmf, bif = ref.administrations["TMF"], ref.administrations["BIF"]
    team, forum = ref.bodies["team"], ref.bodies["forum-norrebro"]
    # The team's factory meeting (1 March 2013) had TMF there; one before the period, one without TMF.
    team.meetings.append(Meeting(date=date(2011, 5, 1), administrations=[tmf]))
    team.meetings.append(Meeting(date=date(2013, 6, 1), administrations=[bif]))
    forum.memberships.append(Membership(role="Leder", administration=tmf))
    ref.bodies["styregruppe"].memberships.append(
        Membership(role="Chefrepræsentant", administration=tmf, end_date=date(2011, 12, 31)))  # ended before
    db.session.commit()
    attended = next(m for m in team.meetings if m.date == date(2013, 3, 1))

    facts = gather_facts(tmf.id, *PERIOD)

    assert [b["name"] for b in facts["bodies"]] == ["Tværkommunalt Team", "Boligsocialt forum Nørrebro"]
    team_facts, forum_facts = facts["bodies"]
    assert (team_facts["kind"], team_facts["level"]) == ("tvaerkommunalt_team", "staff")
    assert (team_facts["meetings_held"], team_facts["meetings_attended"]) == (2, 1)
    assert team_facts["meetings"] == [{"id": attended.id, "date": "2013-03-01"}]
    assert team_facts["roles"] == ["Medarbejderrepræsentant"]
    assert len(team_facts["member_administrations"]) == 7
    assert forum_facts["area"] == "Nørrebro"
    assert forum_facts["member_administrations"] == ["SOF", "TMF"]
    assert forum_facts["member_organisations"] == [{"name": "fsb", "kind": "housing_association"}]


def test_initiatives_are_those_it_leads_or_joins_with_partners_places_figures_and_results(ref):
    admins, orgs = ref.administrations, ref.organisations
    joint = make_initiative(
        ref, "Fælles tryghedsindsats", "TMF", start_date=date(2012, 1, 1),
        partner_administrations=[admins["BIF"]], partner_organisations=[orgs["fsb"]],
        areas=[ref.areas["norrebro"]], places=[ref.places["Indre Nørrebro"], ref.places["Mjølnerparken"]],
        themes=[ref.themes["tryghed"]], policy_areas=[ref.policy_areas[0]],
        key_figures=[KeyFigure(label="Beboere på overførselsindkomst", value=Decimal("-10.10"),
                               unit="procentpoint", year=2012)])
    make_initiative(ref, "Lektiehjælp", "BUF", partner_administrations=[admins["TMF"]])
    make_initiative(ref, "Andres indsats", "SOF", partner_administrations=[admins["BIF"]])
    make_initiative(ref, "Arkiveret indsats", "TMF", archived_at=datetime(2013, 1, 1, tzinfo=UTC))
    make_initiative(ref, "Overstået indsats", "TMF", start_date=date(2010, 1, 1), end_date=date(2011, 6, 30))
    result = CooperationEntry(date=date(2013, 2, 1), kind="result", text="Bedre lys.", initiative=joint)
    db.session.add(result)
    db.session.commit()

    facts = gather_facts(admins["TMF"].id, *PERIOD)

    assert [(i["title"], i["role"]) for i in facts["initiatives"]] == [
        ("Fælles tryghedsindsats", "lead"), ("Lektiehjælp", "partner")]
    shown = facts["initiatives"][0]
    assert shown["lead"]["code"] == "TMF"
    assert [p["code"] for p in shown["partner_administrations"]] == ["BIF"]
    assert shown["outside_partners"] == [{"id": orgs["fsb"].id, "name": "fsb", "kind": "housing_association"}]
    assert shown["areas"] == ["Nørrebro"]
    assert shown["places"] == [{"name": "Indre Nørrebro", "area": None}, {"name": "Mjølnerparken", "area": "Nørrebro"}]
    assert shown["themes"] == ["Tryghed"]
    assert shown["policy_areas"] == [{"number": 1, "name": "Alle børn og unge skal have en god start på livet"}]
    assert [(f["label"], f["value"], f["year"]) for f in shown["key_figures"]] == [
        ("Beboere på overførselsindkomst", "-10.1", 2012)]
    assert shown["results"] == [{"id": result.id, "date": "2013-02-01", "text": "Bedre lys."}]
    assert facts["initiatives"][1]["lead"]["code"] == "BUF"


def test_log_entries_are_the_results_challenges_and_recommendations_of_the_period_that_concern_it(ref):
    admins = ref.administrations
    joined = make_initiative(ref, "Lektiehjælp", "BUF", partner_administrations=[admins["TMF"]])
    others = make_initiative(ref, "Andres indsats", "SOF")

    def entry(day, kind, text, **fields):
        made = CooperationEntry(date=day, kind=kind, text=text, **fields)
        db.session.add(made)
        return made

    challenge = entry(date(2012, 5, 1), "challenge", "Svært at nå de unge.", body=ref.bodies["team"],
                      administrations=[admins["TMF"]])
    about_joined = entry(date(2013, 9, 1), "recommendation", "Flere frivillige.", initiative=joined)
    entry(date(2012, 6, 1), "meeting", "Et møde.", administrations=[admins["TMF"]])
    entry(date(2011, 1, 1), "recommendation", "For gammel.", administrations=[admins["TMF"]])
    entry(date(2013, 1, 1), "result", "Andres resultat.", initiative=others, administrations=[admins["SOF"]])
    entry(date(2013, 1, 2), "challenge", "Arkiveret.", administrations=[admins["TMF"]],
          archived_at=datetime(2013, 2, 1, tzinfo=UTC))
    db.session.commit()

    facts = gather_facts(admins["TMF"].id, *PERIOD)

    assert [(e["id"], e["kind"]) for e in facts["entries"]] == [
        (challenge.id, "challenge"), (about_joined.id, "recommendation")]
    first = facts["entries"][0]
    assert (first["body_id"], first["body_name"], first["administrations"]) == (
        ref.bodies["team"].id, "Tværkommunalt Team", ["TMF"])
    assert facts["entries"][1]["initiative_title"] == "Lektiehjælp"


def test_the_facts_are_plain_data_that_a_json_round_trip_leaves_unchanged(ref):
    add_initiatives(ref, 30)
    db.session.commit()

    facts = gather_facts(ref.administrations["TMF"].id, *PERIOD)

    assert facts["initiatives"] and facts["bodies"]
    assert json.loads(json.dumps(facts)) == facts
    assert facts["period"] == {"start": "2012-01-01", "end": "2013-12-31"}
    assert facts["administration"]["committee"] == "Teknik- og Miljøudvalget"
    assert facts["totals"] == {"areas": 6, "administrations": 7}


def test_gathering_the_facts_runs_as_many_queries_for_2000_initiatives_as_for_100(ref, count_queries):
    admins = list(ref.administrations.values())
    tmf = ref.administrations["TMF"]
    add_initiatives(ref, 100)
    add_meetings(ref.bodies["team"], admins, 10)
    db.session.commit()
    db.session.expire_all()
    with count_queries() as small:
        few = gather_facts(tmf.id, *PERIOD)

    add_initiatives(ref, 1900, start=100)
    add_meetings(ref.bodies["team"], admins, 200, start=10)
    db.session.commit()
    db.session.expire_all()
    with count_queries() as large:
        many = gather_facts(tmf.id, *PERIOD)

    assert len(many["initiatives"]) > 10 * len(few["initiatives"])
    assert large.count == small.count <= 16


def test_an_unknown_administration_or_a_period_ending_before_it_starts_is_refused(ref):
    with pytest.raises(ValidationError):
        gather_facts(999_999, *PERIOD)
    with pytest.raises(ValidationError):
        gather_facts(ref.administrations["TMF"].id, date(2013, 1, 1), date(2012, 1, 1))
