"""reports and their append-only versions, with section texts and each draft's frozen facts

One report per committee and year; numbered versions that are never changed but for the final marking;
one text per section; the snapshot of facts and the draft behind each generated version.

Revision ID: f6f1b5d6c300
Revises: 7ced55858a16
Create Date: 2026-11-26 14:17:12.482869

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f6f1b5d6c300'
down_revision = '7ced55858a16'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('administration_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('latest_number', sa.Integer(), nullable=False),
    sa.Column('final_number', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('period_end >= period_start', name=op.f('ck_reports_period')),
    sa.CheckConstraint('year BETWEEN 1990 AND 2100', name=op.f('ck_reports_year')),
    sa.ForeignKeyConstraint(['administration_id'], ['administrations.id'], name=op.f('fk_reports_administration_id_administrations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reports')),
    sa.UniqueConstraint('administration_id', 'year', name=op.f('uq_reports_administration_id_year'))
    )
    op.create_table('report_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('origin', sa.String(length=20), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('derived_from_id', sa.Integer(), nullable=True),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('finalised_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('finalised_by_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("origin = 'generated' OR derived_from_id IS NOT NULL", name=op.f('ck_report_versions_derived')),
    sa.CheckConstraint("origin IN ('generated', 'edited')", name=op.f('ck_report_versions_origin')),
    sa.CheckConstraint('number >= 1', name=op.f('ck_report_versions_number')),
    sa.CheckConstraint('period_end >= period_start', name=op.f('ck_report_versions_period')),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_report_versions_author_id_users')),
    sa.ForeignKeyConstraint(['derived_from_id'], ['report_versions.id'], name=op.f('fk_report_versions_derived_from_id_report_versions')),
    sa.ForeignKeyConstraint(['finalised_by_id'], ['users.id'], name=op.f('fk_report_versions_finalised_by_id_users')),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], name=op.f('fk_report_versions_report_id_reports')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_versions')),
    sa.UniqueConstraint('report_id', 'number', name=op.f('uq_report_versions_report_id_number'))
    )
    with op.batch_alter_table('report_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_versions_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_report_versions_derived_from_id'), ['derived_from_id'], unique=False)

    op.create_table('report_snapshots',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('facts', sa.JSON(), nullable=False),
    sa.Column('draft', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['version_id'], ['report_versions.id'], name=op.f('fk_report_snapshots_version_id_report_versions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_snapshots')),
    sa.UniqueConstraint('version_id', name=op.f('uq_report_snapshots_version_id'))
    )
    op.create_table('report_texts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('section', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.CheckConstraint('section BETWEEN 1 AND 4', name=op.f('ck_report_texts_section')),
    sa.ForeignKeyConstraint(['version_id'], ['report_versions.id'], name=op.f('fk_report_texts_version_id_report_versions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_texts')),
    sa.UniqueConstraint('version_id', 'section', name=op.f('uq_report_texts_version_id_section'))
    )


def downgrade():
    op.drop_table('report_texts')
    op.drop_table('report_snapshots')
    with op.batch_alter_table('report_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_versions_derived_from_id'))
        batch_op.drop_index(batch_op.f('ix_report_versions_author_id'))

    op.drop_table('report_versions')
    op.drop_table('reports')
