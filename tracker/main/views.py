"""The front page and the language switch."""
from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, request

from tracker.auth.views import safe_next
from tracker.i18n import LANGUAGE_COOKIE

bp = Blueprint("main", __name__)


@bp.route("/")
def index():
    return render_template("main/index.html")


@bp.route("/language/<code>")
def set_language(code: str):
    """Remember the chosen language in a long-lived cookie and go back where the user was."""
    response = redirect(safe_next(request.args.get("next")))
    if code in current_app.config["LANGUAGES"]:
        response.set_cookie(LANGUAGE_COOKIE, code, max_age=365 * 24 * 3600, httponly=True, samesite="Lax",
                            secure=current_app.config["SESSION_COOKIE_SECURE"])
    return response
