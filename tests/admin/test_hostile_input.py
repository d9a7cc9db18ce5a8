"""No input to an admin form makes the server fail: hostile values are refused or stored as plain text."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.admin.test_access import _admin_routes
from tracker.areas.models import Goal, Udviklingsplan
from tracker.extensions import db
from tracker.organisation.models import Organisation, Person

NOT_UTF8 = object()  # stands for bytes that are not UTF-8, sent as a raw form body
HOSTILE = ["x" * 100_000, "\x00NUL\x00", "<script>alert(1)</script>", "'; DROP TABLE users; --", "-1",
           "99999999999999999999", NOT_UTF8, "2013.5", " "]
FIELDS = ("email", "name", "title", "role", "administration", "organisation", "password", "kind", "description",
          "area", "status", "year_adopted", "period_start", "period_end", "summary", "version", "direction")


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_values_in_every_admin_form_get_an_answer_not_a_failure(app, admin, ref, accounts, value):
    ids = {"user_id": accounts["laeser"].id, "person_id": db.session.scalars(select(Person.id)).first(),
           "organisation_id": db.session.scalars(select(Organisation.id)).first(),
           "plan_id": db.session.scalars(select(Udviklingsplan.id)).first(),
           "goal_id": db.session.scalars(select(Goal.id)).first()}
    for param in _admin_routes():
        method, endpoint, arguments = param.values
        if method != "POST" or endpoint.endswith(("archive", "deactivate")):
            continue
        with app.test_request_context():
            url = app.url_for(endpoint, **{name: ids[name] for name in arguments})
        if value is NOT_UTF8:
            response = admin.post(url, data="&".join(f"{name}=%ff%fe%80" for name in FIELDS),
                                  content_type="application/x-www-form-urlencoded")
        else:
            response = admin.post(url, data={name: value for name in FIELDS})
        assert response.status_code in (302, 400, 409), (endpoint, response.status_code)
