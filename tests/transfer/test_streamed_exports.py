"""The downloads are written as they are read: the file starts with its header at once, and what comes back
when the file is read (csv module, openpyxl) is the records themselves, with Danish dates and the filters'
rows, however the records are split into batches and however their links are read."""
from __future__ import annotations

import csv
from datetime import datetime
from io import BytesIO, StringIO

import pytest
from openpyxl import load_workbook
from sqlalchemy import event, func, select

from tests.seeded_app import sign_in
from tracker.areas.models import Area
from tracker.extensions import db
from tracker.initiatives.models import Initiative
from tracker.initiatives.queries import LIST_ORDER, InitiativeFilters, filtered
from tracker.log.models import CooperationEntry
from tracker.transfer import exports
from tracker.transfer.columns import ENTRY_COLUMNS, INITIATIVE_COLUMNS

FORMATS = ["xlsx", "csv"]


@pytest.fixture
def reader(walk_app):
    app, _targets = walk_app
    client = app.test_client()
    sign_in(client, "laeser")
    return client


def _rows(data: bytes, kind: str) -> list[list]:
    """The file's rows as a spreadsheet user sees them: dates as dd-mm-åååå, empty cells as ""."""
    if kind == "csv":
        return list(csv.reader(StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    sheet = load_workbook(BytesIO(data)).active
    rows = []
    for row in sheet.iter_rows():
        cells = []
        for cell in row:
            if isinstance(cell.value, datetime):
                assert cell.number_format == "dd-mm-yyyy"
                cells.append(cell.value.strftime("%d-%m-%Y"))
            else:
                cells.append("" if cell.value is None else str(cell.value))
        rows.append(cells)
    return rows


def _richest_entry() -> CooperationEntry:
    """A current entry about an initiative with areas and administrations, the most areas first."""
    entries = db.session.scalars(select(CooperationEntry).where(
        CooperationEntry.archived_at.is_(None), CooperationEntry.initiative_id.is_not(None))).all()
    return max(entries, key=lambda e: (bool(e.areas and e.administrations), len(e.areas), len(e.administrations)))


@pytest.mark.parametrize("kind", FORMATS)
def test_an_initiatives_log_reads_back_with_its_headers_values_danish_dates_and_only_its_entries(reader, kind):
    entry = _richest_entry()
    assert entry.areas and entry.administrations, "the seed has an entry with areas and administrations"
    response = reader.get(f"/log/export.{kind}?initiative={entry.initiative_id}")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == f"attachment; filename=samarbejdslog.{kind}"
    header, *rows = _rows(response.data, kind)
    assert header == [column.header for column in ENTRY_COLUMNS]
    current = db.session.scalars(select(CooperationEntry.id).where(
        CooperationEntry.initiative_id == entry.initiative_id, CooperationEntry.archived_at.is_(None))
        .order_by(CooperationEntry.date.desc(), CooperationEntry.id.desc())).all()
    assert [int(row[0]) for row in rows] == current
    row = dict(zip(header, next(row for row in rows if int(row[0]) == entry.id), strict=True))
    assert row["Dato"] == entry.date.strftime("%d-%m-%Y")
    assert row["Type"] == entry.kind and row["Tekst"] == entry.text
    assert row["Indsats (titel)"] == entry.initiative.title
    assert row["Områder (koder)"] == " | ".join(a.slug for a in sorted(entry.areas, key=lambda a: a.name))
    assert row["Områder (navne)"] == " | ".join(a.name for a in sorted(entry.areas, key=lambda a: a.name))
    assert row["Forvaltninger (koder)"] == " | ".join(sorted(a.code for a in entry.administrations))
    assert row["Forfatter"] == (entry.author.name if entry.author else "")


@pytest.mark.parametrize("kind", FORMATS)
def test_the_whole_log_has_every_current_entry_once(reader, kind):
    header, *rows = _rows(reader.get(f"/log/export.{kind}").data, kind)
    count = db.session.scalar(select(func.count()).select_from(CooperationEntry)
                              .where(CooperationEntry.archived_at.is_(None)))
    assert len(rows) == count > 10
    assert len({row[0] for row in rows}) == count


@pytest.mark.parametrize("kind", FORMATS)
def test_the_filtered_initiative_list_reads_back_as_the_lists_rows(reader, kind):
    norrebro = db.session.scalar(select(Area).where(Area.slug == "norrebro"))
    header, *rows = _rows(reader.get(f"/initiatives/export.{kind}?area=norrebro").data, kind)
    assert header == [column.header for column in INITIATIVE_COLUMNS]
    listed = db.session.scalars(filtered(InitiativeFilters(area_id=norrebro.id)).order_by(*LIST_ORDER)).all()
    assert 0 < len(listed) < db.session.scalar(select(func.count()).select_from(Initiative))
    assert [int(row[0]) for row in rows] == [i.id for i in listed]
    dated = next(i for i in listed if i.start_date and i.end_date)
    row = dict(zip(header, next(row for row in rows if int(row[0]) == dated.id), strict=True))
    assert (row["Startdato"], row["Slutdato"]) == (dated.start_date.strftime("%d-%m-%Y"),
                                                 dated.end_date.strftime("%d-%m-%Y"))
    assert row["Titel"] == dated.title and row["Ansvarlig forvaltning (kode)"] == dated.lead_administration.code
    assert row["Områder (koder)"] == " | ".join(a.slug for a in dated.areas)
    assert row["Partnerforvaltninger (koder)"] == " | ".join(a.code for a in dated.partner_administrations)


@pytest.mark.parametrize("kind", FORMATS)
def test_the_download_starts_with_the_header_before_the_records_are_read(reader, kind):
    response = reader.get(f"/log/export.{kind}", buffered=False)
    chunks = iter(response.response)
    first = next(chunks)
    if kind == "csv":
        assert first == ("\ufeff" + ";".join(column.header for column in ENTRY_COLUMNS) + "\r\n").encode("utf-8")
    else:
        assert first.startswith(b"PK\x03\x04") and b"sheetData" not in first
    rest = b"".join(chunks)
    response.close()
    assert len(_rows(first + rest, kind)) > 10


def _statements(make) -> tuple[bytes, int]:
    seen: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        data = make()
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return data, len(seen)


@pytest.mark.parametrize("kind", FORMATS)
def test_batches_and_the_way_links_are_read_change_neither_the_file_nor_the_number_of_queries(
        walk_app, monkeypatch, kind):
    """Records read two at a time, links looked up one by one or joined grouped: the same rows, in as many
    queries as records read all at once."""
    def files():
        return (exports.initiatives_file(InitiativeFilters(), kind), exports.entries_file(kind))

    monkeypatch.setattr(exports, "FEW", 0)
    files()  # the list's counts, kept until the data changes
    (initiatives, entries), queries = _statements(files)
    monkeypatch.setattr(exports, "BATCH", 2)
    (small_initiatives, small_entries), small_queries = _statements(files)
    monkeypatch.setattr(exports, "FEW", 10**9)
    (looked_up, _entries), _queries = _statements(files)
    assert _rows(initiatives, kind) == _rows(small_initiatives, kind) == _rows(looked_up, kind)
    assert _rows(entries, kind) == _rows(small_entries, kind)
    assert len(_rows(entries, kind)) > 10
    assert small_queries == queries
    # An initiative's or body's log looks its entries' links up one by one: the same cells as the whole log's.
    whole = {row[0]: row for row in _rows(entries, kind)[1:]}
    entry = _richest_entry()
    _header, *own = _rows(exports.entries_file(kind, initiative_id=entry.initiative_id), kind)
    assert own and all(row == whole[row[0]] for row in own)
