"""Every read page renders in Danish and in English; the login and error pages say what to do; every stored
enum value has a display label."""
from __future__ import annotations

import pytest

from tests.factories import add_initiatives
from tracker.areas.models import PLACE_KINDS, PLAN_STATUSES
from tracker.bodies.models import BODY_KINDS, BODY_LEVELS
from tracker.core.labels import LABELS
from tracker.extensions import db
from tracker.initiatives.models import INITIATIVE_STATUSES
from tracker.log.models import ENTRY_KINDS
from tracker.organisation.models import ORGANISATION_KINDS

PAGES = ["/", "/areas/norrebro", "/administrations/", "/administrations/TMF", "/bodies/", "/bodies/{body}",
         "/initiatives/", "/initiatives/?area=norrebro&year=2013", "/initiatives/{initiative}"]


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_every_read_page_renders_in_both_languages(reader, ref, path, language):
    initiative_id = add_initiatives(ref, 30)[0]
    db.session.commit()
    reader.set_cookie("tracker_lang", language, domain="localhost")
    response = reader.get(path.format(body=ref.bodies["team"].id, initiative=initiative_id))
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.get_data(as_text=True)


@pytest.mark.parametrize("path", PAGES)
def test_every_read_page_renders_with_no_data_at_all(reader, path):
    response = reader.get(path.format(body=1, initiative=1))
    assert response.status_code in (200, 404)


def test_login_page_has_labelled_fields_with_autocomplete(client):
    html = client.get("/login").get_data(as_text=True)
    assert "<h1>Log ind</h1>" in html
    assert 'for="email"' in html and 'autocomplete="username"' in html
    assert 'for="password"' in html and 'autocomplete="current-password"' in html


def test_login_page_shows_form_and_field_errors(client):
    html = client.post("/login", data={"email": "", "password": ""}).get_data(as_text=True)
    assert "Skriv din e-mail." in html and "Skriv din adgangskode." in html
    html = client.post("/login", data={"email": "x@kk.example", "password": "forkert"}).get_data(as_text=True)
    assert "Forkert e-mail eller adgangskode." in html


def test_error_page_says_what_happened_and_links_to_the_front_page(reader):
    response = reader.get("/initiatives/999")
    html = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "Siden findes ikke" in html and "404" in html
    assert 'href="/"' in html


@pytest.mark.parametrize(("group", "values"), [
    ("status", INITIATIVE_STATUSES), ("plan_status", PLAN_STATUSES), ("body_kind", BODY_KINDS),
    ("body_level", BODY_LEVELS), ("entry_kind", ENTRY_KINDS), ("organisation_kind", ORGANISATION_KINDS),
    ("place_kind", PLACE_KINDS),
])
def test_every_stored_value_has_a_label(group, values):
    assert set(LABELS[group]) == set(values)
