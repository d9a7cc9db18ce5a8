"""The OpenAPI document is valid OpenAPI 3.1, and Schemathesis finds no 5xx and no answer outside it."""
from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from openapi_spec_validator import validate
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.conftest import bearer
from tests.factories import make_initiative
from tracker.extensions import db


def test_the_document_is_valid_openapi_3_1(api, token):
    response = api.get("/api/v1/openapi.json", headers=bearer(token("laeser")))
    document = response.get_json()
    assert document["openapi"] == "3.1.0"
    validate(document)
    assert {"/initiatives", "/initiatives/{initiative_id}", "/entries", "/overlaps", "/reports"} <= set(document["paths"])
    assert "If-Match" in [p["name"] for p in document["paths"]["/initiatives/{initiative_id}"]["patch"]["parameters"]]


def test_the_api_answers_as_documented(app, token, ref):
    """Every operation with a few generated requests, as the admin (who may do the most): no 5xx, and every
    status, content type, header and body as the document says. (Schemathesis' pytest plugin does not
    run under pytest 9 yet, so Hypothesis drives its strategies directly.)"""
    make_initiative(ref, "Tryghedsvandringer", "TMF")
    db.session.commit()
    secret = token("admin")
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app, headers=bearer(secret))
    checks = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance,
              response_headers_conformance]
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 15

    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=4, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        def answers_as_documented(case):
            case.call_and_validate(checks=checks, headers=bearer(secret))

        answers_as_documented()
