"""Fixtures for the seeding tests: the real seed loaded once per test, and row counts of every table."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tracker.extensions import db
from tracker.seeding import default_seed_files, load_seed


def count_rows() -> dict[str, int]:
    """Rows in every table, so a test can show that nothing at all changed."""
    return {table.name: db.session.scalar(select(func.count()).select_from(table))
            for table in db.metadata.sorted_tables}


@pytest.fixture
def seeded(app):
    load_seed(default_seed_files())
    db.session.commit()
    return app


@pytest.fixture
def runner(app):
    return app.test_cli_runner()
