"""The real seed data: reference data, bodies and the 2013 initiatives load and reload identically."""
from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select

from tests.seeding.conftest import count_rows
from tracker.extensions import db
from tracker.models import (
    Administration,
    Area,
    Body,
    CooperationEntry,
    Initiative,
    Place,
    Udviklingsplan,
)
from tracker.seeding import default_seed_files, load_seed


def _initiative(title: str) -> Initiative:
    return db.session.scalar(select(Initiative).where(Initiative.title == title))


def test_seed_command_loads_every_file_and_prints_a_summary(runner):
    result = runner.invoke(args=["seed"])

    assert result.exit_code == 0, result.output
    assert "Indlæst 3 fil(er)" in result.output
    assert "6 områder" in result.output
    assert db.session.scalar(select(func.count()).select_from(Initiative)) >= 18


def test_seed_has_the_six_areas_with_their_aliases_and_places(seeded):
    areas = {a.name: a for a in db.session.scalars(select(Area))}

    assert set(areas) == {"Nørrebro", "Amager/Sundby", "Bispebjerg", "Vesterbro/Sydhavnen",
                          "Husum/Tingbjerg", "Valby/Vigerslev"}
    assert "Tingbjerg/Husum" in areas["Husum/Tingbjerg"].aliases
    assert {p.name for p in areas["Bispebjerg"].places} >= {"Bispeparken", "Fuglekvarteret", "Ryparken"}
    indre = db.session.scalar(select(Place).where(Place.name == "Indre Nørrebro"))
    assert indre.area is None


def test_seed_has_the_seven_administrations_each_with_its_committee(seeded):
    committees = dict(db.session.execute(select(Administration.code, Administration.committee)).all())

    assert set(committees) == {"ØKF", "BUF", "KFF", "SUF", "SOF", "TMF", "BIF"}
    assert committees["TMF"] == "Teknik- og Miljøudvalget"
    assert committees["BIF"] == "Beskæftigelses- og Integrationsudvalget"


def test_seed_has_six_development_plans_with_goals_where_known(seeded):
    plans = {p.title: p for p in db.session.scalars(select(Udviklingsplan))}

    assert len(plans) == 6
    tingbjerg = plans["Udviklingsplan for Tingbjerg/Husum"]
    assert tingbjerg.year_adopted == 2012
    assert [g.title for g in tingbjerg.goals][2] == "1.100 flere i arbejde"
    assert plans["Udviklingsplan for Valby/Vigerslev"].year_adopted == 2013


def test_seed_has_the_coordination_bodies_with_a_seat_per_administration(seeded):
    bodies = {b.name: b for b in db.session.scalars(select(Body))}

    team = bodies["Tværkommunalt Team"]
    assert team.level == "staff"
    assert {m.administration.code for m in team.memberships} == {"ØKF", "BUF", "KFF", "SUF", "SOF", "TMF", "BIF"}
    assert bodies["Den Tværkommunale Styregruppe"].level == "chief"
    fora = [b for b in bodies.values() if b.kind == "boligsocialt_forum"]
    assert len(fora) == 6 and all(b.area is not None for b in fora)
    fugle = bodies["Områdefornyelse Fuglekvarterets styregruppe"]
    assert (fugle.start_date.year, fugle.end_date.year) == (2013, 2018)
    assert all(b.meetings for b in bodies.values())


def test_lab2700_carries_its_2012_key_figures(seeded):
    lab = _initiative("Lab2700 – fremskudt erhvervs- og iværksætterindsats")

    figures = {(k.value, k.year) for k in lab.key_figures}
    assert figures == {(Decimal("300"), 2012), (Decimal("10"), 2012), (Decimal("75"), 2012)}
    assert lab.lead_administration.code == "TMF"
    assert {a.slug for a in lab.areas} == {"norrebro", "husum-tingbjerg", "bispebjerg"}


def test_safety_walks_record_places_partners_result_and_open_problem(seeded):
    walks = _initiative("Tryghedsvandringer i de udsatte byområder")

    assert {p.name for p in walks.places} >= {"Ryparken", "Tingbjerg", "Indre Nørrebro"}
    assert {o.name for o in walks.partner_organisations} >= {"Københavns Politi", "Hotspot"}
    kinds = {e.kind for e in walks.entries}
    assert {"result", "challenge"} <= kinds


def test_every_administration_leads_an_initiative_and_one_tmf_initiative_has_no_partners(seeded):
    initiatives = list(db.session.scalars(select(Initiative)))

    assert {i.lead_administration.code for i in initiatives} == {"ØKF", "BUF", "KFF", "SUF", "SOF", "TMF", "BIF"}
    assert any(i.lead_administration.code == "TMF" and not i.partner_administrations
               and not i.partner_organisations for i in initiatives)


def test_the_log_has_entries_of_every_kind(seeded):
    kinds = set(db.session.scalars(select(CooperationEntry.kind)))

    assert kinds == {"meeting", "decision", "joint_activity", "result", "challenge", "recommendation"}


def test_seeding_twice_gives_the_same_rows_in_every_table(seeded):
    before = count_rows()

    load_seed(default_seed_files())
    db.session.commit()

    assert count_rows() == before


def _every_row() -> dict[str, list[tuple]]:
    """The full content of every table, timestamps and password hashes included."""
    return {table.name: sorted(map(tuple, db.session.execute(select(table)).all()), key=repr)
            for table in db.metadata.sorted_tables}


def test_running_seed_with_demo_again_changes_no_data_at_all(runner):
    assert runner.invoke(args=["seed", "--demo"]).exit_code == 0
    db.session.expire_all()
    before = _every_row()

    assert runner.invoke(args=["seed", "--demo"]).exit_code == 0
    db.session.expire_all()

    assert _every_row() == before
