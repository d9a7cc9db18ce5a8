"""Read pages of the initiatives domain."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("initiatives", __name__)
