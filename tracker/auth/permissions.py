"""Role rules that do not depend on a particular record. Record rules live beside their domain
(tracker/initiatives/permissions.py, tracker/bodies/permissions.py) and are built from these."""
from __future__ import annotations

from collections.abc import Iterable

from flask import abort
from werkzeug.local import LocalProxy

EDITOR_ROLES = frozenset({"admin", "koordinator"})


def actual_user(user):
    """The user behind Flask-Login's `current_user` (a proxy that looks the user up again on every attribute
    read, a few µs each), for code that asks the rules about one user many times, such as a list's rows."""
    return user._get_current_object() if isinstance(user, LocalProxy) else user


def is_admin(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.role == "admin"


def is_coordinator(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.role == "koordinator"


def can_manage_users(user) -> bool:
    return is_admin(user)


def can_manage_reference_data(user) -> bool:
    """Areas, places, plans and goals, administrations, organisations, persons, bodies and seats."""
    return is_admin(user)


def can_create_initiative(user) -> bool:
    return is_admin(user) or is_coordinator(user)


def can_comment(user) -> bool:
    """Steering-group members comment; so do those who edit."""
    return bool(getattr(user, "is_authenticated", False)) and user.role in {"admin", "koordinator", "styregruppe"}


def can_review_overlaps(user) -> bool:
    """The overlap review (candidates, verdicts, matrices, exports) is the steering group's, and admins'."""
    return bool(getattr(user, "is_authenticated", False)) and user.role in {"admin", "styregruppe"}


def can_read_overlaps(user) -> bool:
    """Reviewers read every candidate; a coordinator reads those involving their own administration."""
    return can_review_overlaps(user) or (is_coordinator(user) and user.administration_id is not None)


def can_read_candidate(user, lead_administration_ids: Iterable[int]) -> bool:
    if can_review_overlaps(user):
        return True
    return is_coordinator(user) and user.administration_id is not None \
        and user.administration_id in set(lead_administration_ids)


def may_close_follow_ups(user) -> bool:
    """Who may close any follow-up at all; which one is decided by `can_close_follow_up`."""
    return can_review_overlaps(user) or is_coordinator(user)


def can_close_follow_up(user, verdict) -> bool:
    """A follow-up is closed by a reviewer or by a coordinator of the administration that owns it."""
    if can_review_overlaps(user):
        return True
    return is_coordinator(user) and user.administration_id is not None \
        and user.administration_id == verdict.follow_up_administration_id


def represents_any(user, administration_ids: Iterable[int | None], organisation_ids: Iterable[int | None]) -> bool:
    """Whether the user's administration (or organisation) is among those given."""
    if user.administration_id is not None and user.administration_id in set(administration_ids):
        return True
    return user.organisation_id is not None and user.organisation_id in set(organisation_ids)


def require(allowed: bool, reason: str) -> None:
    """Refuse with 403 and a reason the user can read, unless allowed."""
    if not allowed:
        abort(403, description=reason)
