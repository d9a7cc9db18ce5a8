"""The JSON API: the forms' rules and rights, optimistic locking with ETag/If-Match, tokens, and errors as
problem+json in the user's language."""
from __future__ import annotations

import re

from sqlalchemy import select

from tests.api.conftest import bearer, green_teams
from tests.factories import make_initiative
from tracker.api.models import ApiToken
from tracker.auth.models import User
from tracker.extensions import db
from tracker.initiatives.models import Initiative

PROBLEM = "application/problem+json"


def _create(api, secret, ref, **changes):
    return api.post("/api/v1/initiatives", json=green_teams(ref, **changes), headers=bearer(secret))


def test_create_read_update_with_etag_then_stale_update_then_revoked_token(api, token, ref):
    secret = token("tmf")

    created = _create(api, secret, ref)
    assert created.status_code == 201, created.get_json()
    body = created.get_json()
    assert body["lead_administration"] == "TMF" and body["partner_administrations"] == ["SOF"]
    assert body["key_figures"] == [{"label": "Deltagere", "value": "40.00", "unit": "personer", "year": 2013}]
    location = created.headers["Location"]
    assert created.headers["ETag"] == '"1"'

    read = api.get(location, headers=bearer(secret))
    assert read.status_code == 200 and read.get_json()["title"] == "Green Teams"
    etag = read.headers["ETag"]

    updated = api.patch(location, json={"summary": "Nu også om vinteren."}, headers=bearer(secret, **{"If-Match": etag}))
    assert updated.status_code == 200, updated.get_json()
    assert updated.get_json()["summary"] == "Nu også om vinteren."
    assert updated.get_json()["areas"] == ["bispebjerg", "norrebro"]  # what was not sent stays
    assert updated.headers["ETag"] != etag

    stale = api.patch(location, json={"summary": "Overskriver kollegaen."}, headers=bearer(secret, **{"If-Match": etag}))
    assert stale.status_code == 412 and stale.mimetype == PROBLEM
    assert stale.get_json()["status"] == 412
    db.session.expire_all()
    assert db.session.scalar(select(Initiative.summary)) == "Nu også om vinteren."

    missing = api.patch(location, json={"summary": "Uden If-Match."}, headers=bearer(secret))
    assert missing.status_code == 428 and missing.mimetype == PROBLEM

    other = api.post("/account/tokens/revoke")  # the page needs a session: this client has none
    assert other.status_code == 302
    stored = db.session.scalar(select(ApiToken))
    stored.revoked_at = stored.created_at
    db.session.commit()
    revoked = api.get(location, headers=bearer(secret))
    assert revoked.status_code == 401 and revoked.mimetype == PROBLEM
    assert revoked.headers["WWW-Authenticate"].startswith("Bearer")


def test_log_entry_create_read_update_with_etag(api, token, ref):
    secret = token("tmf")
    initiative = make_initiative(ref, "Tryghedsvandringer", "TMF")
    db.session.commit()

    created = api.post("/api/v1/entries", headers=bearer(secret), json={
        "kind": "meeting", "date": "2024-03-01", "text": "Første møde.", "initiative_id": initiative.id,
        "administrations": ["TMF"]})
    assert created.status_code == 201, created.get_json()
    location, etag = created.headers["Location"], created.headers["ETag"]
    assert created.get_json()["author"] == "Tina Teknik"

    listed = api.get(f"/api/v1/entries?initiative_id={initiative.id}", headers=bearer(secret)).get_json()
    assert [item["text"] for item in listed["items"]] == ["Første møde."] and listed["total"] == 1

    updated = api.patch(location, json={"text": "Første møde i gruppen."}, headers=bearer(secret, **{"If-Match": etag}))
    assert updated.status_code == 200 and updated.get_json()["text"] == "Første møde i gruppen."
    stale = api.patch(location, json={"text": "Gammel."}, headers=bearer(secret, **{"If-Match": etag}))
    assert stale.status_code == 412


def test_a_laesers_token_and_a_read_token_cannot_write(api, token, ref):
    for secret in (token("laeser"), token("tmf", "read")):
        response = _create(api, secret, ref)
        assert response.status_code == 403 and response.mimetype == PROBLEM
        assert api.get("/api/v1/initiatives", headers=bearer(secret)).status_code == 200
    assert db.session.scalar(select(Initiative)) is None


def test_a_coordinators_token_cannot_edit_another_administrations_initiative(api, token, ref):
    initiative = make_initiative(ref, "Skolereform i Tingbjerg", "BUF")
    db.session.commit()
    secret = token("tmf")  # TMF neither leads nor partners it
    response = api.patch(f"/api/v1/initiatives/{initiative.id}", json={"summary": "Kapret."},
                         headers=bearer(secret, **{"If-Match": '"1"'}))
    assert response.status_code == 403 and response.mimetype == PROBLEM
    assert "din forvaltning" in response.get_json()["detail"]
    db.session.expire_all()
    assert db.session.get(Initiative, initiative.id).summary != "Kapret."


def test_the_forms_rules_answer_422_with_each_field_in_danish_or_english(api, token, ref):
    secret = token("tmf")
    bad = green_teams(ref, title="", areas=["atlantis"], end_date="2012-01-01", partner_administrations=["TMF"])
    response = api.post("/api/v1/initiatives", json=bad, headers=bearer(secret))
    assert response.status_code == 422 and response.mimetype == PROBLEM
    problem = response.get_json()
    assert set(problem) >= {"type", "title", "status", "detail", "errors"}
    assert problem["title"] == "Ugyldige oplysninger"
    assert [e["field"] for e in problem["errors"]] == ["areas"]  # unknown references first
    assert "atlantis" in problem["errors"][0]["detail"]

    # The services' messages come in the language asked for (new API titles are translated with the rest).
    response = api.post("/api/v1/initiatives", json=green_teams(ref, areas=[]),
                        headers=bearer(secret, **{"Accept-Language": "en"}))
    problem = response.get_json()
    assert response.status_code == 422
    assert {"field": "areas", "pointer": "/areas", "detail": "Enter at least one area or place."} in problem["errors"]
    danish = api.post("/api/v1/initiatives", json=green_teams(ref, areas=[]), headers=bearer(secret)).get_json()
    assert "Angiv mindst ét område eller sted." in [e["detail"] for e in danish["errors"]]

    typed = api.post("/api/v1/initiatives", json={"title": 5, "surprise": 1}, headers=bearer(secret)).get_json()
    assert {e["field"]: e["detail"] for e in typed["errors"]} == {
        "title": "Skal være tekst.", "lead_administration": "Feltet skal udfyldes.", "surprise": "Feltet kendes ikke."}


def test_every_error_is_problem_json(api, token, ref, app):
    secret = token("tmf")
    cases = [
        (api.get("/api/v1/initiatives"), 401),
        (api.get("/api/v1/initiatives", headers=bearer("tvaers_forkert")), 401),
        (api.get("/api/v1/initiatives/999999", headers=bearer(secret)), 404),
        (api.get("/api/v1/findes-ikke", headers=bearer(secret)), 404),
        (api.delete("/api/v1/initiatives", headers=bearer(secret)), 405),
        (api.post("/api/v1/initiatives", data="title=x", headers=bearer(secret)), 415),
        (api.post("/api/v1/initiatives", data="{", content_type="application/json", headers=bearer(secret)), 400),
        (api.get("/api/v1/initiatives?page=0", headers=bearer(secret)), 422),
        (api.get("/api/v1/overlaps", headers=bearer(token("laeser"))), 403),
    ]
    for response, status in cases:
        assert (response.status_code, response.mimetype) == (status, PROBLEM), response.get_data(as_text=True)
        problem = response.get_json()
        assert problem["status"] == status and problem["title"] and problem["detail"] and problem["type"]
    laeser = token("laeser")
    assert api.get("/api/v1/overlaps", headers=bearer(laeser)).get_json()["title"] == "Adgang nægtet"
    english = api.get("/api/v1/overlaps", headers=bearer(laeser, **{"Accept-Language": "en-GB,en;q=0.8"}))
    assert english.get_json()["title"] == "Access denied"


def test_a_server_error_is_problem_json(api, token, app, monkeypatch):
    secret = token("tmf")
    app.config["PROPAGATE_EXCEPTIONS"] = False

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("tracker.api.views.queries.list_page", broken)
    response = api.get("/api/v1/initiatives", headers=bearer(secret))
    assert (response.status_code, response.mimetype) == (500, PROBLEM)
    assert "boom" not in response.get_data(as_text=True)


def test_a_deactivated_users_token_stops_working(api, token):
    secret = token("tmf")
    assert api.get("/api/v1/areas", headers=bearer(secret)).status_code == 200
    user = db.session.scalar(select(User).where(User.email == "tina@kk.example"))
    user.active = False
    db.session.commit()
    assert api.get("/api/v1/areas", headers=bearer(secret)).status_code == 401


def test_reads_are_paginated_and_filtered_like_the_list(api, token, ref):
    secret = token("laeser")
    make_initiative(ref, "Tryghedsvandringer", "TMF")
    make_initiative(ref, "Lektiecafé", "BUF")
    db.session.commit()
    page = api.get("/api/v1/initiatives?administration=TMF&per_page=1", headers=bearer(secret)).get_json()
    assert [item["title"] for item in page["items"]] == ["Tryghedsvandringer"] and page["total"] == 1
    noted = api.get("/api/v1/initiatives?area=atlantis", headers=bearer(secret)).get_json()
    assert noted["total"] == 2 and "atlantis" in noted["notices"][0]
    for path in ("areas", "administrations", "organisations", "bodies", "entries", "reports"):
        response = api.get(f"/api/v1/{path}?per_page=2", headers=bearer(secret))
        assert response.status_code == 200 and len(response.get_json()["items"]) <= 2


def test_a_session_write_needs_the_csrf_token_and_a_token_write_does_not(csrf_app, ref, users):
    from tests.initiatives.conftest import PASSWORD, USERS, OwnContextClient
    browser = OwnContextClient(csrf_app, csrf_app.response_class, use_cookies=True)
    page = browser.get("/login").get_data(as_text=True)
    csrf_token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    assert browser.post("/login", data={"email": USERS["tmf"][0], "password": PASSWORD,
                                        "csrf_token": csrf_token}).status_code == 302
    assert browser.get("/api/v1/areas").status_code == 200  # reading with the session needs nothing more
    page = browser.get("/account/tokens/").get_data(as_text=True)
    csrf_token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)

    refused = browser.post("/api/v1/initiatives", json=green_teams(ref))
    assert refused.status_code == 403 and refused.mimetype == PROBLEM and "CSRF" in refused.get_json()["detail"]
    accepted = browser.post("/api/v1/initiatives", json=green_teams(ref), headers={"X-CSRFToken": csrf_token})
    assert accepted.status_code == 201, accepted.get_json()

    user = db.session.scalar(select(User).where(User.email == USERS["tmf"][0]))
    from tracker.api.tokens import create_token
    _token, secret = create_token(user, "Skript", "read-write", 30)
    db.session.commit()
    program = OwnContextClient(csrf_app, csrf_app.response_class, use_cookies=False)
    response = program.post("/api/v1/initiatives", json=green_teams(ref, title="Green Teams 2"),
                            headers=bearer(secret))
    assert response.status_code == 201, response.get_json()


def test_nul_characters_in_a_request_are_dropped_not_a_server_error(api, token, ref):
    secret = token("tmf")
    entry = {"date": "2013-05-01", "kind": "joint_activity", "text": "Fælles\x00 vandring",
             "administrations": ["\x00"]}
    refused = api.post("/api/v1/entries", json=entry, headers=bearer(secret))
    assert refused.status_code == 422  # an empty code names no administration; PostgreSQL answered 500
    assert refused.mimetype == PROBLEM
    listed = api.get("/api/v1/initiatives?area=%00", headers=bearer(secret))
    assert listed.status_code == 200
