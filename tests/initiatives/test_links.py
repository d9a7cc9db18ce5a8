"""An initiative's links as its page loads them (tracker/initiatives/links.py): in the relationship's order, read
without further queries, and a change to them is saved as any change to a collection is."""
from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from tracker.extensions import db
from tracker.initiatives.links import load_links
from tracker.initiatives.models import Initiative, KeyFigure, Theme
from tracker.initiatives.queries import initiative_by_id


@pytest.fixture
def walks(ref):
    initiative = Initiative(title="Tryghedsvandringer", lead_administration=ref.administrations["TMF"],
                            status="active", summary="Vandringer med beboere og politi.")
    initiative.places = [ref.places["Tingbjerg"], ref.places["Mjølnerparken"]]
    initiative.partner_administrations = [ref.administrations["SOF"], ref.administrations["BUF"]]
    initiative.key_figures = [KeyFigure(label="Vandringer", value=Decimal(12), unit="", year=2013),
                              KeyFigure(label="Deltagere", value=Decimal(80), unit="", year=2012)]
    db.session.add(initiative)
    db.session.commit()
    initiative_id = initiative.id
    db.session.expunge_all()
    return initiative_id


def test_the_links_come_in_their_order_and_are_read_without_another_query(app, walks, count_queries):
    with count_queries() as loading:
        initiative = initiative_by_id(walks)
    assert loading.count == 9  # the initiative with its lead, and one statement per link
    with count_queries() as reading:
        places = [p.name for p in initiative.places]
        partners = [a.code for a in initiative.partner_administrations]
        figures = [(f.year, f.label, f.initiative is initiative) for f in initiative.key_figures]
        goals, themes = list(initiative.goals), list(initiative.themes)
    assert reading.count == 0
    assert places == ["Mjølnerparken", "Tingbjerg"]
    assert partners == ["BUF", "SOF"]
    assert figures == [(2012, "Deltagere", True), (2013, "Vandringer", True)]
    assert goals == [] and themes == []


def test_a_change_to_loaded_links_is_saved_and_a_second_load_keeps_an_unsaved_change(app, walks):
    initiative = initiative_by_id(walks)
    initiative.places = [p for p in initiative.places if p.name != "Tingbjerg"]
    initiative.themes.append(db.session.scalars(select(Theme)).first())
    load_links([initiative])  # the changed collections are the session's, not the database's
    assert [p.name for p in initiative.places] == ["Mjølnerparken"]
    db.session.commit()
    db.session.expunge_all()
    again = initiative_by_id(walks)
    assert [p.name for p in again.places] == ["Mjølnerparken"]
    assert len(again.themes) == 1
