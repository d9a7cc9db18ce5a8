"""The rows of a cooperation-log file: each matched, read into an EntryInput, compared and checked.

A row without an id matches the current entry with the same date, type, initiative, body and text (text
compared without surrounding spaces), so uploading the same file twice adds nothing the second time.
"""
from __future__ import annotations

from dataclasses import replace

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload, selectinload

from tracker.areas.models import Area
from tracker.bodies.models import Body
from tracker.core.errors import ValidationError
from tracker.core.labels import label
from tracker.core.lookup import Lookup
from tracker.extensions import db
from tracker.initiatives.models import Initiative
from tracker.log import entry_services
from tracker.log.entry_services import EntryInput
from tracker.log.models import ENTRY_KINDS, CooperationEntry
from tracker.log.permissions import can_edit_entry, can_log_entry
from tracker.organisation.models import Administration
from tracker.transfer.cells import Cells, Change, RowPlan
from tracker.transfer.columns import (
    ENTRY_FIELD_HEADERS,
    message,
    read_date,
    read_int,
    read_list,
    read_text,
    shown,
)
from tracker.transfer.records import CHUNK

INITIATIVE_OPTIONS = (selectinload(Initiative.partner_administrations), selectinload(Initiative.partner_organisations))
ENTRY_OPTIONS = (
    joinedload(CooperationEntry.initiative).selectinload(Initiative.partner_administrations),
    joinedload(CooperationEntry.initiative).selectinload(Initiative.partner_organisations),
    joinedload(CooperationEntry.body), joinedload(CooperationEntry.meeting),
    selectinload(CooperationEntry.areas), selectinload(CooperationEntry.administrations),
)


class References:
    def __init__(self, table, cells: Cells) -> None:
        self.areas: Lookup = Lookup("område", "areas")
        for area in db.session.scalars(select(Area)):
            self.areas.add(area, area.slug, area.name, *(area.aliases or ()))
        self.administrations: Lookup = Lookup("forvaltning", "administrations")
        for administration in db.session.scalars(select(Administration)):
            self.administrations.add(administration, administration.code, administration.name)
        self.bodies: Lookup = Lookup("samarbejdsorgan", "body")
        for body in db.session.scalars(select(Body).options(selectinload(Body.memberships))):
            self.bodies.add(body, body.id, body.name)
        self.kinds: Lookup = Lookup("type", "kind")
        for kind in ENTRY_KINDS:
            with force_locale("da"):
                danish = label(kind, "entry_kind")
            with force_locale("en"):
                english = label(kind, "entry_kind")
            self.kinds.add(kind, kind, danish, english)
        self.initiatives: Lookup = Lookup("indsats", "initiative")
        keys = {read_text(cells.get(values, "initiative")) for _n, values in table.rows} \
            if cells.has("initiative") else set()
        ids = sorted({int(key) for key in keys if key.isdecimal() and len(key) < 10})
        titles = sorted(keys)
        for start in range(0, max(len(ids), len(titles)), CHUNK):
            for initiative in db.session.scalars(select(Initiative).where(or_(
                    Initiative.id.in_(ids[start:start + CHUNK]), Initiative.title.in_(titles[start:start + CHUNK])))
                    .options(*INITIATIVE_OPTIONS)):
                self.initiatives.add(initiative, initiative.id, initiative.title)


def _key(entry_date, kind, initiative, body, text) -> tuple:
    return (entry_date, kind, getattr(initiative, "id", None), getattr(body, "id", None),
            text.replace("\r\n", "\n").strip())


def _existing(table, cells: Cells) -> tuple[dict[int, CooperationEntry], dict[tuple, CooperationEntry]]:
    """The entries the rows name by id, and the current entries on the rows' dates: a few queries."""
    ids, dates = set(), set()
    for _number, values in table.rows:
        try:
            if cells.has("id") and (record_id := read_int("id", cells.get(values, "id"))):
                ids.add(record_id)
            if cells.has("date") and (when := read_date("date", cells.get(values, "date"))):
                dates.add(when)
        except ValidationError:
            pass
    by_id, by_key = {}, {}
    ids_list = sorted(ids)
    for start in range(0, len(ids_list), CHUNK):
        for entry in db.session.scalars(select(CooperationEntry).where(
                CooperationEntry.id.in_(ids_list[start:start + CHUNK])).options(*ENTRY_OPTIONS)).unique():
            by_id[entry.id] = entry
    dates_list = sorted(dates)
    for start in range(0, len(dates_list), CHUNK):
        for entry in db.session.scalars(select(CooperationEntry).where(
                CooperationEntry.date.in_(dates_list[start:start + CHUNK]), CooperationEntry.archived_at.is_(None))
                .options(*ENTRY_OPTIONS).order_by(CooperationEntry.id)).unique():
            by_key.setdefault(_key(entry.date, entry.kind, entry.initiative, entry.body, entry.text), entry)
    return by_id, by_key


def current_input(entry: CooperationEntry) -> EntryInput:
    return EntryInput(kind=entry.kind, date=entry.date, text=entry.text, initiative=entry.initiative,
                      body=entry.body, areas=list(entry.areas), administrations=list(entry.administrations))


def plan(table, cells: Cells, user) -> list[RowPlan]:
    refs = References(table, cells)
    by_id, by_key = _existing(table, cells)
    return [_row(number, values, cells, user, refs, by_id, by_key) for number, values in table.rows]


def _row(number, values, cells: Cells, user, refs: References, by_id, by_key) -> RowPlan:
    row = RowPlan(number)
    found, record, record_id = row.record_by_id(values, cells, by_id, _l("Der findes ingen logpost med id %(id)s."))
    if not found:
        return row
    data = current_input(record) if record is not None else EntryInput(kind="", date=None, text="")
    data = _read(row, values, cells, refs, data)
    if record is None and record_id is None and not row.problems:
        record = by_key.get(_key(data.date, data.kind, data.initiative, data.body, data.text))
        if record is not None:  # the same entry: what the row leaves out stays as it is
            data = replace(data, areas=data.areas if cells.has("areas") else list(record.areas),
                           administrations=data.administrations if cells.has("administrations")
                           else list(record.administrations))
    row.record, row.data = record, data
    row.label = f"{shown(data.date)} · {data.text[:80]}"
    if row.problems:
        return row
    if record is not None:
        row.changes = _changes(record, data, cells)
        if not row.changes:
            return row
    _check(row, data, record, user, cells)
    return row


def _read(row: RowPlan, values, cells: Cells, refs: References, data: EntryInput) -> EntryInput:
    changes = {}
    for name in ("date", "kind", "text", "initiative", "body", "areas", "administrations"):
        if not cells.has(name):
            continue
        header, value = cells.header(name), cells.get(values, name)
        try:
            if name == "date":
                changes[name] = read_date(header, value)
            elif name == "kind":
                text = read_text(value)
                changes[name] = refs.kinds.get(text, header) if text else ""
            elif name == "text":
                text = read_text(value)
                changes[name] = data.text if _key(None, "", None, None, data.text)[-1] == text else text
            elif name in ("initiative", "body"):
                text = read_text(value)
                changes[name] = (refs.initiatives if name == "initiative" else refs.bodies).get(text, header) \
                    if text else None
            else:
                changes[name] = getattr(refs, name).many(read_list(value), header)
        except ValidationError as error:
            row.problem(header, message(error))
    return replace(data, **changes)


def _changes(record: CooperationEntry, data: EntryInput, cells: Cells) -> list[Change]:
    changes = []
    for name in ("date", "kind", "text"):
        if cells.has(name) and getattr(record, name) != getattr(data, name):
            changes.append(Change(cells.header(name), shown(getattr(record, name)), shown(getattr(data, name))))
    for name in ("initiative", "body"):
        old, new = getattr(record, name), getattr(data, name)
        if cells.has(name) and old is not new:
            changes.append(Change(cells.header(name), shown(old.audit_label if old else None),
                                  shown(new.audit_label if new else None)))
    for name, code in (("areas", "slug"), ("administrations", "code")):
        old = {getattr(r, code) for r in getattr(record, name)}
        new = {getattr(r, code) for r in getattr(data, name)}
        if cells.has(name) and old != new:
            changes.append(Change(cells.header(name), shown(old), shown(new)))
    return changes


def _check(row: RowPlan, data: EntryInput, record: CooperationEntry | None, user, cells: Cells) -> None:
    def header(field: str) -> str:
        return cells.header(field) if cells.has(field) else ENTRY_FIELD_HEADERS.get(field, field)

    refused = _l("Du kan kun logge på indsatser, som din forvaltning leder eller er partner i, og på "
                 "samarbejdsorganer, hvor din forvaltning eller organisation har en plads.")
    if record is None:
        if not can_log_entry(user, data.initiative, data.body):
            row.problem(header("initiative" if data.initiative else "body"), refused)
            return
    else:
        if not can_edit_entry(user, record):
            row.problem(header("id"), _l(
                "Du kan kun rette logposter, du selv har skrevet, eller som hører til en indsats, du kan redigere."))
            return
        new_initiative = data.initiative if data.initiative is not record.initiative else None
        new_body = data.body if data.body is not record.body else None
        if not can_log_entry(user, new_initiative, new_body):
            row.problem(header("initiative" if new_initiative else "body"), refused)
            return
    for problem in entry_services.entry_problems(data, record):
        row.problem(header(problem.field), problem.message)


def save_all(rows: list[RowPlan], author) -> None:
    """Save the rows through the form's services, flushing once per 500 (audit and search index in bulk)."""
    for count, row in enumerate(rows, start=1):
        if row.record is None:
            entry_services.create_entry(row.data, author, flush=False)
        else:
            entry_services.update_entry(row.record, row.data, flush=False)
        if count % CHUNK == 0:
            db.session.flush()
    db.session.flush()
