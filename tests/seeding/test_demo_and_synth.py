"""Demo accounts (never in production) and synthetic data at volume, deterministic per seed."""
from __future__ import annotations

import random

from sqlalchemy import func, select

from tests.conftest import _overrides
from tests.seeding.conftest import count_rows
from tracker import create_app
from tracker.auth.services import authenticate
from tracker.extensions import db
from tracker.models import CooperationEntry, Initiative, User
from tracker.seeding.synth import Reference, plan_initiatives


def test_demo_accounts_are_created_once_per_role_and_can_log_in(runner):
    first = runner.invoke(args=["seed", "--demo"])
    second = runner.invoke(args=["seed", "--demo"])

    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    assert "koordinator@demo.example" in first.output and "demo-password" in first.output
    roles = dict(db.session.execute(select(User.email, User.role)).all())
    assert roles == {"admin@demo.example": "admin", "koordinator@demo.example": "koordinator",
                     "styregruppe@demo.example": "styregruppe", "laeser@demo.example": "laeser"}
    koordinator = authenticate("koordinator@demo.example", "demo-password")
    assert koordinator is not None and koordinator.administration.code == "TMF"


def test_demo_accounts_are_refused_in_production(app, database_url):
    production = create_app({**_overrides(database_url, TRACKER_ENV="production", SECRET_KEY="x" * 32),
                              "TESTING": False})
    before = count_rows()

    with production.app_context():  # the CLI runs in whichever app context is current
        result = production.test_cli_runner().invoke(args=["seed", "--demo"])

    assert result.exit_code == 1
    assert "TRACKER_ENV=production" in result.stderr
    assert count_rows() == before


def test_synth_adds_the_requested_initiatives_and_entries(seeded, runner):
    initiatives = db.session.scalar(select(func.count()).select_from(Initiative))
    entries = db.session.scalar(select(func.count()).select_from(CooperationEntry))

    result = runner.invoke(args=["synth", "--initiatives", "70", "--entries", "40", "--seed", "7"])

    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(func.count()).select_from(Initiative)) == initiatives + 70
    assert db.session.scalar(select(func.count()).select_from(CooperationEntry)) == entries + 40
    leads = set(db.session.scalars(select(Initiative.lead_administration_id).distinct()))
    assert len(leads) == 7


def test_synth_gives_the_same_titles_for_the_same_seed_and_others_for_another(seeded):
    reference = Reference.from_database()

    def titles(seed: int) -> list[str]:
        return [p["row"]["title"] for p in plan_initiatives(reference, 50, random.Random(seed), set())]

    assert titles(7) == titles(7)
    assert titles(7) != titles(8)
    assert len(set(titles(7))) == 50


def test_synth_run_twice_keeps_titles_unique(seeded, runner):
    runner.invoke(args=["synth", "--initiatives", "30", "--seed", "1"])
    result = runner.invoke(args=["synth", "--initiatives", "30", "--seed", "1"])

    assert result.exit_code == 0, result.output
    titles = list(db.session.scalars(select(Initiative.title)))
    assert len(titles) == len(set(titles))


def test_synth_without_reference_data_says_to_seed_first(runner):
    result = runner.invoke(args=["synth", "--initiatives", "5"])

    assert result.exit_code == 1
    assert "flask --app tracker seed" in result.stderr
