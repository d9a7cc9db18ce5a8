"""The administration pages: every administration with its counts, and one with its initiatives and seats."""
from __future__ import annotations

from flask import Blueprint, abort, render_template

from tracker.bodies.queries import body_counts_by_administration, seats_of_administration
from tracker.initiatives.queries import (
    active_counts_by_administration,
    initiatives_led_by,
    initiatives_partnered_by,
)
from tracker.organisation.queries import administration_by_code, all_administrations

bp = Blueprint("organisation", __name__, url_prefix="/administrations")

INITIATIVES_SHOWN = 10


@bp.route("/")
def administration_list():
    led, joined = active_counts_by_administration()
    return render_template("organisation/list.html", administrations=all_administrations(), led=led,
                           joined=joined, bodies=body_counts_by_administration())


@bp.route("/<code>")
def administration_detail(code: str):
    administration = administration_by_code(code)
    if administration is None:
        abort(404)
    return render_template(
        "organisation/detail.html",
        administration=administration,
        led=initiatives_led_by(administration.id, INITIATIVES_SHOWN),
        joined=initiatives_partnered_by(administration.id, INITIATIVES_SHOWN),
        seats=seats_of_administration(administration.id),
    )
