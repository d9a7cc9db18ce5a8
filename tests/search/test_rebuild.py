"""A rebuild of the search index (in SQL, for speed) gives exactly the documents the forms' saves keep."""
from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select, text

from tracker.bodies.models import Meeting
from tracker.extensions import db
from tracker.log.models import CooperationEntry
from tracker.organisation.models import Person
from tracker.search.index import rebuild
from tracker.search.models import search_document_areas, search_documents


def _index() -> tuple[list[tuple], list[tuple]]:
    documents = db.session.execute(select(search_documents.c.id, search_documents.c.kind, search_documents.c.record_id,
                                          search_documents.c.title, search_documents.c.text, search_documents.c.date,
                                          search_documents.c.archived).order_by(search_documents.c.id)).all()
    areas = db.session.execute(select(search_document_areas).order_by(*search_document_areas.c)).all()
    return [tuple(d) for d in documents], [tuple(a) for a in areas]


def _fts() -> list[tuple]:
    if db.session.get_bind().dialect.name != "sqlite":
        return []
    return [tuple(r) for r in db.session.execute(text("SELECT rowid, title, text FROM search_fts ORDER BY rowid"))]


def test_a_rebuild_gives_the_documents_that_saves_kept(ref):
    forum = ref.bodies["forum-husum-tingbjerg"]
    db.session.add_all([
        Person(name="Uden titel", title="", email="uden@kk.example"),
        Person(name="Uden mail", title="Projektleder", email=None),
        Person(name="Med begge", title="Chef", email="begge@kk.example"),
        Meeting(body=forum, date=date(2013, 4, 2), summary="Møde om trygheden i gårdene."),
        CooperationEntry(date=date(2013, 5, 1), kind="meeting", text="Arkiveret drøftelse af tryghedsvandringer.",
                         initiative=ref.initiatives["walks"], areas=list(ref.areas.values())[:2],
                         archived_at=datetime(2014, 1, 1, tzinfo=UTC)),
    ])
    db.session.commit()
    kept, kept_fts = _index(), _fts()
    assert {kind for _id, kind, *_rest in kept[0]} == {"initiative", "entry", "body", "meeting", "organisation",
                                                          "person"}

    assert rebuild() == len(kept[0])
    db.session.commit()

    assert _index() == kept
    assert _fts() == kept_fts
