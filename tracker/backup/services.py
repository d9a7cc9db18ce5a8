"""Whole-database backups to one file and restores from it: pg_dump and pg_restore on PostgreSQL, the online
backup API on SQLite.

Unlike the domain services these work below the ORM session: a backup reads the database as one consistent
snapshot and a restore replaces all of it in one transaction, so neither flushes nor commits a session. Every
refusal and failure raises BackupError with a Danish message and leaves the database (and an existing backup
file) as it was.
"""
from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
from contextlib import closing, suppress
from dataclasses import dataclass
from pathlib import Path

from alembic.script import ScriptDirectory
from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from sqlalchemy import func, inspect, select, table, text

from tracker.core.errors import render_message
from tracker.extensions import db

POSTGRESQL = "postgresql"
SQLITE = "sqlite"
# The first bytes of a pg_dump custom-format archive and of an SQLite database file.
MAGIC = {POSTGRESQL: b"PGDMP", SQLITE: b"SQLite format 3\x00"}
# How long a restore waits for the running app to let go of a table before it gives up (instead of hanging).
LOCK_TIMEOUT = "10s"
# How many of a non-empty database's tables a refusal names.
TABLES_NAMED = 8
# pg_restore --list lines: "5; 2615 17889 SCHEMA - public postgres", "3832; 0 0 COMMENT - SCHEMA public postgres".
SCHEMA_ENTRY = re.compile(r"^\d+; \d+ \d+ (?:SCHEMA|COMMENT|ACL) - (?:SCHEMA )?(\S+) ")
DUMPED_SCHEMA = re.compile(r"^\d+; \d+ \d+ SCHEMA - (\S+) ")


class BackupError(Exception):
    """A backup or restore was refused or failed, and nothing was changed; `message` is for the user."""

    def __init__(self, message):
        self.message = render_message(message)
        super().__init__(self.message)


@dataclass(frozen=True)
class Backup:
    path: Path
    engine: str
    revision: str
    size: int


@dataclass(frozen=True)
class Restored:
    path: Path
    revision: str
    """The file's schema revision, now the database's."""
    code_revisions: tuple[str, ...]
    """The newest revisions (heads) this code's migrations know."""

    @property
    def needs_upgrade(self) -> bool:
        return self.revision not in self.code_revisions


@dataclass(frozen=True)
class Contents:
    """What a database holds: its schema revision (None without one) and the tables that have rows."""

    revision: str | None
    rows: dict[str, int]

    @property
    def empty(self) -> bool:
        return self.revision is None and not self.rows

    def describe(self) -> str:
        listed = sorted(self.rows.items(), key=lambda item: (-item[1], item[0]))
        tables = ", ".join(f"{name} ({count})" for name, count in listed[:TABLES_NAMED])
        if len(listed) > TABLES_NAMED:
            tables += " " + render_message(lazy_ngettext("og %(num)s tabel mere", "og %(num)s tabeller mere",
                                                         len(listed) - TABLES_NAMED))
        if not self.rows:
            return render_message(_l("den har skemaversion %(revision)s, men ingen rækker", revision=self.revision))
        with_rows = lazy_ngettext("rækker i %(num)s tabel: %(tables)s", "rækker i %(num)s tabeller: %(tables)s",
                                  len(listed), tables=tables)
        if self.revision is None:
            return render_message(_l("den har %(rows)s", rows=render_message(with_rows)))
        return render_message(_l("den har skemaversion %(revision)s og %(rows)s", revision=self.revision,
                                 rows=render_message(with_rows)))


def database_contents() -> Contents:
    """The configured database's schema revision and row counts (every table of its default schema)."""
    with db.engine.connect() as connection:
        names = inspect(connection).get_table_names()
        rows = {}
        for name in names:
            if name != "alembic_version":
                count = connection.execute(select(func.count()).select_from(table(name))).scalar_one()
                if count:
                    rows[name] = count
        revision = _revision(connection) if "alembic_version" in names else None
    return Contents(revision=revision, rows=rows)


def create_backup(path: Path, *, force: bool = False) -> Backup:
    """Write the whole database to `path`; an existing file is only replaced with `force`, and only once the
    new backup is complete."""
    path = Path(path)
    if path.is_dir():
        raise BackupError(_l("%(path)s er en mappe. Angiv et filnavn.", path=str(path)))
    if path.exists() and not force:
        raise BackupError(_l("%(path)s findes allerede, og intet blev skrevet. Brug --force for at overskrive "
                             "den.", path=str(path)))
    if not path.parent.is_dir():
        raise BackupError(_l("Mappen %(folder)s findes ikke.", folder=str(path.parent)))
    engine = _engine()
    with db.engine.connect() as connection:
        revision = _revision(connection) if inspect(connection).has_table("alembic_version") else None
    if revision is None:
        raise BackupError(_l("Databasen har intet skema endnu, så der er intet at tage en sikkerhedskopi af. "
                             "Kør først 'flask --app tracker db upgrade'."))
    # mkstemp makes the file readable by its owner only: a backup holds password hashes and personal data.
    handle, partial_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(handle)
    partial = Path(partial_name)
    try:
        if engine == POSTGRESQL:
            _pg_dump(partial)
        else:
            _sqlite_copy(partial)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return Backup(path=path, engine=engine, revision=revision, size=path.stat().st_size)


def restore_backup(path: Path, *, force: bool = False) -> Restored:
    """Replace the whole database with the backup in `path`. A database that holds anything (a row in any table,
    or a schema revision) is only replaced with `force`."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(_l("Filen %(path)s findes ikke.", path=str(path)))
    engine = _engine()
    kind = _file_kind(path)
    if kind is None:
        raise BackupError(_l("%(path)s er ikke en sikkerhedskopi fra 'backup create' (hverken et pg_dump-arkiv i "
                             "custom-format eller en SQLite-database).", path=str(path)))
    if kind != engine:
        if kind == POSTGRESQL:
            raise BackupError(_l("%(path)s er en sikkerhedskopi af en PostgreSQL-database (pg_dump), men "
                                 "databasen her er SQLite. Gendan den i en PostgreSQL-database "
                                 "(TRACKER_DATABASE_URL).", path=str(path)))
        raise BackupError(_l("%(path)s er en SQLite-database, men databasen her er PostgreSQL. Gendan den med "
                             "TRACKER_DATABASE_URL sat til en SQLite-fil.", path=str(path)))
    archive = _PgArchive.read(path) if engine == POSTGRESQL else None
    revision = archive.revision if archive else _sqlite_file_revision(path)
    heads = _check_known(revision, path)
    contents = database_contents()
    if not contents.empty and not force:
        raise BackupError(_l("Databasen er ikke tom: %(contents)s. Intet blev ændret. Brug --force for at "
                             "erstatte hele indholdet med sikkerhedskopien.", contents=contents.describe()))
    # Let go of every pooled connection, so no open transaction of ours holds a lock the restore waits for.
    db.session.remove()
    db.engine.dispose()
    try:
        if archive:
            archive.restore()
        else:
            _sqlite_restore(path)
    finally:
        db.engine.dispose()
    return Restored(path=path, revision=revision, code_revisions=heads)


def _engine() -> str:
    name = db.engine.url.get_backend_name()
    if name not in (POSTGRESQL, SQLITE):
        raise BackupError(_l("Sikkerhedskopier kan kun tages af PostgreSQL og SQLite, ikke af %(engine)s.",
                             engine=name))
    return name


def _revision(connection) -> str | None:
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _file_kind(path: Path) -> str | None:
    with path.open("rb") as file:
        start = file.read(len(MAGIC[SQLITE]))
    return next((kind for kind, magic in MAGIC.items() if start.startswith(magic)), None)


def _check_known(revision: str, path: Path) -> tuple[str, ...]:
    """The code's newest revisions, once the file's revision is known to be one of this code's migrations."""
    migrate = current_app.extensions["migrate"]
    scripts = ScriptDirectory.from_config(migrate.migrate.get_config(migrate.directory))
    if revision not in {script.revision for script in scripts.walk_revisions()}:
        raise BackupError(_l("%(path)s har skemaversion %(revision)s, som denne version af Tværs ikke kender (den "
                             "er nok lavet af en nyere version). Intet blev ændret. Gendan den med den version af "
                             "Tværs, der lavede den.", path=str(path), revision=revision))
    return tuple(scripts.get_heads())


def _not_a_backup(path: Path) -> BackupError:
    return BackupError(_l("%(path)s har ingen skemaversion (tabellen alembic_version), så den er ikke en "
                          "sikkerhedskopi af Tværs. Intet blev ændret.", path=str(path)))


# SQLite: the online backup API copies a live database page by page into another connection's database, as
# one transaction on the destination, so a copy is consistent and a restore is all or nothing.

def _sqlite_copy(target: Path) -> None:
    live = db.engine.raw_connection()
    try:
        with closing(sqlite3.connect(target)) as copy:
            live.driver_connection.backup(copy)
    except sqlite3.Error as error:
        raise BackupError(_l("Sikkerhedskopien kunne ikke skrives: %(error)s", error=str(error))) from error
    finally:
        live.close()


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def _sqlite_file_revision(path: Path) -> str:
    try:
        with closing(_read_only(path)) as source:
            if source.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise BackupError(_l("%(path)s er beskadiget (SQLite's quick_check fandt fejl). Intet blev "
                                     "ændret.", path=str(path)))
            if source.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
                              ).fetchone() is None:
                raise _not_a_backup(path)
            row = source.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error as error:
        raise BackupError(_l("%(path)s kan ikke læses som SQLite-database: %(error)s", path=str(path),
                             error=str(error))) from error
    if row is None:
        raise _not_a_backup(path)
    return row[0]


def _sqlite_restore(path: Path) -> None:
    live = db.engine.raw_connection()
    try:
        with closing(_read_only(path)) as source:
            source.backup(live.driver_connection)
    except sqlite3.Error as error:
        raise BackupError(_l("Gendannelsen mislykkedes, og intet blev ændret: %(error)s", error=str(error))
                          ) from error
    finally:
        live.close()


# PostgreSQL: pg_dump and pg_restore from postgresql-client, with the connection taken from the configured URL.

def _pg_connection() -> tuple[str, dict[str, str]]:
    """A libpq connection string without the password, and an environment that carries the password
    (PGPASSWORD), so it never shows on a command line or in the process list."""
    url = db.engine.url
    settings: dict[str, object] = {"host": url.host, "port": url.port, "user": url.username,
                                   "dbname": url.database}
    password = url.password
    # The URL's query holds libpq settings (sslmode, a socket directory as host, ...): psycopg passes them on too.
    for key, value in url.query.items():
        value = value[-1] if isinstance(value, tuple) else value
        if key == "password":
            password = value
        else:
            settings[key] = value
    conninfo = " ".join(f"{key}={_libpq_quote(str(value))}" for key, value in settings.items()
                        if value not in (None, ""))
    env = dict(os.environ)
    if password:
        env["PGPASSWORD"] = str(password)
    return conninfo, env


def _libpq_quote(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(_l("%(tool)s findes ikke på denne maskine. Installér PostgreSQL's klientprogrammer "
                             "(Debian/Ubuntu: 'apt-get install postgresql-client') i serverens hovedversion "
                             "eller nyere.", tool=name))
    return found


def _run(command: list[str], env: dict[str, str]) -> bytes:
    tool = Path(command[0]).name
    try:
        result = subprocess.run(command, env=env, capture_output=True, check=False)
    except OSError as error:
        raise BackupError(_l("%(tool)s kunne ikke startes: %(error)s", tool=tool,
                             error=error.strerror or str(error))) from error
    if result.returncode != 0:
        raise BackupError(_l("%(tool)s mislykkedes (afslutningskode %(code)s), og intet blev ændret: %(error)s",
                             tool=tool, code=result.returncode, error=_tail(result.stderr)))
    return result.stdout


def _tail(output: bytes) -> str:
    message = output.decode("utf-8", "replace").strip()
    return message[-2000:] or "?"


def _major(version: str) -> int | None:
    match = re.search(r"\(PostgreSQL\) (\d+)", version) or re.search(r"(\d+)", version)
    return int(match.group(1)) if match else None


def _pg_dump(target: Path) -> None:
    pg_dump = _tool("pg_dump")
    conninfo, env = _pg_connection()
    client = _major(_run([pg_dump, "--version"], env).decode("utf-8", "replace"))
    with db.engine.connect() as connection:
        server = int(connection.execute(text("SHOW server_version_num")).scalar_one()) // 10000
    # pg_dump refuses a server of a newer major version; say which package is missing before it does.
    if client is not None and server > client:
        raise BackupError(_l("Serveren kører PostgreSQL %(server)s, men pg_dump på denne maskine er version "
                             "%(client)s og kan ikke tage en sikkerhedskopi af en nyere server. Installér "
                             "postgresql-client %(server)s eller nyere.", server=server, client=client))
    _run([pg_dump, "--format=custom", "--no-password", f"--file={target}", f"--dbname={conninfo}"], env)


@dataclass(frozen=True)
class _PgArchive:
    """A pg_dump custom-format archive, read (its table of contents and schema revision) before anything
    is changed."""

    path: Path
    listing: str
    revision: str

    @classmethod
    def read(cls, path: Path) -> _PgArchive:
        pg_restore = _tool("pg_restore")
        _tool("psql")
        _conninfo, env = _pg_connection()
        listing = _run([pg_restore, "--list", str(path)], env).decode("utf-8", "replace")
        data = _run([pg_restore, "--data-only", "--table=alembic_version", "--file=-", str(path)], env)
        lines = data.decode("utf-8", "replace").splitlines()
        copy = next((number for number, line in enumerate(lines)
                     if line.startswith("COPY ") and "alembic_version" in line), None)
        if copy is None or copy + 1 >= len(lines) or lines[copy + 1] == "\\.":
            raise _not_a_backup(path)
        return cls(path=path, listing=listing, revision=lines[copy + 1].strip())

    def restore(self) -> None:
        """Drop what the database holds and load the archive, all in one transaction: pg_restore writes the
        archive as SQL, psql runs it after the drops and commits only once pg_restore has finished cleanly."""
        pg_restore, psql = _tool("pg_restore"), _tool("psql")
        conninfo, env = _pg_connection()
        dumped = [match.group(1) for match in map(DUMPED_SCHEMA.match, self.listing.splitlines()) if match]
        # The schemas themselves are made here when missing, not by the archive: a database always has its
        # public schema, and its comment and ownership belong to the database's owner.
        entries = [line for line in self.listing.splitlines() if not SCHEMA_ENTRY.match(line)]
        with tempfile.TemporaryDirectory() as work:
            toc = Path(work) / "toc.list"
            toc.write_text("\n".join(entries) + "\n", encoding="utf-8")
            with open(Path(work) / "pg_restore.err", "w+b") as restore_errors, \
                    open(Path(work) / "psql.err", "w+b") as psql_errors:
                producer = subprocess.Popen(
                    [pg_restore, "--no-owner", "--no-privileges", f"--use-list={toc}", "--file=-", str(self.path)],
                    stdout=subprocess.PIPE, stderr=restore_errors, env=env)
                consumer = subprocess.Popen(
                    [psql, "--no-psqlrc", "--quiet", "--no-password", "--set=ON_ERROR_STOP=1",
                     f"--dbname={conninfo}"],
                    stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=psql_errors, env=env)
                try:
                    consumer.stdin.write(_prelude(dumped).encode())
                    shutil.copyfileobj(producer.stdout, consumer.stdin)
                    # Without COMMIT, psql ends at the end of its input and the server rolls everything back.
                    if producer.wait() == 0:
                        consumer.stdin.write(b"COMMIT;\n")
                except BrokenPipeError:
                    pass  # psql stopped at an error; its message says which
                finally:
                    with suppress(BrokenPipeError):
                        consumer.stdin.close()
                    producer.stdout.close()
                    producer.wait()
                    consumer.wait()
                psql_errors.seek(0)
                restore_errors.seek(0)
                if consumer.returncode != 0:
                    raise BackupError(_l("Gendannelsen mislykkedes, og intet blev ændret (psql, afslutningskode "
                                         "%(code)s): %(error)s", code=consumer.returncode,
                                         error=_tail(psql_errors.read())))
                if producer.returncode != 0:
                    raise BackupError(_l("Gendannelsen mislykkedes, og intet blev ændret (pg_restore, "
                                         "afslutningskode %(code)s): %(error)s", code=producer.returncode,
                                         error=_tail(restore_errors.read())))


def _prelude(dumped_schemas: list[str]) -> str:
    """SQL that opens the restore's transaction and empties the schemas it will fill: every table, view and
    sequence goes, so tables of a newer schema than the archive's do not linger or block the drops."""
    with db.engine.connect() as connection:
        inspector = inspect(connection)
        quote = connection.dialect.identifier_preparer.quote
        existing = set(inspector.get_schema_names())
        statements = ["BEGIN;", f"SET lock_timeout = '{LOCK_TIMEOUT}';"]
        for schema in sorted({*dumped_schemas, inspector.default_schema_name}):
            if schema not in existing:
                statements.append(f"CREATE SCHEMA {quote(schema)};")
                continue
            for kind, names in (("VIEW", inspector.get_view_names(schema)),
                                ("TABLE", inspector.get_table_names(schema)),
                                ("SEQUENCE", inspector.get_sequence_names(schema))):
                statements.extend(f"DROP {kind} IF EXISTS {quote(schema)}.{quote(name)} CASCADE;" for name in names)
    db.engine.dispose()
    return "\n".join(statements) + "\n"
