"""The stored review: brought up to date for just the initiatives a change touches, it shows what a full run
would find, sees a change made through another app process at once, and never commits a request's own
unfinished writes."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from tests.conftest import _overrides, _test_app
from tests.factories import make_initiative
from tests.overlaps.test_review import _as_input
from tracker.extensions import db
from tracker.initiatives.services import update_initiative
from tracker.models import CooperationEntry, Initiative
from tracker.overlaps import detect
from tracker.overlaps.matching.topics import group_topics
from tracker.overlaps.models import OverlapChange, OverlapState
from tracker.overlaps.review import store
from tracker.overlaps.review.listing import c as stored_candidates
from tracker.overlaps.review.queries import ReviewFilters, candidate_for, review
from tracker.seeding import default_seed_files, load_seed
from tracker.seeding.synth import synthesise

TODAY = date(2026, 12, 1)


@pytest.fixture
def updates_one_by_one(monkeypatch):
    """Take changes in one initiative at a time, as at a city's scale, however small the test's data."""
    monkeypatch.setattr(store, "FULL_MIN", 0)
    monkeypatch.setattr(store, "FULL_SHARE", 1.0)


@pytest.fixture
def city(app, updates_one_by_one):
    load_seed(default_seed_files())
    synthesise(500, 300, seed=5, today=TODAY)
    db.session.commit()
    with app.test_request_context():
        store.rebuild()
        db.session.commit()
        yield app


def _stored() -> dict[tuple[int, int], tuple]:
    return {(r.first_initiative_id, r.second_initiative_id): (r.strong, r.uncoordinated, r.score, r.similarity,
                                                              r.fingerprint, r.topic)
            for r in db.session.execute(select(stored_candidates))}


def _detected() -> dict[tuple[int, int], tuple]:
    return {c.initiative_ids: (c.strong, c.uncoordinated, c.score, c.similarity, c.fingerprint,
                               c.topic if c.strong else None) for c in detect().candidates}


def _open_initiative_in_a_strong_pair() -> Initiative:
    return db.session.get(Initiative, next(c for c in detect().candidates if c.strong).first.id)


def test_a_period_change_taken_in_alone_gives_what_a_full_run_gives(city):
    initiative = _open_initiative_in_a_strong_pair()
    update_initiative(initiative, _as_input(initiative, start_date=date(2026, 6, 1), end_date=date(2027, 5, 31)))
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(OverlapChange)) >= 1, "the change is written down"
    store.ensure_current()
    assert db.session.scalar(select(func.count()).select_from(OverlapChange)) == 0, "the change is taken in"
    assert db.session.scalar(select(OverlapState.updated_since)) == 1, "one initiative, not a full run"
    # Nothing the weights rest on has changed, so the update is exactly what detecting everything gives.
    assert _stored() == _detected()


def test_a_status_change_keeps_the_topics_without_linking_them_again(city):
    initiative = _open_initiative_in_a_strong_pair()
    update_initiative(initiative, _as_input(initiative, status="planned" if initiative.status == "active"
                                            else "active"))
    db.session.commit()
    store.ensure_current()
    assert db.session.scalar(select(OverlapState.updated_since)) == 1
    assert _stored() == _detected()


def test_an_initiative_reworded_like_another_administrations_becomes_a_strong_candidate(city):
    with city.test_request_context():
        theirs = db.session.get(Initiative, next(c for c in detect().candidates if c.strong).second.id)
    areas = {a.id for a in theirs.areas}
    mine = next(i for i in db.session.scalars(select(Initiative).where(Initiative.status == "active").order_by(
        Initiative.id)) if i.lead_administration_id != theirs.lead_administration_id
        and i.areas and not {a.id for a in i.areas} & areas and not {p.area_id for p in i.places} & areas)
    pair = tuple(sorted((mine.id, theirs.id)))
    with city.test_request_context():
        assert candidate_for(*pair) is None
    update_initiative(mine, _as_input(mine, summary=theirs.summary, areas=list(theirs.areas), places=[],
                                      start_date=theirs.start_date, end_date=theirs.end_date,
                                      themes=list(theirs.themes)))
    db.session.commit()
    with city.test_request_context():
        found = candidate_for(*pair)
        assert found is not None and found.strong
        assert db.session.scalar(select(OverlapState.updated_since)) == 1
        listed = review(ReviewFilters(area_id=min(areas)), 1, 1000)
        assert any({mine.id, theirs.id} <= {r.id for r in row.topic.records} for row in listed.rows)


def test_a_joint_log_entry_on_a_stored_pair_marks_it_coordinated(city):
    with city.test_request_context():
        pair = next(c for c in detect().candidates if c.strong and c.uncoordinated
                    and c.overlap[0] is not None and c.overlap[0] <= TODAY)
    first, second = (db.session.get(Initiative, i) for i in pair.initiative_ids)
    db.session.add(CooperationEntry(date=pair.overlap[0], kind="meeting", initiative=first,
                                    text="Fælles møde om de to indsatser.",
                                    administrations=[first.lead_administration, second.lead_administration]))
    db.session.commit()
    with city.test_request_context():
        found = candidate_for(*pair.initiative_ids)
    assert not found.uncoordinated
    assert [e.kind for e in found.evidence if e.strong] == ["joint_entry"]
    assert db.session.scalar(select(OverlapState.updated_since)) == 0, "only the evidence was read again"


def test_a_change_made_through_another_app_process_is_seen_at_once(city, database_url):
    with city.test_request_context():
        before = review(ReviewFilters()).total
        initiative = _open_initiative_in_a_strong_pair()
        ids = initiative.id
    other = _test_app(_overrides(database_url))
    with other.app_context():  # its own engine and session: another process as far as the database knows
        changed = db.session.get(Initiative, ids)
        update_initiative(changed, _as_input(changed, status="finished"))
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    with city.test_request_context():
        db.session.expire_all()
        after = review(ReviewFilters())
        assert all(ids not in {r.id for r in row.topic.records} for row in after.rows)
        assert db.session.scalar(select(func.count()).select_from(stored_candidates).where(
            (stored_candidates.c.first_initiative_id == ids) | (stored_candidates.c.second_initiative_id == ids))) == 0
    assert before >= after.total


def test_a_page_never_commits_the_requests_own_unfinished_writes(city):
    initiative = _open_initiative_in_a_strong_pair()
    title = initiative.title
    initiative.title = "Ændret, men ikke gemt"
    db.session.flush()  # written, not committed: the change row is there for this session only
    with city.test_request_context():
        review(ReviewFilters())
    db.session.rollback()
    assert db.session.get(Initiative, initiative.id).title == title
    assert db.session.scalar(select(func.count()).select_from(OverlapChange)) == 0


def test_an_update_claims_the_state_so_a_second_one_at_the_same_time_stands_back(city):
    version = db.session.scalar(select(OverlapState.version))
    assert store._claim(version)
    db.session.commit()
    assert not store._claim(version), "the other process's claim of the same version fails"
    db.session.rollback()


def test_initiatives_inserted_without_the_orm_are_caught_by_their_ids(app, updates_one_by_one, ref):
    make_initiative(ref, "Lektiecafé i Tingbjerg", "BUF", summary="Lektiehjælp efter skoletid.",
                    areas=[ref.areas["husum-tingbjerg"]], start_date=date(2013, 1, 1), end_date=date(2014, 12, 31))
    db.session.commit()
    with app.test_request_context():
        assert review(ReviewFilters(strength="all")).total == 0
        synthesise(40, seed=2, mode="random")  # plain INSERTs, no change rows
        db.session.commit()
        assert review(ReviewFilters(strength="all")).total == len(group_topics(detect().candidates)) > 0
