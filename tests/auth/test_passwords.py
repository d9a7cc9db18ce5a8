"""Changing one's own password, and the one-time password an administrator gives, which must be changed at
the first login with it; in Danish and in English."""
from __future__ import annotations

import re

import pytest
from flask_babel import refresh
from sqlalchemy import select

from tracker.auth.models import User
from tracker.auth.services import authenticate, create_user
from tracker.extensions import db

PASSWORD = "korrekt-hest-batteri"
NEW_PASSWORD = "en-helt-ny-hest-batteri"
ONE_TIME = "engangs-kode-til-karen"


@pytest.fixture
def karen(app):
    account = create_user("karen@kk.example", "Karen Koordinator", "koordinator", PASSWORD)
    db.session.commit()
    return account


@pytest.fixture
def ada(app):
    account = create_user("ada@kk.example", "Ada Administrator", "admin", PASSWORD)
    db.session.commit()
    return account


def _signed_in(app, email="karen@kk.example", password=PASSWORD, language=None):
    client = app.test_client()
    if language:
        refresh()
        client.set_cookie("tracker_lang", language, domain="localhost")
    assert client.post("/login", data={"email": email, "password": password}).status_code == 302
    return client


def _change(client, current=PASSWORD, new=NEW_PASSWORD, again=None):
    return client.post("/password", data={"current_password": current, "new_password": new,
                                          "confirm_password": new if again is None else again})


def _stored(email: str) -> User:
    db.session.expire_all()
    return db.session.scalar(select(User).where(User.email == email))


def test_the_change_page_is_linked_from_every_page_and_labelled_for_password_managers(app, karen):
    client = _signed_in(app)
    assert 'href="/password"' in client.get("/").get_data(as_text=True)
    html = client.get("/password").get_data(as_text=True)
    for label in ("Nuværende adgangskode", "Ny adgangskode", "Gentag den nye adgangskode", "Log ud overalt"):
        assert label in html
    for name, autocomplete in (("current_password", "current-password"), ("new_password", "new-password"),
                               ("confirm_password", "new-password")):
        field = re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)
        assert f'autocomplete="{autocomplete}"' in field
        assert re.search(rf'<label[^>]*for="{name}"', html)
    assert re.search(r'<input[^>]*autocomplete="username"[^>]*value="karen@kk.example"'
                     r'|<input[^>]*value="karen@kk.example"[^>]*autocomplete="username"', html)


def test_a_user_changes_their_password_and_only_the_new_one_works(app, karen):
    client = _signed_in(app)
    response = _change(client)
    assert response.status_code == 302
    assert "Din adgangskode er skiftet." in client.get(response.headers["Location"]).get_data(as_text=True)
    assert authenticate("karen@kk.example", PASSWORD) is None
    assert authenticate("karen@kk.example", NEW_PASSWORD) is not None


@pytest.mark.parametrize(("form", "field", "message"), [
    ({"current": "forkert-gammel-kode"}, "current_password", "Den nuværende adgangskode er forkert."),
    ({"again": "en-anden-ny-kode-123"}, "confirm_password", "De to nye adgangskoder er ikke ens."),
    ({"new": "kort"}, "new_password", "Adgangskoden skal have mindst 10 tegn."),
    ({"new": PASSWORD}, "new_password", "Den nye adgangskode skal være en anden end den nuværende."),
    ({"new": " " * 12}, "new_password", "mellemrum"),
    ({"current": ""}, "current_password", "Skriv din nuværende adgangskode."),
])
def test_a_refused_change_says_why_in_danish_next_to_the_field_and_changes_nothing(app, karen, form, field,
                                                                                    message):
    client = _signed_in(app)
    other_session = _signed_in(app)
    response = _change(client, **form)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Adgangskoden er ikke skiftet." in html
    assert re.search(rf'id="{field}-error"[^>]*>.*{re.escape(message)}', html)
    assert authenticate("karen@kk.example", PASSWORD) is not None
    assert other_session.get("/").status_code == 200  # nothing was ended either


def test_an_administrator_gives_a_one_time_password_that_must_be_changed_at_first_login(app, karen, ada):
    karens_laptop = _signed_in(app)
    admin = _signed_in(app, "ada@kk.example")
    edit_page = admin.get(f"/admin/users/{karen.id}/edit").get_data(as_text=True)
    assert f'href="/admin/users/{karen.id}/password"' in edit_page
    form = admin.get(f"/admin/users/{karen.id}/password").get_data(as_text=True)
    assert "Engangsadgangskode" in form and 'autocomplete="new-password"' in form

    response = admin.post(f"/admin/users/{karen.id}/password", data={"password": ONE_TIME})
    assert response.status_code == 302
    assert "har fået en engangsadgangskode" in admin.get(response.headers["Location"]).get_data(as_text=True)
    assert karens_laptop.get("/").status_code == 302  # her open session ended

    client = app.test_client()
    login = client.post("/login?next=/initiatives/", data={"email": "karen@kk.example", "password": ONE_TIME})
    assert login.headers["Location"] == "/password"
    for page in ("/", "/initiatives/", "/admin/", "/findes-ikke"):
        response = client.get(page)
        assert response.status_code == 302 and response.headers["Location"] == "/password", page
    assert "Du er logget ind med en engangsadgangskode." in client.get("/password").get_data(as_text=True)

    assert _change(client, current=ONE_TIME).status_code == 302
    assert client.get("/initiatives/").status_code == 200
    assert not _stored("karen@kk.example").must_change_password


def test_a_user_with_a_one_time_password_may_still_log_out(app, karen, ada):
    admin = _signed_in(app, "ada@kk.example")
    admin.post(f"/admin/users/{karen.id}/password", data={"password": ONE_TIME})
    client = _signed_in(app, password=ONE_TIME)
    assert client.post("/logout").headers["Location"] == "/login"
    assert client.get("/").headers["Location"].startswith("/login")


def test_a_one_time_password_follows_the_password_rules(app, karen, ada):
    admin = _signed_in(app, "ada@kk.example")
    response = admin.post(f"/admin/users/{karen.id}/password", data={"password": "kort"})
    assert response.status_code == 400
    assert "Adgangskoden skal have mindst 10 tegn." in response.get_data(as_text=True)
    assert authenticate("karen@kk.example", PASSWORD) is not None
    assert not _stored("karen@kk.example").must_change_password


def test_an_administrator_changes_their_own_password_on_their_own_page(app, ada):
    admin = _signed_in(app, "ada@kk.example")
    assert 'href="/password"' in admin.get(f"/admin/users/{ada.id}/edit").get_data(as_text=True)
    response = admin.post(f"/admin/users/{ada.id}/password", data={"password": ONE_TIME})
    assert response.status_code == 400
    assert "Du kan ikke give dig selv en engangsadgangskode." in response.get_data(as_text=True)
    assert authenticate("ada@kk.example", PASSWORD) is not None


def test_only_administrators_give_one_time_passwords(app, karen, ada):
    client = _signed_in(app)
    assert client.post(f"/admin/users/{ada.id}/password", data={"password": ONE_TIME}).status_code == 403
    assert authenticate("ada@kk.example", PASSWORD) is not None


def test_changing_the_password_reads_in_english(app, karen):
    client = _signed_in(app, language="en")
    html = client.get("/password").get_data(as_text=True)
    assert '<html lang="en">' in html
    for english in ("Change password", "Current password", "New password", "Repeat the new password",
                    "Log out everywhere"):
        assert english in html
    refused = _change(client, current="wrong-old-password").get_data(as_text=True)
    assert "The current password is wrong." in refused and "Den nuværende" not in refused
    done = client.get(_change(client).headers["Location"]).get_data(as_text=True)
    assert "Your password has been changed." in done


def test_a_one_time_password_reads_in_english(app, karen, ada):
    admin = _signed_in(app, "ada@kk.example", language="en")
    form = admin.get(f"/admin/users/{karen.id}/password").get_data(as_text=True)
    assert "One-time password" in form and "Engangsadgangskode" not in form
    admin.post(f"/admin/users/{karen.id}/password", data={"password": ONE_TIME})
    client = _signed_in(app, password=ONE_TIME, language="en")
    html = client.get("/password").get_data(as_text=True)
    assert "You are signed in with a one-time password." in html
