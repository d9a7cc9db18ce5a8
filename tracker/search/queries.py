"""Finding documents in the search index: ranked (title hits first), filtered, counted up to a cap, and the
records behind a page of results loaded in a fixed number of queries."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import (
    ColumnElement,
    Select,
    bindparam,
    column,
    exists,
    func,
    literal_column,
    select,
    table,
    text,
    union_all,
)
from sqlalchemy.orm import joinedload

from tracker.auth.permissions import is_admin
from tracker.bodies.models import Meeting
from tracker.core.changes import cached
from tracker.core.web.pagination import count_of
from tracker.extensions import db
from tracker.initiatives.links import with_partners
from tracker.initiatives.models import Initiative
from tracker.log.entry_queries import loggable_narrowing
from tracker.log.models import CooperationEntry
from tracker.log.permissions import can_log_on_initiative
from tracker.search.models import search_document_areas as areas
from tracker.search.models import search_documents as docs
from tracker.search.text import Query

COUNT_CAP = 1000  # past this many hits the page says "more than 1,000": counting them all costs, helps no one
SUGGESTIONS = 10
RANKED = COUNT_CAP  # title hits, and other hits, ranked at most (PostgreSQL); see `ranked`
# The picker shows ten: it ranks this many title hits and other hits (a word's first letters can match a
# thousand titles, each ranked at a cost, for ten suggestions that the next letter typed replaces).
SUGGESTION_CANDIDATES = 100

_fts = table("search_fts", column("rowid"))
_FTS = literal_column("search_fts")
_DOCUMENT = literal_column("search_documents.document")
_TITLE_VECTOR = literal_column("search_documents.title_vector")


def _is_postgres() -> bool:
    return db.session.get_bind().dialect.name == "postgresql"


# For the search's statements alone (PostgreSQL): through the indexes, planned for the words searched.
_PLANNING = {"enable_seqscan": "off", "plan_cache_mode": "force_custom_plan"}
_PLAN_FOR_SEARCH = text("SELECT " + ", ".join(f"set_config('{name}', '{value}', true)" for name, value in _PLANNING.items()))
_PLAN_AS_BEFORE = text("SELECT set_config(name, reset_val, true) FROM pg_settings WHERE name IN ("
                       + ", ".join(f"'{name}'" for name in _PLANNING) + ")")


@contextmanager
def _through_indexes() -> Iterator[None]:
    """PostgreSQL finds the statements' matches through the indexes, in a plan made for the words searched.

    With a LIMIT and a frequent word the planner reads the table from the start, expecting the matches spread
    evenly; but one kind's documents lie together, and a scan starts wherever the last one stopped: a search
    for log entries read through 50,000 initiatives first (5 to 50 ms for the same search, by where the scan
    began). And a statement run often on one connection is prepared (psycopg), and PostgreSQL may then keep
    one plan for every word, made without knowing how many records the word is in (a common word's log
    entries, page 3: 108 against 32 ms). Both for these statements only, set back after them (a failed
    statement rolls the transaction, and the settings, back).
    """
    planning = _Planning()
    planning.ensure()
    yield
    planning.done()


class _Planning:
    """The search's planning (see `_through_indexes`), set before the first statement that needs it and set
    back when the search is done: a page whose hits and count were kept runs no search statement at all."""

    def __init__(self) -> None:
        self.set = False

    def ensure(self) -> None:
        if not self.set and _is_postgres():
            db.session.execute(_PLAN_FOR_SEARCH)
            self.set = True

    def done(self) -> None:
        if self.set:
            db.session.execute(_PLAN_AS_BEFORE)
            self.set = False


def _kind_in(kinds: tuple[str, ...]) -> ColumnElement:
    """The kinds written into the statement, not bound: the planner then knows a search for initiatives alone
    may read their own indexes (PostgreSQL), whatever plan it keeps for the statement."""
    return docs.c.kind.in_(bindparam("kinds", kinds, unique=True, expanding=True, literal_execute=True))


def _tsquery(query: Query):
    return func.to_tsquery(literal_column("'danish'::regconfig"), query.tsquery())


def ranked(query: Query, *clauses: ColumnElement, candidates: int = RANKED) -> tuple[Select, tuple]:
    """Documents matching every word (and the clauses), and the order that puts title hits first, then the
    best matches.

    PostgreSQL ranks only the first `candidates` title hits and as many other hits, as the indexes find
    them: a word in most records ("beboere") would otherwise have all its half million matches ranked to
    show 25, at a second a page. Past those the count stops anyway (COUNT_CAP).
    """
    if _is_postgres():
        tsquery = _tsquery(query)
        in_title = _TITLE_VECTOR.op("@@")(tsquery)
        candidates = union_all(
            select(docs.c.id).where(in_title, *clauses).limit(candidates),
            select(docs.c.id).where(_DOCUMENT.op("@@")(tsquery), ~in_title, *clauses).limit(candidates),
        )
        stmt = select(docs).where(docs.c.id.in_(candidates))
        return stmt, (in_title.desc(), func.ts_rank(_DOCUMENT, tsquery).desc(), docs.c.id)
    in_title = docs.c.id.in_(select(_fts.c.rowid).where(_FTS.op("MATCH")(query.fts5("title"))))
    stmt = select(docs).join(_fts, _fts.c.rowid == docs.c.id).where(_FTS.op("MATCH")(query.fts5()), *clauses)
    return stmt, (in_title.desc(), func.bm25(_FTS, 10.0, 1.0), docs.c.id)


def matching(query: Query, *clauses: ColumnElement) -> Select:
    """The ids of the documents matching every word (and the clauses), unranked, for counting."""
    if _is_postgres():
        return select(docs.c.id).where(_DOCUMENT.op("@@")(_tsquery(query)), *clauses)
    return select(docs.c.id).join(_fts, _fts.c.rowid == docs.c.id).where(_FTS.op("MATCH")(query.fts5()), *clauses)


@dataclass(frozen=True)
class Filters:
    kinds: tuple[str, ...]
    area_id: int | None = None
    archived: bool = False


def _where(filters: Filters) -> list[ColumnElement]:
    clauses = [_kind_in(filters.kinds)]
    if not filters.archived:
        clauses.append(docs.c.archived.is_(False))
    if filters.area_id is not None:
        clauses.append(exists().where(areas.c.document_id == docs.c.id, areas.c.area_id == filters.area_id))
    return clauses


@dataclass
class Hit:
    kind: str
    record_id: int
    title: str
    text: str
    date: date | None
    archived: bool
    record: object | None = None  # the entry or meeting behind the hit, for where it belongs


class SearchPage(Pagination):
    """One page of hits, as Flask-SQLAlchemy's pagination (the `pagination` macro renders it).

    The hits of a page and the count depend on the words, the filters and the data alone (the filters carry
    the kinds the reader may see), so both are kept until the data changes (tracker/core/changes.py): paging
    back and forth, or a second reader of the same search, does not rank and count the matches again."""

    def _query_items(self) -> list[Hit]:
        query, filters = self._query_args["query"], self._query_args["filters"]

        def ranked_rows() -> list[tuple]:
            self._query_args["planning"].ensure()
            stmt, order = ranked(query, *_where(filters))
            rows = db.session.execute(stmt.order_by(*order).limit(self.per_page).offset(self._query_offset))
            return [(row.kind, row.record_id, row.title, row.text, row.date, row.archived) for row in rows]

        key = ("search-hits", query, filters, self.per_page, self._query_offset)
        hits = [Hit(*row) for row in cached(key, ranked_rows)]
        _attach_records(hits)
        return hits

    def _query_count(self) -> int:
        query, filters = self._query_args["query"], self._query_args["filters"]
        capped = matching(query, *_where(filters)).limit(COUNT_CAP + 1)

        def count() -> int:
            self._query_args["planning"].ensure()
            return count_of(capped)

        return cached(("search-count", query, filters), count)

    @property
    def capped(self) -> bool:
        return (self.total or 0) > COUNT_CAP


def search(query: Query, filters: Filters, page: int, per_page: int) -> SearchPage:
    planning = _Planning()  # for the page's hits and their count, both read on creation when not kept
    found = SearchPage(page=page, per_page=per_page, max_per_page=None, error_out=False, count=True,
                       query=query, filters=filters, planning=planning)
    planning.done()
    return found


def _attach_records(hits: list[Hit]) -> None:
    """Log entries and meetings show where they belong: one query for each kind on the page."""
    wanted = {"entry": (CooperationEntry, (joinedload(CooperationEntry.initiative), joinedload(CooperationEntry.body))),
              "meeting": (Meeting, (joinedload(Meeting.body),))}
    for kind, (model, options) in wanted.items():
        ids = [hit.record_id for hit in hits if hit.kind == kind]
        if not ids:
            continue
        records = {r.id: r for r in db.session.scalars(select(model).where(model.id.in_(ids)).options(*options)).unique()}
        for hit in hits:
            if hit.kind == kind:
                hit.record = records.get(hit.record_id)


def loggable_matches(user, query: Query, limit: int = SUGGESTIONS) -> list[Initiative]:
    """The best-matching current initiatives the user may log on, at most `limit`."""
    narrowing = loggable_narrowing(user)
    if narrowing is None or not query:
        return []
    clauses = [_kind_in(("initiative",)), docs.c.archived.is_(False)]
    if not is_admin(user):
        # Each match looked up by its id (an index probe), where joining every initiative the user takes part
        # in cost more than the search (PostgreSQL turns an EXISTS into such a join unless it has an OFFSET:
        # 44 against 27 ms for a coordinator's "lekti" at 50,000 initiatives). An admin may log on every
        # current initiative: the index's own flag says which are current (the rows below are narrowed anyway).
        clauses.append(select(Initiative.id).where(Initiative.id == docs.c.record_id, narrowing).offset(0).exists())
    stmt, order = ranked(query, *clauses, candidates=max(limit, SUGGESTION_CANDIDATES))
    with _through_indexes():
        ids = [row.record_id for row in db.session.execute(
            stmt.with_only_columns(docs.c.record_id).order_by(*order).limit(limit))]
    if not ids:
        return []
    found = {i.id: i for i in with_partners(list(db.session.scalars(
        select(Initiative).where(Initiative.id.in_(ids), narrowing))))}
    return [found[i] for i in ids if i in found and can_log_on_initiative(user, found[i])]
