"""Only administrators reach the admin pages; everyone else is refused with a reason, and sees no way in."""
from __future__ import annotations

import pytest

from tracker import create_app
from tracker.areas.models import Goal, Udviklingsplan
from tracker.extensions import db
from tracker.organisation.models import Organisation, Person


def _admin_routes():
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "route-listing"})
    routes = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("admin."):
            for method in sorted(rule.methods & {"GET", "POST"}):
                routes.append(pytest.param(method, rule.endpoint, sorted(rule.arguments),
                                           id=f"{method} {rule.endpoint}"))
    return routes


@pytest.fixture
def record_ids(ref, accounts):
    """An existing record for every kind of URL argument, so a refusal is about the role, not a missing id."""
    plan = db.session.query(Udviklingsplan).first()
    return {"user_id": accounts["laeser"].id, "person_id": db.session.query(Person).first().id,
            "organisation_id": db.session.query(Organisation).first().id, "plan_id": plan.id,
            "goal_id": db.session.query(Goal).first().id}


def _url(app, endpoint: str, arguments: list[str], ids: dict) -> str:
    with app.test_request_context():
        return app.url_for(endpoint, **{name: ids[name] for name in arguments})


@pytest.mark.parametrize("role", ["koordinator", "styregruppe", "laeser"])
def test_every_admin_route_refuses_everyone_but_administrators(app, client_as, record_ids, role):
    client = client_as(role)
    answers = {}
    for param in _admin_routes():
        method, endpoint, arguments = param.values
        response = client.open(_url(app, endpoint, arguments, record_ids), method=method,
                               data={"name": "Forsøg", "role": "admin", "direction": "up"})
        answers[param.id] = (response.status_code, "Kun administratorer" in response.get_data(as_text=True))
    assert answers == {name: (403, True) for name in answers}
    assert len(answers) > 40


def test_an_administrator_opens_every_admin_page(app, admin, record_ids):
    answers = {param.id: admin.get(_url(app, *param.values[1:], record_ids)).status_code
               for param in _admin_routes() if param.values[0] == "GET"}
    assert answers == {name: 200 for name in answers}


@pytest.mark.parametrize("role", ["koordinator", "styregruppe", "laeser"])
def test_the_administration_menu_item_and_plan_history_link_are_only_shown_to_administrators(client_as, admin,
                                                                                           role):
    html = client_as(role).get("/areas/norrebro").get_data(as_text=True)
    assert 'href="/admin/"' not in html and "/history" not in html
    html = admin.get("/areas/norrebro").get_data(as_text=True)
    assert 'href="/admin/"' in html and "/history" in html
