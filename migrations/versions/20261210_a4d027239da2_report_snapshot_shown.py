"""report snapshots: what the pages show of a draft (its sentences with their first sources, the most important of
what was left out with a count of the rest, the notes, the committee, whether the period held any cooperation,
the links of cited meetings) in a small column of its own, so a page never reads the facts or the whole draft;
filled here for the snapshots already stored, by the rules of tracker/reports/shown.py as they are today

Revision ID: a4d027239da2
Revises: 8c51f3a2d6e4
Create Date: 2026-12-10 09:00:00.000000
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a4d027239da2'
down_revision = '8c51f3a2d6e4'
branch_labels = None
depends_on = None

# tracker/reports/snapshots.py OMITTED_KEPT and tracker/reports/shown.py SOURCES_SHOWN when this was written.
OMITTED_KEPT = 20
SOURCES_SHOWN = 10

snapshots = sa.table('report_snapshots', sa.column('id', sa.Integer), sa.column('facts', sa.JSON),
                     sa.column('draft', sa.JSON), sa.column('shown', sa.JSON))


def _sentence(data):
    sources = list(data.get('sources', ()))
    return {'text': data['text'], 'sources': sources[:SOURCES_SHOWN],
            'sources_more': max(len(sources) - SOURCES_SHOWN, 0)}


def _shown(draft, facts):
    """A copy of tracker.reports.shown.shown_of, frozen here."""
    draft, facts = draft or {}, facts or {}
    sections = {}
    for key, section in draft.items():
        omitted = list(section.get('omitted', ()))
        sections[str(key)] = {
            'kept': [_sentence(s) for s in section.get('kept', ())],
            'omitted': [_sentence(s) for s in omitted[:OMITTED_KEPT]],
            'omitted_more': max(len(omitted) - OMITTED_KEPT, 0) + int(section.get('omitted_more', 0)),
            'notes': list(section.get('notes', ())),
        }
    cited = {(source['kind'], int(source['id'])) for section in sections.values()
             for sentence in (*section['kept'], *section['omitted']) for source in sentence['sources']}
    meetings = {}
    for body in facts.get('bodies', ()):
        for meeting in body.get('meetings', ()):
            if ('meeting', int(meeting['id'])) in cited:
                meetings[str(meeting['id'])] = [int(body['id']), body.get('name'), meeting.get('date')]
    codes = {}
    own = facts.get('administration') or {}
    for administration in [own, *(a for i in facts.get('initiatives', ())
                                  for a in [i.get('lead') or {}, *i.get('partner_administrations', ())])]:
        if 'id' in administration and 'code' in administration and (
                'administration', int(administration['id'])) in cited:
            codes[str(administration['id'])] = administration['code']
    meetings_held = sum(int(body.get('meetings_held', 0)) for body in facts.get('bodies', ()))
    return {'committee': own.get('committee'), 'thin': not facts.get('entries') and not meetings_held,
            'sections': sections, 'meetings': meetings, 'administrations': codes}


def upgrade():
    with op.batch_alter_table('report_snapshots', schema=None) as batch_op:
        batch_op.add_column(sa.Column('shown', sa.JSON(), nullable=True))
    bind = op.get_bind()
    # One snapshot at a time: a large administration's facts and draft are tens of megabytes each.
    for snapshot_id in bind.execute(sa.select(snapshots.c.id).order_by(snapshots.c.id)).scalars().all():
        draft, facts = bind.execute(sa.select(snapshots.c.draft, snapshots.c.facts)
                                    .where(snapshots.c.id == snapshot_id)).one()
        bind.execute(snapshots.update().where(snapshots.c.id == snapshot_id).values(shown=_shown(draft, facts)))


def downgrade():
    with op.batch_alter_table('report_snapshots', schema=None) as batch_op:
        batch_op.drop_column('shown')
