"""Errors of the API as `application/problem+json` (RFC 9457), in the request's language."""
from __future__ import annotations

from flask import jsonify, request
from flask_babel import lazy_gettext as _l

from tracker.core.errors import ValidationError, render_message

API_PREFIX = "/api/v1"
PROBLEM_TYPE = "application/problem+json"

# Where a problem has more to it than its status, `type` names it; otherwise it is "about:blank".
TYPES = {
    412: f"{API_PREFIX}/problems/stale",
    422: f"{API_PREFIX}/problems/validation",
    428: f"{API_PREFIX}/problems/if-match-required",
}
TITLES = {
    400: (_l("Forespørgslen kunne ikke behandles"), _l("Noget i forespørgslen var ugyldigt.")),
    401: (_l("Ikke logget ind"), _l("Send en gyldig API-nøgle som 'Authorization: Bearer <nøgle>', eller log ind.")),
    403: (_l("Adgang nægtet"), _l("Du har ikke adgang til denne handling.")),
    404: (_l("Findes ikke"), _l("Adressen eller posten findes ikke.")),
    405: (_l("Metoden er ikke tilladt"), _l("Adressen kan ikke bruges med denne metode.")),
    409: (_l("Konflikt"), _l("Nogen har ændret oplysningerne i mellemtiden. Hent dem igen.")),
    412: (_l("Posten er ændret"), _l("Posten er ændret, siden du hentede den. Hent den igen, og send den nye ETag "
                                    "i If-Match.")),
    415: (_l("Forkert indholdstype"), _l("Send indholdet som JSON (Content-Type: application/json).")),
    422: (_l("Ugyldige oplysninger"), _l("Ret felterne, og prøv igen.")),
    428: (_l("If-Match mangler"), _l("En ændring skal sende postens ETag i If-Match, så ingen andres ændring "
                                    "overskrives.")),
    429: (_l("For mange forsøg"), _l("Vent et øjeblik, og prøv så igen.")),
    500: (_l("Der opstod en fejl"), _l("Fejlen er registreret. Prøv igen om lidt.")),
}


def is_api_request() -> bool:
    return request.path == API_PREFIX or request.path.startswith(API_PREFIX + "/")


def problem(status: int, detail: str | None = None, errors: list[dict] | None = None, headers: dict | None = None):
    """A problem response; `detail` defaults to the status's own explanation."""
    title, default_detail = TITLES.get(status, TITLES[500] if status >= 500 else TITLES[400])
    body = {"type": TYPES.get(status, "about:blank"), "title": str(title), "status": status,
            "detail": detail or str(default_detail)}
    if errors is not None:
        body["errors"] = errors
    response = jsonify(body)
    response.status_code = status
    response.mimetype = PROBLEM_TYPE
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="tvaers"'
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def field_error(field: str, message) -> dict:
    return {"field": field, "pointer": f"/{field}", "detail": render_message(message)}


def validation_problem(problems: list[ValidationError]):
    return problem(422, errors=[field_error(p.field, p.message) for p in problems])


class ApiProblem(Exception):
    """Raised inside a view to answer with a problem (the blueprint's handler turns it into the response)."""

    def __init__(self, status: int, detail: str | None = None, errors: list[dict] | None = None,
                 headers: dict | None = None):
        super().__init__(detail or str(status))
        self.status, self.detail, self.errors, self.headers = status, detail, errors, headers
