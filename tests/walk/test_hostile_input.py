"""No request can produce a 500: every form is posted random and hostile values.

Huge strings, wrong types, unknown ids, HTML and script, SQL fragments and bytes that are not UTF-8
go to every POST route. The answer is a refusal (400, 403, 404, 409) that leaves the database as it
was, or — where the values happen to be acceptable, like a comment that reads "<script>" — a saved
record that is shown escaped, never executed.
"""
from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import quote_from_bytes

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from werkzeug.routing import IntegerConverter

from tests.seeded_app import sign_in
from tests.walk.test_every_route_every_role import _rules
from tracker import create_app
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
    "body", "administrations", "organisations", "decisions-0-text", "decisions-1-owner", "decisions-0-due_date",
    "decisions-0-initiative", "decisions-99-text", "role", "person", "administration", "organisation",
    "start", "end", "name", "email", "password", "active", "level", "description", "year_adopted",
    "period_start", "period_end", "version", "position", "direction", "next", "year", "text_1", "text_3",
]
# Logging out (here or everywhere) would leave the admin client signed out for the examples after the first.
POST_ROUTES = [p for p in _rules() if p.values[1] == "POST"
               and p.values[0] not in ("auth.login", "auth.logout", "auth.logout_everywhere")]


# Rows a read may write: the stored overlap review, brought up to date from the records when first read.
DERIVED = frozenset({"overlap_candidates", "overlap_candidate_details", "overlap_topics", "overlap_state",
                     "overlap_changes"})


def _fingerprint() -> tuple[int, ...]:
    """Row counts of every table but the derived ones, in one query; every change also writes an audit event,
    so this shows any change."""
    tables = [t for t in db.metadata.sorted_tables if t.name not in DERIVED]
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
    # the API takes JSON only: a form post is refused as the wrong content type (415), as problem+json
    allowed = {302, 400, 403, 404, 409} | ({415} if url.startswith("/api/") else set())
    assert status in allowed, f"{url} answered {status} to {form!r}"
    assert raw_status in allowed, f"{url} answered {raw_status} to non-UTF-8 bytes"
    if status != 302 and raw_status != 302:
        assert _fingerprint() == before, f"{url} refused the input ({status}) but changed the database"
    else:
        # Accepted input is shown back escaped wherever it lands.
        page = client.get(response.headers.get("Location", "/")).get_data(as_text=True)
        assert SCRIPT not in page


# --- ids past PostgreSQL's integer and huge numbers ---------------------------------------------------------

BIG_IDS = (2**31, 2**63, 10**30)
# Past Decimal's range, not numbers, past int()'s 4,300 digits, digits int() refuses ("²"), negative.
HUGE_NUMBERS = ("1e9999999", "-1e9999999", "NaN", "-Infinity", "9" * 5000, "²", "-1")
# The numbers a page reads from its address, each tried with the two that int() refuses.
QUERY_NUMBERS = ("page", "year", "section", "initiative", "body")
QUERY_PROBES = ("9" * 5000, "²")
ID_ROUTES = [(rule.endpoint, sorted(rule.methods & {"GET", "POST"}), sorted(rule.arguments),
              sorted(name for name, converter in rule._converters.items() if isinstance(converter, IntegerConverter)))
             for rule in create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "ids"}).url_map.iter_rules()]
ID_ROUTES = [route for route in ID_ROUTES if route[3]]


def test_ids_past_the_database_range_are_not_found_on_every_route(walk_app):
    app, targets = walk_app
    client = _admin_client(app)
    adapter = app.url_map.bind("localhost")
    assert len(ID_ROUTES) > 40, "the walk lists the routes with ids"
    answers = {}
    for endpoint, methods, arguments, ids in ID_ROUTES:
        for big in BIG_IDS:
            url = adapter.build(endpoint, {name: big if name in ids else targets.values[name] for name in arguments})
            for method in methods:
                response = client.open(url, method=method, data={})
                answers[f"{method} {url}"] = response.status_code
                response.close()
    assert {status for status in answers.values()} == {404}, {k: v for k, v in answers.items() if v != 404}


class _Forms(HTMLParser):
    """The forms of a page: where each goes, how, its fields' values as the page filled them, and which of
    its fields take a number (inputmode numeric or decimal, or type number)."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"action": attrs.get("action") or "", "method": (attrs.get("method") or "get").lower(),
                               "fields": {}, "numeric": set()})
        if not self.forms or "name" not in attrs and tag != "option":
            return
        form = self.forms[-1]
        if tag == "input" and (attrs.get("type") not in ("checkbox", "radio") or "checked" in attrs):
            form["fields"][attrs["name"]] = attrs.get("value") or ""
            if attrs.get("inputmode") in ("numeric", "decimal") or attrs.get("type") == "number":
                form["numeric"].add(attrs["name"])
        elif tag == "select":
            self._select = attrs["name"]
            form["fields"].setdefault(self._select, "")
        elif tag == "option" and self._select and "selected" in attrs:
            form["fields"][self._select] = attrs.get("value") or ""
        elif tag == "textarea":
            form["fields"][attrs["name"]] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def test_huge_numbers_in_every_numeric_field_and_address_get_an_answer_not_a_failure(walk_app):
    app, targets = walk_app
    client = _admin_client(app)
    adapter = app.url_map.bind("localhost")
    pages = sorted({adapter.build(p.values[0], {n: targets.values[n] for n in p.values[2]})
                    for p in _rules() if p.values[1] == "GET" and p.values[0] not in ("static", "auth.logout")})
    failures, numeric_fields = {}, set()
    for page in pages:
        for number in QUERY_PROBES:
            # Buffered: a download is streamed, and a streamed answer left unread would be closed at random.
            response = client.get(page, query_string={name: number for name in QUERY_NUMBERS}, buffered=True)
            if response.status_code >= 500:
                failures[f"GET {page}?…={number}"] = response.status_code
        # The page's forms as shown after the last probe: the numeric fields are set below anyway.
        if response.status_code != 200 or response.mimetype != "text/html":
            continue  # a download
        parser = _Forms()
        parser.feed(response.get_data(as_text=True))
        for form in (f for f in parser.forms if f["numeric"]):
            numeric_fields |= {(form["action"] or page, name) for name in form["numeric"]}
            for number in HUGE_NUMBERS:
                values = {**form["fields"], **{name: number for name in form["numeric"]}}
                if form["method"] == "post":
                    db.session.expire_all()
                    before = _fingerprint()
                    status = client.post(form["action"] or page, data=values).status_code
                    db.session.expire_all()
                    if status != 302 and _fingerprint() != before:
                        failures[f"POST {form['action'] or page} {number}: refused but changed"] = status
                else:
                    status = client.get(form["action"] or page, query_string=values).status_code
                if status >= 500:
                    failures[f"{form['method'].upper()} {form['action'] or page} {number}"] = status
    assert not failures, failures
    # The walk reached the numbers people type: key figures, a plan's years, a report's and the list's year.
    assert len({action for action, _name in numeric_fields}) >= 4, numeric_fields
