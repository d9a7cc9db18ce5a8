"""stored overlap candidates: what a candidate shows (places, goals, partners, words, evidence) in a table of its
own, so that the lists and updates read narrow rows (at 50,000 initiatives the JSON made the rows a kilobyte
each); the number of weak candidates kept with the state, for the default list's count; a topic's pairs
indexed in the list's order

Revision ID: 8c51f3a2d6e4
Revises: 7b742ec1dd2c
Create Date: 2026-12-09 09:00:00.000000
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '8c51f3a2d6e4'
down_revision = '7b742ec1dd2c'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('overlap_candidate_details',
    sa.Column('first_initiative_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('second_initiative_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('first_initiative_id', 'second_initiative_id', name=op.f('pk_overlap_candidate_details'))
    )
    # The stored review is derived data: emptied here, the next read (or `flask overlaps detect`) runs in full.
    op.execute("DELETE FROM overlap_candidates")
    op.execute("DELETE FROM overlap_topics")
    op.execute("DELETE FROM overlap_state")
    with op.batch_alter_table('overlap_candidates', schema=None) as batch_op:
        batch_op.drop_column('details')
        batch_op.drop_index(batch_op.f('ix_overlap_candidates_topic'))
        batch_op.create_index('ix_overlap_candidates_topic_order', ['topic', 'order_key'], unique=False)
    with op.batch_alter_table('overlap_state', schema=None) as batch_op:
        batch_op.add_column(sa.Column('weak_candidates', sa.Integer(), nullable=False, server_default='0'))


def downgrade():
    op.execute("DELETE FROM overlap_candidates")
    op.execute("DELETE FROM overlap_topics")
    op.execute("DELETE FROM overlap_state")
    with op.batch_alter_table('overlap_state', schema=None) as batch_op:
        batch_op.drop_column('weak_candidates')
    with op.batch_alter_table('overlap_candidates', schema=None) as batch_op:
        batch_op.drop_index('ix_overlap_candidates_topic_order')
        batch_op.create_index(batch_op.f('ix_overlap_candidates_topic'), ['topic'], unique=False)
        batch_op.add_column(sa.Column('details', sa.JSON(), nullable=False, server_default='{}'))
    op.drop_table('overlap_candidate_details')
