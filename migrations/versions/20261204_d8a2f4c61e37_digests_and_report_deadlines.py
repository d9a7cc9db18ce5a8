"""e-mail digests: each user's digest frequency and language, what was sent to whom; report deadlines per year

Revision ID: d8a2f4c61e37
Revises: c5d1e7a4b902
Create Date: 2026-12-04 09:00:00.000000
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd8a2f4c61e37'
down_revision = 'c5d1e7a4b902'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('digest_frequency', sa.String(length=10), server_default='weekly',
                                      nullable=False))
        batch_op.add_column(sa.Column('language', sa.String(length=5), nullable=True))
        batch_op.create_check_constraint(op.f('ck_users_digest_frequency'),
                                         "digest_frequency IN ('daily', 'weekly', 'never')")
    op.create_table(
        'digest_sent_items',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('item_key', sa.String(length=120), nullable=False),
        sa.Column('period', sa.String(length=10), nullable=False),
        sa.Column('sent_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_digest_sent_items_user_id_users'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_digest_sent_items')),
        sa.UniqueConstraint('user_id', 'item_key', 'period', name=op.f('uq_digest_sent_items_user_id_item_key_period')),
    )
    op.create_table(
        'report_deadlines',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('due_on', sa.Date(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint('year BETWEEN 1990 AND 2100', name=op.f('ck_report_deadlines_year')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_report_deadlines')),
        sa.UniqueConstraint('year', name=op.f('uq_report_deadlines_year')),
    )


def downgrade():
    op.drop_table('report_deadlines')
    op.drop_table('digest_sent_items')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_users_digest_frequency'), type_='check')
        batch_op.drop_column('language')
        batch_op.drop_column('digest_frequency')
