"""Read-side queries of the cooperation log: one entry, an initiative's, a body's and an area's entries, and what a user may log on."""
from __future__ import annotations

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import and_, or_, select, union_all
from sqlalchemy.orm import joinedload, selectinload

from tracker.areas.models import Place
from tracker.auth.permissions import actual_user, is_coordinator
from tracker.bodies.models import Body
from tracker.bodies.permissions import can_log_on_body
from tracker.bodies.queries import KIND_ORDER
from tracker.core.changes import cached
from tracker.core.loading import load_collections
from tracker.core.web.pagination import Capped, capped, paged, rows_by_id
from tracker.extensions import db
from tracker.initiatives import links
from tracker.initiatives.models import Initiative, initiative_areas, initiative_places
from tracker.initiatives.queries import not_archived, partnered_by
from tracker.log.models import CooperationEntry, entry_areas
from tracker.log.permissions import can_log_on_initiative

# What a line naming an entry's initiative or body reads, without the log table's columns and actions.
HEADLINE_OPTIONS = (joinedload(CooperationEntry.initiative), joinedload(CooperationEntry.body))
ENTRY_ORDER = (CooperationEntry.date.desc(), CooperationEntry.id.desc())


def with_row_links(entries: list[CooperationEntry], partners: bool = False) -> list[CooperationEntry]:
    """What a row in a log table shows besides its headline (its administrations) and, with `partners`, what
    deciding its "Redigér" for a coordinator reads (its initiative's partners): one query each, not one per row,
    through prebuilt statements (tracker/core/loading.py)."""
    load_collections(entries, [CooperationEntry.administrations])
    if partners:
        links.with_partners(list({e.initiative.id: e.initiative for e in entries if e.initiative is not None}.values()))
    return entries


def rows_need_partners(user) -> bool:
    """Whether log rows shown with their actions to `user` need their initiatives' partners: only a
    coordinator's actions depend on them (tracker/initiatives/permissions.py)."""
    return is_coordinator(user)


def entry_by_id(entry_id: int) -> CooperationEntry | None:
    """The entry with what its page and form show, and its initiative's partners (its actions read them)."""
    entry = db.session.scalar(
        select(CooperationEntry)
        .where(CooperationEntry.id == entry_id)
        .options(*HEADLINE_OPTIONS, joinedload(CooperationEntry.author), joinedload(CooperationEntry.meeting))
    )
    if entry is not None:
        load_collections([entry], [CooperationEntry.areas])
        with_row_links([entry], partners=True)
    return entry


def entries_of_body(body_id: int, limit: int, include_archived: bool = False,
                    partners: bool = True) -> Capped:
    """The newest entries about the body (its meetings' decisions among them), with the total count (kept
    until the data changes), with their row links (`partners`: `rows_need_partners` of the reader)."""
    stmt = select(CooperationEntry).where(CooperationEntry.body_id == body_id)
    if not include_archived:
        stmt = stmt.where(CooperationEntry.archived_at.is_(None))
    found = capped(stmt.order_by(*ENTRY_ORDER), limit, *HEADLINE_OPTIONS,
                   count_key=("log.entries_of_body", body_id, include_archived),
                   rows_key=("log.entries_of_body.rows", body_id, include_archived))
    with_row_links(found.items, partners)
    return found


def loggable_narrowing(user):
    """A WHERE clause for the current initiatives the user may log on, as near as the database can say
    (`can_log_on_initiative` decides); None when the user may log on none."""
    if user.role == "admin":
        return Initiative.archived_at.is_(None)
    mine = []
    if user.administration_id is not None:
        mine += [Initiative.lead_administration_id == user.administration_id, partnered_by(user.administration_id)]
    if user.organisation_id is not None:
        mine.append(Initiative.partner_organisations.any(id=user.organisation_id))
    return and_(Initiative.archived_at.is_(None), or_(*mine)) if mine else None


def loggable_initiatives(user) -> list[Initiative]:
    """The current initiatives the user may log on, by title: the database narrows, the rule decides."""
    narrowing = loggable_narrowing(user)
    if narrowing is None:
        return []
    initiatives = links.with_partners(list(db.session.scalars(select(Initiative).where(narrowing)
                                                        .order_by(Initiative.title))))
    user = actual_user(user)
    return [initiative for initiative in initiatives if can_log_on_initiative(user, initiative)]


def loggable_bodies(user) -> list[Body]:
    """The current bodies the user may log on (where their administration or organisation has a seat)."""
    bodies = db.session.scalars(
        select(Body).where(Body.archived_at.is_(None)).options(selectinload(Body.memberships))
        .order_by(KIND_ORDER, Body.name)
    ).all()
    user = actual_user(user)
    return [body for body in bodies if can_log_on_body(user, body)]


def decisions_by_meeting(meeting_ids: list[int]) -> dict[int, list[CooperationEntry]]:
    """The current decisions of each of these meetings, in the order recorded: one query."""
    if not meeting_ids:
        return {}
    found: dict[int, list[CooperationEntry]] = {}
    for entry in db.session.scalars(
        select(CooperationEntry)
        .where(CooperationEntry.meeting_id.in_(meeting_ids), CooperationEntry.kind == "decision",
               CooperationEntry.archived_at.is_(None))
        .order_by(CooperationEntry.id)
    ):
        found.setdefault(entry.meeting_id, []).append(entry)
    return found


# An initiative's own log: every entry is about the initiative the page has loaded (with its partners), which
# the entries find in the session without a query, so only what differs per row is loaded.
OWN_LOG_OPTIONS = (joinedload(CooperationEntry.body),)


def entries_page(initiative_id: int, page: int, per_page: int) -> Pagination:
    """The initiative's cooperation log, newest first (its count kept until the data changes). The caller has
    loaded the initiative, with its partners, in this session."""
    stmt = (
        select(CooperationEntry)
        .where(CooperationEntry.initiative_id == initiative_id, CooperationEntry.archived_at.is_(None))
        .order_by(*ENTRY_ORDER)
    )
    found = paged(stmt, page, per_page, ("log.entries_page", initiative_id), *OWN_LOG_OPTIONS)
    with_row_links(found.items)
    return found


def latest_entries_in_area(area_id: int, limit: int) -> list[CooperationEntry]:
    """The newest entries tagged with the area, or about a current initiative in the area (directly or through
    one of its places): one statement.

    Each of the three ways is read newest first on its own, `limit` rows at most, and the newest of those
    are kept: each walks the log's date index back from today and stops when it has enough, where a single
    condition with OR made the database gather every match in the area first (0.3 s at 500,000 entries)."""
    current = CooperationEntry.archived_at.is_(None)
    tagged = (select(CooperationEntry.id).join(entry_areas, entry_areas.c.entry_id == CooperationEntry.id)
              .where(entry_areas.c.area_id == area_id, current))
    about = select(CooperationEntry.id).join(Initiative, Initiative.id == CooperationEntry.initiative_id)
    direct = (about.join(initiative_areas, initiative_areas.c.initiative_id == Initiative.id)
              .where(initiative_areas.c.area_id == area_id, not_archived(), current))
    via_place = (about.join(initiative_places, initiative_places.c.initiative_id == Initiative.id)
                 .join(Place, Place.id == initiative_places.c.place_id)
                 .where(Place.area_id == area_id, not_archived(), current))
    newest = [way.order_by(*ENTRY_ORDER).limit(limit).subquery() for way in (tagged, direct, via_place)]
    chosen = union_all(*(select(way.c.id) for way in newest)).subquery("chosen")
    which = (select(CooperationEntry.id).where(CooperationEntry.id.in_(select(chosen.c.id)))
             .order_by(*ENTRY_ORDER).limit(limit))
    # Which entries, kept until the data changes; then those entries with what the table shows.
    ids = cached(("log.latest_in_area", area_id, limit), lambda: list(db.session.scalars(which)))
    return with_row_links(rows_by_id(CooperationEntry, ids, *HEADLINE_OPTIONS))  # the area's log table: no actions
