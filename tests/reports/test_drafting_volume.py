"""More material than a section has room for: the draft still fits, in whole sentences, keeps the most important
and lists what it left out."""
from __future__ import annotations

from datetime import date

import pytest

from tests.factories import make_initiative, reference_data
from tracker.extensions import db
from tracker.models import CooperationEntry, Meeting, Membership
from tracker.reports.counting import count_characters
from tracker.reports.drafting.facts import gather_facts
from tracker.reports.drafting.report import draft_report, draft_section
from tracker.seeding.synth import synthesise

PERIOD = (date(2012, 1, 1), date(2013, 12, 31))


@pytest.fixture
def ref(app):
    data = reference_data()
    tmf = data.administrations["TMF"]
    for key in ("styregruppe", "forum-norrebro", "forum-bispebjerg", "fuglekvarteret"):
        data.bodies[key].memberships.append(Membership(role="Repræsentant", administration=tmf))
    data.bodies["styregruppe"].meetings.append(Meeting(date=date(2013, 5, 1), administrations=[tmf]))
    db.session.commit()
    with app.test_request_context():  # the writer's notes render in the request's language
        yield data


def _assert_whole_sentences_within_the_limit(draft):
    assert count_characters(draft.text) <= draft.limit
    assert draft.text.endswith(".")
    for sentence in draft.kept:
        assert sentence.text in draft.text
        assert sentence.text[-1] in ".!?"
    # Nothing else in the text: it is the kept sentences, joined by spaces and paragraph breaks.
    assert count_characters(draft.text) == sum(len(s.text) for s in draft.kept) + len(draft.kept) - len(
        {s.paragraph for s in draft.kept})


def test_with_synthetic_volume_every_section_fits_in_whole_sentences_and_lists_what_was_left_out(ref):
    synthesise(initiatives=700, entries=2500, seed=3)
    db.session.commit()

    drafts = draft_report(gather_facts(ref.administrations["TMF"].id, *PERIOD))

    for number, draft in drafts.items():
        _assert_whole_sentences_within_the_limit(draft)
        assert draft.omitted, f"section {number} had more material than room"
        kept = max(s.priority for s in draft.kept)
        assert all(s.priority >= kept for s in draft.omitted if count_characters(s.text) <= draft.limit), (
            f"section {number} left out something more important than what it kept")


def test_the_broadest_joint_initiatives_are_kept_and_the_narrower_ones_left_out(ref):
    admins = [a for code, a in ref.administrations.items() if code != "TMF"]
    areas = list(ref.areas.values())
    organisations = list(ref.organisations.values())
    breadth = {}
    for n in range(24):
        # Every one joint, from one partner administration and one area up to six, three outside partners
        # and two areas, in no particular order of creation.
        partners, outside, where = admins[: 1 + n // 4], organisations[: n % 4], areas[: 1 + n % 2]
        initiative = make_initiative(
            ref, f"Fælles indsats nummer {n:02d}", "TMF", start_date=date(2012, 1, 1),
            partner_administrations=partners, partner_organisations=outside, areas=where)
        breadth[initiative.title] = len(partners) + len(outside) + len(where)
    db.session.commit()

    draft = draft_section(gather_facts(ref.administrations["TMF"].id, *PERIOD), 3)

    _assert_whole_sentences_within_the_limit(draft)
    kept = [title for title in breadth if title in draft.text]
    left_out = [title for title in breadth if any(title in s.text for s in draft.omitted)]
    assert kept and left_out and len(kept) + len(left_out) == len(breadth)
    assert min(breadth[t] for t in kept) >= max(breadth[t] for t in left_out)


def test_a_result_goes_with_its_initiative_and_is_never_kept_without_it(ref):
    admins = ref.administrations
    for n in range(12):
        initiative = make_initiative(
            ref, f"Fælles indsats {n:02d} med et langt navn om tryghed og beskæftigelse", "TMF",
            start_date=date(2012, 1, 1), partner_administrations=[admins["BIF"], admins["SOF"]],
            areas=list(ref.areas.values())[:2])
        db.session.add(CooperationEntry(date=date(2013, 1, 1 + n), kind="result", initiative=initiative,
                                        text=f"Indsats {n:02d} nåede flere beboere end ventet."))
    db.session.commit()

    draft = draft_section(gather_facts(admins["TMF"].id, *PERIOD), 3)

    _assert_whole_sentences_within_the_limit(draft)
    for n in range(12):
        result = f"Indsats {n:02d} nåede flere beboere end ventet."
        if result in draft.text:
            assert f"Fælles indsats {n:02d} med" in draft.text
    assert any(s.text.startswith("Indsats") for s in draft.omitted)
