"""Keeps the search index current from the ORM's unit of work, like the audit trail, and rebuilds it whole.

After each flush every new, changed or deleted searchable record has its document replaced or removed in the
same transaction, so a save that is rolled back leaves the index as it was. Bulk inserts that bypass the
unit of work (synth) call `rebuild` when they are done.
"""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import (
    BigInteger,
    Date,
    Select,
    and_,
    case,
    cast,
    delete,
    event,
    func,
    insert,
    inspect,
    literal,
    select,
    text,
)
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from tracker.bodies.models import Body, Meeting
from tracker.core.changes import note_write
from tracker.extensions import db
from tracker.initiatives.models import Initiative, initiative_areas
from tracker.log.models import CooperationEntry, entry_areas
from tracker.organisation.models import Organisation, Person
from tracker.search.documents import BUILDERS, Document, document_of
from tracker.search.models import GIN_INDEXES, KINDS, search_document_areas, search_documents
from tracker.search.text import indexed

CHUNK = 500
MOVED_BODIES = "search_moved_bodies"  # session.info: bodies whose meetings' documents wait for the flush's end
REBUILD_BATCH = 2000


def _chunks(items: list, size: int = CHUNK) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def write(connection: Connection, documents: list[Document], removed: Iterable[int] = ()) -> None:
    """Replace these documents (and drop the removed ids): a handful of statements however many."""
    ids = [document.id for document in documents] + list(removed)
    for chunk in _chunks(ids):
        connection.execute(delete(search_document_areas).where(search_document_areas.c.document_id.in_(chunk)))
        # On SQLite a trigger takes the FTS5 row along (see the migration).
        connection.execute(delete(search_documents).where(search_documents.c.id.in_(chunk)))
    for chunk in _chunks(documents, REBUILD_BATCH):
        connection.execute(insert(search_documents), [document.row() for document in chunk])
        if connection.dialect.name == "sqlite":
            connection.execute(text("INSERT INTO search_fts (rowid, title, text) VALUES (:id, :title, :text)"),
                               [{"id": d.id, "title": indexed(d.title), "text": indexed(d.text)} for d in chunk])
        links = [{"document_id": d.id, "area_id": area_id} for d in chunk for area_id in dict.fromkeys(d.area_ids)]
        if links:
            connection.execute(insert(search_document_areas), links)


def after_flush(session: Session, flush_context) -> None:
    documents: dict[int, Document] = {}

    def add(record) -> None:
        document = document_of(record)
        if document is not None:
            documents[document.id] = document

    for record in session.new:
        add(record)
    for record in session.dirty:
        if type(record) in BUILDERS and session.is_modified(record, include_collections=True):
            add(record)
            if isinstance(record, Body) and inspect(record).attrs.area_id.history.has_changes():
                # A meeting belongs to its body's area. Its documents are rewritten once the flush is over:
                # loading the meetings now could load one this very flush inserted, before the session knows it.
                session.info.setdefault(MOVED_BODIES, set()).add(record.id)
    removed = []
    for state, (is_delete, list_only) in flush_context.states.items():
        record = state.obj()
        if is_delete and not list_only and type(record) in BUILDERS:
            removed.append(document_of(record).id)
            documents.pop(removed[-1], None)
    if documents or removed:
        write(session.connection(), list(documents.values()), removed)


def after_flush_postexec(session: Session, flush_context) -> None:
    moved = session.info.pop(MOVED_BODIES, None)
    if moved:
        meetings = session.scalars(select(Meeting).where(Meeting.body_id.in_(moved))).all()
        documents = [document for document in map(document_of, meetings) if document is not None]
        write(session.connection(), documents)


def install(session_class: type[Session]) -> None:
    """Index every flush of sessions of this class (idempotent, like the audit recorder)."""
    for name, listener in (("after_flush", after_flush), ("after_flush_postexec", after_flush_postexec)):
        if not event.contains(session_class, name, listener):
            event.listen(session_class, name, listener)


def _id(record_id, kind: str):
    """`document_id` in SQL."""
    return cast(record_id, BigInteger) * 10 + KINDS.index(kind)


def _text_of_person():
    """`_person`'s text in SQL: the title and the email, whichever are given, with a space between."""
    title, email = func.nullif(Person.title, ""), func.nullif(Person.email, "")
    return case((and_(title.is_not(None), email.is_not(None)), title + " " + email), else_=func.coalesce(title, email, ""))


def _rebuilt_documents() -> list[tuple[Select, Select | None]]:
    """What documents.py builds, as one INSERT … SELECT per kind (and one for its areas), so a rebuild at
    half a million records runs in the database instead of through half a million ORM objects."""
    def archived(model):
        return model.archived_at.is_not(None)

    def title(value):
        return func.substr(value, 1, 300)

    return [
        (select(_id(Initiative.id, "initiative"), literal("initiative"), Initiative.id, title(Initiative.title),
                func.coalesce(Initiative.summary, ""), Initiative.start_date, archived(Initiative)),
         select(_id(initiative_areas.c.initiative_id, "initiative"), initiative_areas.c.area_id)),
        (select(_id(CooperationEntry.id, "entry"), literal("entry"), CooperationEntry.id, literal(""),
                func.coalesce(CooperationEntry.text, ""), CooperationEntry.date, archived(CooperationEntry)),
         select(_id(entry_areas.c.entry_id, "entry"), entry_areas.c.area_id)),
        (select(_id(Body.id, "body"), literal("body"), Body.id, title(Body.name), func.coalesce(Body.description, ""),
                literal(None, Date), archived(Body)),
         select(_id(Body.id, "body"), Body.area_id).where(Body.area_id.is_not(None))),
        (select(_id(Meeting.id, "meeting"), literal("meeting"), Meeting.id, literal(""),
                func.coalesce(Meeting.summary, ""), Meeting.date, archived(Meeting)),
         select(_id(Meeting.id, "meeting"), Body.area_id).join(Body, Body.id == Meeting.body_id)
         .where(Body.area_id.is_not(None))),
        (select(_id(Organisation.id, "organisation"), literal("organisation"), Organisation.id,
                title(Organisation.name), func.coalesce(Organisation.description, ""), literal(None, Date),
                archived(Organisation)), None),
        (select(_id(Person.id, "person"), literal("person"), Person.id, title(Person.name), _text_of_person(),
                literal(None, Date), archived(Person)), None),
    ]


DOCUMENT_COLUMNS = ("id", "kind", "record_id", "title", "text", "date", "archived")


def rebuild(moves_token: bool = True) -> int:
    """Build the whole index again from the records (flushes, never commits); the number of documents. Its
    commit moves the change token on, so that search hits kept from the old index are read again; `seed` says
    not to (``moves_token=False``): its records' own writes move it when they change anything, and an index
    rebuilt from unchanged records holds what it held."""
    db.session.flush()
    connection = db.session.connection()
    if moves_token:
        note_write(connection)
    # DELETE, not TRUNCATE: searches go on reading the old index until this transaction commits.
    connection.execute(delete(search_document_areas))
    if connection.dialect.name == "sqlite":
        connection.execute(text("DELETE FROM search_fts"))
    connection.execute(delete(search_documents))
    for documents, document_areas in _rebuilt_documents():
        connection.execute(insert(search_documents).from_select(DOCUMENT_COLUMNS, documents))
        if document_areas is not None:
            connection.execute(insert(search_document_areas).from_select(("document_id", "area_id"), document_areas))
    if connection.dialect.name == "sqlite":
        _fill_fts(connection)
    else:
        # A bulk insert leaves the GIN indexes' new entries in their pending lists, which every search then
        # reads through one by one until a vacuum merges them (after a rebuild of 500,000 documents the
        # 140,000 pending title entries took a search from 30 to 60-120 ms): merged now, in this transaction.
        for index in GIN_INDEXES:
            connection.execute(text("SELECT gin_clean_pending_list(CAST(:index AS regclass))"), {"index": index})
        # Fresh statistics, or the planner guesses at a table that has just grown (or shrunk) a hundredfold.
        connection.execute(text("ANALYZE search_documents, search_document_areas"))
    return connection.scalar(select(func.count()).select_from(search_documents))


def _fill_fts(connection: Connection) -> None:
    """SQLite's FTS5 holds the stems, which Python makes: every document's, in batches by id."""
    last = -1
    while True:
        rows = connection.execute(select(search_documents.c.id, search_documents.c.title, search_documents.c.text)
                                  .where(search_documents.c.id > last).order_by(search_documents.c.id)
                                  .limit(REBUILD_BATCH)).all()
        if not rows:
            return
        connection.execute(text("INSERT INTO search_fts (rowid, title, text) VALUES (:id, :title, :text)"),
                           [{"id": r.id, "title": indexed(r.title), "text": indexed(r.text)} for r in rows])
        last = rows[-1].id
