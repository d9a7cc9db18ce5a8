"""The overlap review's blueprint, shared by its view modules."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("overlaps", __name__, url_prefix="/overlaps")
