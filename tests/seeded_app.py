"""The seeded app with one account per role, and the records every route of the walk is pointed at.

Seeding costs about a second, and the walk has a hundred routes on each engine, so the seeded
database is built once and restored for each test: a file copy on SQLite; on PostgreSQL the rows are
kept in a snapshot schema and copied back. Every test still starts from the same untouched seed.
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass

import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import make_url

from tests.conftest import _empty_all_tables, _overrides, _test_app
from tracker.extensions import db
from tracker.initiatives.comment_services import add_comment
from tracker.models import (
    Body,
    CooperationEntry,
    Goal,
    Initiative,
    Meeting,
    Membership,
    Organisation,
    Person,
    User,
)
from tracker.seeding import default_seed_files, load_seed
from tracker.seeding.demo import DEMO_PASSWORD, ensure_demo_accounts

ROLES = ("admin", "koordinator", "styregruppe", "laeser")
TMF_INITIATIVE = "Tryghedsvandringer i de udsatte byområder"
FORUM = "Boligsocialt forum Husum/Tingbjerg"
OVERLAP_PAIR = ("Tryghedsvandringer 2013-2014 med opfølgning på belysning",
                "Tryghedspartnerskab med politiet i Husum/Tingbjerg og Bispebjerg")


@dataclass
class Targets:
    """The ids and codes a route's URL arguments are filled with."""

    values: dict[str, object]


def _seed_targets() -> dict[str, object]:
    load_seed(default_seed_files())
    accounts = {user.role: user for user in ensure_demo_accounts()}
    initiative = db.session.scalar(select(Initiative).where(Initiative.title == TMF_INITIATIVE))
    forum = db.session.scalar(select(Body).where(Body.name == FORUM))
    entry = db.session.scalar(select(CooperationEntry).where(CooperationEntry.initiative_id == initiative.id)
                              .order_by(CooperationEntry.id).limit(1))
    meeting = db.session.scalar(select(Meeting).where(Meeting.body_id == forum.id).order_by(Meeting.id).limit(1))
    membership = db.session.scalar(select(Membership).where(Membership.body_id == forum.id)
                                   .order_by(Membership.id).limit(1))
    comment = add_comment(initiative, accounts["koordinator"], "Husk at invitere Lejerbo til næste møde.")
    person = Person(name="Pia Planlægger", title="Specialkonsulent",
                    administration=accounts["koordinator"].administration)
    db.session.add(person)
    goal = db.session.scalar(select(Goal).order_by(Goal.id).limit(1))
    organisation = db.session.scalar(select(Organisation).order_by(Organisation.id).limit(1))
    other_user = db.session.scalar(select(User).where(User.role == "laeser"))
    # The seed's known overlap: TMF's 2013–14 safety walks and SOF's safety partnership with the police.
    pair = sorted(db.session.scalars(select(Initiative.id).where(Initiative.title.in_(OVERLAP_PAIR))))
    db.session.commit()
    assert None not in (entry, meeting, membership, goal, organisation) and len(pair) == 2
    return {
        "initiative_id": initiative.id, "body_id": forum.id, "meeting_id": meeting.id,
        "membership_id": membership.id, "entry_id": entry.id, "comment_id": comment.id,
        "goal_id": goal.id, "plan_id": goal.plan_id, "user_id": other_user.id, "person_id": person.id,
        "organisation_id": organisation.id, "code": "TMF", "slug": "husum-tingbjerg",
        "filename": "css/tracker.css", "first_id": pair[0], "second_id": pair[1],
    }


SNAPSHOT = "walk_snapshot"


def _snapshot_postgres() -> None:
    tables = [t.name for t in db.metadata.sorted_tables] + ["alembic_version"]
    db.session.execute(text(f"DROP SCHEMA IF EXISTS {SNAPSHOT} CASCADE"))
    db.session.execute(text(f"CREATE SCHEMA {SNAPSHOT}"))
    for name in tables:
        db.session.execute(text(f"CREATE TABLE {SNAPSHOT}.{name} AS TABLE public.{name}"))
    db.session.commit()


def _restore_postgres() -> None:
    tables = [t for t in db.metadata.sorted_tables]
    for table in reversed(tables):  # DELETE beats TRUNCATE on tables this small
        db.session.execute(text(f"DELETE FROM {table.name}"))
    for table in tables:
        db.session.execute(text(f"INSERT INTO public.{table.name} SELECT * FROM {SNAPSHOT}.{table.name}"))
        if "id" in table.c:
            db.session.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"))
    db.session.commit()


@pytest.fixture(scope="session")
def seeded_snapshot(database_url, tmp_path_factory):
    """(how to get a database in the seeded state, the targets in it)."""
    sqlite = database_url.startswith("sqlite")
    if sqlite:
        template = tmp_path_factory.mktemp("walk") / "seeded.sqlite3"
        url = f"sqlite:///{template}"
        shutil.copyfile(make_url(database_url).database, template)  # migrated, empty
    else:
        url = database_url
    app = _test_app(_overrides(url))
    with app.app_context():
        values = _seed_targets()
        if not sqlite:
            _snapshot_postgres()
            _empty_all_tables()  # the other tests share this database and start from empty tables
        db.session.remove()
        db.engine.dispose()
    counter = iter(range(1_000_000))

    def fresh() -> tuple[str, object]:
        """A URL in the seeded state, and what to do after the test."""
        if sqlite:
            copy = template.with_name(f"copy-{next(counter)}.sqlite3")
            shutil.copyfile(template, copy)
            return f"sqlite:///{copy}", lambda: None
        _restore_postgres_with(url)
        return url, lambda: None

    def _restore_postgres_with(target: str) -> None:
        restorer = _test_app(_overrides(target))
        with restorer.app_context():
            _restore_postgres()
            db.session.remove()
            db.engine.dispose()

    yield fresh, values
    if not sqlite:
        cleaner = _test_app(_overrides(url))
        with cleaner.app_context():
            db.session.execute(text(f"DROP SCHEMA IF EXISTS {SNAPSHOT} CASCADE"))
            tables = ", ".join(t.name for t in db.metadata.sorted_tables)
            db.session.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
            db.session.commit()
            db.engine.dispose()


@pytest.fixture
def walk_app(seeded_snapshot):
    fresh, values = seeded_snapshot
    url, _ = fresh()
    app = _test_app(_overrides(url))
    with app.app_context():
        yield app, Targets(values=values)
        db.session.rollback()
        if not url.startswith("sqlite"):
            _empty_all_tables()
        db.session.remove()
        db.engine.dispose()


def sign_in(client, role: str) -> None:
    """Sign the test client in through the login form as the demo account of this role."""
    response = client.post("/login", data={"email": f"{role}@demo.example", "password": DEMO_PASSWORD})
    assert response.status_code == 302, f"demo {role} could not log in"
