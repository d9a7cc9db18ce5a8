"""scale: indexes the lists and logs need at 50,000 initiatives and 500,000 log entries, and the change token
that cached counts are checked against (tracker/core/changes.py)

Revision ID: a4c6e8f0b2d1
Revises: f1a9c3e5b7d2
Create Date: 2026-12-07 09:00:00.000000
"""
import uuid

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'a4c6e8f0b2d1'
down_revision = 'f1a9c3e5b7d2'
branch_labels = None
depends_on = None

LINK_INDEXES = (
    ("initiative_places", "place_id"),
    ("initiative_partner_administrations", "administration_id"),
    ("initiative_organisations", "organisation_id"),
    ("entry_administrations", "administration_id"),
)


def upgrade():
    change_tokens = op.create_table(
        'change_tokens',
        sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('token', sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_change_tokens')),
    )
    op.bulk_insert(change_tokens, [{"id": 1, "token": uuid.uuid4().hex}])
    with op.batch_alter_table('initiatives', schema=None) as batch_op:
        batch_op.create_index('ix_initiatives_list_order', ['status', 'title', 'id', 'archived_at'], unique=False)
        batch_op.create_index('ix_initiatives_lead_list_order',
                              ['lead_administration_id', 'status', 'title', 'id', 'archived_at'], unique=False)
    with op.batch_alter_table('cooperation_entries', schema=None) as batch_op:
        batch_op.drop_index('ix_cooperation_entries_date')
        batch_op.create_index('ix_cooperation_entries_date_id', ['date', 'id'], unique=False)
        batch_op.create_index('ix_cooperation_entries_initiative_log', ['initiative_id', 'date', 'id'], unique=False)
        batch_op.create_index('ix_cooperation_entries_body_log', ['body_id', 'date', 'id'], unique=False)
    for table, column in LINK_INDEXES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_index(batch_op.f(f'ix_{table}_{column}'), [column], unique=False)


def downgrade():
    for table, column in reversed(LINK_INDEXES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f'ix_{table}_{column}'))
    with op.batch_alter_table('cooperation_entries', schema=None) as batch_op:
        batch_op.drop_index('ix_cooperation_entries_body_log')
        batch_op.drop_index('ix_cooperation_entries_initiative_log')
        batch_op.drop_index('ix_cooperation_entries_date_id')
        batch_op.create_index('ix_cooperation_entries_date', ['date'], unique=False)
    with op.batch_alter_table('initiatives', schema=None) as batch_op:
        batch_op.drop_index('ix_initiatives_lead_list_order')
        batch_op.drop_index('ix_initiatives_list_order')
    op.drop_table('change_tokens')
