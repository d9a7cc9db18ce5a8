"""The area page: one area with its plans, places, bodies, initiatives and latest log entries."""
from __future__ import annotations

from flask import Blueprint, abort, render_template

from tracker.areas.queries import area_by_slug
from tracker.bodies.queries import bodies_in_area
from tracker.initiatives.queries import active_count_in_area, initiatives_in_area
from tracker.log.entry_queries import latest_entries_in_area

bp = Blueprint("areas", __name__, url_prefix="/areas")

INITIATIVES_SHOWN = 10
ENTRIES_SHOWN = 10


@bp.route("/<slug>")
def area_detail(slug: str):
    area = area_by_slug(slug)
    if area is None:
        abort(404)
    return render_template(
        "areas/detail.html",
        area=area,
        bodies=bodies_in_area(area.id),
        initiatives=initiatives_in_area(area.id, INITIATIVES_SHOWN),
        active_count=active_count_in_area(area.id),
        entries=latest_entries_in_area(area.id, ENTRIES_SHOWN),
    )
