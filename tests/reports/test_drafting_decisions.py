"""Sections 3 and 4 use meetings' decisions with a follow-up: one closed in the period is told with how it
was followed up (a result), one not carried out when the period ended is a challenge with its owner and due
date, whatever happened after. Every such sentence passes the faithfulness check, which refuses the same
words said of a decision they are not true of."""
from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tests.factories import reference_data
from tracker.extensions import db
from tracker.log.models import CooperationEntry
from tracker.reports.drafting.checker import check_draft, check_sentence
from tracker.reports.drafting.drafts import Sentence, Source
from tracker.reports.drafting.facts import gather_facts
from tracker.reports.drafting.report import draft_report

START, END = date(2012, 1, 1), date(2013, 12, 31)
CALENDAR = "Forvaltningerne laver en fælles kalender for 2014"
LIGHTS = "Bedre belysning på stierne ved Tingbjerg Skole"
LATE = "Fælles opsøgende team om aftenen"


@pytest.fixture
def facts(app):
    ref = reference_data()
    team = ref.bodies["team"]  # every administration has a seat
    tmf, sof = ref.administrations["TMF"], ref.administrations["SOF"]

    def decision(text, decided, owner, due, status, closed_at=None, note=""):
        db.session.add(CooperationEntry(date=decided, kind="decision", text=text, body=team,
                                        administrations=[tmf, sof], owner_administration=owner, due_date=due,
                                        follow_up_status=status, closed_at=closed_at, closing_note=note))

    decision(CALENDAR, date(2013, 3, 1), sof, date(2013, 6, 1), "closed",
             datetime(2013, 6, 14, 9, 0, tzinfo=UTC), "Kalenderen er sendt til alle forvaltninger.")
    decision(LIGHTS, date(2013, 4, 2), tmf, date(2014, 1, 31), "in_progress")
    decision(LATE, date(2013, 5, 6), tmf, None, "closed", datetime(2014, 1, 10, 9, 0, tzinfo=UTC), "Teamet kører.")
    db.session.commit()
    return gather_facts(tmf.id, START, END)


def _sentences(draft) -> list[str]:
    return [s.text for s in (*draft.kept, *draft.omitted)]


def test_a_decision_closed_in_the_period_is_told_in_section_3_with_how_it_was_followed_up(facts):
    section_3 = _sentences(draft_report(facts)[3])
    decided = next(s for s in section_3 if CALENDAR in s)
    assert decided.startswith("I Tværkommunalt Team besluttede forvaltningen i marts 2013 sammen med "
                              "Socialforvaltningen")
    assert ("Socialforvaltningen fulgte op på beslutningen i juni 2013: Kalenderen er sendt til alle "
            "forvaltninger.") in section_3
    # Not carried out by the period's end: section 4's, not section 3's.
    assert not any(LIGHTS in s or LATE in s for s in section_3)


def test_decisions_open_when_the_period_ended_are_challenges_in_section_4_with_owner_and_due_date(facts):
    section_4 = _sentences(draft_report(facts)[4])
    assert f"I Tværkommunalt Team blev det i april 2013 besluttet: {LIGHTS}." in section_4
    assert ("Pr. 31. december 2013 var beslutningen endnu ikke gennemført, og Teknik- og Miljøforvaltningen havde "
            "ansvaret for at følge den op senest 31. januar 2014.") in section_4
    # Closed only in January 2014: still open when the period ended, so told as such (without a due date).
    assert f"I Tværkommunalt Team blev det i maj 2013 besluttet: {LATE}." in section_4
    assert ("Pr. 31. december 2013 var beslutningen endnu ikke gennemført, og Teknik- og Miljøforvaltningen havde "
            "ansvaret for at følge den op.") in section_4
    assert not any(CALENDAR in s for s in section_4)


def test_every_decision_sentence_passes_the_faithfulness_check(facts):
    assert check_draft(facts, draft_report(facts)) == []


def _decision_source(facts, text: str) -> Source:
    entry = next(e for e in facts["entries"] if e["text"] == text)
    return Source("entry", entry["id"], text)


def test_the_check_refuses_a_decision_said_to_be_open_that_was_closed_and_one_said_closed_that_was_not(facts):
    closed = _decision_source(facts, CALENDAR)
    still_open = _decision_source(facts, LIGHTS)
    said_open = Sentence("Pr. 31. december 2013 var beslutningen endnu ikke gennemført, og Socialforvaltningen "
                         "havde ansvaret for at følge den op.", (closed,))
    assert any("omtales som ikke gennemført" in p for p in check_sentence(facts, said_open))
    said_closed = Sentence("Teknik- og Miljøforvaltningen fulgte op på beslutningen i april 2013: Lysene er "
                           "sat op.", (still_open,))
    assert any("ingen af kildernes beslutninger blev lukket" in p for p in check_sentence(facts, said_closed))
    # The owner, due date and closing month are the decision's own: supported.
    true_one = Sentence("Socialforvaltningen fulgte op på beslutningen i juni 2013: Kalenderen er sendt til alle "
                        "forvaltninger.", (closed,))
    assert check_sentence(facts, true_one) == []
