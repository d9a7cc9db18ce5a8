"""The log through the API page by page: following `next_after` gives every current entry once, newest first,
as the page numbers do from either end of the log, and a page reads no more SQL for more rows."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from tests.api.conftest import bearer
from tests.factories import make_initiative
from tracker.extensions import db
from tracker.log.models import CooperationEntry


def _log(ref, count: int) -> list[int]:
    """`count` entries on one initiative (several on a day, one archived), newest first by (date, id)."""
    initiative = make_initiative(ref, "Lektiecafé", "TMF")
    for number in range(count + 1):
        entry = CooperationEntry(initiative=initiative, kind="meeting", text=f"Møde {number}",
                                 date=date(2013, 1, 1) + timedelta(days=number // 3))
        entry.areas = [ref.areas["norrebro"]] if number % 2 else []
        db.session.add(entry)
    db.session.flush()
    entries = db.session.scalars(select(CooperationEntry).order_by(CooperationEntry.date.desc(),
                                                                   CooperationEntry.id.desc())).all()
    entries[3].archived_at = entries[3].created_at
    db.session.commit()
    return [e.id for e in entries if e.archived_at is None]


def test_following_next_after_and_numbered_pages_give_every_current_entry_once_newest_first(api, token, ref):
    expected = _log(ref, 11)
    secret = token("tmf")
    followed, after, pages = [], None, 0
    while True:
        query = "per_page=3" + (f"&after={after}" if after else "")
        body = api.get(f"/api/v1/entries?{query}", headers=bearer(secret)).get_json()
        followed += [item["id"] for item in body["items"]]
        assert body["total"] == len(expected)
        after, pages = body["next_after"], pages + 1
        if after is None:
            break
        assert pages < 10
    assert followed == expected
    numbered = []
    for page in range(1, 5):  # pages 3 and 4 are read from the oldest end
        body = api.get(f"/api/v1/entries?per_page=3&page={page}", headers=bearer(secret)).get_json()
        numbered += [item["id"] for item in body["items"]]
    assert numbered == expected
    past = api.get("/api/v1/entries?per_page=3&page=5", headers=bearer(secret)).get_json()
    assert past["items"] == [] and past["next_after"] is None


def test_an_entrys_areas_come_with_it_and_a_bad_after_is_refused(api, token, ref):
    _log(ref, 4)
    secret = token("tmf")
    items = api.get("/api/v1/entries", headers=bearer(secret)).get_json()["items"]
    assert {item["text"]: item["areas"] for item in items}["Møde 3"] == ["norrebro"]
    one = api.get(f"/api/v1/entries/{items[0]['id']}", headers=bearer(secret))
    assert one.status_code == 200 and one.get_json() == items[0]
    for bad in ("2013-13-01.5", "yesterday", "2013-01-01.x"):
        refused = api.get(f"/api/v1/entries?after={bad}", headers=bearer(secret))
        assert refused.status_code == 422 and refused.get_json()["errors"][0]["field"] == "after"


def test_a_page_of_entries_runs_as_many_queries_for_one_row_as_for_twenty(api, token, ref, count_queries):
    _log(ref, 30)
    secret = token("tmf")
    counted = []
    for per_page in (1, 20):
        api.get(f"/api/v1/entries?per_page={per_page}", headers=bearer(secret))  # the count is kept after this
        with count_queries() as queries:
            assert len(api.get(f"/api/v1/entries?per_page={per_page}", headers=bearer(secret))
                       .get_json()["items"]) == per_page
        counted.append(queries.count)
    assert counted[0] == counted[1]
