"""Every page except the login page needs a signed-in user."""
from __future__ import annotations

import pytest
from werkzeug.routing.converters import AnyConverter

from tracker import create_app
from tracker.auth.login import PUBLIC_ENDPOINTS


def _routes():
    """Every (method, url) the app serves, with 1 for each URL argument (or the first of a fixed choice)."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "route-listing"})
    adapter = app.url_map.bind("localhost")
    routes = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in PUBLIC_ENDPOINTS:
            continue
        url = adapter.build(rule.endpoint, {arg: _value(rule._converters.get(arg)) for arg in rule.arguments})
        for method in sorted(rule.methods & {"GET", "POST"}):
            routes.append(pytest.param(method, url, id=f"{method} {rule.endpoint}"))
    return routes


def _value(converter):
    return sorted(converter.items)[0] if isinstance(converter, AnyConverter) else 1


@pytest.mark.parametrize(("method", "url"), _routes())
def test_anonymous_request_is_sent_to_the_login_page_or_refused_by_the_api(client, method, url):
    response = client.open(url, method=method)
    if url.startswith("/api/"):  # a program gets no login page to follow, but a problem it can read
        assert response.status_code == 401
        assert response.mimetype == "application/problem+json"
        return
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_the_login_page_is_open_to_anonymous_visitors(client):
    response = client.get("/login")
    assert response.status_code == 200
    assert "Log ind" in response.get_data(as_text=True)


def test_an_unknown_address_also_sends_an_anonymous_visitor_to_login(client):
    response = client.get("/no-such-page")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_the_login_redirect_remembers_the_page_asked_for(client):
    response = client.get("/initiatives/?status=active")
    assert response.headers["Location"] == "/login?next=/initiatives/?status%3Dactive"
