"""Who may import: those who may create initiatives and keep the log; each row is then checked against
the rules for that record (tracker/initiatives/permissions.py), as a form would be."""
from __future__ import annotations

from tracker.auth.permissions import can_create_initiative
from tracker.log.permissions import can_add_entries


def can_import(user) -> bool:
    return can_create_initiative(user) or can_add_entries(user)
