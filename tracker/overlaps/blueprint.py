"""The overlap review's blueprint, shared by its view modules."""
from __future__ import annotations

from flask import Blueprint

from tracker.auth.permissions import can_review_overlaps

bp = Blueprint("overlaps", __name__, url_prefix="/overlaps")
bp.add_app_template_global(can_review_overlaps, "can_review_overlaps")
