"""`flask backup create` and `backup restore`: the whole database to one file and back, on SQLite and PostgreSQL.

Each test restores into a second, empty database beside the suite's own: a fresh SQLite file, or on PostgreSQL
the suite's database name with `_restore` appended (created when missing, its schema emptied per test).
"""
from __future__ import annotations

import shutil
import sqlite3
import stat

import pytest
from sqlalchemy import MetaData, create_engine, select, text
from sqlalchemy.engine import make_url

from tests.conftest import _overrides, _reset_postgres, _test_app
from tests.factories import reference_data
from tracker.extensions import db
from tracker.log.comment_services import add_comment
from tracker.models import Initiative
from tracker.organisation.services import upsert_administration
from tracker.seeding import default_seed_files, load_seed
from tracker.seeding.demo import ensure_demo_accounts

PG_DUMP_MISSING = "PostgreSQL backup skipped: pg_dump is not installed (apt-get install postgresql-client)"
OLDER_REVISION = "56ae660110b9"  # the initial schema: older than the code's newest migration


def _on_postgres() -> bool:
    return db.engine.url.get_backend_name() == "postgresql"


@pytest.fixture
def source(app):
    """The suite's database, and on PostgreSQL a skip when the client programs are missing."""
    if _on_postgres() and shutil.which("pg_dump") is None:
        pytest.skip(PG_DUMP_MISSING)
    return app


@pytest.fixture
def target(source, database_url, tmp_path):
    """An app on a second database that is empty: no tables, no schema revision."""
    if database_url.startswith("sqlite"):
        url = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    else:
        url = _empty_postgres_beside(database_url)
    application = _test_app(_overrides(url))
    yield application
    with application.app_context():
        db.session.remove()
        db.engine.dispose()


def _empty_postgres_beside(database_url: str) -> str:
    url = make_url(database_url)
    name = f"{url.database}_restore"
    server = create_engine(database_url, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        if not connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}):
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    server.dispose()
    restore_url = url.set(database=name).render_as_string(hide_password=False)
    _reset_postgres(restore_url)
    return restore_url


def _backup(application, *args):
    with application.app_context():
        return application.test_cli_runner().invoke(args=["backup", *map(str, args)])


def _every_row(application) -> dict[str, list[tuple]]:
    """Every row, all columns, of every table the database has (the migrations' bookkeeping too)."""
    with application.app_context():
        metadata = MetaData()
        metadata.reflect(bind=db.engine)
        with db.engine.connect() as connection:
            rows = {name: [tuple(row) for row in connection.execute(
                select(table).order_by(*(table.primary_key.columns or table.columns)))]
                for name, table in metadata.tables.items()}
    return rows


def _revision(application) -> str | None:
    return _every_row(application).get("alembic_version", [(None,)])[0][0]


def _seed_city() -> None:
    """The seeded reference data, initiatives and log entries, the demo accounts and a comment."""
    load_seed(default_seed_files())
    accounts = ensure_demo_accounts()
    initiative = db.session.scalar(select(Initiative).order_by(Initiative.id).limit(1))
    add_comment(initiative, accounts[0], "Husk at invitere Lejerbo til næste møde.")
    db.session.commit()


def _small_backup(source, tmp_path):
    reference_data()
    db.session.commit()
    file = tmp_path / "small.backup"
    result = _backup(source, "create", file)
    assert result.exit_code == 0, result.output
    return file


def test_restore_into_an_empty_database_gives_back_every_row_of_every_table(source, target, tmp_path):
    _seed_city()
    file = tmp_path / "tvaers.backup"

    created = _backup(source, "create", file)
    restored = _backup(target, "restore", file)

    assert created.exit_code == 0, created.output
    assert "Sikkerhedskopi gemt i" in created.output
    assert stat.S_IMODE(file.stat().st_mode) == 0o600  # password hashes and personal data: owner only
    assert restored.exit_code == 0, restored.output
    assert "Gendannet fra" in restored.output and "db upgrade" not in restored.output
    before, after = _every_row(source), _every_row(target)
    assert all(before[name] for name in ("initiatives", "cooperation_entries", "users", "comments",
                                         "audit_events", "alembic_version"))
    assert after == before
    # The id sequences came along: the restored database takes new records.
    with target.app_context():
        upsert_administration("NYF", "Ny forvaltning", "Nyt udvalg")
        db.session.commit()


def test_restore_refuses_a_database_with_rows_and_changes_nothing(source, target, tmp_path):
    file = _small_backup(source, tmp_path)
    assert _backup(target, "restore", file).exit_code == 0
    with target.app_context():
        upsert_administration("NYF", "Ny forvaltning", "Nyt udvalg")
        db.session.commit()
    before = _every_row(target)

    result = _backup(target, "restore", file)

    assert result.exit_code == 1
    assert "Databasen er ikke tom" in result.stderr
    counts = sorted(((len(rows), name) for name, rows in before.items() if rows and name != "alembic_version"),
                    key=lambda item: (-item[0], item[1]))
    assert f"{counts[0][1]} ({counts[0][0]})" in result.stderr  # the fullest table is named with its rows
    assert f"rækker i {len(counts)} tabeller" in result.stderr and "--force" in result.stderr
    assert _every_row(target) == before


def test_restore_refuses_a_database_that_has_only_a_schema_revision(source, target, tmp_path):
    file = _small_backup(source, tmp_path)
    with target.app_context():
        db.session.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)"))
        db.session.execute(text(f"INSERT INTO alembic_version VALUES ('{OLDER_REVISION}')"))
        db.session.commit()

    result = _backup(target, "restore", file)

    assert result.exit_code == 1
    assert f"skemaversion {OLDER_REVISION}, men ingen rækker" in result.stderr
    assert _every_row(target) == {"alembic_version": [(OLDER_REVISION,)]}


def test_restore_with_force_replaces_everything_the_database_held(source, target, tmp_path):
    file = _small_backup(source, tmp_path)
    assert _backup(target, "restore", file).exit_code == 0
    with target.app_context():
        db.session.execute(text("DELETE FROM memberships"))
        db.session.execute(text("UPDATE areas SET description = 'Overskrevet'"))
        upsert_administration("NYF", "Ny forvaltning", "Nyt udvalg")
        # A table of a newer schema than the backup's goes too.
        db.session.execute(text("CREATE TABLE leftover (id INTEGER PRIMARY KEY, "
                                "user_id INTEGER REFERENCES users (id))"))
        db.session.commit()

    result = _backup(target, "restore", "--force", file)

    assert result.exit_code == 0, result.output
    assert _every_row(target) == _every_row(source)


def test_create_refuses_to_overwrite_an_existing_file_without_force(source, tmp_path):
    reference_data()
    db.session.commit()
    file = tmp_path / "tvaers.backup"
    file.write_bytes(b"last night's backup")

    refused = _backup(source, "create", file)

    assert refused.exit_code == 1
    assert "findes allerede" in refused.stderr and "--force" in refused.stderr
    assert file.read_bytes() == b"last night's backup"
    assert list(tmp_path.iterdir()) == [file]  # no half-written file left beside it

    forced = _backup(source, "create", "--force", file)

    assert forced.exit_code == 0, forced.output
    assert file.read_bytes()[:5] in (b"PGDMP", b"SQLit")


def _other_engines_backup(tmp_path, on_postgres: bool):
    if on_postgres:
        file = tmp_path / "tvaers.sqlite3"
        with sqlite3.connect(file) as other:
            other.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        return file, "er en SQLite-database, men databasen her er PostgreSQL"
    file = tmp_path / "tvaers.dump"
    file.write_bytes(b"PGDMP\x01\x0e\x00\x04\x08\x01\x01\x01" + bytes(100))
    return file, "er en sikkerhedskopi af en PostgreSQL-database (pg_dump), men databasen her er SQLite"


def test_restore_refuses_a_backup_of_the_other_engine_or_no_backup_at_all(source, target, tmp_path):
    with target.app_context():
        on_postgres = _on_postgres()
    other, said = _other_engines_backup(tmp_path, on_postgres)
    text_file = tmp_path / "notes.txt"
    text_file.write_text("ikke en sikkerhedskopi\n")

    from_the_other_engine = _backup(target, "restore", "--force", other)
    not_a_backup = _backup(target, "restore", "--force", text_file)
    missing = _backup(target, "restore", tmp_path / "nowhere.backup")

    assert from_the_other_engine.exit_code == 1 and said in from_the_other_engine.stderr
    assert not_a_backup.exit_code == 1
    assert "er ikke en sikkerhedskopi fra 'backup create'" in not_a_backup.stderr
    assert missing.exit_code == 1 and "findes ikke" in missing.stderr
    assert _every_row(target) == {}


def _backup_at_revision(source, tmp_path, revision: str):
    reference_data()
    db.session.commit()
    head = _revision(source)
    db.session.execute(text("UPDATE alembic_version SET version_num = :revision"), {"revision": revision})
    db.session.commit()
    file = tmp_path / f"{revision}.backup"
    try:
        assert _backup(source, "create", file).exit_code == 0
    finally:
        db.session.execute(text("UPDATE alembic_version SET version_num = :head"), {"head": head})
        db.session.commit()
    return file


def test_restore_of_an_older_backup_keeps_its_revision_and_says_to_upgrade(source, target, tmp_path):
    # Read the head before the backup's revision is set: the suite's database is at the newest migration.
    head = _revision(source)
    file = _backup_at_revision(source, tmp_path, OLDER_REVISION)

    result = _backup(target, "restore", file)

    assert result.exit_code == 0, result.output
    assert f"skemaversion {OLDER_REVISION}" in result.output
    assert f"ældre skemaversion end koden ({head})" in result.output
    assert "flask --app tracker db upgrade" in result.output
    assert _revision(target) == OLDER_REVISION


def test_restore_refuses_a_backup_from_a_newer_version_of_the_code(source, target, tmp_path):
    file = _backup_at_revision(source, tmp_path, "0a1b2c3d4e5f")

    result = _backup(target, "restore", file)

    assert result.exit_code == 1
    assert "skemaversion 0a1b2c3d4e5f, som denne version af Tværs ikke kender" in result.stderr
    assert _every_row(target) == {}


# PostgreSQL only: the client programs.

@pytest.fixture
def postgres(source):
    if not _on_postgres():
        pytest.skip("pg_dump and pg_restore are used on PostgreSQL only")
    reference_data()
    db.session.commit()
    return source


def _fake_pg_dump(folder, script: str, monkeypatch) -> None:
    folder.mkdir()
    program = folder / "pg_dump"
    program.write_text("#!/bin/sh\n" + script)
    program.chmod(0o755)
    monkeypatch.setenv("PATH", str(folder))


def test_create_without_pg_dump_says_what_to_install(postgres, tmp_path, monkeypatch):
    (tmp_path / "bin").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))

    result = _backup(postgres, "create", tmp_path / "tvaers.backup")

    assert result.exit_code == 1
    assert "pg_dump findes ikke på denne maskine" in result.stderr and "postgresql-client" in result.stderr
    assert not (tmp_path / "tvaers.backup").exists()


def test_create_refuses_a_server_newer_than_pg_dump(postgres, tmp_path, monkeypatch):
    _fake_pg_dump(tmp_path / "bin", "echo 'pg_dump (PostgreSQL) 9.6.24'\n", monkeypatch)

    result = _backup(postgres, "create", tmp_path / "tvaers.backup")

    assert result.exit_code == 1
    assert "pg_dump på denne maskine er version 9" in result.stderr
    assert "kan ikke tage en sikkerhedskopi af en nyere server" in result.stderr
    assert not (tmp_path / "tvaers.backup").exists()


def test_a_failing_pg_dump_is_reported_and_keeps_the_old_backup(postgres, tmp_path, monkeypatch):
    real = shutil.which("pg_dump")
    _fake_pg_dump(tmp_path / "bin", f'[ "$1" = --version ] && exec {real} --version\n'
                  "echo 'pg_dump: error: connection to server failed' >&2\nexit 1\n", monkeypatch)
    file = tmp_path / "tvaers.backup"
    file.write_bytes(b"last night's backup")

    result = _backup(postgres, "create", "--force", file)

    assert result.exit_code == 1
    assert "pg_dump mislykkedes (afslutningskode 1)" in result.stderr
    assert "connection to server failed" in result.stderr
    assert file.read_bytes() == b"last night's backup"


def test_a_restore_that_fails_halfway_changes_nothing(postgres, target, tmp_path):
    file = tmp_path / "tvaers.backup"
    assert _backup(postgres, "create", file).exit_code == 0
    restored = _backup(target, "restore", file)
    assert restored.exit_code == 0, restored.output
    with target.app_context():
        upsert_administration("NYF", "Ny forvaltning", "Nyt udvalg")
        # A type where the backup has a table: the restore clears the tables away, then cannot create it.
        db.session.execute(text("DROP TABLE comments CASCADE"))
        db.session.execute(text("CREATE TYPE comments AS (id integer)"))
        db.session.commit()
    before = _every_row(target)

    result = _backup(target, "restore", "--force", file)

    assert result.exit_code == 1
    assert "Gendannelsen mislykkedes, og intet blev ændret (psql" in result.stderr
    assert _every_row(target) == before


def test_pg_dump_gets_the_password_through_its_environment_never_its_command_line(postgres, database_url,
                                                                                 tmp_path, monkeypatch):
    real = shutil.which("pg_dump")
    _fake_pg_dump(tmp_path / "bin", f'[ "$1" = --version ] && exec {real} --version\n'
                  f'echo "$@" > {tmp_path}/arguments\necho "$PGPASSWORD" > {tmp_path}/password\n'
                  f'exec {real} "$@"\n', monkeypatch)
    url = make_url(database_url).set(password="hemmeligt-kodeord")
    with_password = _test_app(_overrides(url.render_as_string(hide_password=False)))

    result = _backup(with_password, "create", tmp_path / "tvaers.backup")

    assert result.exit_code == 0, result.output
    assert "hemmeligt-kodeord" not in (tmp_path / "arguments").read_text()
    assert f"dbname='{url.database}'" in (tmp_path / "arguments").read_text()
    assert (tmp_path / "password").read_text() == "hemmeligt-kodeord\n"
    with with_password.app_context():
        db.engine.dispose()
