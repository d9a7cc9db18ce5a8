"""The database schema: migrations build it on every engine and match the models exactly."""
from __future__ import annotations

from datetime import date

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.exc import IntegrityError

from tracker.extensions import db
from tracker.models import Administration, Initiative
from tracker.search.models import include_name


def test_migrations_match_the_models(app):
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "include_name": include_name})
        diff = compare_metadata(context, db.metadata)
    assert diff == [], f"models and migrations differ; run `flask --app tracker db migrate`: {diff}"


def test_database_refuses_an_initiative_that_ends_before_it_starts(app):
    tmf = Administration(code="TMF", name="Teknik- og Miljøforvaltningen", committee="Teknik- og Miljøudvalget")
    db.session.add(tmf)
    db.session.flush()
    db.session.add(Initiative(title="Baglæns", lead_administration=tmf, status="active",
                              start_date=date(2014, 1, 1), end_date=date(2013, 1, 1)))
    with pytest.raises(IntegrityError):
        db.session.flush()


def test_database_refuses_an_unknown_status(app):
    tmf = Administration(code="TMF", name="Teknik- og Miljøforvaltningen", committee="Teknik- og Miljøudvalget")
    db.session.add(tmf)
    db.session.flush()
    db.session.add(Initiative(title="Uklar", lead_administration=tmf, status="måske"))
    with pytest.raises(IntegrityError):
        db.session.flush()


def test_administration_codes_are_unique(app):
    db.session.add(Administration(code="SOF", name="Socialforvaltningen", committee="Socialudvalget"))
    db.session.add(Administration(code="SOF", name="Anden", committee="Andet"))
    with pytest.raises(IntegrityError):
        db.session.flush()
