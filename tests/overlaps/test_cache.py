"""The list always shows what detection would find now: the stored review is brought up to date before it is read."""
from __future__ import annotations

from datetime import date

import pytest

from tests.factories import make_initiative
from tests.overlaps.test_review import _as_input
from tracker.auth.services import create_user
from tracker.extensions import db
from tracker.initiatives.services import update_initiative
from tracker.overlaps import detect
from tracker.overlaps.matching.detection import narrow
from tracker.seeding import default_seed_files, load_seed
from tracker.seeding.synth import synthesise

PASSWORD = "styregruppe-adgangskode"
NO_CANDIDATES = "0 emner"


@pytest.fixture
def reviewer(app, client):
    create_user("styregruppe@kk.example", "Sigrid Styregruppe", "styregruppe", PASSWORD)
    db.session.commit()
    response = client.post("/login", data={"email": "styregruppe@kk.example", "password": PASSWORD})
    assert response.status_code == 302
    return client


def _list(client) -> str:
    response = client.get("/overlaps/?strength=all")  # the weak candidates too: these share a theme only
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _initiative(ref, title, lead, area):
    period = {"start_date": date(2013, 1, 1), "end_date": date(2014, 12, 31)}
    return make_initiative(ref, title, lead, summary="", areas=[ref.areas[area]], themes=[ref.themes["tryghed"]],
                           **period)


def test_an_area_changed_through_the_service_shows_on_a_list_shown_before(ref, reviewer):
    _initiative(ref, "Tryghedsvandringer i Tingbjerg", "TMF", "husum-tingbjerg")
    street = _initiative(ref, "Gadeplan på Amager", "SOF", "amager-sundby")
    db.session.commit()
    assert NO_CANDIDATES in _list(reviewer)

    update_initiative(street, _as_input(street, areas=[ref.areas["husum-tingbjerg"]]))
    db.session.commit()
    html = _list(reviewer)
    assert "Tryghedsvandringer i Tingbjerg ↔ Gadeplan på Amager" in html
    assert "Samme område: Husum/Tingbjerg" in html

    update_initiative(street, _as_input(street, areas=[ref.areas["amager-sundby"]]))
    db.session.commit()
    assert NO_CANDIDATES in _list(reviewer)


def test_initiatives_bulk_inserted_without_audit_events_show_on_a_list_shown_before(ref, reviewer):
    assert NO_CANDIDATES in _list(reviewer)
    synthesise(60, seed=3)  # plain INSERTs, as `flask synth` does
    db.session.commit()
    expected = detect().candidates
    assert expected, "sixty synthetic initiatives overlap somewhere"
    html = _list(reviewer)
    assert NO_CANDIDATES not in html
    assert expected[0].first.title in html and expected[0].second.title in html


def test_the_candidate_page_sees_a_period_change_made_after_the_list_was_shown(ref, reviewer):
    walks = _initiative(ref, "Tryghedsvandringer i Tingbjerg", "TMF", "husum-tingbjerg")
    street = _initiative(ref, "Gadeplan i Tingbjerg", "SOF", "husum-tingbjerg")
    db.session.commit()
    url = f"/overlaps/{walks.id}-{street.id}"
    assert "2013–2014 overlapper" in _list(reviewer)

    update_initiative(street, _as_input(street, start_date=date(2014, 3, 1)))
    db.session.commit()
    page = reviewer.get(url).get_data(as_text=True)
    assert "2014 overlapper" in page and "2013–2014 overlapper" not in page


def _shown(result) -> list[tuple]:
    return [(c.initiative_ids, c.score, c.reasons_text, c.fingerprint, str(c.strength))
            for c in result.candidates]


def test_narrowing_the_unfiltered_result_gives_what_filtered_detection_gives(app):
    load_seed(default_seed_files())
    db.session.commit()
    with app.test_request_context():
        full = detect()
        assert len(full.candidates) >= 2, "the seed has candidates"
        areas = sorted({a for c in full.candidates for a in c.area_ids})
        themes = sorted({t for c in full.candidates for t in c.theme_ids})
        leads = sorted({r.lead_administration_id for c in full.candidates for r in (c.first, c.second)})
        filters = [{"area_id": a} for a in areas] + [{"theme_id": t} for t in themes] \
            + [{"administration_id": a} for a in leads] \
            + [{"area_id": areas[0], "theme_id": themes[0], "administration_id": leads[0]}]
        for chosen in filters:
            filtered, narrowed = detect(**chosen), narrow(full, **chosen)
            assert _shown(narrowed) == _shown(filtered), chosen
