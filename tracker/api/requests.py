"""Reading an API request: who sends it (token or session), its query and JSON body against the models,
and If-Match against the record's version."""
from __future__ import annotations

from typing import TypeVar

from flask import current_app, g, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from pydantic import BaseModel
from pydantic import ValidationError as PydanticError
from werkzeug.exceptions import BadRequest

from tracker.api.problems import ApiProblem, field_error, is_api_request, problem
from tracker.api.tokens import authenticate, note_use
from tracker.extensions import csrf, login_manager

M = TypeVar("M", bound=BaseModel)
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

# Pydantic's messages are English: each kind of mistake gets a Danish one.
PYDANTIC_MESSAGES = {
    "missing": _l("Feltet skal udfyldes."),
    "extra_forbidden": _l("Feltet kendes ikke."),
    "string_type": _l("Skal være tekst."),
    "string_too_long": _l("Teksten er for lang."),
    "too_long": _l("Der er for mange elementer."),
    "int_type": _l("Skal være et helt tal."),
    "int_parsing": _l("Skal være et helt tal."),
    "int_from_float": _l("Skal være et helt tal."),
    "float_type": _l("Skal være et tal."),
    "float_parsing": _l("Skal være et tal."),
    "bool_type": _l("Skal være sand eller falsk."),
    "bool_parsing": _l("Skal være sand eller falsk."),
    "list_type": _l("Skal være en liste."),
    "model_type": _l("Skal være et JSON-objekt."),
    "dict_type": _l("Skal være et JSON-objekt."),
    "literal_error": _l("Ugyldig værdi."),
    "greater_than_equal": _l("Tallet er for lille."),
    "less_than_equal": _l("Tallet er for stort."),
}


def authenticate_api_request():
    """Runs before every other check of a request under /api/v1 (before the login redirect of the pages):
    a bearer token signs in its user for this request only, without a session; without a token the
    session's user is used, and a session's write must carry the CSRF token like a form."""
    if not is_api_request():
        return None
    g.api_token = None
    header = request.headers.get("Authorization")
    if header is not None:
        scheme, _sep, secret = header.partition(" ")
        token = authenticate(secret.strip()) if scheme.lower() == "bearer" else None
        if token is None:
            return problem(401, _("API-nøglen er ukendt, udløbet eller tilbagekaldt."))
        g.api_token = token
        # The token's user for this request only: nothing is written to the session. Flask-Login's
        # request_loader would do the same, but only when the request carries no session cookie.
        login_manager._update_request_context_with_user(token.user)
        note_use(token)
    elif not current_user.is_authenticated:
        return problem(401)
    if getattr(current_user, "must_change_password", False):
        return problem(403, _("Vælg en ny adgangskode i Tværs, før du bruger API'et."))
    if request.method in WRITE_METHODS:
        if g.api_token is not None:
            if not g.api_token.can_write:
                return problem(403, _("API-nøglen må kun læse. Opret en nøgle med adgang til at læse og skrive."))
        elif current_app.config.get("WTF_CSRF_ENABLED", True):
            try:
                csrf.protect()
            except CSRFError:
                return problem(403, _("En ændring med en browsers login skal sende sikkerhedsnøglen (CSRF) i "
                                      "headeren X-CSRFToken. Brug en API-nøgle i stedet."))
    return None


def pydantic_errors(error: PydanticError) -> list[dict]:
    errors, seen = [], set()
    for item in error.errors():
        location = [str(part) for part in item["loc"]]
        field = ".".join(location) or "body"
        message = PYDANTIC_MESSAGES.get(item["type"])
        if message is None:
            message = _l("Skal være en dato (ÅÅÅÅ-MM-DD).") if item["type"].startswith("date") else _l("Ugyldig værdi.")
        found = field_error(field, message)
        found["pointer"] = "/" + "/".join(location)
        if (found["field"], found["detail"]) not in seen:
            seen.add((found["field"], found["detail"]))
            errors.append(found)
    return errors


def _without_nul(value):
    """The value with NUL characters dropped from every string in it: no database stores them (PostgreSQL
    refuses them even in a lookup), and the forms drop them the same way (`clean_text`)."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, list):
        return [_without_nul(item) for item in value]
    if isinstance(value, dict):
        return {_without_nul(key): _without_nul(item) for key, item in value.items()}
    return value


def query_of(model: type[M]) -> M:
    raw = {name: _without_nul(request.args.get(name)) for name in model.model_fields if name in request.args}
    try:
        return model.model_validate(raw)
    except PydanticError as error:
        raise ApiProblem(422, errors=pydantic_errors(error)) from None


def body_of(model: type[M]) -> M:
    if not request.is_json:
        raise ApiProblem(415)
    try:
        data = _without_nul(request.get_json())
    except BadRequest:
        raise ApiProblem(400, _("Indholdet er ikke gyldig JSON.")) from None
    try:
        return model.model_validate(data)
    except PydanticError as error:
        raise ApiProblem(422, errors=pydantic_errors(error)) from None


def require_if_match(version: int) -> None:
    """A change names the version it was based on: none is 428, another than the current one 412."""
    if "If-Match" not in request.headers:
        raise ApiProblem(428)
    if not (request.if_match.star_tag or request.if_match.contains(str(version))):
        raise ApiProblem(412)
