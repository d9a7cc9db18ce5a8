"""One initiative through the API: every link in its relationship's order, read in a fixed few queries."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import select

from tests.api.conftest import bearer
from tests.factories import make_initiative
from tracker.extensions import db
from tracker.initiatives.models import Initiative, KeyFigure


def test_an_initiative_shows_every_link_in_order_in_four_queries(api, token, ref, count_queries):
    places, themes = list(ref.places.values()), list(ref.themes.values())
    initiative = make_initiative(
        ref, "Lektiecafé", "TMF", partner_administrations=[ref.administrations[c] for c in ("SOF", "BUF", "KFF")],
        partner_organisations=list(ref.organisations.values())[:3], areas=[ref.areas["norrebro"], ref.areas["bispebjerg"]],
        places=places[:3], themes=themes[:3], goals=ref.goals[:3], policy_areas=ref.policy_areas[:3])
    initiative.key_figures = [KeyFigure(label="Deltagere", value=Decimal("40"), unit="personer", year=2013)]
    db.session.commit()
    secret = token("tmf")
    api.get(f"/api/v1/initiatives/{initiative.id}", headers=bearer(secret))
    with count_queries() as queries:
        body = api.get(f"/api/v1/initiatives/{initiative.id}", headers=bearer(secret)).get_json()
    assert queries.count <= 4  # the token's user, the initiative with its lead, its key figures, its links
    assert body["partner_administrations"] == sorted(["SOF", "BUF", "KFF"])
    assert body["partner_organisations"] == [o.id for o in sorted(list(ref.organisations.values())[:3],
                                                                   key=lambda o: o.name)]
    assert body["areas"] == ["bispebjerg", "norrebro"]
    assert body["places"] == [p.id for p in sorted(places[:3], key=lambda p: p.name)]
    assert body["themes"] == [t.slug for t in sorted(themes[:3], key=lambda t: t.name)]
    assert body["goals"] == [g.id for g in sorted(ref.goals[:3], key=lambda g: (g.position, g.id))]
    assert body["policy_areas"] == sorted(p.number for p in ref.policy_areas[:3])
    assert body["key_figures"] == [{"label": "Deltagere", "value": "40.00", "unit": "personer", "year": 2013}]
    assert api.get("/api/v1/initiatives/999999", headers=bearer(secret)).status_code == 404


def test_an_initiatives_time_of_change_carries_its_offset_as_read_back_from_the_database(api, token, ref):
    """SQLite gives a stored time back without its zone; the API still answers an RFC 3339 date-time (UTC)."""

    make_initiative(ref, "Lektiecafé", "TMF")
    db.session.commit()
    secret = token("tmf")
    initiative_id = db.session.scalar(select(Initiative.id).where(Initiative.title == "Lektiecafé"))
    db.session.expunge_all()  # read back from the database, as a request in another process would
    moment = datetime.fromisoformat(
        api.get(f"/api/v1/initiatives/{initiative_id}", headers=bearer(secret)).get_json()["updated_at"])
    assert moment.utcoffset() is not None and moment.utcoffset().total_seconds() == 0
