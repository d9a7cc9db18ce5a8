"""Read pages of the bodies domain: every coordination body, and one body with its members and meetings."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request

from tracker.bodies import queries
from tracker.core.pagination import page_number

bp = Blueprint("bodies", __name__, url_prefix="/bodies")


@bp.route("/")
def body_list():
    return render_template("bodies/list.html", rows=queries.body_overview())


@bp.route("/<int:body_id>")
def body_detail(body_id: int):
    body = queries.body_by_id(body_id)
    if body is None:
        abort(404)
    meetings = queries.meetings_page(body.id, page_number(request.args.get("page")),
                                     current_app.config["PAGE_SIZE"])
    return render_template("bodies/detail.html", body=body, groups=queries.member_groups(body.id),
                           meetings=meetings)
