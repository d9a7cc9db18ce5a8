"""Overlap review: where administrations work on the same thing in the same place at the same time."""
from tracker.overlaps.matching.detection import (
    Candidate,
    DetectionResult,
    InitiativeRecord,
    Reason,
    detect,
    initiative_fingerprint,
    pair_fingerprint,
    record_of,
)
from tracker.overlaps.matching.evidence import Evidence

__all__ = ["Candidate", "DetectionResult", "Evidence", "InitiativeRecord", "Reason", "detect",
           "initiative_fingerprint", "pair_fingerprint", "record_of"]
