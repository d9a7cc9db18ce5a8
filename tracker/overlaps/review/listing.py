"""Reading the stored review (store.py): the list's rows a page at a time, its counts, one topic, one pair.

A row of the list is a *group*: a topic's strong candidates that pass the filters, or a candidate of its own
(a weak one, or a strong one between two topics). Its review state is the least reviewed of its pairs
(open 0 < changed 1 < reviewed 2: a pair with no verdict, with a verdict whose fingerprint no longer matches,
with a matching one), and its place in the list is its best pair's (``order_key``). One query reads the
groups of a page, one their candidates with the two initiatives' titles, one the counts; the verdicts and
the seats are read by the caller for the candidates shown. Nothing here grows with the number of
candidates but the database's own work, which the indexes on ``strong, order_key`` and ``topic`` keep small.
A list with no area, administration or theme filter is paged from the stored topics instead (unfiltered.py).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Integer, and_, case, func, literal, or_, select, union_all
from sqlalchemy.orm import aliased

from tracker.extensions import db
from tracker.initiatives.models import Initiative
from tracker.organisation.models import Administration
from tracker.overlaps.matching.candidates import Basis, Candidate
from tracker.overlaps.matching.evidence import Evidence
from tracker.overlaps.matching.records import OPEN_STATUSES, InitiativeRecord, Names
from tracker.overlaps.matching.strength import Strength
from tracker.overlaps.matching.topics import TopicSummary, shared_words, strong_signs
from tracker.overlaps.models import (
    VERDICT_LABELS,
    OverlapCandidate,
    OverlapCandidateDetail,
    OverlapTopic,
    OverlapVerdict,
)

OPEN_STATE, CHANGED_STATE, REVIEWED_STATE = 0, 1, 2
PAIRS_READ = 50  # of a filtered topic's pairs, for its initiatives and words: its first in the list's order

c = OverlapCandidate.__table__
d = OverlapCandidateDetail.__table__
v = OverlapVerdict.__table__
t = OverlapTopic.__table__
_first, _second = aliased(Initiative), aliased(Initiative)


@dataclass
class Filters:
    """What the list is narrowed to (the review's filters, queries.ReviewFilters, in plain values)."""

    area_id: int | None = None
    administration_id: int | None = None
    theme_id: int | None = None
    strong_only: bool = True
    show: str = "open"  # open (open or changed), reviewed, all


@dataclass
class Counts:
    shown: int = 0  # groups in the list
    hidden_reviewed: int = 0
    hidden_open: int = 0
    hidden_weak: int = 0


def _matching(stmt, filters: Filters):
    if filters.area_id is not None:
        stmt = stmt.where(c.c.area_ids.like(f"%,{int(filters.area_id)},%"))
    if filters.theme_id is not None:
        stmt = stmt.where(c.c.theme_ids.like(f"%,{int(filters.theme_id)},%"))
    if filters.administration_id is not None:
        stmt = stmt.where(or_(c.c.first_lead_id == filters.administration_id,
                              c.c.second_lead_id == filters.administration_id))
    return stmt


_state = case((v.c.id.is_(None), OPEN_STATE), (v.c.fingerprint == c.c.fingerprint, REVIEWED_STATE),
              else_=CHANGED_STATE)
_with_verdicts = c.outerjoin(v, and_(v.c.first_initiative_id == c.c.first_initiative_id,
                                     v.c.second_initiative_id == c.c.second_initiative_id))
_group = func.coalesce(c.c.topic, -c.c.id)


def _unfiltered(filters: Filters) -> bool:
    """The default list and its unfiltered views are read from the stored topics (``OverlapTopic``)."""
    return filters.strong_only and filters.area_id is None and filters.administration_id is None \
        and filters.theme_id is None


def _groups(filters: Filters):
    """Every group of the list before the review-state filter: (group, key, state, strong). Strong only, the
    weak candidates that pass come as one row with no group (``g`` NULL, ``strong`` 0), counted in the same
    pass over the pairs (a second one took as long as the first)."""
    unc = case((c.c.uncoordinated.is_(True), 1), else_=0)
    if filters.strong_only:
        bucket = case((c.c.strong.is_(True), _group), else_=None)
        return _matching(select(bucket.label("g"), func.min(c.c.order_key).label("k"), func.min(_state).label("s"),
                                func.max(case((c.c.strong.is_(True), 1), else_=0)).label("strong"),
                                func.count().label("pairs"), func.sum(unc).label("unc"))
                         .select_from(_with_verdicts), filters).group_by(bucket).subquery()
    strong = _matching(select(_group.label("g"), func.min(c.c.order_key).label("k"),
                              func.min(_state).label("s"), literal(1, Integer).label("strong"),
                              func.count().label("pairs"), func.sum(unc).label("unc"))
                       .select_from(_with_verdicts).where(c.c.strong.is_(True)), filters).group_by(_group)
    weak = _matching(select((-c.c.id).label("g"), c.c.order_key.label("k"), _state.label("s"),
                            literal(0, Integer).label("strong"), literal(1, Integer).label("pairs"),
                            unc.label("unc")).select_from(_with_verdicts)
                     .where(c.c.strong.is_(False)), filters)
    return union_all(strong, weak).subquery()


def _shown(groups, show: str):
    if show == "open":
        return groups.c.s < REVIEWED_STATE
    if show == "reviewed":
        return groups.c.s == REVIEWED_STATE
    return literal(True)


@dataclass
class Group:
    """A row of the list as the database gives it: its number, review state, pairs and pairs without a sign of
    coordination (under the filters)."""

    g: int
    state: int
    pairs: int
    unc: int


def page(filters: Filters, offset: int, limit: int | None) -> tuple[list[Group], Counts]:
    """The groups of one page (all of them with ``limit`` None) in the list's order, and the list's counts, in
    one query: the groups the review-state filter leaves out are ordered after the others, and counted. For a
    filtered list: with no area, administration or theme filter, unfiltered.py reads the stored topics."""
    groups = _groups(filters)
    shown = _shown(groups, filters.show)
    weak = case((and_(groups.c.g.is_(None), groups.c.strong == 0), groups.c.pairs), else_=0)  # strong only
    # From one row joined to the groups: with no groups at all there is still a row to carry the counts.
    one = select(literal(1).label("one")).subquery()
    stmt = select(groups.c.g, groups.c.s, groups.c.pairs, groups.c.unc,
                  case((groups.c.g.is_(None), 0), (shown, 1), else_=0).label("shown"),
                  func.count(groups.c.g).over().label("groups"),
                  func.sum(case((and_(groups.c.g.is_not(None), groups.c.s == REVIEWED_STATE), 1), else_=0))
                  .over().label("reviewed"),
                  func.sum(weak).over().label("weak")).select_from(one.outerjoin(groups, literal(True))) \
        .order_by(case((groups.c.g.is_(None), 1), (shown, 0), else_=1), groups.c.k, groups.c.g).offset(offset)
    if limit is not None:
        stmt = stmt.limit(limit)
    rows = db.session.execute(stmt).all()
    if not rows:  # past the end of the list: its counts alone
        rows = db.session.execute(stmt.offset(0).limit(1)).all()
    found = [Group(row.g, row.s, row.pairs, row.unc or 0) for row in rows if row.shown and offset < row.groups]
    reviewed = rows[0].reviewed or 0
    open_count = rows[0].groups - reviewed
    counts = Counts(hidden_weak=rows[0].weak or 0)
    counts.shown = {"open": open_count, "reviewed": reviewed}.get(filters.show, open_count + reviewed)
    counts.hidden_reviewed = reviewed if filters.show == "open" else 0
    counts.hidden_open = open_count if filters.show == "reviewed" else 0
    return found, counts


def groups_of(pairs) -> set[int]:
    """The groups holding these pairs (one query)."""
    if not pairs:
        return set()
    wanted = set(pairs)
    found = set()
    for row in db.session.execute(select(c.c.id, c.c.first_initiative_id, c.c.second_initiative_id, c.c.topic,
                                         c.c.strong).where(c.c.first_initiative_id.in_(sorted({f for f, _s in wanted})))):
        if (row.first_initiative_id, row.second_initiative_id) in wanted:
            found.add(row.topic if row.strong and row.topic is not None else -row.id)
    return found


def _in_groups(groups: list[int], filters: Filters):
    """The candidates of these groups that pass the filters."""
    condition = or_(c.c.topic.in_([g for g in groups if g >= 0]), c.c.id.in_([-g for g in groups if g < 0]))
    if filters.strong_only:
        condition = and_(condition, c.c.strong.is_(True))
    return condition


@dataclass(frozen=True)
class ShownVerdict:
    """A verdict as the list and its papers show it, in plain values: a page of the list is kept with them
    until the data changes (queries.review), which an ORM object, bound to one session, could not be."""

    verdict: str
    comment: str
    owner: str | None  # the code of the administration that owns the follow-up
    follow_up_due: date | None

    @property
    def verdict_label(self) -> str:
        return str(VERDICT_LABELS.get(self.verdict, self.verdict))


@dataclass
class Summary:
    topic: TopicSummary
    verdicts: list[ShownVerdict]  # of its pairs that have one, in the list's order


def summaries(groups: list[Group], filters: Filters, names: Names, *, signs: bool = False,
              records: int | None = None) -> dict[int, Summary]:
    """What the list shows of each group (``page``), in four queries however many pairs the groups have (five
    with the signs of coordination, for the exports): each group's first pairs in the list's order (its
    initiatives and shared words; the first leads), the leading pairs in full, the initiatives' titles and
    periods, the verdicts."""
    keys = [group.g for group in groups]
    inside = _in_groups(keys, filters)  # the same queries for no groups, so a page's count never varies
    if _unfiltered(filters):
        return _stored_summaries(groups, inside, names, signs, records)
    light = _first_pairs(keys, filters)
    first_of: dict[int, int] = {}
    for row in light:
        first_of.setdefault(row.g, row.id)
    leads = {row.id: row for row in db.session.execute(_selected().where(c.c.id.in_(list(first_of.values()) or [0])))}
    ids = {i for row in light for i in (row.first_initiative_id, row.second_initiative_id)}
    initiatives = {row.id: row for row in db.session.execute(select(
        Initiative.id, Initiative.title, Initiative.status, Initiative.start_date, Initiative.end_date)
        .where(Initiative.id.in_(sorted(ids))))}
    records: dict[int, dict[int, InitiativeRecord]] = defaultdict(dict)
    words: dict[int, list[list[str]]] = defaultdict(list)
    areas: dict[int, set[int]] = defaultdict(set)
    for row in light:
        for initiative_id, lead in ((row.first_initiative_id, row.first_lead_id),
                                    (row.second_initiative_id, row.second_lead_id)):
            if initiative_id not in records[row.g] and initiative_id in initiatives:
                i = initiatives[initiative_id]
                records[row.g][initiative_id] = InitiativeRecord(i.id, i.title, "", i.status, i.start_date,
                                                                 i.end_date, lead, *_NO_LINKS)
        words[row.g].append([w for w in row.words.split("|") if w])
        areas[row.g] |= _id_set(row.area_ids)
    verdicts, found_signs = _verdicts_and_signs(inside, filters, names, signs)
    found = {}
    for group in groups:
        lead = leads.get(first_of.get(group.g))
        if lead is None:
            continue
        candidate = hydrate(lead, names)
        ordered = sorted(records[group.g].values(), key=lambda r: (r.lead_administration_id, r.title, r.id))
        complete = group.pairs <= PAIRS_READ
        topic = TopicSummary(candidate, group.pairs, group.unc, ordered, areas[group.g],
                             candidate.strength.words() if group.g < 0 else shared_words(words[group.g]),
                             found_signs.get(group.g, []), len(ordered) if complete else None)
        found[group.g] = Summary(topic, verdicts[group.g])
    return found


IDS_READ = 2000  # initiatives of the stored topics read by id; more: every open initiative
UNION_GROUPS = 400  # groups per statement of ``_first_pairs`` (SQLite joins at most 500 selects in one)


def _first_pairs(groups: list[int], filters: Filters) -> list:
    """Each group's first ``PAIRS_READ`` pairs that pass the filters, in the list's order: one index range per
    group (on topic and order), joined in one statement (one per 400 groups)."""
    found = []
    columns = (c.c.id, c.c.first_initiative_id, c.c.second_initiative_id, c.c.first_lead_id, c.c.second_lead_id,
               c.c.words, c.c.area_ids)
    for start in range(0, max(len(groups), 1), UNION_GROUPS):
        parts = []
        for g in groups[start:start + UNION_GROUPS] or [0]:
            condition = c.c.topic == g if g >= 0 else c.c.id == -g
            part = _matching(select(literal(g).label("g"), *columns).where(condition), filters)
            if filters.strong_only or g >= 0:
                part = part.where(c.c.strong.is_(True))
            parts.append(select(part.order_by(c.c.order_key, c.c.id).limit(PAIRS_READ).subquery()))
        found += db.session.execute(union_all(*parts) if len(parts) > 1 else parts[0]).all()
    return found


def _stored_summaries(groups: list[Group], inside, names: Names, signs: bool,
                      shown: int | None) -> dict[int, Summary]:
    """``summaries`` of the unfiltered list, from the stored topics, whose signs of coordination are stored
    with them: four queries, none over their pairs. ``shown``: the first initiatives of each topic to read in
    the list's order (None: all, for the papers); the topic counts them all."""
    stored = {row.id: row for row in db.session.execute(select(t).where(t.c.id.in_([g.g for g in groups])))}
    leads = {row.id: hydrate(row, names) for row in db.session.execute(
        _selected().where(c.c.id.in_([row.lead_id for row in stored.values()])))}
    listed = {g: [int(i) for i in row.initiative_ids.split(",") if i] for g, row in stored.items()}
    ids = {i for found in listed.values() for i in found[:shown]}
    # Thousands of initiatives (the papers of a city's review) are read quicker as every open one (detection's
    # scope, so every one a topic has) than by their ids (measured: about half the time for 14,000 of 15,000).
    of_topics = Initiative.id.in_(sorted(ids)) if len(ids) <= IDS_READ else \
        and_(Initiative.status.in_(OPEN_STATUSES), Initiative.archived_at.is_(None))
    initiatives = {row.id: row for row in db.session.execute(select(
        Initiative.id, Initiative.title, Initiative.status, Initiative.start_date, Initiative.end_date,
        Initiative.lead_administration_id).where(of_topics))}
    verdicts, _none = _verdicts_and_signs(inside, Filters(), names, False)
    found = {}
    for g in (group.g for group in groups):
        row = stored.get(g)
        lead = leads.get(row.lead_id) if row is not None else None
        if lead is None:
            continue
        records = [InitiativeRecord(i.id, i.title, "", i.status, i.start_date, i.end_date, i.lead_administration_id,
                                    *_NO_LINKS) for i in (initiatives.get(x) for x in listed[g][:shown]) if i is not None]
        records.sort(key=lambda r: (r.lead_administration_id, r.title, r.id))
        topic = TopicSummary(lead, row.pairs, row.uncoordinated_pairs, records, _id_set(row.area_ids),
                             [w for w in row.words.split("|") if w],
                             [str(Evidence.of(e["kind"], e["args"])) for e in row.signs] if signs else [],
                             len(listed[g]))
        found[g] = Summary(topic, verdicts[g])
    return found


def _verdicts_and_signs(inside, filters: Filters, names: Names, signs: bool) -> tuple[dict, dict]:
    """The verdicts on the groups' pairs, by group in the list's order; with ``signs``, the signs of
    coordination found among each group's pairs (one more query)."""
    verdicts: dict[int, list[ShownVerdict]] = defaultdict(list)
    owner = Administration.__table__
    stmt = select(v.c.verdict, v.c.comment, owner.c.code, v.c.follow_up_due, _group.label("g")) \
        .select_from(c.join(v, and_(c.c.first_initiative_id == v.c.first_initiative_id,
                                    c.c.second_initiative_id == v.c.second_initiative_id))
                     .outerjoin(owner, owner.c.id == v.c.follow_up_administration_id)).where(inside)
    for row in db.session.execute(_matching(stmt, filters).order_by(c.c.order_key, c.c.id)):
        verdicts[row.g].append(ShownVerdict(row.verdict, row.comment or "", row.code, row.follow_up_due))
    found_signs: dict[int, list[str]] = defaultdict(list)
    if signs:
        coordinated = _matching(_selected().add_columns(_group.label("g")).where(
            inside, c.c.uncoordinated.is_(False)), filters).order_by(c.c.order_key, c.c.id)
        evidence: dict[int, list] = defaultdict(list)
        for row in db.session.execute(coordinated):
            evidence[row.g] += hydrate(row, names).evidence
        found_signs = {g: strong_signs(found) for g, found in evidence.items()}
    return verdicts, found_signs


def pair_page(filters: Filters, offset: int, limit: int) -> tuple[list[int], int]:
    """The ids of one page of the list's pairs, each group's together in the list's order, and how many pairs
    there are (two queries: the API pages pairs, not topics)."""
    pairs = _matching(select(c.c.id, _group.label("g"), c.c.order_key,
                             func.min(c.c.order_key).over(partition_by=_group).label("k"),
                             func.min(_state).over(partition_by=_group).label("s")).select_from(_with_verdicts),
                      filters)
    if filters.strong_only:
        pairs = pairs.where(c.c.strong.is_(True))
    pairs = pairs.subquery()
    shown = select(pairs.c.id).where(_shown(pairs, filters.show))
    total = db.session.scalar(select(func.count()).select_from(shown.subquery())) or 0
    ids = list(db.session.scalars(shown.order_by(pairs.c.k, pairs.c.g, pairs.c.order_key, pairs.c.id)
                                  .offset(offset).limit(limit)))
    return ids, total


def by_ids(ids: list[int], names: Names) -> list[Candidate]:
    """These stored candidates in full, in this order (one query)."""
    rows = {row.id: hydrate(row, names) for row in db.session.execute(_selected().where(c.c.id.in_(ids or [0])))}
    return [rows[i] for i in ids if i in rows]


def members(groups: list[int], filters: Filters, names: Names) -> dict[int, list[Candidate]]:
    """The candidates of these groups that pass the filters, by group (one query per 500 groups)."""
    found: dict[int, list[Candidate]] = {g: [] for g in groups}
    topics = [g for g in groups if g >= 0]
    singles = [-g for g in groups if g < 0]
    for start in range(0, max(len(topics), len(singles), 1), 500):  # one query for no groups, too
        condition = or_(c.c.topic.in_(topics[start:start + 500]), c.c.id.in_(singles[start:start + 500]))
        stmt = _matching(_selected().where(condition), filters)
        if filters.strong_only:
            stmt = stmt.where(c.c.strong.is_(True))
        for row in db.session.execute(stmt):
            key = row.topic if row.strong and row.topic is not None else -row.id
            if key in found:
                found[key].append(hydrate(row, names))
    return found


def candidate(first_id: int, second_id: int, names: Names) -> Candidate | None:
    row = db.session.execute(_selected().where(c.c.first_initiative_id == first_id,
                                               c.c.second_initiative_id == second_id)).first()
    return hydrate(row, names) if row is not None else None


def group_of(first_id: int, second_id: int, filters: Filters, names: Names) -> list[Candidate] | None:
    """The candidates of the pair's group that pass the filters, or None when the pair itself does not."""
    row = db.session.execute(_matching(select(c.c.id, c.c.topic, c.c.strong).where(
        c.c.first_initiative_id == first_id, c.c.second_initiative_id == second_id), filters)).first()
    if row is None or (filters.strong_only and not row.strong):
        return None
    key = row.topic if row.strong and row.topic is not None else -row.id
    return members([key], filters, names)[key]


def strong_of(initiative_id: int, names: Names) -> list[Candidate]:
    """The strong candidates an initiative forms, in the list's order."""
    stmt = _selected().where(c.c.strong.is_(True), or_(c.c.first_initiative_id == initiative_id,
                                                       c.c.second_initiative_id == initiative_id))
    return [hydrate(row, names) for row in db.session.execute(stmt.order_by(c.c.order_key, c.c.id))]


def all_strong(names: Names) -> list[Candidate]:
    return [hydrate(row, names) for row in db.session.execute(
        _selected().where(c.c.strong.is_(True)).order_by(c.c.order_key, c.c.id))]


def _selected():
    """Stored candidates in full: the row, what they show, and their initiatives' titles and periods now."""
    return (select(c, d.c.details, _first.title.label("first_title"), _first.status.label("first_status"),
                   _first.start_date.label("first_start"), _first.end_date.label("first_end"),
                   _second.title.label("second_title"), _second.status.label("second_status"),
                   _second.start_date.label("second_start"), _second.end_date.label("second_end"))
            .join(_first, _first.id == c.c.first_initiative_id).join(_second, _second.id == c.c.second_initiative_id)
            .outerjoin(d, and_(d.c.first_initiative_id == c.c.first_initiative_id,
                               d.c.second_initiative_id == c.c.second_initiative_id)))


_NO_LINKS = (frozenset(),) * 6  # a stored candidate's initiatives carry no links: shared, not six new sets


def _id_set(joined: str) -> frozenset[int]:
    return frozenset(int(i) for i in joined.split(",") if i)


def hydrate(row, names: Names) -> Candidate:
    """A stored candidate as detection's ``Candidate`` (its initiatives' titles as they are now)."""
    details = row.details or {}
    first = InitiativeRecord(row.first_initiative_id, row.first_title, "", row.first_status, row.first_start,
                             row.first_end, row.first_lead_id, *_NO_LINKS)
    second = InitiativeRecord(row.second_initiative_id, row.second_title, "", row.second_status, row.second_start,
                              row.second_end, row.second_lead_id, *_NO_LINKS)
    words = tuple((word, weight) for word, weight in details.get("words", ()))
    strength = Strength(row.alike, row.relevance, row.similarity, tuple(details.get("signals", ())),
                        tuple(word for word, _weight in words), outclassed=row.alike and not row.strong)
    found = Candidate(first, second, row.score, (row.overlap_start, row.overlap_end), _id_set(row.area_ids),
                      _id_set(row.theme_ids), similarity=row.similarity, strength=strength,
                      evidence=[Evidence.of(e["kind"], e["args"], e.get("details")) for e in details.get("evidence", ())],
                      basis=Basis(tuple(details.get("places", ())), tuple(details.get("goals", ())),
                                  tuple(details.get("partners", ())), words),
                      names=names, topic=row.topic if row.strong else None)
    found._fingerprint = row.fingerprint
    return found
