"""The initiative list read a status at a time, from whichever end is nearer: every page holds exactly the rows
one sorted query would give it, across the statuses' boundaries and with every filter."""
from __future__ import annotations

import pytest
from werkzeug.exceptions import NotFound

from tests.factories import add_initiatives
from tracker.core.web.pagination import page_spans
from tracker.extensions import db
from tracker.initiatives.models import Initiative
from tracker.initiatives.queries import LIST_ORDER, InitiativeFilters, filtered, list_page

PER_PAGE = 7


def test_page_spans_cut_a_page_across_the_groups_it_touches():
    counts = {"active": 5, "planned": 0, "finished": 9, "stopped": 2}
    groups = ("active", "planned", "finished", "stopped")
    assert page_spans(groups, counts, 0, 7) == [(0, "active", 0, 5), (2, "finished", 0, 2)]
    assert page_spans(groups, counts, 7, 7) == [(2, "finished", 2, 7)]
    assert page_spans(groups, counts, 14, 7) == [(3, "stopped", 0, 2)]
    assert page_spans(groups, counts, 16, 7) == []


@pytest.mark.parametrize("filters", [
    InitiativeFilters(),
    InitiativeFilters(archived=True),
    InitiativeFilters(status="expired"),
    InitiativeFilters(year=2013, role="either"),
], ids=["all", "archived too", "expired", "running in 2013"])
def test_every_page_of_the_list_is_the_slice_one_sorted_query_gives(app, ref, filters):
    add_initiatives(ref, 130)
    db.session.commit()
    expected = list(db.session.scalars(filtered(filters).with_only_columns(Initiative.id).order_by(*LIST_ORDER)))
    pages, page = [], 1
    while True:
        found = list_page(filters, page, PER_PAGE)
        assert found.total == len(expected)
        pages.append([initiative.id for initiative in found.items])
        if not found.has_next:
            break
        page += 1
    assert len(pages) == max(1, -(-len(expected) // PER_PAGE))
    assert [iid for ids in pages for iid in ids] == expected


def test_a_page_past_the_end_is_not_found_and_an_empty_first_page_is_empty(app, ref):
    add_initiatives(ref, 10)
    db.session.commit()
    with pytest.raises(NotFound):
        list_page(InitiativeFilters(), 3, PER_PAGE)
    empty = list_page(InitiativeFilters(status="stopped", year=1990), 1, PER_PAGE)
    assert empty.items == [] and empty.total == 0 and empty.pages == 0
