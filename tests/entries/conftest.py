"""Fixtures for the write pages of the cooperation log and the bodies: reference data with two known
initiatives, a seat for TMF in the Husum/Tingbjerg forum, and clients signed in with each role."""
from __future__ import annotations

from datetime import date

import pytest
from flask import g
from flask.testing import FlaskClient

from tests.factories import make_initiative, reference_data
from tracker.auth.services import create_user
from tracker.extensions import db
from tracker.models import Membership

PASSWORD = "en-god-adgangskode"
USERS = {
    "tmf": ("tove@tmf.example", "Tove Teknik", "koordinator", "TMF"),
    "suf": ("sune@suf.example", "Sune Sundhed", "koordinator", "SUF"),
    "admin": ("ada@kk.example", "Ada Admin", "admin", None),
    "styregruppe": ("stig@kk.example", "Stig Styregruppe", "styregruppe", "BIF"),
    "laeser": ("lise@kk.example", "Lise Læser", "laeser", None),
}


@pytest.fixture
def ref(app):
    data = reference_data()
    forum = data.bodies["forum-husum-tingbjerg"]
    forum.memberships.append(Membership(role="Leder", administration=data.administrations["TMF"]))
    walks = make_initiative(data, "Tryghedsvandringer", "TMF", start_date=date(2010, 3, 1))
    walks.areas = [data.areas["husum-tingbjerg"], data.areas["bispebjerg"]]
    walks.partner_administrations = [data.administrations["SOF"]]
    lab = make_initiative(data, "Lab2700", "BIF", start_date=date(2012, 1, 1))
    lab.areas = [data.areas["bispebjerg"]]
    data.initiatives = {"walks": walks, "lab": lab}
    for email, name, role, code in USERS.values():
        create_user(email, name, role, PASSWORD, administration_code=code)
    db.session.commit()
    return data


class OwnUserClient(FlaskClient):
    """A test client whose requests never see another client's signed-in user.

    The tests share one app context, and Flask-Login caches the request's user on `g`, which lives in
    the app context; several clients in one test would otherwise all act as the first one.
    """

    def open(self, *args, **kwargs):
        g.pop("_login_user", None)
        return super().open(*args, **kwargs)


@pytest.fixture
def login(app, ref):
    """login("tmf") is a test client signed in through the login form as that user."""

    def signed_in(who: str):
        client = OwnUserClient(app, app.response_class, use_cookies=True)
        response = client.post("/login", data={"email": USERS[who][0], "password": PASSWORD})
        assert response.status_code == 302, response.get_data(as_text=True)
        return client

    return signed_in
