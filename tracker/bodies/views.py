"""Read pages of the bodies domain."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("bodies", __name__)
