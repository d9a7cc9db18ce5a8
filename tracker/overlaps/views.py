"""Overlap review pages (views)."""
from __future__ import annotations

from tracker.overlaps.blueprint import bp

__all__ = ["bp"]
