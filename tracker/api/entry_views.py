"""The JSON API's cooperation log: read pages of entries (keyset or by number) and one entry; write entries
through the log's services and permission rules."""
from __future__ import annotations

from datetime import date

from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import literal, select, tuple_
from sqlalchemy.orm import joinedload, selectinload

from tracker.api import schemas as s
from tracker.api.blueprint import References, bp, page_json, with_etag
from tracker.api.problems import ApiProblem, field_error
from tracker.api.requests import body_of, query_of, require_if_match
from tracker.api.spec import operation
from tracker.areas.models import Area
from tracker.auth.permissions import require
from tracker.bodies.models import Body
from tracker.core.web.pagination import Paged, count_of
from tracker.extensions import db
from tracker.initiatives.models import Initiative
from tracker.log import entry_services
from tracker.log.entry_queries import entry_by_id
from tracker.log.entry_services import EntryInput
from tracker.log.models import CooperationEntry
from tracker.log.permissions import can_add_entries, can_edit_entry, can_log_entry
from tracker.organisation.models import Administration


def _entry_out(entry: CooperationEntry) -> s.EntryOut:
    return s.EntryOut(
        id=entry.id, version=entry.version, date=entry.date, kind=entry.kind, text=entry.text,
        initiative_id=entry.initiative_id, body_id=entry.body_id, meeting_id=entry.meeting_id,
        areas=[a.slug for a in entry.areas], administrations=[a.code for a in entry.administrations],
        author=entry.author.name if entry.author else None, archived=entry.archived_at is not None,
        updated_at=entry.updated_at)


def _entry_or_404(entry_id: int, *, shown_only: bool = False) -> CooperationEntry:
    """The entry as the log loads it (its initiative's partners for the permission rules), or with only what
    an answer shows."""
    entry = db.session.scalar(select(CooperationEntry).where(CooperationEntry.id == entry_id)
                              .options(*ENTRY_OUT_OPTIONS)) if shown_only else entry_by_id(entry_id)
    if entry is None:
        raise ApiProblem(404, _("Logposten findes ikke."))
    return entry


def _refuse_log() -> str:
    return _("Du kan kun logge på indsatser, som din forvaltning leder eller er partner i, og på "
             "samarbejdsorganer, hvor din forvaltning eller organisation har en plads.")


ENTRY_OUT_OPTIONS = (selectinload(CooperationEntry.areas), selectinload(CooperationEntry.administrations),
                     joinedload(CooperationEntry.author))  # what _entry_out reads, and nothing more
NEWEST_FIRST = (CooperationEntry.date.desc(), CooperationEntry.id.desc())
OLDEST_FIRST = (CooperationEntry.date, CooperationEntry.id)


def _entries(stmt, query: s.EntryQuery, total: int) -> list[CooperationEntry]:
    """The page's entries, newest first, through the log's (date, id) index: after a given entry (keyset,
    however deep), or by page number from whichever end of the log is nearer, so no page skips more than
    half of it."""
    if query.after is not None:
        day, _dot, last_id = query.after.partition(".")
        try:
            after = tuple_(literal(date.fromisoformat(day)), literal(int(last_id)))
        except ValueError:
            raise ApiProblem(422, errors=[field_error("after", _("Ugyldig værdi."))]) from None
        stmt = stmt.where(tuple_(CooperationEntry.date, CooperationEntry.id) < after).order_by(*NEWEST_FIRST)
        return list(db.session.scalars(stmt.options(*ENTRY_OUT_OPTIONS).limit(query.per_page)).unique())
    offset = (query.page - 1) * query.per_page
    if offset >= total:
        return []
    if offset <= total - offset - query.per_page:
        stmt = stmt.order_by(*NEWEST_FIRST).offset(offset).limit(query.per_page)
        return list(db.session.scalars(stmt.options(*ENTRY_OUT_OPTIONS)).unique())
    from_end = max(total - offset - query.per_page, 0)
    stmt = stmt.order_by(*OLDEST_FIRST).offset(from_end).limit(total - offset - from_end)
    return list(reversed(db.session.scalars(stmt.options(*ENTRY_OUT_OPTIONS)).unique().all()))


@operation(bp, "/entries", "GET", summary="Samarbejdsloggen, nyeste først", tag="entries", response=s.EntryPage,
           query=s.EntryQuery)
def list_entries():
    query = query_of(s.EntryQuery)
    stmt = select(CooperationEntry).where(CooperationEntry.archived_at.is_(None))
    if query.initiative_id is not None:
        stmt = stmt.where(CooperationEntry.initiative_id == query.initiative_id)
    if query.body_id is not None:
        stmt = stmt.where(CooperationEntry.body_id == query.body_id)
    # The total is counted once per change of the data: counting 500,000 entries took most of the request.
    total = count_of(stmt, ("api.entries", query.initiative_id, query.body_id))
    entries = _entries(stmt, query, total)
    last = entries[-1] if len(entries) == query.per_page else None
    page = Paged(query.page, query.per_page, [_entry_out(entry) for entry in entries], total)
    return page_json(page, s.EntryPage, next_after=f"{last.date.isoformat()}.{last.id}" if last else None)


@operation(bp, "/entries/<int:entry_id>", "GET", summary="Én logpost", tag="entries", response=s.EntryOut,
           etag=True)
def get_entry(entry_id: int):
    entry = _entry_or_404(entry_id, shown_only=True)
    return with_etag(_entry_out(entry), entry.version)


def _entry_input(sent, base: EntryInput | None) -> EntryInput:
    given = sent.model_fields_set if base is not None else set(type(sent).model_fields)
    refs = References()
    data = base or EntryInput(kind="", date=None, text="")
    for name in given:
        value = getattr(sent, name)
        if name == "initiative_id":
            data.initiative = refs.one("initiative_id", Initiative, "id", value)
        elif name == "body_id":
            data.body = refs.one("body_id", Body, "id", value)
        elif name == "areas" and value is not None:
            data.areas = refs.many("areas", Area, "slug", value)
        elif name == "administrations" and value is not None:
            data.administrations = refs.many("administrations", Administration, "code", value)
        elif value is not None and name in ("kind", "date", "text"):
            setattr(data, name, value)
    if refs.problems:
        raise ApiProblem(422, errors=refs.problems)
    return data


def _check_entry(data: EntryInput, entry: CooperationEntry | None) -> None:
    problems = entry_services.entry_problems(data, entry)
    if problems:
        raise ApiProblem(422, errors=[field_error(_entry_field(p.field), p.message) for p in problems])


def _entry_field(field: str) -> str:
    return {"initiative": "initiative_id", "body": "body_id"}.get(field, field)


@operation(bp, "/entries", "POST", summary="Skriv en logpost", tag="entries", response=s.EntryOut, status=201,
           body=s.EntryIn, etag=True)
def create_entry():
    require(can_add_entries(current_user), _("Kun koordinatorer og administratorer fører samarbejdsloggen."))
    data = _entry_input(body_of(s.EntryIn), None)
    require(can_log_entry(current_user, data.initiative, data.body), _refuse_log())
    _check_entry(data, None)
    entry = entry_services.create_entry(data, current_user)
    db.session.commit()
    entry = _entry_or_404(entry.id, shown_only=True)
    return with_etag(_entry_out(entry), entry.version, 201, url_for(".get_entry", entry_id=entry.id))


@operation(bp, "/entries/<int:entry_id>", "PATCH", summary="Ret en logpost", tag="entries", response=s.EntryOut,
           body=s.EntryPatch, etag=True, if_match=True)
def update_entry(entry_id: int):
    entry = _entry_or_404(entry_id)
    require(can_edit_entry(current_user, entry),
            _("Du kan kun rette logposter, du selv har skrevet, eller som hører til en indsats, du kan redigere."))
    require_if_match(entry.version)
    current = EntryInput(kind=entry.kind, date=entry.date, text=entry.text, initiative=entry.initiative,
                         body=entry.body, areas=list(entry.areas), administrations=list(entry.administrations))
    data = _entry_input(body_of(s.EntryPatch), current)
    changed_initiative = data.initiative if data.initiative is not entry.initiative else None
    changed_body = data.body if data.body is not entry.body else None
    require(can_log_entry(current_user, changed_initiative, changed_body), _refuse_log())
    _check_entry(data, entry)
    entry_services.update_entry(entry, data)
    db.session.commit()  # someone else's save since the If-Match read: 412 (api/blueprint.py)
    entry = _entry_or_404(entry_id, shown_only=True)
    return with_etag(_entry_out(entry), entry.version)
