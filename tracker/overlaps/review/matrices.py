"""The overlap review's two matrices: area × administration and area × theme, aggregated in the database.

Both count active, not archived initiatives, and an initiative lies in an area directly or through one of
its places (``area_links``, the front page's rule). Each matrix runs a fixed number of GROUP BY queries,
however many initiatives there are, and is kept in memory until the data changes.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select

from tracker.core.changes import cached
from tracker.core.clock import today
from tracker.extensions import db
from tracker.initiatives.models import Initiative, initiative_partner_administrations, initiative_themes
from tracker.initiatives.queries import area_links, counts_as_active, involvement_links

# Three or more administrations with active work on one theme in one area: a potential overlap worth a look.
# Two was the first rule, but in the seed two administrations share nearly every theme somewhere, so a mark on
# half the cells said little; at three about one cell in five is marked.
OVERLAP_THRESHOLD = 3


def _active():
    return counts_as_active()


@dataclass
class AdministrationMatrix:
    """Active initiatives per (area id, administration id): led, and joined as partner."""

    lead: dict[tuple[int, int], int] = field(default_factory=dict)
    partner: dict[tuple[int, int], int] = field(default_factory=dict)

    def cell(self, area_id: int, administration_id: int) -> tuple[int, int]:
        key = (area_id, administration_id)
        return self.lead.get(key, 0), self.partner.get(key, 0)


@dataclass
class ThemeMatrix:
    """Distinct administrations (lead or partner) with active initiatives per (area id, theme id)."""

    administrations: dict[tuple[int, int], int] = field(default_factory=dict)

    def count(self, area_id: int, theme_id: int) -> int:
        return self.administrations.get((area_id, theme_id), 0)

    def is_potential_overlap(self, area_id: int, theme_id: int) -> bool:
        return self.count(area_id, theme_id) >= OVERLAP_THRESHOLD


def administration_matrix() -> AdministrationMatrix:
    """Two GROUP BY queries: initiatives led, and initiatives joined as partner, per area and administration;
    kept until the data changes (what counts as active depends on the date too)."""
    return cached(("overlaps.administration_matrix", today()), _administration_matrix)


def _administration_matrix() -> AdministrationMatrix:
    areas = area_links()
    lead = db.session.execute(
        select(areas.c.area_id, Initiative.lead_administration_id, func.count(func.distinct(Initiative.id)))
        .join(Initiative, Initiative.id == areas.c.initiative_id)
        .where(_active())
        .group_by(areas.c.area_id, Initiative.lead_administration_id)
    ).all()
    ipa = initiative_partner_administrations
    partner = db.session.execute(
        select(areas.c.area_id, ipa.c.administration_id, func.count(func.distinct(Initiative.id)))
        .join(Initiative, Initiative.id == areas.c.initiative_id)
        .join(ipa, ipa.c.initiative_id == Initiative.id)
        .where(_active())
        .group_by(areas.c.area_id, ipa.c.administration_id)
    ).all()
    return AdministrationMatrix(lead={(a, b): n for a, b, n in lead}, partner={(a, b): n for a, b, n in partner})


def theme_matrix() -> ThemeMatrix:
    """One GROUP BY query: distinct administrations taking part, per area and theme; kept until the data
    changes."""
    return cached(("overlaps.theme_matrix", today()), _theme_matrix)


def _theme_matrix() -> ThemeMatrix:
    areas, admins = area_links(), involvement_links()
    rows = db.session.execute(
        select(areas.c.area_id, initiative_themes.c.theme_id, func.count(func.distinct(admins.c.administration_id)))
        .join(Initiative, Initiative.id == areas.c.initiative_id)
        .join(admins, admins.c.initiative_id == Initiative.id)
        .join(initiative_themes, initiative_themes.c.initiative_id == Initiative.id)
        .where(_active())
        .group_by(areas.c.area_id, initiative_themes.c.theme_id)
    ).all()
    return ThemeMatrix(administrations={(a, t): n for a, t, n in rows})
