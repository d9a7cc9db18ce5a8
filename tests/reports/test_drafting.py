"""Drafting the committees' reports from the seed: section 3 for TMF 2013 and for every committee, the other
sections, and drafts that a stored snapshot reproduces exactly."""
from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import or_, select

from tracker.extensions import db
from tracker.initiatives.models import initiative_partner_administrations
from tracker.models import Administration, Body, Initiative, Membership
from tracker.reports.counting import count_characters
from tracker.reports.drafting.facts import default_period, gather_facts
from tracker.reports.drafting.report import draft_report, draft_section
from tracker.reports.template import SECTIONS

# The 2013 report was written in the spring of 2014 at the latest: the period is 2012 and 2013.
WRITTEN = date(2014, 3, 1)


@pytest.fixture
def seeded(walk_app):
    app, _targets = walk_app
    # Writer's notes are translatable: comparing drafts renders them, which needs a request's language.
    with app.test_request_context():
        yield app


def _administration(code: str) -> Administration:
    return db.session.scalar(select(Administration).where(Administration.code == code))


def _facts(code: str) -> dict:
    return gather_facts(_administration(code).id, *default_period(2013, WRITTEN))


def _seated_bodies(administration: Administration) -> list[Body]:
    return list(db.session.scalars(select(Body).where(Body.id.in_(
        select(Membership.body_id).where(Membership.administration_id == administration.id)))))


def _taking_part(administration: Administration) -> list[Initiative]:
    partner = select(initiative_partner_administrations.c.initiative_id).where(
        initiative_partner_administrations.c.administration_id == administration.id)
    return list(db.session.scalars(select(Initiative).where(or_(
        Initiative.lead_administration_id == administration.id, Initiative.id.in_(partner)))))


def _runs_alone(initiative: Initiative) -> bool:
    return not initiative.partner_administrations and not initiative.partner_organisations


def _sources(draft, kind: str) -> set[int]:
    return {source.id for sentence in draft.kept for source in sentence.sources if source.kind == kind}


def test_tmf_2013_section_3_names_its_bodies_and_joint_initiatives_within_1500_characters(seeded):
    tmf = _administration("TMF")
    draft = draft_section(_facts("TMF"), 3)
    text = draft.text

    assert 0 < count_characters(text) <= 1500
    bodies = _seated_bodies(tmf)
    for kind in ("tvaerkommunalt_team", "tvaerkommunal_styregruppe", "omraadefornyelse_styregruppe"):
        named = [b.name for b in bodies if b.kind == kind]
        assert named and all(name in text for name in named), kind
    fora = [b for b in bodies if b.kind == "boligsocialt_forum"]
    assert "boligsociale fora" in text and len(fora) == 6
    # Six fora, one in each area: said in three words, so the room goes to the joint work.
    assert "i alle seks udsatte byområder" in text or all(forum.area.name in text for forum in fora)
    # The meetings it attended come after the joint work: in the text or among what was left out.
    assert any("møder" in s.text for s in draft.kept + draft.omitted)

    joint = [i for i in _taking_part(tmf) if i.id in _sources(draft, "initiative")]
    assert len(joint) >= 2
    for initiative in joint:
        assert initiative.title in text
        for partner in initiative.partner_administrations:
            assert partner.name in text or "andre forvaltninger" in text
    results = [e.text for i in joint for e in i.entries if e.kind == "result"]
    assert any(result in text for result in results)  # what came of them


def test_tmf_2013_section_3_leaves_out_what_tmf_runs_alone(seeded):
    tmf = _administration("TMF")
    alone = [i for i in _taking_part(tmf) if i.lead_administration_id == tmf.id and _runs_alone(i)]
    assert alone, "the seed has initiatives TMF runs alone"

    draft = draft_section(_facts("TMF"), 3)

    for initiative in alone:
        assert initiative.title not in draft.text
        assert all(initiative.title not in sentence.text for sentence in draft.omitted)
    cited = {s.id for sentence in draft.kept + draft.omitted for s in sentence.sources if s.kind == "initiative"}
    assert cited.isdisjoint({i.id for i in alone})


def test_every_committee_gets_its_own_section_3_within_the_limit_naming_only_its_own_work(seeded):
    texts = {}
    all_bodies = list(db.session.scalars(select(Body)))
    all_initiatives = list(db.session.scalars(select(Initiative)))
    for administration in db.session.scalars(select(Administration)):
        draft = draft_section(_facts(administration.code), 3)
        texts[administration.code] = draft.text
        own_bodies = {b.id for b in _seated_bodies(administration)}
        own_initiatives = {i.id for i in _taking_part(administration)}

        assert 0 < count_characters(draft.text) <= 1500, administration.code
        assert _sources(draft, "body") <= own_bodies, administration.code
        assert _sources(draft, "initiative") <= own_initiatives, administration.code
        for body in all_bodies:
            if body.id not in own_bodies:
                assert body.name not in draft.text, (administration.code, body.name)
        for initiative in all_initiatives:
            if initiative.id not in own_initiatives:
                assert initiative.title not in draft.text, (administration.code, initiative.title)
    assert len(texts) == 7
    assert len(set(texts.values())) == 7, "two committees got the same text"


def test_a_committee_without_tracked_cooperation_gets_a_short_honest_draft_and_a_note(seeded):
    newcomer = Administration(code="NYF", name="Ny Forvaltning", committee="Nyt Udvalg")
    db.session.add(newcomer)
    db.session.flush()
    facts = gather_facts(newcomer.id, *default_period(2013, WRITTEN))

    drafts = draft_report(facts)

    section3 = drafts[3]
    assert "Ny Forvaltning" in section3.text and "ikke registreret" in section3.text
    assert count_characters(section3.text) < 300
    assert section3.notes and not section3.omitted
    for number, draft in drafts.items():
        assert draft.text.endswith("."), number
        assert "ikke registreret" in draft.text, number  # says so, invents nothing
        assert draft.notes, number


def test_all_four_tmf_sections_fit_their_limits_and_draw_on_tmfs_own_records(seeded):
    drafts = draft_report(_facts("TMF"))

    assert sorted(drafts) == [1, 2, 3, 4]
    for template in SECTIONS:
        draft = drafts[template.number]
        assert draft.number == template.number and draft.limit == template.limit
        assert 0 < count_characters(draft.text) <= template.limit, template.number
        assert draft.text.endswith(".")
    assert "Tryghedsvandringer i de udsatte byområder" in drafts[1].text
    assert "indsatsområde 3" in drafts[1].text
    assert "-10,1 procentpoint" in drafts[2].text  # a key figure, as Danish writes it
    assert "udfordring" in drafts[4].text and "anbefaling" in drafts[4].text
    assert any("ressourcer" in str(note) for note in drafts[1].notes)  # what Tværs cannot know
    assert any("Inklusionsbarometret" in str(note) for note in drafts[2].notes)


def test_the_same_data_gives_the_same_draft(seeded):
    first, second = _facts("TMF"), _facts("TMF")

    assert first == second
    assert draft_report(first) == draft_report(second)


def test_a_stored_snapshot_reproduces_the_draft_exactly(seeded):
    facts = _facts("SOF")
    stored = json.loads(json.dumps(facts))

    for number in (1, 2, 3, 4):
        assert draft_section(stored, number) == draft_section(facts, number)
