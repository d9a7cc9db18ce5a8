"""Keeps the search index current from the ORM's unit of work, like the audit trail, and rebuilds it whole.

After each flush every new, changed or deleted searchable record has its document replaced or removed in the
same transaction, so a save that is rolled back leaves the index as it was. Bulk inserts that bypass the
unit of work (synth) call `rebuild` when they are done.
"""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, event, insert, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, joinedload, selectinload

from tracker.bodies.models import Body, Meeting
from tracker.extensions import db
from tracker.initiatives.models import CooperationEntry, Initiative
from tracker.organisation.models import Organisation, Person
from tracker.search.documents import BUILDERS, Document, document_of
from tracker.search.models import search_document_areas, search_documents
from tracker.search.text import indexed

CHUNK = 500
REBUILD_BATCH = 2000
REBUILT = (
    (Initiative, (selectinload(Initiative.areas),)),
    (CooperationEntry, (selectinload(CooperationEntry.areas),)),
    (Body, ()),
    (Meeting, (joinedload(Meeting.body),)),
    (Organisation, ()),
    (Person, ()),
)


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
            if isinstance(record, Body):  # a meeting belongs to its body's area
                for meeting in record.meetings:
                    add(meeting)
    removed = []
    for state, (is_delete, list_only) in flush_context.states.items():
        record = state.obj()
        if is_delete and not list_only and type(record) in BUILDERS:
            removed.append(document_of(record).id)
            documents.pop(removed[-1], None)
    if documents or removed:
        write(session.connection(), list(documents.values()), removed)


def install(session_class: type[Session]) -> None:
    """Index every flush of sessions of this class (idempotent, like the audit recorder)."""
    if not event.contains(session_class, "after_flush", after_flush):
        event.listen(session_class, "after_flush", after_flush)


def rebuild() -> int:
    """Build the whole index again from the records (flushes, never commits); the number of documents."""
    db.session.flush()
    connection = db.session.connection()
    connection.execute(delete(search_document_areas))
    if connection.dialect.name == "sqlite":
        connection.execute(text("DELETE FROM search_fts"))
    connection.execute(delete(search_documents))
    total = 0
    for model, options in REBUILT:
        last = 0
        while True:
            records = db.session.scalars(select(model).where(model.id > last).order_by(model.id)
                                         .limit(REBUILD_BATCH).options(*options)).unique().all()
            if not records:
                break
            write(connection, [document_of(record) for record in records])
            total += len(records)
            last = records[-1].id
    return total
