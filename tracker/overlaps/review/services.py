"""Recording the steering group's verdicts on overlap candidates and closing their follow-ups (flush, never commit)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l

from tracker.core.errors import ValidationError
from tracker.core.models import utcnow
from tracker.extensions import db
from tracker.initiatives.models import Initiative
from tracker.organisation.models import Administration
from tracker.overlaps.matching.detection import pair_fingerprint, record_of
from tracker.overlaps.models import NEEDS_FOLLOW_UP, VERDICTS, OverlapVerdict

COMMENT_MAX = 5000


@dataclass
class VerdictInput:
    verdict: str
    comment: str = ""
    follow_up_administration: Administration | None = None
    follow_up_due: date | None = None


def current_fingerprint(first: Initiative, second: Initiative) -> str:
    """The pair's fingerprint as detection computes it now, from the initiatives as they are stored."""
    return pair_fingerprint(record_of(first), record_of(second))


def check_verdict(data: VerdictInput) -> list[ValidationError]:
    problems = []
    if data.verdict not in VERDICTS:
        problems.append(ValidationError("verdict", _l("Vælg en vurdering.")))
    if len(data.comment) > COMMENT_MAX:
        problems.append(ValidationError("comment", _l("Kommentaren må højst være %(max)s tegn.", max=COMMENT_MAX)))
    if data.verdict == NEEDS_FOLLOW_UP:
        if data.follow_up_administration is None:
            problems.append(ValidationError("follow_up_administration", _l(
                "»Bør samordnes« kræver en forvaltning, der ejer opfølgningen.")))
        if data.follow_up_due is None:
            problems.append(ValidationError("follow_up_due", _l(
                "»Bør samordnes« kræver en frist for opfølgningen.")))
    return problems


def record_verdict(first: Initiative, second: Initiative, data: VerdictInput, reviewer,
                   verdict: OverlapVerdict | None = None) -> OverlapVerdict:
    """Create or update the pair's verdict; it remembers the pair's fingerprint as it is now.

    A verdict other than "bør samordnes" carries no follow-up; a new "bør samordnes" opens its follow-up again.
    """
    problems = check_verdict(data)
    if problems:
        raise problems[0]
    first, second = sorted((first, second), key=lambda i: i.id)
    fingerprint = current_fingerprint(first, second)  # before any change: reading links autoflushes
    if verdict is None:
        verdict = OverlapVerdict(first_initiative=first, second_initiative=second)
        db.session.add(verdict)
    _apply(verdict, data, reviewer, fingerprint)
    db.session.flush()
    return verdict


def record_topic_verdict(pairs: list[tuple], data: VerdictInput, reviewer) -> list[OverlapVerdict]:
    """One verdict for every pair of a topic: ``pairs`` are (candidate, its verdict or None), the candidates
    as detection sees them now (their fingerprints are current). Each pair's verdict is created or updated
    (and audited) on its own, so a later change to one initiative reopens just the pairs it is in."""
    problems = check_verdict(data)
    if problems:
        raise problems[0]
    recorded = []
    for candidate, verdict in pairs:
        if verdict is None:
            first_id, second_id = candidate.initiative_ids
            verdict = OverlapVerdict(first_initiative_id=first_id, second_initiative_id=second_id)
            db.session.add(verdict)
        _apply(verdict, data, reviewer, candidate.fingerprint)
        recorded.append(verdict)
    db.session.flush()
    return recorded


def _apply(verdict: OverlapVerdict, data: VerdictInput, reviewer, fingerprint: str) -> None:
    follow_up = data.verdict == NEEDS_FOLLOW_UP
    reopened = follow_up and (verdict.verdict != NEEDS_FOLLOW_UP
                              or verdict.follow_up_administration_id != data.follow_up_administration.id
                              or verdict.follow_up_due != data.follow_up_due)
    verdict.verdict = data.verdict
    verdict.comment = data.comment.strip()
    verdict.follow_up_administration = data.follow_up_administration if follow_up else None
    verdict.follow_up_due = data.follow_up_due if follow_up else None
    if not follow_up or reopened:
        verdict.follow_up_closed_at = None
    verdict.reviewer = reviewer
    verdict.fingerprint = fingerprint


def close_follow_up(verdict: OverlapVerdict) -> OverlapVerdict:
    if verdict.follow_up_closed_at is None:
        verdict.follow_up_closed_at = utcnow()
        db.session.flush()
    return verdict
