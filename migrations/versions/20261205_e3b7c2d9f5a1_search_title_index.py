"""search: a GIN index on the titles' words, so title hits are found without ranking every match

Revision ID: e3b7c2d9f5a1
Revises: d8a2f4c61e37
Create Date: 2026-12-05 12:00:00.000000

PostgreSQL only (SQLite's FTS5 matches a column by itself).
"""
from alembic import op

# revision identifiers, used by Alembic.
revision = 'e3b7c2d9f5a1'
down_revision = 'd8a2f4c61e37'
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("CREATE INDEX ix_search_documents_title_vector ON search_documents USING gin (title_vector)")


def downgrade():
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("DROP INDEX IF EXISTS ix_search_documents_title_vector")
