"""Section 3 from what the cooperation did, and every drafted sentence true of its sources: the seed, a second
city loaded from its own seed file, synthetic volume, and planted wrong sentences the check must catch."""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.factories import reference_data
from tracker.extensions import db
from tracker.models import Administration, CooperationEntry, Membership
from tracker.reports import cli
from tracker.reports.counting import count_characters
from tracker.reports.drafting.checker import check_draft, check_sentence
from tracker.reports.drafting.drafts import Sentence
from tracker.reports.drafting.facts import default_period, gather_facts
from tracker.reports.drafting.phrasing import QUOTE
from tracker.reports.drafting.report import draft_report, draft_section
from tracker.seeding import load_seed
from tracker.seeding.synth import synthesise

SECOND_CITY = Path(__file__).parent / "second_city" / "city.yaml"
WORK_KINDS = ("decision", "joint_activity", "result")


@pytest.fixture
def seeded(walk_app):
    app, _targets = walk_app
    with app.test_request_context():
        yield app


@pytest.fixture
def second_city(app):
    load_seed([SECOND_CITY])
    db.session.commit()
    with app.test_request_context():
        yield app


def _administration(code: str) -> Administration:
    return db.session.scalar(select(Administration).where(Administration.code == code))


def _facts(code: str, year: int = 2013) -> dict:
    return gather_facts(_administration(code).id, *default_period(year, date(year + 1, 3, 1)))


def _cited(draft, kind: str) -> tuple[set[int], set[int]]:
    kept = {s.id for sentence in draft.kept for s in sentence.sources if s.kind == kind}
    omitted = {s.id for sentence in draft.omitted for s in sentence.sources if s.kind == kind}
    return kept, omitted


def _logged_with(code: str, start: date, end: date) -> list[CooperationEntry]:
    """Decisions, joint activities and results of the period that name the administration."""
    entries = db.session.scalars(select(CooperationEntry).where(
        CooperationEntry.kind.in_(WORK_KINDS), CooperationEntry.date >= start, CooperationEntry.date <= end))
    return [e for e in entries if code in {a.code for a in e.administrations}
            and (len(e.administrations) > 1 or e.body_id or (e.initiative and (
                e.initiative.partner_administrations or e.initiative.partner_organisations)))]


# --- acceptance 1: the log is the substance of section 3 --------------------------------------------------


def test_second_city_forum_decision_and_homework_cafe_reach_section_3_of_every_administration_involved(
        second_city):
    decision = db.session.scalar(select(CooperationEntry).where(CooperationEntry.kind == "decision"))
    activity = db.session.scalar(select(CooperationEntry).where(CooperationEntry.kind == "joint_activity"))
    assert len(decision.administrations) == 3 and len(activity.administrations) == 2

    for entry in (decision, activity):
        for administration in entry.administrations:
            draft = draft_section(_facts(administration.code), 3)
            kept, omitted = _cited(draft, "entry")
            assert entry.id in kept | omitted, (administration.code, entry.text)
            sentences = [s for s in draft.kept + draft.omitted if any(
                src.kind == "entry" and src.id == entry.id for src in s.sources)]
            assert entry.text.rstrip(".") in sentences[0].text
    mtm = draft_section(_facts("MTM"), 3)
    assert decision.text.rstrip(".") in mtm.text  # room enough: in the text itself


def test_every_decision_joint_activity_and_result_with_the_committee_is_in_its_section_3_or_left_out(seeded):
    start, end = default_period(2013, date(2014, 3, 1))
    for administration in db.session.scalars(select(Administration)):
        draft = draft_section(_facts(administration.code), 3)
        kept, omitted = _cited(draft, "entry")
        for entry in _logged_with(administration.code, start, end):
            assert entry.id in kept | omitted, (administration.code, entry.kind, entry.text)


def test_decisions_are_quoted_now(seeded):
    draft = draft_section(_facts("BUF"), 3)
    text = " ".join(s.text for s in draft.kept + draft.omitted)
    assert "besluttede forvaltningen" in text
    assert "Lektiecaféerne i Mjølnerparken udvides" in text


# --- acceptance 3: TMF 2013 --------------------------------------------------------------------------------


def test_tmf_2013_section_3_names_the_structure_and_gives_the_room_to_joint_work(seeded):
    draft = draft_section(_facts("TMF"), 3)
    text = draft.text

    assert count_characters(text) <= 1500
    assert "to niveauer: Tværkommunalt Team" in text and "Den Tværkommunale Styregruppe" in text
    assert "boligsociale fora i alle seks udsatte byområder" in text
    assert "Områdefornyelse Fuglekvarterets styregruppe (2013-2018)" in text
    # The renewal that starts after the period is told as coming.
    assert "fra 2014 i Områdefornyelse Indre Nørrebros styregruppe" in text
    assert "”Årlige nøgletalsmålinger for de almene boligafdelinger”" in text
    assert "sammen med Beskæftigelses- og Integrationsforvaltningen og Socialforvaltningen" in text
    assert "faldet 10,1 procentpoint" in text  # its result
    assert "”Tryghedsvandringer i de udsatte byområder”" in text and "Københavns Politi" in text
    assert "besluttede forvaltningen i maj 2013" in text  # a logged decision
    structure = [s for s in draft.kept if not any(src.kind in ("initiative", "entry") for src in s.sources)]
    assert len(structure) <= 3 and sum(len(s.text) for s in structure) < count_characters(text) / 2


# --- aggregates true of each member, time, typography ----------------------------------------------------


def test_fora_seating_different_numbers_of_administrations_are_told_apart(second_city):
    text = draft_section(_facts("MTM"), 3).text

    assert "forum for Bispehaven, hvor ledere fra to forvaltninger" in text
    assert "forum for Gellerup/Toveshøj, hvor ledere fra fire forvaltninger" in text
    assert "fora for Bispehaven og Gellerup/Toveshøj" not in text
    assert "fra 2014 i Områdeforum Trigeparken" in text  # a forum starting after the period


def test_every_draft_quotes_titles_with_danish_quotes(seeded):
    for code in ("TMF", "BIF", "SOF"):
        for number, draft in draft_report(_facts(code)).items():
            for sentence in draft.kept + draft.omitted:
                assert '"' not in sentence.text, (code, number, sentence.text)
    assert f"{QUOTE}Green Teams{QUOTE}" in " ".join(
        s.text for d in draft_report(_facts("TMF")).values() for s in d.kept + d.omitted)


# --- acceptance 2: the faithfulness check -----------------------------------------------------------------


def test_the_check_passes_for_every_committee_and_year_of_the_seed(seeded):
    checked = 0
    for administration in db.session.scalars(select(Administration)):
        for year in (2012, 2013, 2014):
            facts = _facts(administration.code, year)
            drafts = draft_report(facts)
            assert check_draft(facts, drafts) == [], (administration.code, year)
            checked += sum(len(d.kept) + len(d.omitted) for d in drafts.values())
    assert checked > 500


def test_the_check_passes_for_the_second_city(second_city):
    for administration in db.session.scalars(select(Administration)):
        facts = _facts(administration.code)
        assert check_draft(facts, draft_report(facts)) == [], administration.code


def test_the_check_passes_with_700_synthetic_initiatives_and_2500_entries(app):
    data = reference_data()
    tmf = data.administrations["TMF"]
    for key in ("styregruppe", "forum-norrebro", "forum-bispebjerg", "fuglekvarteret"):
        data.bodies[key].memberships.append(Membership(role="Repræsentant", administration=tmf))
    synthesise(initiatives=700, entries=2500, seed=5)
    db.session.commit()
    with app.test_request_context():
        for code in ("TMF", "BIF", "SOF"):
            facts = gather_facts(data.administrations[code].id, date(2012, 1, 1), date(2013, 12, 31))
            drafts = draft_report(facts)
            assert sum(len(d.omitted) for d in drafts.values()) > 10  # volume beyond the room
            assert check_draft(facts, drafts) == [], code


def _sentence(draft, *words: str) -> Sentence:
    return next(s for s in draft.kept + draft.omitted if all(w in s.text for w in words))


def test_the_check_fails_on_a_wrong_count(seeded):
    facts = _facts("TMF")
    fora = _sentence(draft_section(facts, 3), "boligsociale fora")
    assert check_sentence(facts, fora) == []

    wrong = replace(fora, text=fora.text.replace("ledere fra alle syv forvaltninger", "ledere fra fire forvaltninger"))

    assert any("fire forvaltninger" in message for message in check_sentence(facts, wrong))


def test_the_check_fails_on_a_partner_not_on_the_initiative(seeded):
    facts = _facts("TMF")
    green = _sentence(draft_section(facts, 3), "”Green Teams”")
    assert check_sentence(facts, green) == []

    with_police = replace(green, text=green.text.replace("samt boligorganisationerne", "samt Københavns Politi og "
                                                                                      "boligorganisationerne"))
    with_buf = replace(green, text=green.text.replace("Beskæftigelses- og Integrationsforvaltningen",
                                                      "Børne- og Ungdomsforvaltningen"))

    assert any("Københavns Politi" in m for m in check_sentence(facts, with_police))
    assert any("Børne- og Ungdomsforvaltningen" in m for m in check_sentence(facts, with_buf))


def test_the_check_fails_on_a_body_not_current_in_the_period_and_a_period_not_the_records(seeded):
    facts = _facts("TMF")
    renewals = _sentence(draft_section(facts, 3), "Fuglekvarterets styregruppe")
    assert check_sentence(facts, renewals) == []

    as_current = replace(renewals, text=renewals.text.replace(
        ", og fra 2014 i Områdefornyelse Indre Nørrebros styregruppe",
        " og Områdefornyelse Indre Nørrebros styregruppe"))
    wrong_span = replace(renewals, text=renewals.text.replace("(2013-2018)", "(2012-2018)"))

    assert any("først 2014" in m for m in check_sentence(facts, as_current))
    assert any("2012-2018" in m for m in check_sentence(facts, wrong_span))


def test_the_check_fails_on_an_aggregate_not_true_of_each_forum(second_city):
    facts = _facts("MTM")
    fora = _sentence(draft_section(facts, 3), "Bispehaven", "Gellerup/Toveshøj")
    merged = replace(fora, text="Forvaltningen sidder også i de boligsociale fora for Bispehaven og "
                                "Gellerup/Toveshøj, hvor ledere fra fire forvaltninger mødes med "
                                "boligorganisationerne.")

    assert check_sentence(facts, fora) == []
    assert any("Områdeforum Bispehaven" in m for m in check_sentence(facts, merged))


# --- the command --------------------------------------------------------------------------------------------


def test_report_check_prints_the_result_for_the_draft_and_for_a_stored_version(seeded):
    runner = seeded.test_cli_runner()

    now = runner.invoke(cli.check_command, ["--committee", "tmf", "--year", "2013"])
    stored = runner.invoke(cli.check_command, ["--committee", "TMF", "--year", "2013", "--version", "1"])
    missing = runner.invoke(cli.check_command, ["--committee", "TMF", "--year", "2013", "--version", "9"])

    assert now.exit_code == 0 and "er understøttet af deres kilder" in now.output, now.output
    assert stored.exit_code == 0 and "er understøttet af deres kilder" in stored.output, stored.output
    assert missing.exit_code == 2 and "ingen version 9" in missing.output
