"""Fixtures for the initiative forms: reference data, one user per role, and a signed-in client per user."""
from __future__ import annotations

import html
import re

import pytest
from flask.testing import FlaskClient

from tracker.auth.services import create_user
from tracker.extensions import db

PASSWORD = "adgangskode-til-test"
USERS = {
    "admin": ("admin@kk.example", "Anna Admin", "admin", None),
    "tmf": ("tina@kk.example", "Tina Teknik", "koordinator", "TMF"),
    "sof": ("soeren@kk.example", "Søren Social", "koordinator", "SOF"),
    "styregruppe": ("stig@kk.example", "Stig Styregruppe", "styregruppe", "BIF"),
    "laeser": ("lise@kk.example", "Lise Læser", "laeser", None),
}


@pytest.fixture
def users(ref):
    for email, name, role, administration in USERS.values():
        create_user(email, name, role, PASSWORD, administration_code=administration)
    db.session.commit()


class OwnContextClient(FlaskClient):
    """A browser of its own: each request runs in a fresh application context, as on a server, so two
    clients never share the signed-in user (flask_login keeps it in `g`) or the database session."""

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


@pytest.fixture
def login(app, users):
    """login("tmf") gives a test client of its own (its own session), signed in through the login form."""

    def sign_in(who: str):
        client = OwnContextClient(app, app.response_class, use_cookies=True)
        response = client.post("/login", data={"email": USERS[who][0], "password": PASSWORD})
        assert response.status_code == 302, response.get_data(as_text=True)
        return client

    return sign_in


def initiative_form(ref, **changes) -> dict:
    """What a coordinator fills in: Green Teams, TMF with SOF and fsb, in Nørrebro and Bispebjerg."""
    data = {
        "title": "Green Teams",
        "summary": "Unge ledige beboere holder grønne områder sammen med boligorganisationerne.",
        "status": "active",
        "start_date": "2013-01-01",
        "end_date": "2014-12-31",
        "lead_administration": ref.administrations["TMF"].id,
        "partner_administrations": [ref.administrations["SOF"].id],
        "partner_organisations": [ref.organisations["fsb"].id],
        "areas": [ref.areas["norrebro"].id, ref.areas["bispebjerg"].id],
        "places": [ref.places["Mjølnerparken"].id],
        "themes": [ref.themes["beskaeftigelse"].id],
        "goals": [],
        "policy_areas": [ref.policy_areas[1].id],
        "key_figures-0-label": "Deltagere", "key_figures-0-value": "40", "key_figures-0-unit": "personer",
        "key_figures-0-year": "2013",
        "key_figures-1-label": "", "key_figures-1-value": "", "key_figures-1-unit": "", "key_figures-1-year": "",
        "key_figures-2-label": "", "key_figures-2-value": "", "key_figures-2-unit": "", "key_figures-2-year": "",
    }
    data.update(changes)
    return data


def version_in(page: str) -> str:
    """The version the edit form was opened on."""
    return re.search(r'name="version" type="hidden" value="(\d+)"', page).group(1)


def conflict_resubmission(page: str) -> dict:
    """The hidden fields of the conflict page's "Gem min version" form, as the browser would send them."""
    form = page[page.index('class="conflict-actions"'):]
    data: dict[str, list[str]] = {}
    for name, value in re.findall(r'<input type="hidden" name="([^"]*)" value="([^"]*)">', form):
        data.setdefault(html.unescape(name), []).append(html.unescape(value))
    return data


def is_checked(page: str, name: str, value: object) -> bool:
    """Whether the form shows the checkbox `name` with this value ticked."""
    return any("checked" in tag for tag in re.findall(rf'<input[^>]*name="{name}"[^>]*value="{value}"[^>]*>', page))
