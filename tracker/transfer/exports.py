"""Initiatives (with the list's filters) and the cooperation log as XLSX and CSV, in the format import reads.

Each export is a fixed number of queries: the records' own columns, one per link table (as pairs of
ids), and the small reference tables; the rows are built as plain lists, no ORM object per record. 5,000
initiatives take about a second in either format (benchmarks/transfer.py).
"""
from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from io import StringIO

from flask_babel import force_locale
from sqlalchemy import select

from tracker.areas.models import Area
from tracker.auth.models import User
from tracker.bodies.models import Body
from tracker.core.labels import label, shown_status, status_label
from tracker.core.sheets import table_xlsx
from tracker.extensions import db
from tracker.initiatives.models import Initiative
from tracker.initiatives.queries import LIST_ORDER, InitiativeFilters, filtered
from tracker.log.models import CooperationEntry, entry_administrations, entry_areas
from tracker.organisation.models import Administration
from tracker.transfer.columns import ENTRY_COLUMNS, INITIATIVE_COLUMNS, Column, csv_text, joined
from tracker.transfer.records import LINKS, Catalogue, link_ids

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"


def initiative_rows(filters: InitiativeFilters) -> Iterable[list]:
    """The rows of the list with these filters, in the list's order."""
    stmt = filtered(filters).with_only_columns(
        Initiative.id, Initiative.title, Initiative.summary, Initiative.status, Initiative.start_date,
        Initiative.end_date, Initiative.lead_administration_id).order_by(*LIST_ORDER)
    records = db.session.execute(stmt).all()
    links = link_ids(filtered(filters).with_only_columns(Initiative.id))
    catalogue = Catalogue(goals=False)

    def linked(name: str, initiative_id: int) -> list:
        by_id = catalogue.linked(name)
        return sorted((by_id[i] for i in links[name].get(initiative_id, ())), key=LINKS[name][1])

    # The informative names are Danish like the headers, whatever language the user reads.
    with force_locale("da"):
        words: dict[str | None, str] = {}
        for record_id, title, summary, status, start, end, lead_id in records:
            shown = shown_status(status, end)
            if shown not in words:
                words[shown] = status_label(status, end)
            lead = catalogue.administrations[lead_id]
            partners, organisations = linked("partner_administrations", record_id), \
                linked("partner_organisations", record_id)
            areas, places = linked("areas", record_id), linked("places", record_id)
            themes, policy_areas = linked("themes", record_id), linked("policy_areas", record_id)
            yield [
                # The code is the stored status (what an import reads back); the words say "Udløbet – skal
                # status opdateres?" for a running initiative past its end date, as every page does.
                record_id, title, summary, status, words[shown], start, end, lead.code, lead.name,
                joined(a.code for a in partners), joined(a.name for a in partners),
                joined(o.name for o in organisations),
                joined(a.slug for a in areas), joined(a.name for a in areas),
                joined(p.name for p in places),
                joined(t.slug for t in themes), joined(t.name for t in themes),
                joined(p.number for p in policy_areas), joined(p.name for p in policy_areas),
            ]


def entry_rows(initiative_id: int | None = None, body_id: int | None = None) -> Iterable[list]:
    """The current cooperation log (of one initiative or body when given), newest first."""
    ids = select(CooperationEntry.id).where(CooperationEntry.archived_at.is_(None))
    if initiative_id is not None:
        ids = ids.where(CooperationEntry.initiative_id == initiative_id)
    if body_id is not None:
        ids = ids.where(CooperationEntry.body_id == body_id)
    stmt = (select(CooperationEntry.id, CooperationEntry.date, CooperationEntry.kind, CooperationEntry.text,
                   CooperationEntry.initiative_id, Initiative.title, CooperationEntry.body_id, Body.name, User.name)
            .outerjoin(Initiative, Initiative.id == CooperationEntry.initiative_id)
            .outerjoin(Body, Body.id == CooperationEntry.body_id)
            .outerjoin(User, User.id == CooperationEntry.author_id)
            .where(CooperationEntry.id.in_(ids))
            .order_by(CooperationEntry.date.desc(), CooperationEntry.id.desc()))
    records = db.session.execute(stmt).all()
    areas = _linked(entry_areas.c.area_id, ids, {a.id: a for a in db.session.scalars(select(Area))},
                    lambda a: a.name)
    administrations = _linked(entry_administrations.c.administration_id, ids,
                              {a.id: a for a in db.session.scalars(select(Administration))}, lambda a: a.code)
    with force_locale("da"):
        kinds = {}
        for entry_id, when, kind, text, initiative, title, body, body_name, author in records:
            if kind not in kinds:
                kinds[kind] = label(kind, "entry_kind")
            its_areas, its_administrations = areas.get(entry_id, []), administrations.get(entry_id, [])
            yield [
                entry_id, when, kind, kinds[kind], text, initiative, title or "", body, body_name or "",
                joined(a.slug for a in its_areas), joined(a.name for a in its_areas),
                joined(a.code for a in its_administrations), joined(a.name for a in its_administrations),
                author or "",
            ]


def _linked(column, ids, by_id: dict, order) -> dict[int, list]:
    """Each entry's linked records from a link table, in the relationship's order: one query."""
    owner = column.table.c.entry_id
    found: dict[int, list] = defaultdict(list)
    for entry_id, linked_id in db.session.execute(select(owner, column).where(owner.in_(ids))):
        found[entry_id].append(by_id[linked_id])
    return {entry_id: sorted(records, key=order) for entry_id, records in found.items()}


def as_xlsx(title: str, columns: Sequence[Column], rows: Iterable[list]) -> bytes:
    return table_xlsx(title, [(column.header, column.width) for column in columns], rows)


def as_csv(columns: Sequence[Column], rows: Iterable[list]) -> bytes:
    """UTF-8 with a byte order mark and ";" between cells, which Danish Excel opens as columns."""
    out = StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([column.header for column in columns])
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, int):
        return str(value)
    return csv_text(str(value))


def initiatives_file(filters: InitiativeFilters, kind: str) -> bytes:
    rows = initiative_rows(filters)
    return as_xlsx("Indsatser", INITIATIVE_COLUMNS, rows) if kind == "xlsx" else as_csv(INITIATIVE_COLUMNS, rows)


def entries_file(kind: str, initiative_id: int | None = None, body_id: int | None = None) -> bytes:
    rows = entry_rows(initiative_id, body_id)
    return as_xlsx("Samarbejdslog", ENTRY_COLUMNS, rows) if kind == "xlsx" else as_csv(ENTRY_COLUMNS, rows)
