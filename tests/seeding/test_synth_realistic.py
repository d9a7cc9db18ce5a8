"""Realistic synthetic data (the default of `flask synth`): problems with owners, planted overlaps, the truth."""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import date
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from tracker.extensions import db
from tracker.models import CooperationEntry, Initiative
from tracker.overlaps.matching.evidence import gather_evidence
from tracker.overlaps.matching.records import OPEN_STATUSES, load_records
from tracker.seeding.problems import PROBLEMS
from tracker.seeding.synth import synthesise

TODAY = date(2026, 12, 1)  # periods and statuses follow this date, so the data is the same on every day


def _initiatives(ids) -> dict[int, Initiative]:
    rows = db.session.scalars(select(Initiative).where(Initiative.id.in_([int(i) for i in ids])).options(
        selectinload(Initiative.partner_administrations), selectinload(Initiative.areas),
        selectinload(Initiative.themes), selectinload(Initiative.entries)
        .selectinload(CooperationEntry.administrations)))
    return {i.id: i for i in rows}


@pytest.fixture
def synthetic(seeded):
    """600 realistic initiatives and 600 log entries on the seed, with their truth."""
    made = synthesise(600, 600, seed=11, today=TODAY)
    db.session.commit()
    return made


def test_the_same_seed_and_day_give_the_same_data_and_another_seed_other_data(seeded):
    def run(seed: int) -> tuple[dict, list]:
        truth = synthesise(300, 200, seed=seed, today=TODAY).truth
        by_id = _initiatives(truth["initiatives"])
        problems = {by_id[int(i)].title: (key, by_id[int(i)].status, by_id[int(i)].start_date)
                    for i, key in truth["initiatives"].items()}
        pairs = [(by_id[p["first_id"]].title, by_id[p["second_id"]].title, p["how"]) for p in truth["planted"]]
        db.session.rollback()  # nothing was committed: the next run starts from the seed again
        return problems, pairs

    assert run(4) == run(4)
    assert run(4) != run(5)


def test_planted_pairs_are_open_initiatives_of_two_leads_in_one_area_at_the_same_time(synthetic):
    planted = synthetic.truth["planted"]
    by_id = _initiatives([i for p in planted for i in (p["first_id"], p["second_id"])])

    assert synthetic.planted == len(planted) == round(600 / 12)
    for pair in planted:
        first, second = by_id[pair["first_id"]], by_id[pair["second_id"]]
        assert pair["first_id"] < pair["second_id"]
        assert first.lead_administration_id != second.lead_administration_id
        assert {a.slug for a in first.areas} & {a.slug for a in second.areas} == {pair["area"]}
        assert max(first.start_date, second.start_date) <= min(first.end_date, second.end_date)
        assert first.status in OPEN_STATUSES and second.status in OPEN_STATUSES
        assert synthetic.truth["initiatives"][str(first.id)] == synthetic.truth["initiatives"][str(second.id)] \
            == pair["problem"]
        assert first.title != second.title and first.summary != second.summary


def test_coordinated_plants_show_the_evidence_the_truth_names_and_the_others_none(synthetic):
    records, names = load_records()
    planted = synthetic.truth["planted"]
    candidates = []
    for pair in planted:
        first, second = records[pair["first_id"]], records[pair["second_id"]]
        overlap = (max(first.start_date, second.start_date), min(first.end_date, second.end_date))
        candidates.append(SimpleNamespace(first=first, second=second, overlap=overlap,
                                          area_ids=first.area_ids & second.area_ids, evidence=[]))

    gather_evidence(candidates, names.administrations)  # the overlap review's own rules

    for pair, candidate in zip(planted, candidates, strict=True):
        strong = [e.kind for e in candidate.evidence if e.strong]
        assert strong == ([pair["how"]] if pair["coordinated"] else []), pair
    hows = Counter(p["how"] for p in planted)
    assert hows[None] == len(planted) - round(0.3 * len(planted))
    assert hows["partnership"] >= 3 and hows["joint_entry"] >= 3


def test_about_forty_percent_of_plants_share_no_theme(synthetic):
    planted = synthetic.truth["planted"]
    by_id = _initiatives([i for p in planted for i in (p["first_id"], p["second_id"])])

    for pair in planted:
        themes = [{t.slug for t in by_id[pair[key]].themes} for key in ("first_id", "second_id")]
        assert pair["same_theme"] == bool(themes[0] & themes[1])
    different = sum(not p["same_theme"] for p in planted)
    assert 0.3 <= different / len(planted) <= 0.5


def _twins(truth: dict, by_id: dict[int, Initiative]) -> dict[int, dict]:
    """The planted twin of each pair (the one not led by its problem's owner), with its pair."""
    owners = {p.key: p.owner for p in PROBLEMS}
    twins = {}
    for pair in truth["planted"]:
        pair_ids = (pair["first_id"], pair["second_id"])
        twins.update({i: pair for i in pair_ids if by_id[i].lead_administration.code != owners[pair["problem"]]})
    return twins


def test_every_problem_is_worked_on_by_its_owner_alone_apart_from_one_planted_twin_per_pair(synthetic):
    truth = synthetic.truth
    owners = {p.key: p.owner for p in PROBLEMS}
    by_id = _initiatives(truth["initiatives"])
    twins = _twins(truth, by_id)

    leads = defaultdict(set)
    for initiative_id, problem in truth["initiatives"].items():
        if int(initiative_id) not in twins:
            leads[problem].add(by_id[int(initiative_id)].lead_administration.code)
    assert len(leads) > 30
    assert all(found == {owners[problem]} for problem, found in leads.items())
    assert len(twins) == len(truth["planted"])  # one of each pair, never both


def test_log_entries_are_dated_in_their_initiatives_period_and_involve_its_own_administrations(synthetic):
    truth = synthetic.truth
    by_id = _initiatives(truth["initiatives"])
    joint = {i for i, pair in _twins(truth, by_id).items() if pair["how"] == "joint_entry"}
    entries = [e for i in by_id.values() for e in i.entries]

    assert len(entries) == synthetic.entries == 600
    for entry in entries:
        initiative = entry.initiative
        assert initiative.start_date <= entry.date <= min(initiative.end_date, TODAY)
        own = {initiative.lead_administration_id, *(a.id for a in initiative.partner_administrations)}
        involved = {a.id for a in entry.administrations}
        assert involved <= own or initiative.id in joint


def test_statuses_follow_the_dates(synthetic):
    initiatives = _initiatives(synthetic.truth["initiatives"]).values()
    statuses = Counter(i.status for i in initiatives)

    assert all(i.status == "planned" for i in initiatives if i.start_date > TODAY)
    assert all(i.status == "active" for i in initiatives if i.start_date <= TODAY <= i.end_date)
    past = [i for i in initiatives if i.end_date < TODAY]
    assert Counter(i.status for i in past)["finished"] > 0.7 * len(past)
    assert {"planned", "active", "finished", "stopped"} <= set(statuses)


def test_too_many_planted_overlaps_are_refused_and_nothing_is_added(seeded):
    before = db.session.scalar(select(func.count()).select_from(Initiative))

    with pytest.raises(Exception, match="mindst 20 indsatser"):
        synthesise(15, planted=10, today=TODAY)
    assert db.session.scalar(select(func.count()).select_from(Initiative)) == before
    assert synthesise(40, planted=0, today=TODAY).planted == 0
    assert synthesise(20, today=TODAY).planted == 0  # the default plants none under 24 initiatives


def test_random_mode_plants_nothing_and_refuses_planted_overlaps(seeded):
    made = synthesise(50, 20, seed=2, mode="random", today=TODAY)

    assert (made.initiatives, made.entries, made.planted) == (50, 20, 0)
    assert made.truth["planted"] == [] and set(made.truth["initiatives"].values()) == {None}
    with pytest.raises(Exception, match="kun i den realistiske tilstand"):
        synthesise(50, planted=3, mode="random")


def test_the_cli_writes_the_truth_file_and_says_how_many_overlaps_it_planted(seeded, runner, tmp_path):
    truth_file = tmp_path / "facit.json"

    result = runner.invoke(args=["synth", "--initiatives", "120", "--entries", "50", "--seed", "9",
                                 "--planted", "7", "--truth", str(truth_file), "--today", "2026-12-01"])

    assert result.exit_code == 0, result.output
    assert "120 indsatser, heraf 7 plantede overlap, og 50 logposter" in result.output
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    assert truth["seed"] == 9 and len(truth["initiatives"]) == 120 and len(truth["planted"]) == 7
    assert set(truth["planted"][0]) == {"first_id", "second_id", "coordinated", "how", "same_theme", "area",
                                        "problem"}
    assert db.session.scalar(select(func.count()).select_from(Initiative).where(
        Initiative.id.in_([int(i) for i in truth["initiatives"]]))) == 120


def test_the_cli_refuses_planted_overlaps_in_random_mode_in_danish(seeded, runner):
    result = runner.invoke(args=["synth", "--initiatives", "30", "--planted", "2", "--mode", "random"])

    assert result.exit_code == 1
    assert "Intet blev gemt: Plantede overlap findes kun i den realistiske tilstand." in result.stderr
