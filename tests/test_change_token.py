"""The change token and what is kept under it: counts and whole pages stay as they were until a write commits,
and are never kept from a request whose own writes may still be rolled back."""
from __future__ import annotations

import pytest
from sqlalchemy import select, text

from tests.factories import add_initiatives, make_initiative, sign_in_new_user
from tracker.auth.models import User
from tracker.auth.services import create_user
from tracker.core.changes import cached, change_tokens, current_token
from tracker.extensions import db
from tracker.initiatives.models import Theme
from tracker.seeding import bulk


def _token() -> str | None:
    return db.session.scalar(select(change_tokens.c.token))


def test_every_committed_write_gives_a_new_token_and_nothing_else_does(app, ref):
    before = _token()
    db.session.scalars(select(change_tokens.c.token)).all()  # a read
    db.session.commit()
    assert _token() == before
    make_initiative(ref, "Lektiecafé i Mjølnerparken", "BUF")
    db.session.rollback()
    assert _token() == before, "a rolled-back write changed the token"
    make_initiative(ref, "Lektiecafé i Mjølnerparken", "BUF")
    db.session.commit()
    changed = _token()
    assert changed not in (None, before)
    add_initiatives(ref, 3)  # plain INSERTs, past the unit of work
    db.session.commit()
    assert _token() != changed


def test_bulk_inserts_of_synth_change_the_token(app, ref):
    before = _token()
    ids = bulk.allocate_ids(Theme.__table__, 1)
    bulk.insert_rows(Theme.__table__, [{"id": ids[0], "slug": "kultur", "name": "Kultur", "name_en": "Culture"}])
    db.session.commit()
    assert _token() != before


def test_a_kept_value_is_used_until_the_data_changes(app, ref):
    computed = []

    def count() -> int:
        computed.append(1)
        return len(computed)

    with app.test_request_context("/"):
        assert cached("test.count", count) == 1
    with app.test_request_context("/"):
        assert cached("test.count", count) == 1, "a second request computed again although nothing changed"
    make_initiative(ref, "Tryghedsvandring på Nørrebro", "TMF")
    db.session.commit()
    with app.test_request_context("/"):
        assert current_token() == _token()
        assert cached("test.count", count) == 2


def test_a_request_with_uncommitted_writes_neither_reads_nor_keeps(app, ref):
    with app.test_request_context("/"):
        assert cached("test.uncommitted", lambda: "committed") == "committed"
    with app.test_request_context("/"):
        make_initiative(ref, "Ny indsats, ikke gemt endnu", "SOF")
        assert cached("test.uncommitted", lambda: "sees its own change") == "sees its own change"
        db.session.rollback()
    with app.test_request_context("/"):
        assert cached("test.uncommitted", lambda: "computed again") == "committed"



def test_a_page_seen_again_is_served_from_memory_until_a_change(app, ref):
    app.config["PAGE_CACHE"] = True
    first = make_initiative(ref, "Gårdlaug i Blågården", "TMF", areas=[ref.areas["norrebro"]])
    db.session.commit()
    reader, other = app.test_client(), app.test_client()
    sign_in_new_user(reader, "lise@kk.example", "laeser")
    sign_in_new_user(other, "ole@kk.example", "laeser")
    page = f"/initiatives/{first.id}"
    assert "Gårdlaug i Blågården" in reader.get(page).get_data(as_text=True)
    kept = app.extensions["tvaers.page_cache"]
    assert len(kept.items) == 1
    first.title = "Gårdlaug i Blågården og Mjølnerparken"
    db.session.commit()
    html = reader.get(page).get_data(as_text=True)
    assert "Gårdlaug i Blågården og Mjølnerparken" in html, "a kept page outlived a change"
    assert "Lise" in html and "Ole" in other.get(page).get_data(as_text=True), "one user's page served another"


def test_a_kept_page_carries_the_csrf_token_of_the_session_that_asks(csrf_app, ref):
    csrf_app.config["PAGE_CACHE"] = True
    create_user("anna@kk.example", "Anna", "laeser", "adgangskode-til-test")
    db.session.commit()
    client = csrf_app.test_client()
    token = _csrf(client.get("/login").get_data(as_text=True))
    assert client.post("/login", data={"email": "anna@kk.example", "password": "adgangskode-til-test",
                                       "csrf_token": token}).status_code == 302
    client.get("/")
    again = client.get("/").get_data(as_text=True)
    assert len(csrf_app.extensions["tvaers.page_cache"].items) == 1
    # The logout form of the kept page works: its token is valid for this session.
    assert client.post("/logout", data={"csrf_token": _csrf(again)}).status_code == 302
    assert client.get("/").status_code == 302, "still signed in: the kept page's CSRF token was refused"


def _csrf(html: str) -> str:
    return html.split('name="csrf_token"', 1)[1].split('value="', 1)[1].split('"', 1)[0]


def test_a_kept_page_is_not_served_to_a_session_that_ended_or_moved(app, ref):
    app.config["PAGE_CACHE"] = True
    reader = app.test_client()
    sign_in_new_user(reader, "lise@kk.example", "laeser")
    assert reader.get("/").status_code == 200
    assert reader.get("/").status_code == 200  # from memory now
    # The same cookie from another browser: Flask-Login's strong session protection ends the session.
    elsewhere = reader.get("/", headers={"User-Agent": "Another browser/1.0"})
    assert elsewhere.status_code == 302 and "/login" in elsewhere.headers["Location"]
    sign_in_new_user(reader, "ole@kk.example", "laeser")
    assert reader.get("/").status_code == 200
    assert reader.get("/").status_code == 200
    user = db.session.scalar(select(User).where(User.email == "ole@kk.example"))
    user.active = False  # an administrator deactivates the account
    db.session.commit()
    assert reader.get("/").status_code == 302, "a deactivated account's session was served a kept page"


def test_the_kept_token_connection_survives_a_database_restart(app, ref, database_url):
    if not database_url.startswith("postgresql"):
        pytest.skip("the connection kept for reading the token is PostgreSQL's")
    with app.test_request_context("/"):
        first = current_token(alone=True)
    held = app.extensions["tvaers.token_connections"]
    backend = next(iter(held.values())).dbapi_connection.info.backend_pid
    db.session.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": backend})  # as a restart would
    db.session.commit()
    with app.test_request_context("/"):
        assert current_token(alone=True) == first == _token()
