"""The overlap list with no area, administration or theme filter: its page of rows, its counts and the API's
page of pairs, read from the stored topics (``overlap_topics``) and the verdicts, never from every pair.

With no filter, a strong row is a stored topic and a weak row a weak candidate of its own, and every row is
open but those with a verdict on one of their pairs: few (as many as the steering group has given), so their
review state is worked out from the verdicts alone (``_judged``) and every other row is open. A page is then
the first rows in the list's order, topics and weak candidates each walked along an index (on ``order_key``)
no further than the page's end, and the counts come from the number of topics and the weak candidates
counted with the stored state. At 50,000 initiatives (250,000 pairs) that is a few milliseconds where
grouping every pair took half a second. The filtered lists group the pairs that pass (listing.py).
"""
from __future__ import annotations

from sqlalchemy import Integer, and_, case, func, literal, select, union_all

from tracker.extensions import db
from tracker.overlaps.models import OverlapState
from tracker.overlaps.review.listing import (
    CHANGED_STATE,
    OPEN_STATE,
    REVIEWED_STATE,
    Counts,
    Filters,
    Group,
    _group,
    c,
    t,
    v,
)


def applies(filters: Filters) -> bool:
    return filters.area_id is None and filters.administration_id is None and filters.theme_id is None


def _judged(filters: Filters):
    """The rows with a verdict on at least one of their pairs: (g, pairs, state)."""
    judged = select(_group.label("g"), func.count().label("judged"),
                    func.sum(case((v.c.fingerprint == c.c.fingerprint, 1), else_=0)).label("matching")) \
        .select_from(c.join(v, and_(v.c.first_initiative_id == c.c.first_initiative_id,
                                    v.c.second_initiative_id == c.c.second_initiative_id)))
    if filters.strong_only:
        judged = judged.where(c.c.strong.is_(True))
    judged = judged.group_by(_group).subquery()
    pairs = func.coalesce(t.c.pairs, 1)  # a weak candidate is no stored topic: a row of one pair
    state = case((judged.c.matching == pairs, REVIEWED_STATE), (judged.c.judged == pairs, CHANGED_STATE),
                 else_=OPEN_STATE)
    return select(judged.c.g, pairs.label("pairs"), state.label("s")) \
        .select_from(judged.outerjoin(t, t.c.id == judged.c.g)).cte("judged")


def _rows(filters: Filters, judged, end: int | None):
    """The rows the review-state filter leaves, (g, k, pairs, unc), the first ``end`` of each kind in the
    list's order (all with None)."""
    reviewed = select(judged.c.g).where(judged.c.s == REVIEWED_STATE)
    strong = select(t.c.id.label("g"), t.c.order_key.label("k"), t.c.pairs.label("pairs"),
                    t.c.uncoordinated_pairs.label("unc"))
    weak = select((-c.c.id).label("g"), c.c.order_key.label("k"), literal(1, Integer).label("pairs"),
                  case((c.c.uncoordinated.is_(True), 1), else_=0).label("unc")).where(c.c.strong.is_(False))
    if filters.show == "open":
        strong, weak = strong.where(t.c.id.not_in(reviewed)), weak.where((-c.c.id).not_in(reviewed))
    elif filters.show == "reviewed":  # few: from the verdicts
        strong = strong.join(judged, judged.c.g == t.c.id).where(judged.c.s == REVIEWED_STATE)
        weak = weak.join(judged, judged.c.g == -c.c.id).where(judged.c.s == REVIEWED_STATE)
    parts = [strong.order_by(t.c.order_key, t.c.id)]
    if not filters.strong_only:
        parts.append(weak.order_by(c.c.order_key, -c.c.id))
    if end is not None:
        parts = [part.limit(end) for part in parts]
    parts = [select(part.subquery()) for part in parts]
    return (union_all(*parts) if len(parts) > 1 else parts[0]).subquery()


def _totals(filters: Filters, judged) -> list:
    """Scalar subqueries: the rows of the list (every review state), the reviewed ones, the weak candidates
    left out, the pairs of the list and of its reviewed rows (the API's count)."""
    weak = func.coalesce(select(OverlapState.weak_candidates).where(OverlapState.id == 1).scalar_subquery(), 0)
    topics = select(func.count()).select_from(t).scalar_subquery()
    pairs = select(func.coalesce(func.sum(t.c.pairs), 0)).scalar_subquery()
    if not filters.strong_only:
        topics, pairs = topics + weak, pairs + weak
    reviewed = select(judged.c.g, judged.c.pairs).where(judged.c.s == REVIEWED_STATE).subquery()
    return [topics.label("groups"), select(func.count()).select_from(reviewed).scalar_subquery().label("reviewed"),
            (weak if filters.strong_only else literal(0, Integer)).label("weak"), pairs.label("all_pairs"),
            select(func.coalesce(func.sum(reviewed.c.pairs), 0)).scalar_subquery().label("reviewed_pairs")]


def _read(filters: Filters, offset: int, limit: int | None):
    """The page's rows with their review state, and the list's totals on every row (one row with no group when
    the page is past the end), in one statement."""
    judged = _judged(filters)
    rows = _rows(filters, judged, None if limit is None else offset + limit)
    ordered = select(rows).order_by(rows.c.k, rows.c.g).offset(offset)
    if limit is not None:
        ordered = ordered.limit(limit)
    ordered = ordered.subquery()
    one = select(literal(1).label("one")).subquery()
    stmt = select(ordered.c.g, func.coalesce(judged.c.s, OPEN_STATE).label("s"), ordered.c.pairs, ordered.c.unc,
                  *_totals(filters, judged)) \
        .select_from(one.outerjoin(ordered, literal(True)).outerjoin(judged, judged.c.g == ordered.c.g)) \
        .order_by(ordered.c.k, ordered.c.g)
    return db.session.execute(stmt).all()


def page(filters: Filters, offset: int, limit: int | None) -> tuple[list[Group], Counts]:
    """listing.page for a list with no area, administration or theme filter (one query)."""
    rows = _read(filters, offset, limit)
    found = [Group(row.g, row.s, row.pairs, row.unc or 0) for row in rows if row.g is not None]
    first = rows[0]
    reviewed = first.reviewed or 0
    open_count = first.groups - reviewed
    counts = Counts(hidden_weak=first.weak or 0)
    counts.shown = {"open": open_count, "reviewed": reviewed}.get(filters.show, open_count + reviewed)
    counts.hidden_reviewed = reviewed if filters.show == "open" else 0
    counts.hidden_open = open_count if filters.show == "reviewed" else 0
    return found, counts


def pair_page(filters: Filters, offset: int, limit: int) -> tuple[list[int], int]:
    """The ids of one page of the list's pairs, each row's pairs together in the list's order, and how many
    pairs there are (two queries): the rows up to the page's end, then the pairs of those the page covers."""
    rows = _read(filters, 0, offset + limit)
    first = rows[0]
    reviewed_pairs = first.reviewed_pairs or 0
    total = {"open": first.all_pairs - reviewed_pairs, "reviewed": reviewed_pairs}.get(filters.show, first.all_pairs)
    wanted, before = [], 0  # (g, pairs of it to skip, pairs of it to take)
    for row in rows:
        if row.g is None or before >= offset + limit:
            break
        skip, take = max(offset - before, 0), min(row.pairs, offset + limit - before)
        if take > skip:
            wanted.append((row.g, skip, take - skip))
        before += row.pairs
    parts = []
    for g, skip, take in wanted or [(0, 0, 0)]:  # one statement for an empty page, too
        condition = c.c.topic == g if g >= 0 else c.c.id == -g
        part = select(literal(g).label("g"), c.c.id, c.c.order_key).where(condition)
        if filters.strong_only or g >= 0:
            part = part.where(c.c.strong.is_(True))
        parts.append(select(part.order_by(c.c.order_key, c.c.id).offset(skip).limit(take).subquery()))
    found: dict[int, list] = {}
    for row in db.session.execute(union_all(*parts) if len(parts) > 1 else parts[0]):
        found.setdefault(row.g, []).append((row.order_key, row.id))
    return [i for g, _skip, _take in wanted for _key, i in sorted(found.get(g, []))], total
