"""The search index: one document per searchable record, with the areas it belongs to.

Both databases keep the documents in `search_documents`. What ranks them is the database's own:
PostgreSQL adds two generated tsvector columns (`title_vector`, `document`) with GIN indexes, SQLite an
FTS5 table `search_fts` of the stemmed words whose rowid is the document's id. Those are created by the
migration only, so `include_name` keeps them out of the comparison of models and schema.
"""
from __future__ import annotations

from sqlalchemy import BigInteger, Boolean, Column, Date, ForeignKey, Integer, String, Table, Text

from tracker.extensions import db

KINDS = ("initiative", "entry", "body", "meeting", "organisation", "person")

search_documents = Table(
    "search_documents",
    db.metadata,
    # kind and record in one number (record id * 10 + the kind's place in KINDS), so a record's document
    # is found, replaced and deleted without looking it up first.
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=False),
    Column("kind", String(20), nullable=False, index=True),
    Column("record_id", Integer, nullable=False),
    Column("title", String(300), nullable=False, default=""),
    Column("text", Text, nullable=False, default=""),
    Column("date", Date),
    Column("archived", Boolean, nullable=False, default=False),
)

search_document_areas = Table(
    "search_document_areas",
    db.metadata,
    Column("document_id", ForeignKey("search_documents.id", ondelete="CASCADE"), primary_key=True),
    Column("area_id", ForeignKey("areas.id", ondelete="CASCADE"), primary_key=True, index=True),
)

ENGINE_COLUMNS = frozenset({"title_vector", "document"})
# The GIN indexes on the tsvector columns (PostgreSQL's; the initiatives' own two serve a search for
# initiatives alone): created by the migrations, merged after a rebuild.
GIN_INDEXES = ("ix_search_documents_document", "ix_search_documents_title_vector",
               "ix_search_documents_initiative_document", "ix_search_documents_initiative_title_vector")
ENGINE_INDEXES = frozenset(GIN_INDEXES)


def document_id(kind: str, record_id: int) -> int:
    return record_id * 10 + KINDS.index(kind)


def include_name(name, type_, parent_names) -> bool:
    """Alembic's filter: the engine's own search objects (FTS5 and its shadow tables, tsvector columns and
    their index) are the migration's, not the models'."""
    if type_ == "table":
        return not (name or "").startswith("search_fts")
    if type_ == "column" and parent_names.get("table_name") == "search_documents":
        return name not in ENGINE_COLUMNS
    return not (type_ == "index" and name in ENGINE_INDEXES)
