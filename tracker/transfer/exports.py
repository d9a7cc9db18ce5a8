"""Initiatives (with the list's filters) and the cooperation log as XLSX and CSV, in the format import reads.

An export is written as it is read: the file's first bytes go out at once, the records come from one
query read a batch at a time (a server-side cursor on PostgreSQL), and each batch's links are read as pairs
of ids in one query per link table, with the linked names from the small reference tables read once; rows
are plain lists, no ORM object per record. So a download of any length needs the memory of one batch, and
500,000 log entries take seconds, not minutes (docs/benchmarks/).
"""
from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from io import StringIO

from flask_babel import force_locale
from sqlalchemy import Select, String, cast, func, select

from tracker.areas.models import Area
from tracker.auth.models import User
from tracker.bodies.models import Body
from tracker.core.labels import label, shown_status, status_label
from tracker.core.sheets import FORMULA_STARTS, table_xlsx_chunks
from tracker.extensions import db
from tracker.initiatives.models import Initiative
from tracker.initiatives.queries import LIST_ORDER, InitiativeFilters, filtered, status_counts
from tracker.log.models import CooperationEntry, entry_administrations, entry_areas
from tracker.organisation.models import Administration
from tracker.transfer.columns import ENTRY_COLUMNS, INITIATIVE_COLUMNS, Column, csv_text, joined
from tracker.transfer.records import LINKS, Catalogue

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"
BATCH = 5000  # records per read, and per piece of the file given out
FEW = 5000  # records whose links are looked up one by one rather than joined grouped
INITIATIVE_LINKS = ("partner_administrations", "partner_organisations", "areas", "places", "themes",
                    "policy_areas")

Batch = list[list]
MEMO_SIZE = 10_000  # combinations of linked ids whose cells are kept (then forgotten, and kept anew)


def _batches(stmt) -> Iterator[list]:
    """The statement's rows, BATCH at a time, from one query (a server-side cursor where there is one), on
    the session's connection without the ORM's handling of each row."""
    yield from db.session.connection().execute(stmt.execution_options(yield_per=BATCH)).partitions()


def _with_links(stmt: Select, record_id, links: Sequence[tuple], few: bool) -> Select:
    """The statement with a column per link table (column of linked ids, column of the records' ids): each
    record's linked ids as one text ("3,17"). For a few records each one's are read through the link
    table's primary key; for many, each link table is grouped once and joined, which for the whole log of
    500,000 entries costs the database about a third of the CPU time of the lookups (2.4 s against 7.7 s).
    (A query per batch of records would send and plan a list of thousands of ids each time.)"""
    for column, owner in links:
        ids = func.aggregate_strings(cast(column, String), ",")
        if few:
            stmt = stmt.add_columns(select(ids).where(owner == record_id).scalar_subquery())
        else:
            grouped = select(owner.label("owner"), ids.label("ids")).group_by(owner).subquery()
            stmt = stmt.outerjoin(grouped, grouped.c.owner == record_id).add_columns(grouped.c.ids)
    return stmt


class _Names:
    """A link's two cells (codes, names) for a record's linked ids as the database joined them ("3,17"),
    in the relationship's order; each combination of ids is looked up once."""

    def __init__(self, by_id: dict[int, object], order, code, name=None) -> None:
        self.by_id, self.order, self.code, self.name = by_id, order, code, name
        self.memo: dict[str, tuple[str, str]] = {}

    def cells(self, ids: str | None) -> tuple[str, str]:
        if not ids:
            return "", ""
        found = self.memo.get(ids)
        if found is None:
            records = sorted((self.by_id[int(i)] for i in ids.split(",")), key=self.order)
            found = (joined(self.code(r) for r in records), joined(self.name(r) for r in records) if self.name else "")
            if len(self.memo) >= MEMO_SIZE:
                self.memo.clear()
            self.memo[ids] = found
        return found


def initiative_batches(filters: InitiativeFilters) -> Iterator[Batch]:
    """The rows of the list with these filters, in the list's order, a batch at a time: one query."""
    stmt = filtered(filters).with_only_columns(
        Initiative.id, Initiative.title, Initiative.summary, Initiative.status, Initiative.start_date,
        Initiative.end_date, Initiative.lead_administration_id)
    few = sum(status_counts(filters).values()) <= FEW
    stmt = _with_links(stmt, Initiative.id, [(LINKS[link][0], LINKS[link][0].table.c.initiative_id)
                                             for link in INITIATIVE_LINKS], few).order_by(*LIST_ORDER)
    catalogue = Catalogue(goals=False)
    partners, organisations, areas, places, themes, policy_areas = (
        _Names(catalogue.linked(link), LINKS[link][1], code, name) for link, code, name in (
            ("partner_administrations", lambda a: a.code, lambda a: a.name),
            ("partner_organisations", lambda o: o.name, None),
            ("areas", lambda a: a.slug, lambda a: a.name),
            ("places", lambda p: p.name, None),
            ("themes", lambda t: t.slug, lambda t: t.name),
            ("policy_areas", lambda p: p.number, lambda p: p.name)))
    leads = {i: (a.code, a.name) for i, a in catalogue.administrations.items()}
    words: dict[str | None, str] = {}
    for records in _batches(stmt):
        rows = []
        for (record_id, title, summary, status, start, end, lead_id, partner_ids, organisation_ids, area_ids,
             place_ids, theme_ids, policy_area_ids) in records:
            # The code is the stored status (what an import reads back); the words say "Udløbet – skal
            # status opdateres?" for a running initiative past its end date, as every page does.
            shown = shown_status(status, end)
            if shown not in words:
                # The informative names are Danish like the headers, whatever language the user reads.
                with force_locale("da"):
                    words[shown] = status_label(status, end)
            rows.append([
                record_id, title, summary, status, words[shown], start, end, *leads[lead_id],
                *partners.cells(partner_ids), organisations.cells(organisation_ids)[0], *areas.cells(area_ids),
                places.cells(place_ids)[0], *themes.cells(theme_ids), *policy_areas.cells(policy_area_ids),
            ])
        yield rows


def entry_batches(initiative_id: int | None = None, body_id: int | None = None) -> Iterator[Batch]:
    """The current cooperation log (of one initiative or body when given), newest first, a batch at a time:
    one query."""
    wheres = [CooperationEntry.archived_at.is_(None)]
    if initiative_id is not None:
        wheres.append(CooperationEntry.initiative_id == initiative_id)
    if body_id is not None:
        wheres.append(CooperationEntry.body_id == body_id)
    stmt = (select(CooperationEntry.id, CooperationEntry.date, CooperationEntry.kind, CooperationEntry.text,
                   CooperationEntry.initiative_id, Initiative.title, CooperationEntry.body_id, Body.name, User.name)
            .outerjoin(Initiative, Initiative.id == CooperationEntry.initiative_id)
            .outerjoin(Body, Body.id == CooperationEntry.body_id)
            .outerjoin(User, User.id == CooperationEntry.author_id)
            .where(*wheres))
    # One initiative's or body's log is a few thousand entries at most.
    few = initiative_id is not None or body_id is not None
    stmt = _with_links(stmt, CooperationEntry.id, [
        (entry_areas.c.area_id, entry_areas.c.entry_id),
        (entry_administrations.c.administration_id, entry_administrations.c.entry_id)], few,
    ).order_by(CooperationEntry.date.desc(), CooperationEntry.id.desc())
    areas = _Names({a.id: a for a in db.session.scalars(select(Area))}, lambda a: a.name,
                   lambda a: a.slug, lambda a: a.name)
    administrations = _Names({a.id: a for a in db.session.scalars(select(Administration))}, lambda a: a.code,
                             lambda a: a.code, lambda a: a.name)
    kinds: dict[str, str] = {}
    for records in _batches(stmt):
        rows = []
        for entry_id, when, kind, text, initiative, title, body, body_name, author, its_areas, its_admins in records:
            if kind not in kinds:
                with force_locale("da"):
                    kinds[kind] = label(kind, "entry_kind")
            rows.append([
                entry_id, when, kind, kinds[kind], text, initiative, title or "", body, body_name or "",
                *areas.cells(its_areas), *administrations.cells(its_admins), author or "",
            ])
        yield rows


def xlsx_chunks(title: str, columns: Sequence[Column], batches: Iterable[Batch]) -> Iterator[bytes]:
    return table_xlsx_chunks(title, [(column.header, column.width) for column in columns], batches)


def csv_chunks(columns: Sequence[Column], batches: Iterable[Batch]) -> Iterator[bytes]:
    """UTF-8 with a byte order mark and ";" between cells, which Danish Excel opens as columns. The header
    goes out before the first record is read."""
    out = StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([column.header for column in columns])
    yield ("\ufeff" + out.getvalue()).encode("utf-8")
    for batch in batches:
        out.seek(0)
        out.truncate()
        # The csv module writes numbers and plain texts as they are and None as nothing; the rest as
        # _csv_cell says.
        writer.writerows([_csv_cell(value) if _needs_care(value) else value for value in row] for row in batch)
        yield out.getvalue().encode("utf-8")


def _needs_care(value) -> bool:
    """A date (or time), or a text that starts like a formula: what _csv_cell writes otherwise than csv does."""
    return isinstance(value, date) or (isinstance(value, str) and value.startswith(FORMULA_STARTS))


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return csv_text(value)
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    return str(value)


def initiatives_chunks(filters: InitiativeFilters, kind: str) -> Iterator[bytes]:
    batches = initiative_batches(filters)
    return xlsx_chunks("Indsatser", INITIATIVE_COLUMNS, batches) if kind == "xlsx" \
        else csv_chunks(INITIATIVE_COLUMNS, batches)


def entries_chunks(kind: str, initiative_id: int | None = None, body_id: int | None = None) -> Iterator[bytes]:
    batches = entry_batches(initiative_id, body_id)
    return xlsx_chunks("Samarbejdslog", ENTRY_COLUMNS, batches) if kind == "xlsx" \
        else csv_chunks(ENTRY_COLUMNS, batches)


def initiatives_file(filters: InitiativeFilters, kind: str) -> bytes:
    return b"".join(initiatives_chunks(filters, kind))


def entries_file(kind: str, initiative_id: int | None = None, body_id: int | None = None) -> bytes:
    return b"".join(entries_chunks(kind, initiative_id, body_id))
