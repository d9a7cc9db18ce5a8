"""Who may keep the cooperation log and comment on initiatives: the one place these rules are written."""
from __future__ import annotations

from tracker.auth.permissions import can_comment, is_admin, is_coordinator
from tracker.bodies.models import Body
from tracker.bodies.permissions import can_log_on_body
from tracker.initiatives.models import Initiative
from tracker.initiatives.permissions import can_edit_initiative
from tracker.log.models import CooperationEntry


def can_log_on_initiative(user, initiative: Initiative) -> bool:
    return can_edit_initiative(user, initiative)


def can_comment_on_initiative(user, initiative: Initiative) -> bool:
    return can_comment(user)


def can_edit_entry(user, entry: CooperationEntry) -> bool:
    """The author, or whoever may edit the initiative the entry belongs to; admins always."""
    if is_admin(user):
        return True
    if entry.author_id is not None and entry.author_id == user.id and user.role != "laeser":
        return True
    return entry.initiative is not None and can_edit_initiative(user, entry.initiative)


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
