"""Fixtures for the read pages: the reference data, and a client signed in as a reader."""
from __future__ import annotations

import pytest

from tracker.auth.services import create_user
from tracker.extensions import db

PASSWORD = "laeser-adgangskode"


@pytest.fixture
def reader(app, client):
    """The test client, logged in through the login form as a læser."""
    create_user("laeser@kk.example", "Lise Læser", "laeser", PASSWORD)
    db.session.commit()
    response = client.post("/login", data={"email": "laeser@kk.example", "password": PASSWORD})
    assert response.status_code == 302, response.get_data(as_text=True)
    return client
