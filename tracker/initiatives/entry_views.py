"""The cooperation log: adding, editing and archiving entries."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("entries", __name__)
