"""search index: documents with their areas; PostgreSQL tsvectors with a GIN index, SQLite FTS5

Revision ID: b4c8e2f61a9d
Revises: a7e3c91d5b20
Create Date: 2026-12-02 12:00:00.000000

The index starts empty: `flask --app tracker search reindex` fills it from the records already there.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b4c8e2f61a9d'
down_revision = 'a7e3c91d5b20'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'search_documents',
        sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=False, nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('record_id', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(length=300), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('date', sa.Date(), nullable=True),
        sa.Column('archived', sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_search_documents')),
    )
    with op.batch_alter_table('search_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_search_documents_kind'), ['kind'], unique=False)
    op.create_table(
        'search_document_areas',
        sa.Column('document_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
        sa.Column('area_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['area_id'], ['areas.id'], name=op.f('fk_search_document_areas_area_id_areas'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['document_id'], ['search_documents.id'],
                                name=op.f('fk_search_document_areas_document_id_search_documents'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('document_id', 'area_id', name=op.f('pk_search_document_areas')),
    )
    with op.batch_alter_table('search_document_areas', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_search_document_areas_area_id'), ['area_id'], unique=False)

    if op.get_bind().dialect.name == 'postgresql':
        # Title words weigh A, the text's B; the title alone decides "title hits first".
        op.execute("ALTER TABLE search_documents ADD COLUMN title_vector tsvector "
                   "GENERATED ALWAYS AS (to_tsvector('danish'::regconfig, title)) STORED")
        op.execute("ALTER TABLE search_documents ADD COLUMN document tsvector GENERATED ALWAYS AS ("
                   "setweight(to_tsvector('danish'::regconfig, title), 'A') || "
                   "setweight(to_tsvector('danish'::regconfig, text), 'B')) STORED")
        op.execute("CREATE INDEX ix_search_documents_document ON search_documents USING gin (document)")
    else:
        # The application writes the stems (Snowball's Danish, as PostgreSQL's `danish`), so FTS5 only splits.
        op.execute("CREATE VIRTUAL TABLE search_fts USING fts5(title, text, "
                   "tokenize = 'unicode61 remove_diacritics 0')")
        op.execute("CREATE TRIGGER search_documents_fts_delete AFTER DELETE ON search_documents "
                   "BEGIN DELETE FROM search_fts WHERE rowid = old.id; END")


def downgrade():
    if op.get_bind().dialect.name != 'postgresql':
        op.execute("DROP TRIGGER IF EXISTS search_documents_fts_delete")
        op.execute("DROP TABLE IF EXISTS search_fts")
    with op.batch_alter_table('search_document_areas', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_search_document_areas_area_id'))
    op.drop_table('search_document_areas')
    with op.batch_alter_table('search_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_search_documents_kind'))
    op.drop_table('search_documents')
