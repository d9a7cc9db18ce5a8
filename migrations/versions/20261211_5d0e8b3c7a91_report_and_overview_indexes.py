"""indexes for the readiness page, the front page's area activity and the expired initiatives: a period's current
log entries with the columns the reports and the area activity filter and join on (read from the index alone on
PostgreSQL), the entries naming an administration by administration and entry (replacing the index on the
administration alone, its prefix), and a lead administration's running initiatives by end date

Revision ID: 5d0e8b3c7a91
Revises: a4d027239da2
Create Date: 2026-12-11 09:00:00.000000
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5d0e8b3c7a91'
down_revision = 'a4d027239da2'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('cooperation_entries', schema=None) as batch_op:
        batch_op.create_index('ix_cooperation_entries_current_date', ['date', 'id'], unique=False,
                              postgresql_include=['kind', 'initiative_id', 'body_id', 'meeting_id'],
                              postgresql_where=sa.text('archived_at IS NULL'),
                              sqlite_where=sa.text('archived_at IS NULL'))
    with op.batch_alter_table('entry_administrations', schema=None) as batch_op:
        batch_op.create_index('ix_entry_administrations_administration_entry', ['administration_id', 'entry_id'],
                              unique=False)
        batch_op.drop_index('ix_entry_administrations_administration_id')
    with op.batch_alter_table('initiatives', schema=None) as batch_op:
        batch_op.create_index('ix_initiatives_lead_running_end', ['lead_administration_id', 'end_date', 'id'],
                              unique=False,
                              postgresql_where=sa.text("status IN ('planned', 'active')"),
                              sqlite_where=sa.text("status IN ('planned', 'active')"))


def downgrade():
    with op.batch_alter_table('initiatives', schema=None) as batch_op:
        batch_op.drop_index('ix_initiatives_lead_running_end')
    with op.batch_alter_table('entry_administrations', schema=None) as batch_op:
        batch_op.create_index('ix_entry_administrations_administration_id', ['administration_id'], unique=False)
        batch_op.drop_index('ix_entry_administrations_administration_entry')
    with op.batch_alter_table('cooperation_entries', schema=None) as batch_op:
        batch_op.drop_index('ix_cooperation_entries_current_date')
