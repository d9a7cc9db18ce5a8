"""What the API shows of one initiative's links, read in one query instead of one per relationship."""
from __future__ import annotations

from sqlalchemy import Integer, String, cast, literal, null, select, union_all

from tracker.areas.models import Area, Goal, Place
from tracker.extensions import db
from tracker.initiatives.models import (
    PolicyArea,
    Theme,
    initiative_areas,
    initiative_goals,
    initiative_organisations,
    initiative_partner_administrations,
    initiative_places,
    initiative_policy_areas,
    initiative_themes,
)
from tracker.organisation.models import Administration, Organisation

# Each link: its table, its linked id column, the record it links to, what the API shows of that record (a
# code, a slug, a number or the id) and the relationship's order (tracker/initiatives/models.py).
_LINKS = (
    ("partner_administrations", initiative_partner_administrations.c.administration_id, Administration,
     Administration.code, (Administration.code, None)),
    ("partner_organisations", initiative_organisations.c.organisation_id, Organisation, Organisation.id,
     (Organisation.name, None)),
    ("areas", initiative_areas.c.area_id, Area, Area.slug, (Area.name, None)),
    ("places", initiative_places.c.place_id, Place, Place.id, (Place.name, None)),
    ("themes", initiative_themes.c.theme_id, Theme, Theme.slug, (Theme.name, None)),
    ("goals", initiative_goals.c.goal_id, Goal, Goal.id, (None, Goal.position)),
    ("policy_areas", initiative_policy_areas.c.policy_area_id, PolicyArea, PolicyArea.number,
     (None, PolicyArea.number)),
)


def initiative_links(initiative_id: int) -> dict[str, list]:
    """Each link's shown values (codes, slugs, numbers, ids) in the relationship's order, empty lists
    included: one UNION ALL over the link tables."""
    branches = []
    for name, column, model, shown, (text_order, number_order) in _LINKS:
        owner = column.table.c.initiative_id
        branches.append(
            select(literal(name).label("link"), cast(shown, String).label("shown"),
                   (text_order if text_order is not None else null()).label("text_order"),
                   cast(number_order if number_order is not None else null(), Integer).label("number_order"),
                   model.id.label("record_id"))
            .select_from(column.table).join(model, model.id == column).where(owner == initiative_id))
    linked = union_all(*branches).subquery()
    found: dict[str, list] = {name: [] for name, *_rest in _LINKS}
    for link, shown, _text, _number, _id in db.session.execute(
            select(linked).order_by(linked.c.link, linked.c.text_order, linked.c.number_order, linked.c.record_id)):
        found[link].append(shown)
    for name, _column, _model, shown, _order in _LINKS:
        if isinstance(shown.type, Integer):
            found[name] = [int(value) for value in found[name]]
    return found
