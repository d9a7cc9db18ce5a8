"""session tokens, one-time passwords and the demo flag on users

Revision ID: ced3ca215144
Revises: f6f1b5d6c300
Create Date: 2026-12-01 11:52:00.000000

Every existing account gets its own random session token, so the sessions and remember cookies
issued before this migration (which held the bare user id) end. Accounts with the demo e-mails that
`seed --demo` creates are flagged as demo accounts, so a database seeded before this migration
refuses them under TRACKER_ENV=production too.
"""
import secrets

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'ced3ca215144'
down_revision = 'f6f1b5d6c300'
branch_labels = None
depends_on = None

# tracker/seeding/demo.py DEMO_ACCOUNTS, as they were when this migration was written.
DEMO_EMAILS = ('admin@demo.example', 'koordinator@demo.example', 'styregruppe@demo.example',
               'laeser@demo.example')


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_token', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('must_change_password', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
        batch_op.add_column(sa.Column('password_changed_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('is_demo', sa.Boolean(), nullable=False, server_default=sa.false()))

    users = sa.table('users', sa.column('id', sa.Integer()), sa.column('email', sa.String()),
                     sa.column('session_token', sa.String()), sa.column('is_demo', sa.Boolean()))
    connection = op.get_bind()
    for (user_id,) in connection.execute(sa.select(users.c.id)).all():
        connection.execute(users.update().where(users.c.id == user_id)
                           .values(session_token=secrets.token_urlsafe(32)))
    connection.execute(users.update().where(sa.func.lower(users.c.email).in_(DEMO_EMAILS)).values(is_demo=True))

    # The application sets every value itself; the server defaults only filled the existing rows.
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.alter_column('session_token', existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column('must_change_password', existing_type=sa.Boolean(), server_default=None)
        batch_op.alter_column('is_demo', existing_type=sa.Boolean(), server_default=None)


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('is_demo')
        batch_op.drop_column('password_changed_at')
        batch_op.drop_column('must_change_password')
        batch_op.drop_column('session_token')
