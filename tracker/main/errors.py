"""Friendly error pages in the user's language; never a stack trace."""
from __future__ import annotations

from flask import Flask, render_template
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException, InternalServerError

from tracker.api.problems import is_api_request, problem
from tracker.extensions import db

MESSAGES = {
    400: (_l("Forespørgslen kunne ikke behandles"), _l("Noget i forespørgslen var ugyldigt. Gå tilbage og prøv igen.")),
    403: (_l("Adgang nægtet"), _l("Du har ikke adgang til denne side eller handling.")),
    404: (_l("Siden findes ikke"), _l("Siden kan være flyttet eller slettet. Tjek adressen, eller gå til forsiden.")),
    405: (_l("Handlingen er ikke tilladt"), _l("Siden kan ikke bruges på denne måde.")),
    409: (_l("Konflikt"), _l("Nogen har ændret oplysningerne, mens du arbejdede. Hent siden igen.")),
    429: (_l("For mange forsøg"), _l("Vent et øjeblik, og prøv så igen.")),
    500: (_l("Der opstod en fejl"), _l("Fejlen er registreret. Prøv igen om lidt.")),
}


def render_error(code: int, detail: str | None = None):
    title, message = MESSAGES.get(code, MESSAGES[500])
    return render_template("errors/error.html", code=code, title=title, message=detail or message), code


def register_errorhandlers(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return render_error(400, str(_l("Formularen er udløbet eller mangler sikkerhedsnøglen. Hent siden igen og prøv en gang til.")))

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if is_api_request():  # the API answers in problem+json (tracker/api/problems.py), also for 404 and 405
            custom = error.description if error.description != type(error).description else None
            allowed = getattr(error, "valid_methods", None)
            return problem(error.code or 500, custom, headers={"Allow": ", ".join(allowed)} if allowed else None)
        if error.code not in MESSAGES:
            return error
        # A reason given with abort(403, description=...) is shown; Werkzeug's English default is not.
        custom = error.description if error.code == 403 and error.description != type(error).description else None
        return render_error(error.code, custom)

    @app.errorhandler(StaleDataError)
    def stale(error):
        db.session.rollback()
        if is_api_request():
            return problem(409)
        return render_error(409)

    @app.errorhandler(InternalServerError)
    def server_error(error):
        db.session.rollback()
        if is_api_request():
            return problem(500)
        return render_error(500)
