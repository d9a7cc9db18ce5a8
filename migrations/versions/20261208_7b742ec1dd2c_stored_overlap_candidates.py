"""stored overlap candidates: the review's candidates kept in the database with what they are up to date
with, and the changes they have not caught up with yet (tracker/overlaps/review/store.py), so no page waits for
detection

Revision ID: 7b742ec1dd2c
Revises: a4c6e8f0b2d1
Create Date: 2026-12-08 09:00:00.000000
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7b742ec1dd2c'
down_revision = 'a4c6e8f0b2d1'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('overlap_candidates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('first_initiative_id', sa.Integer(), nullable=False),
    sa.Column('second_initiative_id', sa.Integer(), nullable=False),
    sa.Column('first_lead_id', sa.Integer(), nullable=False),
    sa.Column('second_lead_id', sa.Integer(), nullable=False),
    sa.Column('topic', sa.BigInteger(), nullable=True),
    sa.Column('topic_area', sa.Integer(), nullable=False),
    sa.Column('alike', sa.Boolean(), nullable=False),
    sa.Column('strong', sa.Boolean(), nullable=False),
    sa.Column('uncoordinated', sa.Boolean(), nullable=False),
    sa.Column('order_key', sa.Float(), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('similarity', sa.Float(), nullable=False),
    sa.Column('relevance', sa.Float(), nullable=False),
    sa.Column('fingerprint', sa.String(length=32), nullable=False),
    sa.Column('area_ids', sa.String(length=400), nullable=False),
    sa.Column('theme_ids', sa.String(length=400), nullable=False),
    sa.Column('words', sa.String(length=400), nullable=False),
    sa.Column('overlap_start', sa.Date(), nullable=True),
    sa.Column('overlap_end', sa.Date(), nullable=True),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_overlap_candidates')),
    sa.UniqueConstraint('first_initiative_id', 'second_initiative_id', name=op.f('uq_overlap_candidates_first_initiative_id_second_initiative_id'))
    )
    with op.batch_alter_table('overlap_candidates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_overlap_candidates_first_lead_id'), ['first_lead_id'], unique=False)
        batch_op.create_index('ix_overlap_candidates_list', ['strong', 'order_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_overlap_candidates_second_initiative_id'), ['second_initiative_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_overlap_candidates_second_lead_id'), ['second_lead_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_overlap_candidates_topic'), ['topic'], unique=False)
        batch_op.create_index(batch_op.f('ix_overlap_candidates_topic_area'), ['topic_area'], unique=False)

    op.create_table('overlap_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('target_id', sa.Integer(), nullable=True),
    sa.Column('administration_ids', sa.String(length=400), nullable=True),
    sa.Column('area_ids', sa.String(length=400), nullable=True),
    sa.CheckConstraint("kind IN ('initiative', 'evidence', 'meeting', 'place', 'loose')", name=op.f('ck_overlap_changes_kind')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_overlap_changes'))
    )
    op.create_table('overlap_topics',
    sa.Column('id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('topic_area', sa.Integer(), nullable=False),
    sa.Column('order_key', sa.Float(), nullable=False),
    sa.Column('lead_id', sa.Integer(), nullable=False),
    sa.Column('pairs', sa.Integer(), nullable=False),
    sa.Column('uncoordinated_pairs', sa.Integer(), nullable=False),
    sa.Column('initiative_ids', sa.Text(), nullable=False),
    sa.Column('area_ids', sa.String(length=400), nullable=False),
    sa.Column('words', sa.String(length=400), nullable=False),
    sa.Column('signs', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_overlap_topics'))
    )
    with op.batch_alter_table('overlap_topics', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_overlap_topics_order_key'), ['order_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_overlap_topics_topic_area'), ['topic_area'], unique=False)

    op.create_table('overlap_state',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('last_initiative_id', sa.Integer(), nullable=False),
    sa.Column('last_entry_id', sa.Integer(), nullable=False),
    sa.Column('scope', sa.Integer(), nullable=False),
    sa.Column('updated_since', sa.Integer(), nullable=False),
    sa.Column('detected_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('statistics', sa.LargeBinary(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_overlap_state'))
    )


def downgrade():
    op.drop_table('overlap_state')
    with op.batch_alter_table('overlap_topics', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_overlap_topics_topic_area'))
        batch_op.drop_index(batch_op.f('ix_overlap_topics_order_key'))

    op.drop_table('overlap_topics')
    op.drop_table('overlap_changes')
    with op.batch_alter_table('overlap_candidates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_overlap_candidates_topic_area'))
        batch_op.drop_index(batch_op.f('ix_overlap_candidates_topic'))
        batch_op.drop_index(batch_op.f('ix_overlap_candidates_second_lead_id'))
        batch_op.drop_index(batch_op.f('ix_overlap_candidates_second_initiative_id'))
        batch_op.drop_index('ix_overlap_candidates_list')
        batch_op.drop_index(batch_op.f('ix_overlap_candidates_first_lead_id'))

    op.drop_table('overlap_candidates')
