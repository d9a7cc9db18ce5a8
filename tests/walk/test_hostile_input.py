"""No request can produce a 500: every form is posted random and hostile values.

Huge strings, wrong types, unknown ids, HTML and script, SQL fragments and bytes that are not UTF-8
go to every POST route. The answer is a refusal (400, 403, 404, 409) that leaves the database as it
was, or — where the values happen to be acceptable, like a comment that reads "<script>" — a saved
record that is shown escaped, never executed.
"""
from __future__ import annotations

from urllib.parse import quote_from_bytes

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from tests.seeded_app import sign_in
from tests.walk.test_every_route_every_role import _rules
from tracker.extensions import db

SCRIPT = "<script>alert('tværs')</script>"
HOSTILE = st.one_of(
    st.sampled_from([
        "", " ", SCRIPT, "'; DROP TABLE initiatives; --", "\" OR 1=1 --", "../../etc/passwd", "\x00",
        "NaN", "-1", "0", "999999999999999999999999", "1e309", "2013-02-30", "0000-00-00", "ÆØÅ æøå",
        "x" * 100_000, "[]", "{}", "None", "true",
    ]),
    st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40),
    st.integers(min_value=-(2**63), max_value=2**63).map(str),
)
FIELD_NAMES = [
    "title", "summary", "status", "start_date", "end_date", "lead_administration", "partner_administrations",
    "partner_organisations", "areas", "places", "themes", "goals", "policy_areas", "key_figures-0-label",
    "key_figures-0-value", "key_figures-0-year", "key_figures-0-unit", "kind", "date", "text", "initiative",
    "body", "administrations", "organisations", "decisions", "role", "person", "administration", "organisation",
    "start", "end", "name", "email", "password", "active", "level", "description", "year_adopted",
    "period_start", "period_end", "version", "position", "direction", "next", "year", "text_1", "text_3",
]
POST_ROUTES = [p for p in _rules() if p.values[1] == "POST" and p.values[0] not in ("auth.login", "auth.logout")]


def _fingerprint() -> tuple[int, ...]:
    """Row counts of every table, in one query; every change also writes an audit event, so this shows
    any change."""
    tables = db.metadata.sorted_tables
    return tuple(db.session.execute(select(*(select(func.count()).select_from(t).scalar_subquery()
                                             for t in tables))).one())


_signed_in: dict[int, object] = {}


def _admin_client(app):
    """One signed-in admin client per app (per test), reused by all of the test's examples."""
    if id(app) not in _signed_in:
        _signed_in.clear()
        client = app.test_client()
        sign_in(client, "admin")
        _signed_in[id(app)] = client
    return _signed_in[id(app)]


@pytest.mark.parametrize(("endpoint", "method", "arguments"), POST_ROUTES)
@settings(max_examples=10, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(form=st.dictionaries(st.sampled_from(FIELD_NAMES), st.one_of(HOSTILE, st.lists(HOSTILE, max_size=3)),
                            max_size=8),
       raw=st.binary(max_size=30))
def test_hostile_form_values_never_cause_a_500(walk_app, endpoint, method, arguments, form, raw):
    app, targets = walk_app
    url = app.url_map.bind("localhost").build(endpoint, {n: targets.values[n] for n in arguments})
    client = _admin_client(app)
    db.session.expire_all()
    before = _fingerprint()

    response = client.post(url, data=form)
    status = response.status_code
    response.close()
    # The same route once more with a body that is not valid UTF-8 at all.
    body = b"title=" + quote_from_bytes(b"\xff\xfe" + raw).encode() + b"&text=%C3%28&version=%FF"
    raw_response = client.post(url, data=body, content_type="application/x-www-form-urlencoded")
    raw_status = raw_response.status_code
    raw_response.close()

    db.session.expire_all()
    assert status in {302, 400, 403, 404, 409}, f"{url} answered {status} to {form!r}"
    assert raw_status in {302, 400, 403, 404, 409}, f"{url} answered {raw_status} to non-UTF-8 bytes"
    if status != 302 and raw_status != 302:
        assert _fingerprint() == before, f"{url} refused the input ({status}) but changed the database"
    else:
        # Accepted input is shown back escaped wherever it lands.
        page = client.get(response.headers.get("Location", "/")).get_data(as_text=True)
        assert SCRIPT not in page
