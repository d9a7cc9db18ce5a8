"""search: GIN indexes on the initiatives' documents and titles alone, so a search for initiatives reads their
matches only, not every log entry's

Revision ID: 6e2f9a4c1b83
Revises: 5d0e8b3c7a91
Create Date: 2026-12-12 09:00:00.000000

PostgreSQL only (SQLite's FTS5 table is searched by its own index). A frequent word, searched among the
50,000 initiatives of a table that also holds 500,000 log entries, was found by a scan of the whole table
that began wherever the last scan had stopped: 5 to 275 ms for the same search.
"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '6e2f9a4c1b83'
down_revision = '5d0e8b3c7a91'
branch_labels = None
depends_on = None

INDEXES = {"ix_search_documents_initiative_document": "document",
           "ix_search_documents_initiative_title_vector": "title_vector"}


def upgrade():
    if op.get_bind().dialect.name == 'postgresql':
        for name, column in INDEXES.items():
            op.execute(f"CREATE INDEX {name} ON search_documents USING gin ({column}) WHERE kind = 'initiative'")


def downgrade():
    if op.get_bind().dialect.name == 'postgresql':
        for name in INDEXES:
            op.execute(f"DROP INDEX IF EXISTS {name}")
