"""Overlap detection: who works on the same thing, in the same place, at the same time, and do they know."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from tests.factories import make_initiative, reference_data
from tracker.extensions import db
from tracker.models import Area, CooperationEntry, Initiative, Membership
from tracker.overlaps import detect, initiative_fingerprint, record_of
from tracker.overlaps.matching.topics import group_topics
from tracker.overlaps.review.queries import ReviewFilters, review
from tracker.seeding import default_seed_files, load_seed

WALKS = "Tryghedsvandringer 2013-2014 med opfølgning på belysning"
POLICE = "Tryghedspartnerskab med politiet i Husum/Tingbjerg og Bispebjerg"


@pytest.fixture
def ref(app):
    reference = reference_data()
    with app.test_request_context():  # reasons are lazy strings rendered in the request's locale
        yield reference


def _pair(result, first: str, second: str):
    for candidate in result.candidates:
        if {candidate.first.title, candidate.second.title} == {first, second}:
            return candidate
    return None


def _initiative(ref, title, lead, area="husum-tingbjerg", theme="tryghed", start=date(2013, 1, 1),
                end=date(2014, 12, 31), summary="", **fields):
    return make_initiative(ref, title, lead, summary=summary, start_date=start, end_date=end,
                           areas=[ref.areas[area]] if area else [], themes=[ref.themes[theme]] if theme else [],
                           **fields)


def test_seed_finds_tmf_safety_walks_overlapping_the_police_and_sof_safety_partnership(app):
    load_seed(default_seed_files())
    db.session.commit()
    with app.test_request_context():
        result = detect()
        candidate = _pair(result, WALKS, POLICE)
        assert candidate is not None
        reasons = {r.kind: str(r) for r in candidate.reasons}
        assert reasons["area"] == "samme områder: Bispebjerg, Husum/Tingbjerg"
        assert reasons["period"] == "2013 overlapper"
        assert "Tryghed" in reasons["theme"]
        assert "fsb" in reasons["partner"]
        assert "belysning" in next(r for r in candidate.reasons if r.kind == "words").details["words"]
        assert candidate.reasons_text.startswith("Samme områder: Bispebjerg, Husum/Tingbjerg · samme sted:")
        # The finished walks of 2010–2012 are history, not a candidate.
        assert all("Tryghedsvandringer i de udsatte byområder" not in (c.first.title, c.second.title)
                   for c in result.candidates)


def test_initiatives_of_one_administration_alone_are_never_candidates(ref):
    _initiative(ref, "Tryghedsvandringer i Tingbjerg", "TMF", summary="Tryghed og belysning.")
    _initiative(ref, "Belysning af stier i Tingbjerg", "TMF", summary="Tryghed og belysning.")
    assert detect().candidates == []


def test_initiatives_without_a_shared_area_or_period_are_never_candidates(ref):
    _initiative(ref, "Tryghed i Tingbjerg", "TMF")
    _initiative(ref, "Tryghed i Urbanplanen", "SOF", area="amager-sundby")
    _initiative(ref, "Tryghed i Tingbjerg senere", "BUF", start=date(2016, 1, 1), end=date(2017, 12, 31))
    _initiative(ref, "Tryghed i Tingbjerg før", "KFF", start=date(2010, 1, 1), end=date(2012, 12, 31))
    assert detect().candidates == []


def test_a_pair_is_a_candidate_with_its_reasons_and_an_open_end_counts_as_overlapping(ref):
    walks = _initiative(ref, "Tryghedsvandringer i Tingbjerg", "TMF")
    walks.partner_organisations = [ref.organisations["fsb"]]
    street = _initiative(ref, "Gadeplan i Tingbjerg", "SOF", start=date(2014, 6, 1), end=None)
    street.partner_organisations = [ref.organisations["fsb"]]
    db.session.flush()
    [candidate] = detect().candidates
    assert [str(r) for r in candidate.reasons][:1] == ["samme område: Husum/Tingbjerg"]
    assert "2014 overlapper" in candidate.reasons_text
    assert "samme tema: Tryghed" in candidate.reasons_text
    assert "fælles partner: fsb" in candidate.reasons_text


def test_danish_inflections_and_compounds_count_as_shared_wording(ref):
    _initiative(ref, "Lys på stierne i Tingbjerg", "TMF", theme=None,
                summary="Bedre belysning skal øge trygheden for beboerne.")
    _initiative(ref, "Aftenvandringer i Tingbjerg", "SOF", theme=None,
                summary="Vandringer mod utryghed og for bedre belysningen af gårdene.")
    _initiative(ref, "Tryghedsvandring med beboerne", "BUF", theme=None, area="bispebjerg",
                summary="Tryghed i Bispeparken.")
    [candidate] = detect().candidates  # wording alone, no theme, goal or partner in common
    words = next(r for r in candidate.reasons if r.kind == "words")
    assert "tryghed" in str(words) and "belysning" in str(words)


def test_tryghed_trygheden_and_utryghed_meet_in_the_text_measure():
    from tracker.overlaps.matching.text import build_vocabulary, maximal

    vocabulary = build_vocabulary(["Tryghed i gården", "Trygheden skal øges", "Utryghed på trapperne",
                                   "Tryghedsvandringer om aftenen", "Indsats i området"])
    tryghed, trygheden, utryghed, vandring, common = vocabulary.concepts_by_text
    assert "tryg" in tryghed & trygheden & utryghed & vandring
    assert maximal(tryghed & utryghed) == {"tryg"}
    assert vocabulary.show("tryg") == "tryghed"
    assert common == frozenset()  # "indsats" and "område" are in every summary: stop words


def _forum_seat(ref, code: str) -> None:
    forum = ref.bodies["forum-husum-tingbjerg"]
    db.session.add(Membership(body=forum, role="Leder", administration=ref.administrations[code]))


def _walks_and_street_work(ref):
    walks = _initiative(ref, "Tryghedsvandringer i Tingbjerg", "TMF")
    street = _initiative(ref, "Gadeplan i Tingbjerg", "SOF")
    _forum_seat(ref, "TMF")  # SOF already holds a seat in every forum
    db.session.flush()
    return walks, street


def test_shared_forum_seats_alone_leave_a_pair_uncoordinated(ref):
    _walks_and_street_work(ref)
    [candidate] = detect().candidates
    assert candidate.uncoordinated
    assert [(e.kind, e.strong) for e in candidate.evidence] == [("shared_body", False)]
    assert "Boligsocialt forum Husum/Tingbjerg" in str(candidate.evidence[0])


def test_a_joint_entry_in_the_period_makes_the_pair_coordinated(ref):
    walks, _street = _walks_and_street_work(ref)
    db.session.add(CooperationEntry(date=date(2013, 9, 1), kind="joint_activity", initiative=walks,
                                    text="Fælles vandring med gadeplansmedarbejderne.",
                                    administrations=[ref.administrations["TMF"], ref.administrations["SOF"]]))
    db.session.flush()
    [candidate] = detect().candidates
    assert not candidate.uncoordinated
    assert {e.kind for e in candidate.evidence} == {"joint_entry", "shared_body"}


def test_uncoordinated_candidates_come_first(ref):
    walks, _street = _walks_and_street_work(ref)
    walks.partner_administrations = [ref.administrations["SOF"]]
    _initiative(ref, "Aftenskole i Tingbjerg", "BUF", theme="tryghed")
    db.session.flush()
    flags = [c.uncoordinated for c in detect().candidates]
    assert flags == sorted(flags, reverse=True) and flags[0] and not flags[-1]


def test_three_administrations_on_one_problem_in_one_area_are_one_topic(ref):
    summary = "Lektiehjælp til skoleelever efter skoletid, så flere klarer folkeskolens afgangsprøve."
    for title, lead in (("Lektiecafé i Tingbjerg", "BUF"), ("Lektiehjælp på biblioteket i Tingbjerg", "KFF"),
                        ("Lektiestøtte for skoleelever i Tingbjerg", "SOF")):
        _initiative(ref, title, lead, theme="boern-og-unge", summary=summary)
    _initiative(ref, "Gadeplan i Tingbjerg", "TMF", theme="boern-og-unge", summary="Gademedarbejdere om aftenen.")
    result = detect()
    strong = [c for c in result.candidates if c.strong]
    assert len(strong) == 3
    [topic, *weak] = group_topics(result.candidates)
    assert topic.strong and len(topic.candidates) == 3 and len(topic.records) == 3
    assert "lektiehjælp" in topic.shared_words()
    assert all(not t.strong and len(t.candidates) == 1 for t in weak)


def test_a_shared_theme_alone_is_weak_and_the_same_problem_in_other_words_is_strong(ref):
    _initiative(ref, "Lektiecafé for skoleelever i Tingbjerg", "BUF", theme="boern-og-unge",
                summary="Frivillige hjælper skoleelever med afleveringer to gange om ugen.")
    _initiative(ref, "Lektiehjælp på biblioteket i Tingbjerg", "KFF", theme="beskaeftigelse",
                summary="Biblioteket hjælper skoleelever med afleveringer hver eftermiddag.")
    _initiative(ref, "Sommerfest i Tingbjerg", "TMF", theme="boern-og-unge", summary="Musik og mad i gården.")
    by_titles = {frozenset((c.first.title, c.second.title)): c for c in detect().candidates}
    homework = by_titles[frozenset(("Lektiecafé for skoleelever i Tingbjerg",
                                    "Lektiehjælp på biblioteket i Tingbjerg"))]
    party = by_titles[frozenset(("Lektiecafé for skoleelever i Tingbjerg", "Sommerfest i Tingbjerg"))]
    assert homework.strong and str(homework.strength).startswith("Stærk kandidat: teksterne handler om det samme")
    assert "lektie-" in str(homework.strength)  # lektiecafé and lektiehjælp meet in their compound head
    assert "tingbjerg" not in str(homework.strength)  # where they are is the area's reason, not the text's
    assert not party.strong and str(party.strength).startswith("Svag kandidat")
    assert "samme tema" in str(party.strength)


def test_filters_narrow_the_candidates(ref):
    _initiative(ref, "Vandringer i Tingbjerg", "TMF")
    _initiative(ref, "Gadeplan i Tingbjerg", "SOF")
    _initiative(ref, "Jobcafé i Urbanplanen", "BIF", area="amager-sundby", theme="beskaeftigelse")
    _initiative(ref, "Jobvejledning i Urbanplanen", "SOF", area="amager-sundby", theme="beskaeftigelse")
    assert len(detect().candidates) == 2
    assert len(detect(area_id=ref.areas["amager-sundby"].id).candidates) == 1
    assert len(detect(administration_id=ref.administrations["TMF"].id).candidates) == 1
    assert len(detect(theme_id=ref.themes["tryghed"].id).candidates) == 1
    assert detect(administration_id=ref.administrations["KFF"].id).candidates == []


def test_finished_stopped_and_archived_initiatives_are_left_out(ref):
    _initiative(ref, "Vandringer i Tingbjerg", "TMF")
    _initiative(ref, "Gadeplan i Tingbjerg", "SOF", status="finished")
    _initiative(ref, "Aftenklub i Tingbjerg", "BUF", status="stopped")
    assert detect().candidates == []


def test_status_change_keeps_the_fingerprint_while_period_or_area_change_alters_it(ref):
    walks = _initiative(ref, "Vandringer i Tingbjerg", "TMF")
    _initiative(ref, "Gadeplan i Tingbjerg", "SOF")
    before = detect().candidates[0].fingerprint
    original = initiative_fingerprint(record_of(walks))

    walks.status = "planned"
    db.session.flush()
    assert detect().candidates[0].fingerprint == before
    assert initiative_fingerprint(record_of(walks)) == original

    walks.end_date = date(2015, 6, 30)
    db.session.flush()
    after_period = detect().candidates[0].fingerprint
    assert after_period != before

    walks.areas = [ref.areas["husum-tingbjerg"], ref.areas["bispebjerg"]]
    db.session.flush()
    assert detect().candidates[0].fingerprint not in (before, after_period)


def test_detection_loads_its_data_in_a_handful_of_queries(ref, count_queries):
    from tests.factories import add_initiatives

    add_initiatives(ref, 200)
    db.session.flush()
    with count_queries() as queries:
        detect()
    assert queries.count <= 20
    assert db.session.scalar(select(Initiative.id).limit(1)) is not None


def test_blocking_finds_exactly_the_candidates_that_comparing_every_pair_finds(app, monkeypatch):
    from tracker.overlaps.matching import detection
    from tracker.seeding.synth import synthesise

    load_seed(default_seed_files())
    synthesise(400, seed=1)
    db.session.commit()

    def found(result):
        return [(c.initiative_ids, c.score, c.reasons_text, c.fingerprint, c.strong) for c in result.candidates]

    with app.test_request_context():  # reasons are rendered in the request's locale
        blocked = detect()
        monkeypatch.setattr(detection, "_blocks", lambda scope, weights: {0: list(scope)})  # one block of all
        everything = detect()
        assert len(blocked.candidates) > 50
        assert blocked.pairs_compared < everything.pairs_compared / 4  # blocking does leave pairs out...
        assert found(blocked) == found(everything)  # ...but none that is a candidate


def test_the_seeds_known_overlap_is_strong_and_first_in_its_area(app):
    load_seed(default_seed_files())
    db.session.commit()
    with app.test_request_context():
        area = db.session.scalar(select(Area).where(Area.slug == "husum-tingbjerg"))
        rows = review(ReviewFilters(area_id=area.id)).rows
        first = rows[0].topic.lead
        assert {first.first.title, first.second.title} == {WALKS, POLICE}
        assert first.strong and str(first.strength).startswith("Stærk kandidat")


def test_two_administrations_that_only_share_a_forum_are_a_strong_uncoordinated_candidate(ref):
    """The second city's case: the same problem in one estate, both administrations in the area's forum,
    no partnership and no joint entry: the forum seat is context, not coordination."""
    summary = "Mørke stier og passager i Tingbjerg får ny belysning, så beboerne tør gå hjem om aftenen."
    _initiative(ref, "Belysning af stierne i Tingbjerg", "TMF", summary=summary)
    _initiative(ref, "Tryghed på stierne om aftenen i Tingbjerg", "SOF", theme="boern-og-unge",
                summary="Stierne er mørke, og beboerne er utrygge om aftenen; belysning og gadeplansarbejde.")
    _forum_seat(ref, "TMF")
    db.session.flush()
    [candidate] = detect().candidates
    assert candidate.strong and candidate.uncoordinated
    assert [(e.kind, e.strong) for e in candidate.evidence] == [("shared_body", False)]


def test_an_owners_many_initiatives_in_an_area_do_not_hide_another_administrations_in_the_same_words(ref):
    """Social services' street work is all over the area, so its words are common there and weigh little; the
    children's administration doing the same street work in the same words is still a strong candidate."""
    for number in range(1, 61):
        _initiative(ref, f"Opsøgende gadearbejde {number}", "SOF", theme=None,
                    summary="Gademedarbejdere opsøger unge om aftenen.")
    _initiative(ref, "Opsøgende gadearbejde", "BUF", theme=None, summary="Gademedarbejdere opsøger unge om aftenen.")
    with_buf = [c for c in detect().candidates if "Opsøgende gadearbejde" in (c.first.title, c.second.title)]
    assert len(with_buf) == 60
    assert all(c.strong for c in with_buf)
