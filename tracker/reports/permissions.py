"""Who may read and write the committees' reports: the one place these rules are written.

Everyone signed in reads every report. Writing (generating, saving, regenerating, marking final) is for
admins, for any committee, and for coordinators of an administration, for that administration's committee.
"""
from __future__ import annotations

from tracker.auth.permissions import actual_user, is_admin, is_coordinator


def can_read_reports(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def may_write_reports(user) -> bool:
    """Whether the user may write any report at all (and so sees the form that generates one)."""
    return is_admin(user) or (is_coordinator(user) and user.administration_id is not None)


def can_write_for(user, administration_id: int | None) -> bool:
    """Admins for every committee; a coordinator only for their own administration's committee."""
    if is_admin(user):
        return True
    return is_coordinator(user) and user.administration_id is not None and user.administration_id == administration_id


def can_write_report(user, report) -> bool:
    return can_write_for(user, report.administration_id)


def writable_administrations(user, administrations: list) -> list:
    """The administrations whose committee's report the user may write, in the order given."""
    user = actual_user(user)
    return [administration for administration in administrations if can_write_for(user, administration.id)]
