"""The stored review's strong candidates for readers outside the review (the e-mail digests).

Kept under its old name: the candidates no longer live in a per-process cache but in the database
(store.py), brought up to date before they are read.
"""
from __future__ import annotations

from tracker.overlaps.matching.candidates import DetectionResult
from tracker.overlaps.matching.records import load_names
from tracker.overlaps.review import listing
from tracker.overlaps.review.store import ensure_current


def cached_detection() -> DetectionResult:
    """The strong candidates as the review shows them now, in the list's order (pairs and initiatives compared
    are not counted here: 0)."""
    ensure_current()
    names = load_names()
    return DetectionResult(listing.all_strong(names), 0, 0, names)
