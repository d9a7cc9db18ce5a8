"""The front page (the areas × administrations table and the follow-ups) and the language switch."""
from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, request
from flask_babel import get_locale
from flask_login import current_user
from markupsafe import Markup

from tracker.areas.queries import all_areas
from tracker.auth.permissions import can_close_follow_up
from tracker.auth.views import safe_next
from tracker.core.changes import cached
from tracker.core.clock import today
from tracker.core.labels import register_labels
from tracker.i18n import LANGUAGE_COOKIE
from tracker.initiatives.queries import active_counts_by_area
from tracker.organisation.queries import all_administrations
from tracker.overlaps.review.queries import open_follow_ups
from tracker.pages.overview import QUIET_MONTHS, overview_for

bp = Blueprint("main", __name__)
# The label filters live with the front page's blueprint, so every app that serves pages has them.
bp.record_once(lambda state: register_labels(state.app))


@bp.route("/")
def index():
    """My overview for a coordinator or steering-group member (tracker/pages/overview.py), then the six areas
    with the active initiatives each administration takes part in there, and the open overlap follow-ups the
    user's administration owns."""
    cells, totals = active_counts_by_area()
    areas = all_areas()
    return render_template("main/index.html", area_table=_area_table(areas, cells, totals),
                           follow_ups=open_follow_ups(current_user),
                           can_close=lambda verdict: can_close_follow_up(current_user, verdict),
                           overview=overview_for(current_user, areas, totals), quiet_months=QUIET_MONTHS)


def _area_table(areas, cells, totals) -> Markup:
    """The areas × administrations table, rendered once per language until the data changes: its 50 links
    with their counted labels were a fifth of every front page's rendering."""
    html = cached(("pages.area_table", str(get_locale()), today()), lambda: render_template(
        "main/_area_table.html", areas=areas, administrations=all_administrations(), cells=cells, totals=totals))
    return Markup(html)


@bp.route("/language/<code>")
def set_language(code: str):
    """Remember the chosen language in a long-lived cookie and go back where the user was."""
    response = redirect(safe_next(request.args.get("next")))
    if code in current_app.config["LANGUAGES"]:
        response.set_cookie(LANGUAGE_COOKIE, code, max_age=365 * 24 * 3600, httponly=True, samesite="Lax",
                            secure=current_app.config["SESSION_COOKIE_SECURE"])
    return response
