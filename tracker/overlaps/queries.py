"""Reading for the overlap review: candidates joined with their verdicts, the open list, and open follow-ups."""
from __future__ import annotations

from dataclasses import dataclass, field

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from tracker.extensions import db
from tracker.initiatives.models import Initiative
from tracker.overlaps.cache import cached_candidate, cached_detection
from tracker.overlaps.detection import Candidate, DetectionResult
from tracker.overlaps.models import NEEDS_FOLLOW_UP, OverlapVerdict

# Review states of a candidate
OPEN, CHANGED, REVIEWED = "open", "changed", "reviewed"
FOLLOW_UPS_SHOWN = 50


@dataclass
class ReviewFilters:
    area_id: int | None = None
    administration_id: int | None = None
    theme_id: int | None = None
    verdict: str | None = None  # a verdict, or "none" for candidates without one
    uncoordinated: bool = False
    reviewed: bool = False  # show reviewed candidates too


@dataclass
class ReviewRow:
    candidate: Candidate
    verdict: OverlapVerdict | None

    @property
    def state(self) -> str:
        if self.verdict is None:
            return OPEN
        return REVIEWED if self.verdict.fingerprint == self.candidate.fingerprint else CHANGED


@dataclass
class Review:
    rows: list[ReviewRow]
    result: DetectionResult
    hidden: int = 0  # reviewed candidates left out of the open list
    titles: dict[int, str] = field(default_factory=dict)


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
    """The candidates in detection's order, each with its verdict, narrowed by the filters.

    The open list leaves out candidates whose verdict still matches them (same fingerprint); asking for
    reviewed candidates, or for a verdict, shows them.
    """
    result = cached_detection(area_id=filters.area_id, administration_id=filters.administration_id,
                              theme_id=filters.theme_id)
    verdicts = verdicts_by_pair()
    rows, hidden = [], 0
    for candidate in result.candidates:
        row = ReviewRow(candidate, verdicts.get(candidate.initiative_ids))
        if filters.uncoordinated and not candidate.uncoordinated:
            continue
        if filters.verdict == "none" and row.verdict is not None:
            continue
        if filters.verdict not in (None, "none") and (row.verdict is None or row.verdict.verdict != filters.verdict):
            continue
        if row.state == REVIEWED and not (filters.reviewed or filters.verdict):
            hidden += 1
            continue
        rows.append(row)
    return Review(rows, result, hidden)


def page_of(rows: list, page: int, per_page: int) -> ListPagination:
    return ListPagination(page=page, per_page=per_page, error_out=False, rows=rows)


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
