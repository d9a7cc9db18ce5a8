"""What a user may find through search: the one place this rule is written.

Search shows only what the user may read elsewhere. Every signed-in user reads the initiatives, the log,
the bodies and their meetings; outside organisations and persons have pages in the administration only.
"""
from __future__ import annotations

from tracker.auth.permissions import can_manage_reference_data
from tracker.search.models import KINDS

EVERYONE = ("initiative", "entry", "body", "meeting")


def readable_kinds(user) -> tuple[str, ...]:
    if not getattr(user, "is_authenticated", False):
        return ()
    return KINDS if can_manage_reference_data(user) else EVERYONE
