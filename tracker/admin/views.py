"""The admin pages: the overview here; users, persons and organisations, and development plans in their
own modules, which add their routes to the one blueprint defined in tracker/admin/blueprint.py."""
from __future__ import annotations

from flask import render_template
from flask_babel import gettext as _
from flask_login import current_user

from tracker.admin import deadlines, plans, reference, users  # noqa: F401  (their routes join the blueprint)
from tracker.admin.blueprint import bp, can_open_admin
from tracker.admin.queries import counts
from tracker.auth.permissions import require

__all__ = ["bp"]


@bp.route("/")
def index():
    require(can_open_admin(current_user), _("Kun administratorer har adgang til administrationen."))
    return render_template("admin/index.html", counts=counts())
