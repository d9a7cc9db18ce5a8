"""An initiative's links (partners, areas, places, themes, goals, indsatsområder, key figures) for the pages that
show one or two initiatives, one prebuilt statement each (tracker/core/loading.py)."""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy.orm import joinedload

from tracker.areas.models import Goal
from tracker.core.loading import load_collections
from tracker.initiatives.models import Initiative

PARTNERS = ("partner_administrations", "partner_organisations")
# Everything an initiative's page and edit form show.
ALL_LINKS = (*PARTNERS, "areas", "places", "themes", "goals", "policy_areas", "key_figures")
_OPTIONS = {"goals": (joinedload(Goal.plan),)}  # a goal is shown with its plan


def load_links(initiatives: Sequence[Initiative], names: Iterable[str] = ALL_LINKS) -> None:
    """Fill the named links of these initiatives as loaded: one query each; a link the session has loaded
    already (perhaps changed, not yet saved) is left as it is."""
    load_collections(initiatives, [getattr(Initiative, name) for name in names], _OPTIONS)


def with_partners(initiatives: list[Initiative]) -> list[Initiative]:
    """The initiatives with their partners loaded (what the permission rules ask about): one query each."""
    load_links(initiatives, PARTNERS)
    return initiatives
