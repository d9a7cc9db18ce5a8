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


def can_close_decision(user, entry: CooperationEntry) -> bool:
    """A decision's follow-up is moved on and closed by its owner: admins, and coordinators of the owner
    administration; a coordinator of another administration cannot close it."""
    if is_admin(user):
        return True
    return is_coordinator(user) and user.administration_id is not None \
        and user.administration_id == entry.owner_administration_id


def can_assign_decision(user, entry: CooperationEntry) -> bool:
    """Giving a decision an owner and a due date: whoever may edit the entry or record the meetings of its
    body (the meeting form sets them too), or its owner."""
    return entry.kind == "decision" and (can_edit_entry(user, entry) or can_close_decision(user, entry)
                                         or (entry.body is not None and can_log_on_body(user, entry.body)))


def can_change_follow_up(user, entry: CooperationEntry, status: str, owner_id: int | None) -> bool:
    """Saving the follow-up form: keeping the status is open to whoever may assign the decision; moving it
    on, closing or reopening it is the owner's (the owner it has, or gets when it has none yet)."""
    if not (can_assign_decision(user, entry) or can_close_decision(user, entry)):
        return False
    if status == (entry.follow_up_status or "open"):
        return True
    owner = entry.owner_administration_id or owner_id
    return is_admin(user) or (is_coordinator(user) and user.administration_id is not None
                              and user.administration_id == owner)
