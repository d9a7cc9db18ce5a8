"""Read pages of the organisation domain."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("organisation", __name__)
