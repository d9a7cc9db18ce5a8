"""Overlap detection kept per process and reused until its inputs change, checked by one cheap query.

The review list, its downloads and each candidate page all need detection over every open initiative,
which takes most of a second at 20,000 initiatives; re-running it on every request, for every filter,
made the pages slow. So each process keeps the last unfiltered result with the *change token* it was
computed under, serves filters by narrowing that result (``detection.narrow``), and detects again only
when a request reads a different token. The token must change whenever anything detection reads
changes, or the page would show stale candidates:

* Every write through the ORM (services, admin pages, the seed loader) leaves an audit event, and a
  change to an initiative's links is an audited update of the initiative. So the newest audit event
  covers initiatives, areas, places, goals, themes, organisations, administrations, bodies, memberships,
  meetings and entries. Its time is taken with its id because SQLite may give a rolled-back event's id
  to the next one. Events of records detection never reads (``UNREAD``) are skipped, so recording a
  verdict, which reviewers do between two looks at the list, or saving a report keeps the cached result.
* ``flask synth`` and the bulk test factories insert rows with plain INSERTs and leave no audit event;
  they only ever insert, so the row count (and highest id) of every table they write that detection
  reads catches them.
* Evidence counts a seat as current until its end date, so today's date is part of the token.

Verdicts are not part of a cached result: the list reads them on every request (queries.py).
Two requests that find the cache out of date at once both detect; the last to finish is kept.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask import current_app
from sqlalchemy import func, select

from tracker.audit.models import AuditEvent
from tracker.bodies.models import Meeting, Membership, meeting_administrations
from tracker.extensions import db
from tracker.initiatives.models import (
    Initiative,
    initiative_areas,
    initiative_goals,
    initiative_organisations,
    initiative_partner_administrations,
    initiative_places,
    initiative_themes,
)
from tracker.log.models import CooperationEntry, entry_administrations, entry_areas
from tracker.overlaps.detection import Candidate, DetectionResult, detect, narrow

UNREAD = ("overlap_verdicts", "comments", "users",
          "reports", "report_versions", "report_texts", "report_snapshots")
_COUNTED = (initiative_areas, initiative_places, initiative_themes, initiative_goals,
            initiative_organisations, initiative_partner_administrations, entry_areas, entry_administrations,
            meeting_administrations)
_NUMBERED = (Initiative, CooperationEntry, Meeting, Membership)
CACHE_KEY = "tvaers.overlap_detection"  # where in app.extensions the process keeps its detection


@dataclass
class _Cached:
    token: tuple
    result: DetectionResult
    by_pair: dict[tuple[int, int], Candidate] = field(default_factory=dict)


def change_token() -> tuple:
    """What detection's inputs look like now, in one query: it differs after any change to them."""
    last_event = (select(AuditEvent.id).where(AuditEvent.entity_type.not_in(UNREAD))
                  .order_by(AuditEvent.id.desc()).limit(1).scalar_subquery())
    columns = [last_event, select(AuditEvent.at).where(AuditEvent.id == last_event).scalar_subquery()]
    for model in _NUMBERED:
        columns += [select(func.count()).select_from(model).scalar_subquery(),
                    select(func.max(model.id)).scalar_subquery()]
    columns += [select(func.count()).select_from(table).scalar_subquery() for table in _COUNTED]
    return (*db.session.execute(select(*columns)).one(), date.today())


def _current() -> _Cached:
    token = change_token()
    cached = current_app.extensions.get(CACHE_KEY)
    if cached is None or cached.token != token:
        result = detect()
        cached = _Cached(token, result, {c.initiative_ids: c for c in result.candidates})
        current_app.extensions[CACHE_KEY] = cached
    return cached


def cached_detection(*, area_id: int | None = None, administration_id: int | None = None,
                     theme_id: int | None = None) -> DetectionResult:
    """What ``detect`` would return with these filters now, from the cache when nothing has changed."""
    result = _current().result
    if area_id is None and administration_id is None and theme_id is None:
        return result
    return narrow(result, area_id=area_id, administration_id=administration_id, theme_id=theme_id)


def cached_candidate(first_id: int, second_id: int) -> Candidate | None:
    """The pair as detection sees it now, or None when it is no longer a candidate."""
    return _current().by_pair.get((first_id, second_id))
