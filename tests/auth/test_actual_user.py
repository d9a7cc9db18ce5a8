"""`actual_user`: the rules asked many times about one user get the user, not Flask-Login's proxy."""
from __future__ import annotations

from flask_login import current_user, login_user

from tracker.auth.permissions import actual_user, is_coordinator
from tracker.auth.services import create_user
from tracker.extensions import db


def test_actual_user_unwraps_the_signed_in_user_and_leaves_a_user_as_it_is(app):
    user = create_user("kim@kk.example", "Kim Koordinator", "koordinator", "adgangskode-til-test")
    db.session.commit()
    with app.test_request_context("/"):
        login_user(user)
        found = actual_user(current_user)
        assert found is user and type(found) is type(user)
        assert actual_user(user) is user
        assert is_coordinator(found) and is_coordinator(current_user)
