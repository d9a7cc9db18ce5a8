"""The overlap review: verdicts take a candidate off the open list until a change that matters, follow-ups
reach the owning administration's front page until closed, and only the steering group and admins review."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from tests.seeded_app import sign_in
from tests.walk.test_hostile_input import HOSTILE, SCRIPT
from tracker.areas.queries import all_areas
from tracker.extensions import db
from tracker.initiatives.services import InitiativeInput, update_initiative
from tracker.models import Administration, AuditEvent, Initiative, OverlapVerdict
from tracker.overlaps import detect

WALKS = "Tryghedsvandringer 2013-2014 med opfølgning på belysning"
POLICE = "Tryghedspartnerskab med politiet i Husum/Tingbjerg og Bispebjerg"


@pytest.fixture
def seeded(walk_app):
    app, _targets = walk_app
    with app.test_request_context():
        pair = next(c for c in detect().candidates if {c.first.title, c.second.title} == {WALKS, POLICE})
    return app, pair.first.id, pair.second.id


def _client(app, role):
    client = app.test_client()
    sign_in(client, role)
    return client


def _url(first_id, second_id):
    return f"/overlaps/{first_id}-{second_id}"


def _listed(client, first_id, second_id, **params) -> str | None:
    """The candidate's entry in the review list (all pages of it), or None when it is not listed."""
    page = 1
    while True:
        html = client.get("/overlaps/", query_string={**params, "page": page}).get_data(as_text=True)
        found = [m for m in (f'href="{_url(first_id, second_id)}"', f'href="{_url(first_id, second_id)}?')
                 if m in html]
        if found:
            start = html.index(found[0])
            return html[html.rfind("<li", 0, start):html.index("</li>", start)]
        if 'rel="next"' not in html:
            return None
        page += 1


def _tmf() -> Administration:
    return db.session.scalar(select(Administration).where(Administration.code == "TMF"))


def _record(client, first_id, second_id, **fields):
    data = {"verdict": "koordineret", "comment": "Aftalt på forummødet.", "version": "", **fields}
    return client.post(_url(first_id, second_id), data=data)


def _as_input(initiative: Initiative, **changes) -> InitiativeInput:
    data = InitiativeInput(
        title=initiative.title, lead_administration=initiative.lead_administration, status=initiative.status,
        summary=initiative.summary, start_date=initiative.start_date, end_date=initiative.end_date,
        partner_administrations=list(initiative.partner_administrations),
        partner_organisations=list(initiative.partner_organisations), areas=list(initiative.areas),
        places=list(initiative.places), themes=list(initiative.themes), goals=list(initiative.goals),
        policy_areas=list(initiative.policy_areas))
    return replace(data, **changes)


def test_the_seeded_pair_is_on_the_open_list_with_its_reasons(seeded):
    app, first_id, second_id = seeded
    entry = _listed(_client(app, "styregruppe"), first_id, second_id)
    assert entry is not None
    assert "Samme områder: Bispebjerg, Husum/Tingbjerg" in entry
    assert "Stærk kandidat" in entry and "Score" not in entry


def test_a_verdict_removes_the_candidate_from_the_open_list(seeded):
    app, first_id, second_id = seeded
    client = _client(app, "styregruppe")
    assert _record(client, first_id, second_id).status_code == 302
    assert _listed(client, first_id, second_id) is None
    reviewed = _listed(client, first_id, second_id, show="reviewed")
    assert reviewed is not None and "Koordineret" in reviewed
    assert "Ændret siden vurdering" not in reviewed


@pytest.mark.parametrize("change", ["period", "areas"])
def test_changing_period_or_areas_brings_the_candidate_back_marked_changed(seeded, change):
    app, first_id, second_id = seeded
    client = _client(app, "styregruppe")
    _record(client, first_id, second_id)
    initiative = db.session.get(Initiative, first_id)
    if change == "period":
        data = _as_input(initiative, end_date=date(2016, 12, 31))
    else:
        extra = next(a for a in all_areas() if a not in initiative.areas)
        data = _as_input(initiative, areas=[*initiative.areas, extra])
    update_initiative(initiative, data)
    db.session.commit()
    entry = _listed(client, first_id, second_id)
    assert entry is not None and "Ændret siden vurdering" in entry


def test_changing_only_the_status_keeps_the_candidate_off_the_open_list(seeded):
    app, first_id, second_id = seeded
    client = _client(app, "styregruppe")
    _record(client, first_id, second_id)
    initiative = db.session.get(Initiative, first_id)
    new_status = "planned" if initiative.status == "active" else "active"
    update_initiative(initiative, _as_input(initiative, status=new_status))
    db.session.commit()
    assert _listed(client, first_id, second_id) is None


def test_boer_samordnes_without_owner_is_refused_in_danish(seeded):
    app, first_id, second_id = seeded
    response = _record(_client(app, "styregruppe"), first_id, second_id, verdict="boer_samordnes",
                       follow_up_due="2015-03-01")
    assert response.status_code == 400
    assert "»Bør samordnes« kræver en forvaltning, der ejer opfølgningen." in response.get_data(as_text=True)
    assert db.session.scalar(select(OverlapVerdict)) is None


def test_follow_up_reaches_the_owners_front_page_until_closed(seeded):
    app, first_id, second_id = seeded
    reviewer, coordinator = _client(app, "styregruppe"), _client(app, "koordinator")  # the coordinator is TMF's
    response = _record(reviewer, first_id, second_id, verdict="boer_samordnes", follow_up_administration=_tmf().id,
                       follow_up_due="2015-03-01", comment="Aftal fælles vandringer med politiet.")
    assert response.status_code == 302
    front = coordinator.get("/").get_data(as_text=True)
    assert "Opfølgninger på overlap" in front and "Aftal fælles vandringer med politiet." in front
    assert "Aftal fælles vandringer med politiet." in _client(app, "admin").get("/").get_data(as_text=True)
    assert "Aftal fælles vandringer med politiet." not in _client(app, "laeser").get("/").get_data(as_text=True)

    closed = coordinator.post(f"{_url(first_id, second_id)}/close", data={"next": "/"})
    assert closed.status_code == 302
    assert "Aftal fælles vandringer med politiet." not in coordinator.get("/").get_data(as_text=True)


def test_readers_may_not_see_the_review(seeded):
    app, first_id, second_id = seeded
    client = _client(app, "laeser")
    assert client.get("/overlaps/").status_code == 403
    assert client.get(_url(first_id, second_id)).status_code == 403
    assert _record(client, first_id, second_id).status_code == 403


def test_a_coordinator_reads_their_own_administrations_candidates_but_gives_no_verdict(seeded):
    app, first_id, second_id = seeded
    client = _client(app, "koordinator")  # TMF's: the walks are TMF's
    listed = client.get("/overlaps/").get_data(as_text=True)
    assert "Du ser de kandidater, som Teknik- og Miljøforvaltningen er part i" in listed
    assert _listed(client, first_id, second_id) is not None
    page = client.get(_url(first_id, second_id))
    assert page.status_code == 200 and "Gem vurdering" not in page.get_data(as_text=True)
    assert _record(client, first_id, second_id).status_code == 403
    assert db.session.scalar(select(OverlapVerdict)) is None
    assert client.get("/overlaps/export.xlsx").status_code == 403


def test_a_coordinator_may_not_read_candidates_between_two_other_administrations(seeded):
    app, _first_id, _second_id = seeded
    with app.test_request_context():
        tmf = _tmf().id
        others = next(c for c in detect().candidates
                      if tmf not in (c.first.lead_administration_id, c.second.lead_administration_id))
    client = _client(app, "koordinator")
    assert client.get(_url(*others.initiative_ids)).status_code == 403
    assert _listed(client, *others.initiative_ids, strength="all") is None


def test_verdicts_are_audited_and_shown_in_the_candidates_history(seeded):
    app, first_id, second_id = seeded
    client = _client(app, "styregruppe")
    _record(client, first_id, second_id)
    verdict = db.session.scalar(select(OverlapVerdict))
    _record(client, first_id, second_id, verdict="ikke_overlap", version=str(verdict.version))
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.entity_type == "overlap_verdicts")).all()
    assert len(events) == 2
    assert "Vurderingens historik" in client.get(_url(first_id, second_id)).get_data(as_text=True)


def test_a_stale_verdict_form_shows_the_conflict_page(seeded):
    app, first_id, second_id = seeded
    client = _client(app, "styregruppe")
    _record(client, first_id, second_id)
    assert _record(client, first_id, second_id, verdict="ikke_overlap", version="").status_code == 409


def test_bad_filter_values_are_ignored_with_a_message(seeded):
    app, _first_id, _second_id = seeded
    response = _client(app, "admin").get("/overlaps/", query_string={"area": "atlantis", "show": "x",
                                                                     "page": "-3"})
    assert response.status_code == 200
    assert "Området findes ikke: »atlantis«. Filteret er ikke brugt." in response.get_data(as_text=True)
    assert "Ukendt visning: »x«. Filteret er ikke brugt." in response.get_data(as_text=True)


VERDICT_FIELDS = ["verdict", "comment", "follow_up_administration", "follow_up_due", "version", "next"]


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(form=st.dictionaries(st.sampled_from(VERDICT_FIELDS), st.one_of(HOSTILE, st.lists(HOSTILE, max_size=3)),
                            max_size=6))
def test_hostile_verdict_values_never_cause_a_500(seeded, form):
    app, first_id, second_id = seeded
    client = _client(app, "admin")
    for url in (_url(first_id, second_id), f"{_url(first_id, second_id)}/close"):
        response = client.post(url, data=form)
        assert response.status_code in {302, 400, 404, 409}, f"{url} answered {response.status_code} to {form!r}"
        page = client.get(_url(first_id, second_id)).get_data(as_text=True)
        assert SCRIPT not in page
