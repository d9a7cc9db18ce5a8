"""decisions with owners: an owner administration, a due date, a status (åben / i gang / lukket) and a
closing note on cooperation entries; a status and a closing note on overlap follow-ups

Revision ID: f1a9c3e5b7d2
Revises: e3b7c2d9f5a1
Create Date: 2026-12-06 09:00:00.000000
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f1a9c3e5b7d2'
down_revision = 'e3b7c2d9f5a1'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('cooperation_entries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('owner_administration_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('due_date', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('follow_up_status', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('closing_note', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_cooperation_entries_owner_administration_id'),
                              ['owner_administration_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_cooperation_entries_owner_administration_id_administrations'),
                                    'administrations', ['owner_administration_id'], ['id'])
        batch_op.create_check_constraint(
            batch_op.f('ck_cooperation_entries_follow_up_status'),
            "follow_up_status IS NULL OR follow_up_status IN ('open', 'in_progress', 'closed')")
    with op.batch_alter_table('overlap_verdicts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('follow_up_status', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('follow_up_note', sa.Text(), nullable=False, server_default=''))
        batch_op.create_check_constraint(
            batch_op.f('ck_overlap_verdicts_follow_up_status'),
            "follow_up_status IS NULL OR follow_up_status IN ('open', 'in_progress', 'closed')")


def downgrade():
    with op.batch_alter_table('overlap_verdicts', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_overlap_verdicts_follow_up_status'), type_='check')
        batch_op.drop_column('follow_up_note')
        batch_op.drop_column('follow_up_status')
    with op.batch_alter_table('cooperation_entries', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_cooperation_entries_follow_up_status'), type_='check')
        batch_op.drop_constraint(batch_op.f('fk_cooperation_entries_owner_administration_id_administrations'),
                                 type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_cooperation_entries_owner_administration_id'))
        batch_op.drop_column('closed_at')
        batch_op.drop_column('closing_note')
        batch_op.drop_column('follow_up_status')
        batch_op.drop_column('due_date')
        batch_op.drop_column('owner_administration_id')
