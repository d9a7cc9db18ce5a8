"""The admin blueprint, defined apart from its views so each resource module can add routes to it."""
from __future__ import annotations

from flask import Blueprint

from tracker.auth.permissions import can_manage_reference_data, can_manage_users

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.app_template_global()
def can_open_admin(user) -> bool:
    """Whether the "Administration" menu item and the admin links are shown to this user."""
    return can_manage_users(user) or can_manage_reference_data(user)
