"""where an audit event came from: a form (empty) or an import of a file

Revision ID: a7e3c91d5b20
Revises: ced3ca215144
Create Date: 2026-12-02 10:00:00.000000

The history shows the changes of one Excel/CSV import as "Import af <filnavn>".
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a7e3c91d5b20'
down_revision = 'ced3ca215144'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('source', sa.String(length=200), nullable=True))


def downgrade():
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_column('source')
