"""Who may add, change and archive lines of the cooperation log, composed from the initiative and body rules."""
from __future__ import annotations

from tracker.auth.permissions import is_admin, is_coordinator
from tracker.bodies.models import Body
from tracker.bodies.permissions import can_log_on_body
from tracker.initiatives.models import CooperationEntry, Initiative
from tracker.initiatives.permissions import can_edit_entry, can_log_on_initiative


def can_add_entries(user) -> bool:
    """Coordinators and admins keep the log; an entry about an area only is open to any coordinator."""
    return is_admin(user) or is_coordinator(user)


def can_log_entry(user, initiative: Initiative | None, body: Body | None) -> bool:
    """Whether the user may put an entry on this initiative and this body (None: not about one)."""
    if not can_add_entries(user):
        return False
    if initiative is not None and not can_log_on_initiative(user, initiative):
        return False
    return body is None or can_log_on_body(user, body)


def can_archive_entry(user, entry: CooperationEntry) -> bool:
    return can_edit_entry(user, entry)
