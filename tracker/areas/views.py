"""Read pages of the areas domain."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("areas", __name__)
