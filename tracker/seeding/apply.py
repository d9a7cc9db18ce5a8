"""Applying validated seed sections through the domain services, resolving names from cached lookups."""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.areas.models import Area, Goal, Place, Udviklingsplan
from tracker.areas.services import (
    GoalInput,
    area_lookup,
    place_lookup,
    plan_lookup,
    upsert_area,
    upsert_place,
    upsert_plan,
)
from tracker.bodies.models import Body, Meeting
from tracker.bodies.services import (
    body_lookup,
    meeting_of,
    upsert_body,
    upsert_meeting,
    upsert_membership,
)
from tracker.core.errors import ValidationError
from tracker.core.lookup import Lookup
from tracker.extensions import db
from tracker.initiatives.models import Initiative, PolicyArea, Theme
from tracker.initiatives.services import (
    InitiativeInput,
    KeyFigureInput,
    initiative_by_title,
    policy_area_lookup,
    save_initiative,
    theme_lookup,
    upsert_policy_area,
    upsert_theme,
)
from tracker.log.entry_services import save_entry
from tracker.organisation.models import Administration, Organisation
from tracker.organisation.services import (
    administration_lookup,
    organisation_lookup,
    upsert_administration,
    upsert_organisation,
)
from tracker.seeding import schema


@dataclass
class SeedContext:
    """Every name a seed file may refer to, loaded once, kept current as entries are applied."""

    administrations: Lookup[Administration]
    organisations: Lookup[Organisation]
    areas: Lookup[Area]
    places: Lookup[Place]
    plans: Lookup[Udviklingsplan]
    themes: Lookup[Theme]
    policy_areas: Lookup[PolicyArea]
    bodies: Lookup[Body]
    counts: Counter
    # Held only so the session's identity map (which references weakly) keeps them loaded.
    preloaded: list

    @classmethod
    def from_database(cls, initiative_titles: Iterable[str] = ()) -> SeedContext:
        preloaded = _preload(list(initiative_titles))
        return cls(administration_lookup(), organisation_lookup(), area_lookup(), place_lookup(),
                   plan_lookup(), theme_lookup(), policy_area_lookup(), body_lookup(), Counter(), preloaded)


def _preload(initiative_titles: list[str]) -> list:
    """Load the collections a reload will replace in a few queries, instead of one lazy load per row.

    The services' own lookups then find these objects in the session with their collections loaded.
    """
    objects: list = []
    objects += db.session.scalars(select(Udviklingsplan).options(selectinload(Udviklingsplan.goals))).all()
    objects += db.session.scalars(select(Body).options(
        selectinload(Body.memberships),
        selectinload(Body.meetings).selectinload(Meeting.administrations),
        selectinload(Body.meetings).selectinload(Meeting.organisations),
    )).all()
    if initiative_titles:
        objects += db.session.scalars(select(Initiative).where(Initiative.title.in_(initiative_titles)).options(
            *(selectinload(getattr(Initiative, name)) for name in INITIATIVE_COLLECTIONS)
        )).all()
    return objects


INITIATIVE_COLLECTIONS = ("partner_administrations", "partner_organisations", "areas", "places", "themes",
                          "goals", "policy_areas", "key_figures")


def _nested(prefix: str, index: int, apply: Callable[[], object]) -> object:
    """Run `apply`, naming a failing field by its place in a nested list (`memberships[2].role`)."""
    try:
        return apply()
    except ValidationError as error:
        raise ValidationError(f"{prefix}[{index}].{error.field}", error.message) from error


def apply_administration(ctx: SeedContext, e: schema.AdministrationEntry) -> None:
    administration = upsert_administration(e.code, e.name, e.committee)
    ctx.administrations.add(administration, administration.code, administration.name)


def apply_policy_area(ctx: SeedContext, e: schema.PolicyAreaEntry) -> None:
    policy_area = upsert_policy_area(e.number, e.name, e.name_en)
    ctx.policy_areas.add(policy_area, policy_area.number, policy_area.name)


def apply_theme(ctx: SeedContext, e: schema.ThemeEntry) -> None:
    theme = upsert_theme(e.slug, e.name, e.name_en)
    ctx.themes.add(theme, theme.slug, theme.name, theme.name_en)


def apply_area(ctx: SeedContext, e: schema.AreaEntry) -> None:
    area = upsert_area(e.name, e.slug, e.aliases, e.bydel, e.description)
    ctx.areas.add(area, area.name, area.slug, *area.aliases)


def apply_place(ctx: SeedContext, e: schema.PlaceEntry) -> None:
    place = upsert_place(e.name, e.kind, ctx.areas.optional(e.area, "area"))
    ctx.places.add(place, place.name)


def apply_organisation(ctx: SeedContext, e: schema.OrganisationEntry) -> None:
    organisation = upsert_organisation(e.name, e.kind, e.description)
    ctx.organisations.add(organisation, organisation.name)


def apply_plan(ctx: SeedContext, e: schema.PlanEntry) -> None:
    plan = upsert_plan(ctx.areas.get(e.area, "area"), e.title, e.status, e.year_adopted, e.period_start,
                       e.period_end, e.summary, [GoalInput(g.title, g.description) for g in e.goals])
    ctx.plans.add(plan, plan.title)


def apply_body(ctx: SeedContext, e: schema.BodyEntry) -> None:
    body = upsert_body(e.name, e.kind, e.level, e.description, ctx.areas.optional(e.area, "area"),
                       ctx.places.optional(e.place, "place"), e.start_date, e.end_date)
    ctx.bodies.add(body, body.name)
    for i, m in enumerate(e.memberships):
        _nested("memberships", i, lambda m=m: upsert_membership(
            body, m.role, ctx.administrations.optional(m.administration, "administration"),
            ctx.organisations.optional(m.organisation, "organisation"),
            start_date=m.start_date, end_date=m.end_date))
    for i, m in enumerate(e.meetings):
        _nested("meetings", i, lambda m=m: upsert_meeting(
            body, m.date, m.summary, ctx.administrations.many(m.administrations, "administrations"),
            ctx.organisations.many(m.organisations, "organisations")))
    ctx.counts["memberships"] += len(e.memberships)
    ctx.counts["meetings"] += len(e.meetings)


def _goals(ctx: SeedContext, titles: list[str], areas: list[Area]) -> list[Goal]:
    """Goals are named by title and looked for in the development plans of the initiative's areas."""
    if not titles:
        return []
    candidates: dict[str, list[Goal]] = {}
    for plan in ctx.plans.values():
        if plan.area in areas:
            for goal in plan.goals:
                candidates.setdefault(goal.title.casefold(), []).append(goal)
    goals = []
    for title in titles:
        found = candidates.get(title.strip().casefold(), [])
        if not found:
            raise ValidationError("goals", _l("Ukendt mål '%(title)s' i udviklingsplanerne for indsatsens områder",
                                              title=title))
        if len(found) > 1:
            raise ValidationError("goals", _l("Målet '%(title)s' findes i flere udviklingsplaner; det er tvetydigt",
                                              title=title))
        goals.append(found[0])
    return goals


def apply_initiative(ctx: SeedContext, e: schema.InitiativeEntry) -> None:
    areas = ctx.areas.many(e.areas, "areas")
    places = ctx.places.many(e.places, "places")
    covered = list(dict.fromkeys([*areas, *(p.area for p in places if p.area is not None)]))
    save_initiative(InitiativeInput(
        title=e.title,
        lead_administration=ctx.administrations.get(e.lead_administration, "lead_administration"),
        status=e.status,
        summary=e.summary,
        start_date=e.start_date,
        end_date=e.end_date,
        partner_administrations=ctx.administrations.many(e.partner_administrations, "partner_administrations"),
        partner_organisations=ctx.organisations.many(e.partner_organisations, "partner_organisations"),
        areas=areas,
        places=places,
        themes=ctx.themes.many(e.themes, "themes"),
        goals=_goals(ctx, e.goals, covered),
        policy_areas=ctx.policy_areas.many(e.policy_areas, "policy_areas"),
        key_figures=[KeyFigureInput(k.label, k.value, k.year, k.unit) for k in e.key_figures],
    ))
    ctx.counts["key_figures"] += len(e.key_figures)


def apply_entry(ctx: SeedContext, e: schema.CooperationEntryEntry) -> None:
    body = ctx.bodies.optional(e.body, "body")
    meeting = None
    if e.meeting is not None:
        if body is None:
            raise ValidationError("meeting", _l("Et møde angives sammen med det samarbejdsorgan, der holdt det."))
        meeting = meeting_of(body, e.meeting)
    initiative = None
    if e.initiative is not None:
        # Initiatives are not cached: the seed refers to few of them, and the synthetic data may be many.
        initiative = _initiative(e.initiative)
    save_entry(e.date, e.kind, e.text, initiative=initiative, body=body, meeting=meeting,
               areas=ctx.areas.many(e.areas, "areas"),
               administrations=ctx.administrations.many(e.administrations, "administrations"))


def _initiative(title: str) -> Initiative:
    initiative = initiative_by_title(title)
    if initiative is None:
        raise ValidationError("initiative", _l("Ukendt indsats '%(title)s'", title=title))
    return initiative


APPLIERS: dict[str, Callable] = {
    "administrations": apply_administration,
    "policy_areas": apply_policy_area,
    "themes": apply_theme,
    "areas": apply_area,
    "places": apply_place,
    "organisations": apply_organisation,
    "plans": apply_plan,
    "bodies": apply_body,
    "initiatives": apply_initiative,
    "entries": apply_entry,
}
