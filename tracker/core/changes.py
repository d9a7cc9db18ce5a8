"""The change token: one row in the database that every committed write gives a new value, so that any app
process, on any host, can tell with one primary-key read whether what it computed earlier still holds.

Every INSERT, UPDATE, DELETE (and bulk.py's COPY, which marks itself) through SQLAlchemy marks its connection;
when that connection commits, the token gets a new random value in the same transaction. A reader therefore
sees the new token exactly when it can see the new data, whichever process made the change, and a value is
kept in memory with the token it was computed under (``cached``) and reused only while the token is the
same. The token is read once per request, before anything it guards, so a value computed while a commit lands
is at worst newer than its token says, never older. A request with writes of its own not yet committed
neither reads nor fills the cache: what it sees may still be rolled back.

Writes nothing kept depends on (the token row itself, an API token's last use) do not change the token; nor do
the search index's, which are made in the same transaction as the writes of the records they come from. A
rebuild of the whole index marks itself (tracker/search/index.py), as search hits are kept, except seed's, which
rebuilds it from records whose own writes mark any change.
"""
from __future__ import annotations

import re
import threading
import uuid
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from threading import Lock
from typing import Any, TypeVar

from flask import current_app, has_request_context, request
from sqlalchemy import Column, Engine, Integer, Pool, String, Table, event, select

from tracker.extensions import db

change_tokens = Table(
    "change_tokens",
    db.metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("token", String(32), nullable=False),
)

ROW = 1
_TOKEN = "tvaers.change_token"  # in the request's environ once read
_WRITTEN = "tvaers.written"  # in a connection's info while it holds uncommitted writes
_WRITE = re.compile(r"\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|COPY)\s+\"?(\w+)", re.IGNORECASE)
EXISTS = {"postgresql": "SELECT to_regclass('change_tokens') IS NOT NULL",
          "sqlite": "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'change_tokens'"}
UNWATCHED = frozenset({"change_tokens", "api_tokens"})
UNWATCHED_PREFIXES = ("search_",)  # the search index: written beside its records' watched writes
CACHE_KEY = "tvaers.cache"
HELD_KEY = "tvaers.token_connections"  # per thread: the connection kept for reading the token
CACHE_SIZE = 2048  # entries kept per process; the oldest used go first
T = TypeVar("T")


def _unwatched(table: str) -> bool:
    return table in UNWATCHED or table.startswith(UNWATCHED_PREFIXES)


def note_write(connection) -> None:
    """Mark the connection as holding a write, for writes that bypass SQLAlchemy's execution (COPY)."""
    connection.info[_WRITTEN] = True


def _on_execute(conn, cursor, statement, parameters, context, executemany) -> None:
    match = _WRITE.match(statement)
    if match and not _unwatched(match.group(1).lower()):
        conn.info[_WRITTEN] = True


def _on_commit(conn) -> None:
    if not conn.info.pop(_WRITTEN, False):
        return
    # Straight through the driver: SQLAlchemy's connection is already committing, the transaction is not.
    raw = conn.connection.dbapi_connection
    marker = "%s" if conn.dialect.paramstyle in ("format", "pyformat") else "?"
    cursor = raw.cursor()
    try:
        # A migration may commit before the table exists, or after it dropped it (a downgrade).
        cursor.execute(EXISTS.get(conn.dialect.name, EXISTS["sqlite"]))
        if not cursor.fetchone()[0]:
            return
        cursor.execute(f"UPDATE change_tokens SET token = {marker} WHERE id = {marker}", (uuid.uuid4().hex, ROW))
        if cursor.rowcount == 0:
            cursor.execute(f"INSERT INTO change_tokens (id, token) VALUES ({marker}, {marker})",
                           (ROW, uuid.uuid4().hex))
    finally:
        cursor.close()
    if has_request_context():
        # What this request reads from now on is read after its own writes: kept under the token they give
        # (read again when next needed), not under the one read before them.
        request.environ.pop(_TOKEN, None)


def _on_rollback(conn) -> None:
    conn.info.pop(_WRITTEN, None)


def _on_reset(dbapi_connection, record, reset_state) -> None:
    record.info.pop(_WRITTEN, None)


def install() -> None:
    """Watch the writes of every engine (once per process): a process that only writes must still move the
    token on, or the others would keep what they cached."""
    if event.contains(Engine, "before_cursor_execute", _on_execute):
        return
    event.listen(Engine, "before_cursor_execute", _on_execute)
    event.listen(Engine, "commit", _on_commit)
    event.listen(Engine, "rollback", _on_rollback)
    event.listen(Pool, "reset", _on_reset)


def writing() -> bool:
    """The current session has changes of its own not yet committed (flushed or not)."""
    session = db.session()  # the request's session itself, not its scoped proxy
    if session.new or session.dirty or session.deleted:
        return True
    if session.get_transaction() is None:
        return False
    return bool(session.connection().info.get(_WRITTEN))


def _held_connections() -> dict:
    held = current_app.extensions.get(HELD_KEY)
    if held is None:
        held = current_app.extensions[HELD_KEY] = {}
        weakref.finalize(current_app._get_current_object(), _close_all, held)
    return held


def _close_all(held: dict) -> None:
    """Close the kept connections for good when their app goes (invalidated: not given back to a pool)."""
    for connection in list(held.values()):
        connection.invalidate()
    held.clear()


def _drop_ended_threads(held: dict) -> None:
    """A server that starts a thread per request (flask run) must not keep a connection for each one."""
    alive = {thread.ident for thread in threading.enumerate()}
    for thread in list(held):  # a snapshot: other threads add their own meanwhile
        connection = held.pop(thread, None) if thread not in alive else None
        if connection is not None:
            connection.invalidate()


def _read_token_alone() -> str | None:
    """The token in one statement on this thread's own connection, kept open between requests without a
    transaction: one round trip and little work, for a request that may need nothing else (a kept page).
    A connection that broke (the server restarted) is dropped and the read tried once more on a new one."""
    held, thread = _held_connections(), threading.get_ident()
    for attempt in (1, 2):
        connection = held.get(thread)
        if connection is None:
            _drop_ended_threads(held)
            connection = held[thread] = db.engine.raw_connection()
            connection.dbapi_connection.autocommit = True
        try:
            cursor = connection.dbapi_connection.cursor()
            cursor.execute("SELECT token FROM change_tokens WHERE id = %s", (ROW,))
            row = cursor.fetchone()
            cursor.close()
            return row[0] if row else None
        except db.engine.dialect.loaded_dbapi.Error:
            held.pop(thread, None)
            connection.invalidate()
            if attempt == 2:
                raise
    return None


def _read_token(alone: bool = False) -> str | None:
    if alone and db.engine.dialect.name == "postgresql":
        return _read_token_alone()
    return db.session.scalar(select(change_tokens.c.token).where(change_tokens.c.id == ROW))


def token_now() -> str | None:
    """The token as it is now, read outside any request's session (on PostgreSQL on this thread's own
    connection): for an answer given before a request's session exists (the page cache's front memo)."""
    return _read_token(alone=True)


def current_token(alone: bool = False) -> str | None:
    """The token as this request first read it (outside a request: as it is now); None when the row is
    missing (an empty database). Kept with the request, not in `g`, which may outlive it. `alone` reads it
    outside the request's session, for a request that may need nothing else from the database."""
    if not has_request_context():
        return _read_token()
    if _TOKEN not in request.environ:
        request.environ[_TOKEN] = _read_token(alone)
    return request.environ[_TOKEN]


class LruStore:
    """A small least-recently-used map, shared by the threads of one process."""

    def __init__(self, size: int):
        self.size, self.items, self.lock = size, OrderedDict(), Lock()

    def get(self, key):
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
        return None

    def put(self, key, value) -> None:
        with self.lock:
            self.items[key] = value
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)


def _store() -> LruStore:
    store = current_app.extensions.get(CACHE_KEY)
    if store is None:
        store = current_app.extensions[CACHE_KEY] = LruStore(CACHE_SIZE)
    return store


def cached(key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, or what it returned under the current change token. The value must be plain data (no
    ORM objects, which belong to one session) and the same for every reader; the key says what it depends
    on besides the data (filters, today's date, the language)."""
    if writing():
        return compute()
    token = current_token()
    if token is None:
        return compute()
    store = _store()
    found: Any = store.get(key)
    if found is not None and found[0] == token:
        return found[1]
    value = compute()
    store.put(key, (token, value))
    return value
