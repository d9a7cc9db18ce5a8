"""Reading for the overlap review: topics of candidates joined with their verdicts, the open list, the next
open topic, and open follow-ups."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from tracker.core.clock import today
from tracker.extensions import db
from tracker.initiatives.models import Initiative
from tracker.overlaps.cache import cached_candidate, cached_detection
from tracker.overlaps.detection import Candidate, DetectionResult
from tracker.overlaps.models import NEEDS_FOLLOW_UP, OverlapVerdict
from tracker.overlaps.topics import Topic, group_topics

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


@dataclass
class Review:
    rows: list[TopicRow]
    result: DetectionResult
    hidden_reviewed: int = 0  # topics left out because they are reviewed (show=open)
    hidden_open: int = 0  # topics left out because they are still open (show=reviewed)
    hidden_weak: int = 0  # weak candidates left out (strength=strong)


class ListPagination(Pagination):
    """A page of a list already in memory, for the same pagination macro as database pages."""

    def _query_items(self) -> list:
        rows = self._query_args["rows"]
        return rows[self._query_offset:self._query_offset + self.per_page]

    def _query_count(self) -> int:
        return len(self._query_args["rows"])


def verdicts_by_pair() -> dict[tuple[int, int], OverlapVerdict]:
    stmt = select(OverlapVerdict).options(joinedload(OverlapVerdict.follow_up_administration))
    return {(v.first_initiative_id, v.second_initiative_id): v for v in db.session.scalars(stmt)}


def review(filters: ReviewFilters) -> Review:
    """The topics in the list's order, each pair with its verdict, narrowed by the filters.

    Strong topics come first; the default list is the strong topics nobody has reviewed (or that changed
    since their verdict). Weak candidates and reviewed topics are counted, so the page can offer them.
    """
    result = cached_detection(area_id=filters.area_id, administration_id=filters.administration_id,
                              theme_id=filters.theme_id)
    verdicts = verdicts_by_pair()
    review = Review([], result)
    for topic in topics_of(result):
        row = TopicRow(topic, [ReviewRow(c, verdicts.get(c.initiative_ids)) for c in topic.candidates])
        if filters.strength == STRONG and not topic.strong:
            review.hidden_weak += 1
            continue
        state = row.state
        if filters.show == SHOW_OPEN and state == REVIEWED:
            review.hidden_reviewed += 1
            continue
        if filters.show == SHOW_REVIEWED and state != REVIEWED:
            review.hidden_open += 1
            continue
        review.rows.append(row)
    return review


def topic_of(first_id: int, second_id: int, filters: ReviewFilters) -> TopicRow | None:
    """The topic (under these filters) that holds the pair, or None when the pair is no candidate."""
    result = cached_detection(area_id=filters.area_id, administration_id=filters.administration_id,
                              theme_id=filters.theme_id)
    for topic in topics_of(result):
        if any(c.initiative_ids == (first_id, second_id) for c in topic.candidates):
            verdicts = verdicts_by_pair()
            return TopicRow(topic, [ReviewRow(c, verdicts.get(c.initiative_ids)) for c in topic.candidates],
                            sorted(result.names.areas[i] for i in topic.area_ids))
    return None


def next_open(filters: ReviewFilters, after: set[tuple[int, int]] | None = None) -> TopicRow | None:
    """The first topic of the open list under these filters that is not one of the pairs just judged."""
    after = after or set()
    open_filters = ReviewFilters(filters.area_id, filters.administration_id, filters.theme_id,
                                 SHOW_OPEN, filters.strength)
    for row in review(open_filters).rows:
        if not any(c.initiative_ids in after for c in row.topic.candidates):
            return row
    return None


def topics_of(result: DetectionResult) -> list[Topic]:
    """The result's topics, grouped once per result (a cached result serves many requests)."""
    if result.topics is None:
        result.topics = group_topics(result.candidates)
    return result.topics


def page_of(rows: list, page: int, per_page: int) -> ListPagination:
    return ListPagination(page=page, per_page=per_page, error_out=False, rows=rows)


def strong_candidates_of(initiative_id: int) -> tuple[list[Candidate], dict[int, str]]:
    """The strong candidates an initiative forms now, most worrying first, and the administrations' codes."""
    result = cached_detection()
    found = [c for c in result.candidates if c.strong and initiative_id in c.initiative_ids]
    return found, (result.names.administrations if result.names else {})


def candidate_for(first_id: int, second_id: int) -> Candidate | None:
    """The pair as detection sees it now, or None when it is no longer a candidate."""
    return cached_candidate(first_id, second_id)


def pair(first_id: int, second_id: int) -> tuple[Initiative, Initiative] | None:
    if first_id >= second_id:
        return None
    first, second = db.session.get(Initiative, first_id), db.session.get(Initiative, second_id)
    if first is None or second is None:
        return None
    return first, second


def initiatives_by_id(ids: list[int]) -> dict[int, Initiative]:
    """The topic's initiatives with what its page shows of them, in two queries."""
    stmt = select(Initiative).where(Initiative.id.in_(ids)).options(
        joinedload(Initiative.lead_administration), selectinload(Initiative.partner_administrations))
    return {i.id: i for i in db.session.scalars(stmt)}


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
