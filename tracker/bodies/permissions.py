"""Who may record meetings of a body and log cooperation on it: the one place these rules are written."""
from __future__ import annotations

from tracker.auth.permissions import can_manage_reference_data, is_admin, is_coordinator, represents_any
from tracker.bodies.models import Body


def has_seat(user, body: Body) -> bool:
    """Whether the user's administration or organisation holds a current seat in the body."""
    seats = [m for m in body.memberships if m.archived_at is None]
    return represents_any(user, [m.administration_id for m in seats], [m.organisation_id for m in seats])


def can_record_meeting(user, body: Body) -> bool:
    return is_admin(user) or (is_coordinator(user) and has_seat(user, body))


def can_log_on_body(user, body: Body) -> bool:
    return can_record_meeting(user, body)


def can_manage_memberships(user, body: Body) -> bool:
    return can_manage_reference_data(user)
