"""Reading for the overlap review: the list of topics with their verdicts a page at a time, one topic, the next
open topic, an initiative's strong candidates, and open follow-ups. The candidates come from the stored
review (store.py), brought up to date first; listing.py reads them."""
from __future__ import annotations

from dataclasses import astuple, dataclass, field
from datetime import date

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from tracker.core.changes import cached
from tracker.core.clock import today
from tracker.extensions import db
from tracker.initiatives import links
from tracker.initiatives.models import Initiative
from tracker.overlaps.matching.candidates import Candidate, rank
from tracker.overlaps.matching.evidence import add_seats
from tracker.overlaps.matching.records import Names, load_names
from tracker.overlaps.matching.topics import RECORDS_SHOWN, Topic, TopicSummary
from tracker.overlaps.models import NEEDS_FOLLOW_UP, OverlapVerdict
from tracker.overlaps.review import listing, unfiltered
from tracker.overlaps.review.store import ensure_current

# Review states of a candidate or topic
OPEN, CHANGED, REVIEWED = "open", "changed", "reviewed"
SHOW_OPEN, SHOW_REVIEWED, SHOW_ALL = "open", "reviewed", "all"
STRONG, ALL = "strong", "all"
FOLLOW_UPS_SHOWN = 50


@dataclass
class ReviewFilters:
    area_id: int | None = None
    administration_id: int | None = None
    theme_id: int | None = None
    show: str = SHOW_OPEN  # open (not yet reviewed, or changed since), reviewed, or all
    strength: str = STRONG  # strong candidates only, or all

    def plain(self) -> listing.Filters:
        return listing.Filters(self.area_id, self.administration_id, self.theme_id, self.strength != ALL, self.show)


@dataclass
class ReviewRow:
    """One candidate with its verdict."""

    candidate: Candidate
    verdict: OverlapVerdict | None

    @property
    def state(self) -> str:
        if self.verdict is None:
            return OPEN
        return REVIEWED if self.verdict.fingerprint == self.candidate.fingerprint else CHANGED


@dataclass
class TopicRow:
    """One row of the list: a topic (one or more candidates), each candidate with its verdict.

    Open while any of its pairs has no verdict; changed when every pair has one but an initiative has
    changed since for at least one; reviewed otherwise. Its verdict is the pairs' verdict when they agree.
    """

    topic: Topic
    rows: list[ReviewRow]
    area_names: list[str] = field(default_factory=list)

    @property
    def state(self) -> str:
        states = {row.state for row in self.rows}
        if OPEN in states:
            return OPEN
        return CHANGED if CHANGED in states else REVIEWED

    @property
    def verdict(self) -> OverlapVerdict | None:
        """The verdict every pair shares (the first pair's), or None while they differ or some have none."""
        verdicts = [row.verdict for row in self.rows]
        if any(v is None for v in verdicts) or len({v.verdict for v in verdicts}) != 1:
            return None
        return verdicts[0]

    @property
    def mixed_verdicts(self) -> bool:
        return len({row.verdict.verdict for row in self.rows if row.verdict is not None}) > 1

    @property
    def show_uncoordinated(self) -> bool:
        """The "Ukoordineret" mark is for what nobody has judged yet: once reviewed, the verdict speaks."""
        return self.state != REVIEWED and self.topic.uncoordinated


STATES = {listing.OPEN_STATE: OPEN, listing.CHANGED_STATE: CHANGED, listing.REVIEWED_STATE: REVIEWED}


@dataclass
class SummaryRow:
    """One row of the list as the list and the papers show it: a topic's summary (topics.TopicSummary) with
    its review state and the verdicts of those of its pairs that have one, in the list's order."""

    topic: TopicSummary
    state: str
    verdicts: list[listing.ShownVerdict]
    group: int = 0  # its number in the stored review (listing.py): a topic's, or its pair's row id negated

    @property
    def verdict(self) -> listing.ShownVerdict | None:
        """The verdict every pair shares (the first pair's), or None while they differ or some have none."""
        if len(self.verdicts) != self.topic.pairs or len({v.verdict for v in self.verdicts}) != 1:
            return None
        return self.verdicts[0]

    @property
    def mixed_verdicts(self) -> bool:
        return len({v.verdict for v in self.verdicts}) > 1

    @property
    def first_verdict(self) -> listing.ShownVerdict | None:
        return self.verdicts[0] if self.verdicts else None

    @property
    def show_uncoordinated(self) -> bool:
        return self.state != REVIEWED and self.topic.uncoordinated


class Paged(Pagination):
    """A page of the list whose rows and total were read already, for the pagination macro and the API."""

    def __init__(self, page: int, per_page: int, items: list, total: int):
        self._query_args = {}
        self.page, self.per_page, self.max_per_page = page, per_page, None
        self.items, self.total = items, total


@dataclass
class Review:
    rows: list[SummaryRow]  # the page's, or every row when no page was asked for
    names: Names
    total: int = 0  # rows in the whole list
    hidden_reviewed: int = 0  # topics left out because they are reviewed (show=open)
    hidden_open: int = 0  # topics left out because they are still open (show=reviewed)
    hidden_weak: int = 0  # weak candidates left out (strength=strong)
    page: Paged | None = None


def review(filters: ReviewFilters, page: int | None = None, per_page: int | None = None, *,
           seats: bool = True, signs: bool = False) -> Review:
    """The topics in the list's order with their verdicts, narrowed by the filters: one page of them, or all
    of them (``page`` None: the papers, which also want the ``signs`` of coordination of each topic).

    Strong topics come first; the default list is the strong topics nobody has reviewed (or that changed
    since their verdict). Weak candidates and reviewed topics are counted, so the page can offer them.
    """
    version = ensure_current()
    plain = filters.plain()
    names = load_names()
    offset = (page - 1) * per_page if page is not None else 0
    groups, counts = _page(version, plain, offset, per_page if page is not None else None)

    def summarised() -> list[SummaryRow]:
        # A page names the first initiatives of each topic; the papers name them all.
        found = listing.summaries(groups, plain, names, signs=signs,
                                  records=RECORDS_SHOWN if page is not None else None)
        rows = [SummaryRow(found[g.g].topic, STATES[g.state], found[g.g].verdicts, g.g) for g in groups
                if g.g in found]
        if seats:
            add_seats([row.topic.lead for row in rows])
        return rows

    # A page's rows are the same for every reader allowed the list: kept until the data changes. The papers,
    # with every row, are read afresh.
    rows = summarised() if page is None else \
        _kept(version, ("rows", astuple(plain), offset, per_page, seats, signs), summarised)
    review = Review(rows, names, counts.shown, counts.hidden_reviewed, counts.hidden_open, counts.hidden_weak)
    if page is not None:
        review.page = Paged(page, per_page, rows, counts.shown)
    return review


def _kept(version: int | None, key: tuple, compute):
    """What ``compute`` reads of the stored review, kept until the data changes (tracker/core/changes.py) and
    under the review's version too: a request that brought the review up to date has read the change token
    before that update's commit. Not kept for a review that could not be brought up to date (None)."""
    return compute() if version is None else cached(("overlaps", version, *key), compute)


def _page(version: int | None, plain: listing.Filters, offset: int,
          limit: int | None) -> tuple[list[listing.Group], listing.Counts]:
    """The rows of one page and the list's counts (plain values, the same for every reader allowed the list);
    with no area, administration or theme filter from the stored topics."""
    reader = unfiltered if unfiltered.applies(plain) else listing
    return _kept(version, ("page", astuple(plain), offset, limit), lambda: reader.page(plain, offset, limit))


def verdicts_of(candidates: list[Candidate]) -> dict[tuple[int, int], OverlapVerdict]:
    """The verdicts on these pairs, with their follow-up administration (one query per 500 initiatives)."""
    pairs = {c.initiative_ids for c in candidates}
    firsts = sorted({first for first, _second in pairs})
    found = {}
    for start in range(0, max(len(firsts), 1), 500):  # one query for none, too
        stmt = select(OverlapVerdict).where(OverlapVerdict.first_initiative_id.in_(firsts[start:start + 500])) \
            .options(joinedload(OverlapVerdict.follow_up_administration))
        for verdict in db.session.scalars(stmt):
            key = (verdict.first_initiative_id, verdict.second_initiative_id)
            if key in pairs:
                found[key] = verdict
    return found


def topic_of(first_id: int, second_id: int, filters: ReviewFilters) -> TopicRow | None:
    """The topic (under these filters) that holds the pair, or None when the pair is no candidate there."""
    ensure_current()
    names = load_names()
    plain = filters.plain()
    members = listing.group_of(first_id, second_id, plain, names)
    if not members:
        return None
    add_seats(members)
    verdicts = verdicts_of(members)
    found = sorted(members, key=rank)
    topic = Topic(found, set().union(*(c.area_ids for c in found)))
    return TopicRow(topic, [ReviewRow(c, verdicts.get(c.initiative_ids)) for c in found],
                    sorted(names.areas[i] for i in topic.area_ids if i in names.areas))


def next_open(filters: ReviewFilters, after: set[tuple[int, int]] | None = None) -> SummaryRow | None:
    """The first topic of the open list under these filters that is not one of the pairs just judged."""
    after = after or set()
    open_filters = ReviewFilters(filters.area_id, filters.administration_id, filters.theme_id,
                                 SHOW_OPEN, filters.strength)
    version = ensure_current()
    judged = listing.groups_of(after)
    groups, _counts = _page(version, open_filters.plain(), 0, len(judged) + 1)
    for group in groups:
        if group.g not in judged:
            found = listing.summaries([group], open_filters.plain(), load_names())
            return SummaryRow(found[group.g].topic, STATES[group.state], found[group.g].verdicts, group.g) \
                if group.g in found else None
    return None


def review_pairs(filters: ReviewFilters, page: int, per_page: int) -> Paged:
    """One page of the list's pairs (not topics), each with its verdict, in the list's order (the API)."""
    version = ensure_current()
    plain = filters.plain()
    reader = unfiltered if unfiltered.applies(plain) else listing
    offset = (page - 1) * per_page
    ids, total = _kept(version, ("pairs", astuple(plain), offset, per_page),
                       lambda: reader.pair_page(plain, offset, per_page))
    found = listing.by_ids(ids, load_names())
    verdicts = verdicts_of(found)
    return Paged(page, per_page, [ReviewRow(c, verdicts.get(c.initiative_ids)) for c in found], total)


def strong_candidates_of(initiative_id: int) -> tuple[list[Candidate], dict[int, str]]:
    """The strong candidates an initiative forms now, most worrying first, and the administrations' codes."""
    ensure_current()
    names = load_names()
    return listing.strong_of(initiative_id, names), names.administrations


def candidate_for(first_id: int, second_id: int) -> Candidate | None:
    """The pair as the review sees it now (with the seats its administrations share), or None when it is no
    longer a candidate."""
    ensure_current()
    found = listing.candidate(first_id, second_id, load_names())
    if found is not None:
        add_seats([found])
    return found


# What the candidate page shows of each of the pair: loaded for both at once, not twice on the page.
PAIR_LINKS = (*links.PARTNERS, "areas", "places", "themes")


def pair(first_id: int, second_id: int) -> tuple[Initiative, Initiative] | None:
    """The two initiatives of a candidate pair (the lower id first) with what its page shows: six queries."""
    if first_id >= second_id:
        return None
    found = {i.id: i for i in db.session.scalars(
        select(Initiative).where(Initiative.id.in_((first_id, second_id)))
        .options(joinedload(Initiative.lead_administration)))}
    if len(found) < 2:
        return None
    links.load_links(list(found.values()), PAIR_LINKS)
    return found[first_id], found[second_id]


def initiatives_by_id(ids: list[int]) -> dict[int, Initiative]:
    """The topic's initiatives with what its page shows of them, in two queries."""
    found = {i.id: i for i in db.session.scalars(select(Initiative).where(Initiative.id.in_(ids))
                                                 .options(joinedload(Initiative.lead_administration)))}
    links.load_links(list(found.values()), ("partner_administrations",))
    return found


def verdict_of(first_id: int, second_id: int) -> OverlapVerdict | None:
    return db.session.scalar(select(OverlapVerdict).where(OverlapVerdict.first_initiative_id == first_id,
                                                          OverlapVerdict.second_initiative_id == second_id))


def open_follow_ups(user) -> list[OverlapVerdict]:
    """Follow-ups not yet closed that the user's administration owns; an admin sees them all. Soonest due first."""
    if not getattr(user, "is_authenticated", False):
        return []
    stmt = (select(OverlapVerdict)
            .where(OverlapVerdict.verdict == NEEDS_FOLLOW_UP,
                   OverlapVerdict.follow_up_administration_id.is_not(None),
                   OverlapVerdict.follow_up_closed_at.is_(None))
            .options(joinedload(OverlapVerdict.first_initiative), joinedload(OverlapVerdict.second_initiative),
                     joinedload(OverlapVerdict.follow_up_administration))
            .order_by(OverlapVerdict.follow_up_due, OverlapVerdict.id))
    if user.role != "admin":
        if user.administration_id is None:
            return []
        stmt = stmt.where(OverlapVerdict.follow_up_administration_id == user.administration_id)
    return list(db.session.scalars(stmt.limit(FOLLOW_UPS_SHOWN)).unique())


def overdue_follow_ups(limit: int, on: date | None = None) -> list[OverlapVerdict]:
    """Open follow-ups past their due date, across administrations, most overdue first (one query)."""
    stmt = (select(OverlapVerdict)
            .where(OverlapVerdict.verdict == NEEDS_FOLLOW_UP,
                   OverlapVerdict.follow_up_administration_id.is_not(None),
                   OverlapVerdict.follow_up_closed_at.is_(None),
                   OverlapVerdict.follow_up_due < (on or today()))
            .options(joinedload(OverlapVerdict.first_initiative), joinedload(OverlapVerdict.second_initiative),
                     joinedload(OverlapVerdict.follow_up_administration))
            .order_by(OverlapVerdict.follow_up_due, OverlapVerdict.id))
    return list(db.session.scalars(stmt.limit(limit)).unique())
