"""Bulk inserts for synth straight through the driver: ids allocated up front, then COPY on PostgreSQL and one
executemany elsewhere, so no statement returns rows.

The ORM's bulk INSERT … RETURNING (needed to learn the new ids) splices each batch's returned rows onto all
those before it, which is quadratic: 500,000 log entries took over a quarter of an hour that way.
"""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Table, func, insert, select, text

from tracker.core.changes import note_write
from tracker.extensions import db


def _connection():
    db.session.flush()  # whatever the session holds goes first, so these rows may refer to it
    return db.session.connection()


def allocate_ids(table: Table, count: int) -> list[int]:
    """`count` new ids for rows of `table`, the same ones the database would have given them in order."""
    if count == 0:
        return []
    connection = _connection()
    if connection.dialect.name == "postgresql":
        sequence = connection.scalar(text("SELECT pg_get_serial_sequence(:table, 'id')"), {"table": table.name})
        return list(connection.scalars(text("SELECT nextval(CAST(:sequence AS regclass)) "
                                            "FROM generate_series(1, :count)"),
                                       {"sequence": sequence, "count": count}))
    # SQLite gives a new row the largest rowid plus one; this transaction holds the write lock from here on.
    first = (connection.scalar(select(func.max(table.c.id))) or 0) + 1
    return list(range(first, first + count))


def _defaults(table: Table, given: set[str]) -> dict:
    """The Python-side defaults (timestamps, version 1, empty texts) of the columns the rows leave out, which
    the ORM would otherwise fill in; evaluated once, so one call's rows share a creation time."""
    values = {}
    for column in table.columns:
        default = column.default
        if column.name in given or default is None:
            continue
        if default.is_scalar:
            values[column.name] = default.arg
        elif default.is_callable:
            values[column.name] = default.arg(None)
    return values


def insert_rows(table: Table, rows: list[dict]) -> None:
    """Insert plain rows (every row's keys are columns of `table`; a missing key is NULL or its default)."""
    if not rows:
        return
    given = set().union(*(row.keys() for row in rows))
    defaults = _defaults(table, given)
    connection = _connection()
    if connection.dialect.name != "postgresql":
        connection.execute(insert(table), [{**defaults, **{c: row.get(c) for c in given}} for row in rows])
        return
    names, fixed = sorted(given), list(defaults.values())
    _copy(connection, table, names + list(defaults), ([row.get(c) for c in names] + fixed for row in rows))


def _copy(connection, table: Table, columns: list[str], values: Iterable[list]) -> None:
    names = ", ".join(f'"{name}"' for name in columns)
    raw = connection.connection.driver_connection  # psycopg 3, inside the session's transaction
    note_write(connection)  # COPY bypasses SQLAlchemy's execution, which moves the change token on otherwise
    with raw.cursor() as cursor, cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
        for row in values:
            copy.write_row(row)
