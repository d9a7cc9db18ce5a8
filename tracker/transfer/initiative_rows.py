"""The rows of an initiative file: each matched, read into an InitiativeInput, compared and checked.

A row's missing columns keep what the initiative has (a file without "Resumé" leaves the summaries
alone); goals and key figures are not in the file and stay as they are. Everything the rows refer to
is loaded in a few queries per 500 rows (tracker/transfer/records.py), and saving them flushes once.
"""
from __future__ import annotations

from dataclasses import replace

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from tracker.auth.permissions import can_create_initiative
from tracker.core.errors import ValidationError
from tracker.core.labels import label
from tracker.core.lookup import Lookup
from tracker.extensions import db
from tracker.initiatives import services
from tracker.initiatives.models import INITIATIVE_STATUSES, Initiative
from tracker.initiatives.permissions import can_edit_initiative, can_edit_participants, can_leave_initiative
from tracker.initiatives.services import InitiativeInput, KeyFigureInput
from tracker.transfer import records
from tracker.transfer.cells import Cells, Change, RowPlan
from tracker.transfer.columns import (
    INITIATIVE_FIELD_HEADERS,
    message,
    read_date,
    read_int,
    read_list,
    read_text,
    shown,
)

TEXT_FIELDS = ("title", "summary")
DATE_FIELDS = ("start_date", "end_date")
LIST_FIELDS = ("partner_administrations", "partner_organisations", "areas", "places", "themes", "policy_areas")


class References:
    """Every code and name a row may use, each kind loaded in one query."""

    def __init__(self) -> None:
        self.catalogue = records.Catalogue()
        catalogue = self.catalogue
        self.administrations = _lookup("forvaltning", catalogue.administrations, lambda a: (a.code, a.name))
        self.organisations = _lookup("organisation", catalogue.organisations, lambda o: (o.name,))
        self.areas = _lookup("område", catalogue.areas, lambda a: (a.slug, a.name, *(a.aliases or ())))
        self.places = _lookup("sted", catalogue.places, lambda p: (p.name,), field="places")
        self.themes = _lookup("tema", catalogue.themes, lambda t: (t.slug, t.name, t.name_en))
        self.policy_areas = _lookup("indsatsområde", catalogue.policy_areas, lambda p: (p.number, p.name))
        self.statuses: Lookup = Lookup("status", "status")
        for status in INITIATIVE_STATUSES:
            with force_locale("da"):
                danish = label(status, "status")
            with force_locale("en"):
                english = label(status, "status")
            self.statuses.add(status, status, danish, english)
        self.titles = {title: record_id for title, record_id in
                       db.session.execute(select(Initiative.title, Initiative.id))}

    def lists(self, name: str) -> Lookup:
        return {"partner_administrations": self.administrations,
                "partner_organisations": self.organisations}.get(name) or getattr(self, name)


def _lookup(noun: str, by_id: dict, keys, field: str | None = None) -> Lookup:
    lookup: Lookup = Lookup(noun, field or noun)
    for record in by_id.values():
        lookup.add(record, *keys(record))
    return lookup


def _records(ids: set[int], titles: set[str], refs: References) -> tuple[dict[int, Initiative],
                                                                        dict[str, Initiative]]:
    """The initiatives the rows name, with all the form would show: a few queries per 500 rows."""
    found = records.initiatives(ids, titles, refs.catalogue)
    return {i.id: i for i in found}, {i.title: i for i in found}


def current_input(initiative: Initiative) -> InitiativeInput:
    return InitiativeInput(
        title=initiative.title, lead_administration=initiative.lead_administration, status=initiative.status,
        summary=initiative.summary, start_date=initiative.start_date, end_date=initiative.end_date,
        partner_administrations=list(initiative.partner_administrations),
        partner_organisations=list(initiative.partner_organisations), areas=list(initiative.areas),
        places=list(initiative.places), themes=list(initiative.themes), goals=list(initiative.goals),
        policy_areas=list(initiative.policy_areas),
        key_figures=[KeyFigureInput(label=f.label, value=f.value, year=f.year, unit=f.unit)
                     for f in initiative.key_figures])


def _code(record) -> str:
    for name in ("code", "slug", "number", "name"):
        value = getattr(record, name, None)
        if value is not None:
            return str(value)
    return str(record)


def _same_text(old: str, new: str) -> bool:
    # A textarea sends line breaks as \r\n, a spreadsheet keeps \n: the same text either way.
    return old.replace("\r\n", "\n").strip() == new.replace("\r\n", "\n").strip()


def plan(table, cells: Cells, user) -> list[RowPlan]:
    refs = References()
    ids, titles = set(), set()
    for _number, values in table.rows:
        try:
            if cells.has("id") and (record_id := read_int("id", cells.get(values, "id"))):
                ids.add(record_id)
        except ValidationError:
            pass
        if cells.has("title"):
            titles.add(read_text(cells.get(values, "title")))
    by_id, by_title = _records(ids, titles, refs)
    seen: dict[str, int] = {}
    return [_row(number, values, cells, user, refs, by_id, by_title, seen) for number, values in table.rows]


def _row(number, values, cells: Cells, user, refs: References, by_id, by_title, seen) -> RowPlan:
    row = RowPlan(number)
    found, record, record_id = row.record_by_id(values, cells, by_id, _l("Der findes ingen indsats med id %(id)s."))
    if not found:
        return row
    title = read_text(cells.get(values, "title")) if cells.has("title") else ""
    if record is None and record_id is None:
        record = by_title.get(title)
    row.record = record
    data = current_input(record) if record is not None else InitiativeInput(title="", lead_administration=None)
    data = _read(row, values, cells, refs, data)
    row.data, row.label = data, data.title or title
    if row.problems:
        return row
    if record is not None:
        row.changes = _changes(record, data, cells)
        if not row.changes:
            return row
    _check(row, data, record, user, refs, seen, cells)
    return row


def _read(row: RowPlan, values, cells: Cells, refs: References, data: InitiativeInput) -> InitiativeInput:
    changes = {}
    for name in (*TEXT_FIELDS, "status", *DATE_FIELDS, "lead_administration", *LIST_FIELDS):
        if not cells.has(name):
            continue
        header, value = cells.header(name), cells.get(values, name)
        try:
            if name in TEXT_FIELDS:
                text = read_text(value)
                changes[name] = getattr(data, name) if _same_text(getattr(data, name), text) else text
            elif name == "status":
                text = read_text(value)
                changes[name] = refs.statuses.get(text, header) if text else (
                    data.status if row.record is not None else "planned")
            elif name in DATE_FIELDS:
                changes[name] = read_date(header, value)
            elif name == "lead_administration":
                text = read_text(value)
                changes[name] = refs.administrations.get(text, header) if text else None
            else:
                changes[name] = refs.lists(name).many(read_list(value), header)
        except ValidationError as error:
            row.problem(header, message(error))
    return replace(data, **changes)


def _changes(record: Initiative, data: InitiativeInput, cells: Cells) -> list[Change]:
    changes = []
    for name in (*TEXT_FIELDS, "status", *DATE_FIELDS):
        if cells.has(name) and getattr(record, name) != getattr(data, name):
            changes.append(Change(cells.header(name), shown(getattr(record, name)), shown(getattr(data, name))))
    if cells.has("lead_administration") and record.lead_administration is not data.lead_administration:
        changes.append(Change(cells.header("lead_administration"), record.lead_administration.code,
                              shown(data.lead_administration.code if data.lead_administration else None)))
    for name in LIST_FIELDS:
        old, new = {_code(r) for r in getattr(record, name)}, {_code(r) for r in getattr(data, name)}
        if cells.has(name) and old != new:
            changes.append(Change(cells.header(name), shown(old), shown(new)))
    return changes


def _check(row: RowPlan, data: InitiativeInput, record: Initiative | None, user, refs: References, seen,
           cells: Cells) -> None:
    """The form's rules and rights, each problem under the column to fix it in."""
    def header(field: str) -> str:
        wanted = INITIATIVE_FIELD_HEADERS.get(field, field)
        return cells.header(field) if cells.has(field) else wanted

    if record is None and not can_create_initiative(user):
        row.problem(header("title"), _l("Kun koordinatorer og administratorer kan oprette indsatser."))
        return
    if record is not None and not can_edit_initiative(user, record):
        row.problem(header("id"), _l(
            "Du kan kun redigere indsatser, hvor din forvaltning eller organisation er ansvarlig eller partner."))
        return
    title = (data.title or "").strip()
    other = refs.titles.get(title)
    if other is not None and (record is None or other != record.id):
        row.problem(header("title"), _l("Der findes allerede en indsats med titlen '%(title)s'.", title=title))
    elif title and title in seen:
        row.problem(header("title"), _l("Titlen står også i række %(row)s.", row=seen[title]))
    seen.setdefault(title, row.number)
    for problem in services.input_problems(data, record, user):
        row.problem(header(problem.field), problem.message)
    administrations = [a.id for a in (data.lead_administration, *data.partner_administrations) if a is not None]
    may_leave = record is not None and can_leave_initiative(user, record)
    if not may_leave and not can_edit_participants(user, administrations, [o.id for o in data.partner_organisations]):
        row.problem(header("lead_administration"), _l(
            "Din forvaltning eller organisation skal være ansvarlig eller partner – ellers kan du ikke "
            "redigere indsatsen bagefter."))


def save_all(rows: list[RowPlan], author) -> None:
    """Save the rows through the form's services, flushing once per 500: the audit trail and the search
    index then write their rows in bulk. The titles are checked against one read of them all."""
    titles = {title: record_id for title, record_id in db.session.execute(select(Initiative.title, Initiative.id))}
    for count, row in enumerate(rows, start=1):
        if row.record is None:
            services.create_initiative(row.data, titles=titles, flush=False)
        else:
            services.update_initiative(row.record, row.data, titles=titles, flush=False)
        if count % records.CHUNK == 0:
            db.session.flush()
    db.session.flush()
