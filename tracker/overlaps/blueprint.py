"""The overlap review's blueprint, shared by its view modules."""
from __future__ import annotations

from flask import Blueprint
from flask_babel import gettext as _
from flask_login import current_user

from tracker.auth.permissions import can_review_overlaps, require

bp = Blueprint("overlaps", __name__, url_prefix="/overlaps")
bp.add_app_template_global(can_review_overlaps, "can_review_overlaps")


def require_reviewer() -> None:
    """Every overlap page is for the steering group and admins; one check, one reason."""
    require(can_review_overlaps(current_user), _("Kun styregruppen og administratorer kan se overlapsvurderingen."))
