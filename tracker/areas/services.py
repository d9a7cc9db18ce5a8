"""Rules and writes for areas, places, development plans (udviklingsplaner) and their goals."""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from tracker.areas.models import PLACE_KINDS, PLAN_STATUSES, Area, Goal, Place, Udviklingsplan
from tracker.core.errors import ValidationError
from tracker.core.lookup import Lookup
from tracker.core.models import utcnow
from tracker.core.validation import check_choice, check_year, clean_text
from tracker.extensions import db

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class GoalInput:
    title: str
    description: str = ""


def area_lookup() -> Lookup[Area]:
    """Every area by name, slug and each alias, from one query."""
    lookup: Lookup[Area] = Lookup("område", "area")
    for area in db.session.scalars(select(Area)):
        lookup.add(area, area.name, area.slug, *(area.aliases or []))
    return lookup


def place_lookup() -> Lookup[Place]:
    lookup: Lookup[Place] = Lookup("sted", "place")
    for place in db.session.scalars(select(Place)):
        lookup.add(place, place.name)
    return lookup


def plan_lookup() -> Lookup[Udviklingsplan]:
    lookup: Lookup[Udviklingsplan] = Lookup("udviklingsplan", "plan")
    for plan in db.session.scalars(select(Udviklingsplan)):
        lookup.add(plan, plan.title)
    return lookup


def upsert_area(name: str, slug: str, aliases: Iterable[str] = (), bydel: str = "",
                description: str = "") -> Area:
    """Create the area with this slug, or update it; an alias may not be another area's name."""
    name = clean_text("name", name, 100, required=True)
    slug = clean_text("slug", slug, 100, required=True)
    if not SLUG_PATTERN.match(slug):
        raise ValidationError("slug", _l("Ugyldig slug '%(slug)s': brug små bogstaver a-z, tal og bindestreg.",
                                         slug=slug))
    clean_aliases = []
    for alias in aliases:
        alias = clean_text("aliases", alias, 100, required=True)
        if alias.casefold() != name.casefold() and alias not in clean_aliases:
            clean_aliases.append(alias)
    area = db.session.scalar(select(Area).where(Area.slug == slug))
    for other in db.session.scalars(select(Area).where(Area.slug != slug)):
        taken = {other.name.casefold(), *(a.casefold() for a in other.aliases or [])}
        clash = next((a for a in [name, *clean_aliases] if a.casefold() in taken), None)
        if clash:
            raise ValidationError("aliases", _l("Navnet '%(name)s' bruges allerede af området '%(area)s'.",
                                                 name=clash, area=other.name))
    if area is None:
        area = Area(slug=slug)
        db.session.add(area)
    area.name = name
    area.aliases = clean_aliases
    area.bydel = clean_text("bydel", bydel, 100)
    area.description = clean_text("description", description, 5000)
    db.session.flush()
    return area


def upsert_place(name: str, kind: str = "neighbourhood", area: Area | None = None) -> Place:
    """Create the place with this name or update it; a place outside the six areas has no area."""
    name = clean_text("name", name, 100, required=True)
    check_choice("kind", kind, PLACE_KINDS)
    place = db.session.scalar(select(Place).where(Place.name == name))
    if place is None:
        place = Place(name=name)
        db.session.add(place)
    place.kind = kind
    place.area = area
    db.session.flush()
    return place


def upsert_plan(area: Area, title: str, status: str, year_adopted: int | None = None,
                period_start: int | None = None, period_end: int | None = None, summary: str = "",
                goals: Sequence[GoalInput] = ()) -> Udviklingsplan:
    """Create or update the development plan with this title, with these goals first.

    Goals are matched by title, so initiatives linked to a goal that stays keep their link.
    """
    fields = _plan_fields(title, status, year_adopted, period_start, period_end, summary)
    wanted = [GoalInput(clean_text("goals", g.title, 200, required=True), clean_text("goals", g.description, 5000))
              for g in goals]
    seen: set[str] = set()
    for goal in wanted:
        if goal.title.casefold() in seen:
            raise ValidationError("goals", _l("Målet '%(title)s' står der to gange.", title=goal.title))
        seen.add(goal.title.casefold())

    plan = db.session.scalar(select(Udviklingsplan).where(Udviklingsplan.title == fields["title"]))
    if plan is None:
        plan = Udviklingsplan(title=fields["title"])
        db.session.add(plan)
    plan.area = area
    for key, value in fields.items():
        setattr(plan, key, value)
    _replace_goals(plan, wanted)
    db.session.flush()
    return plan


def create_plan(area: Area | None, title: str, status: str, year_adopted: int | None = None,
                period_start: int | None = None, period_end: int | None = None,
                summary: str = "") -> Udviklingsplan:
    """A new development plan of an area, without goals yet; its title is unique."""
    _check_plan_area(area)
    fields = _plan_fields(title, status, year_adopted, period_start, period_end, summary)
    _check_plan_title_free(fields["title"], None)
    plan = Udviklingsplan(area=area, **fields)
    db.session.add(plan)
    db.session.flush()
    return plan


def update_plan(plan: Udviklingsplan, area: Area | None, title: str, status: str, year_adopted: int | None = None,
                period_start: int | None = None, period_end: int | None = None,
                summary: str = "") -> Udviklingsplan:
    """Change a plan's own fields; its goals are changed one by one (add_goal, update_goal, move_goal)."""
    _check_plan_area(area)
    fields = _plan_fields(title, status, year_adopted, period_start, period_end, summary)
    _check_plan_title_free(fields["title"], plan)
    plan.area = area
    for key, value in fields.items():
        setattr(plan, key, value)
    db.session.flush()
    return plan


def archive_plan(plan: Udviklingsplan) -> None:
    plan.archived_at = plan.archived_at or utcnow()
    db.session.flush()


def restore_plan(plan: Udviklingsplan) -> None:
    plan.archived_at = None
    db.session.flush()


def _plan_fields(title: str, status: str, year_adopted: int | None, period_start: int | None,
                 period_end: int | None, summary: str) -> dict:
    title = clean_text("title", title, 200, required=True)
    check_choice("status", status, PLAN_STATUSES)
    check_year("year_adopted", year_adopted)
    check_year("period_start", period_start)
    check_year("period_end", period_end)
    if period_start is not None and period_end is not None and period_end < period_start:
        raise ValidationError("period_end", _l("Perioden kan ikke slutte før den begynder."))
    if status != "in_preparation" and year_adopted is None:
        raise ValidationError("year_adopted", _l("En vedtaget udviklingsplan skal have et vedtagelsesår."))
    return {"title": title, "status": status, "year_adopted": year_adopted, "period_start": period_start,
            "period_end": period_end, "summary": clean_text("summary", summary, 5000)}


def _check_plan_area(area: Area | None) -> None:
    if area is None:
        raise ValidationError("area", _l("Vælg det område, planen gælder."))


def _check_plan_title_free(title: str, plan: Udviklingsplan | None) -> None:
    stmt = select(Udviklingsplan).where(func.lower(Udviklingsplan.title) == title.lower())
    if plan is not None:
        stmt = stmt.where(Udviklingsplan.id != plan.id)
    if db.session.scalar(stmt) is not None:
        raise ValidationError("title", _l("Der findes allerede en udviklingsplan med titlen '%(title)s'.", title=title))


def add_goal(plan: Udviklingsplan, title: str, description: str = "") -> Goal:
    """A new goal, placed after the plan's other goals."""
    title, description = _goal_fields(plan, None, title, description)
    goal = Goal(title=title, description=description,
                position=max((g.position for g in plan.goals), default=0) + 1)
    plan.goals.append(goal)
    db.session.flush()
    return goal


def update_goal(goal: Goal, title: str, description: str = "") -> Goal:
    goal.title, goal.description = _goal_fields(goal.plan, goal, title, description)
    db.session.flush()
    return goal


def _goal_fields(plan: Udviklingsplan, goal: Goal | None, title: str, description: str) -> tuple[str, str]:
    """A goal's title is unique within its plan, archived goals included (they can be restored)."""
    title = clean_text("title", title, 200, required=True)
    description = clean_text("description", description, 5000)
    clash = next((g for g in plan.goals if g is not goal and g.title.casefold() == title.casefold()), None)
    if clash is not None:
        if clash.is_archived:
            raise ValidationError("title", _l(
                "Planen har allerede målet '%(title)s' (arkiveret – genskab det i stedet).", title=clash.title))
        raise ValidationError("title", _l("Planen har allerede målet '%(title)s'.", title=clash.title))
    return title, description


def move_goal(goal: Goal, direction: str) -> None:
    """Move a goal one place up or down among the plan's current (not archived) goals."""
    check_choice("direction", direction, ("up", "down"))
    current = [g for g in sorted(goal.plan.goals, key=lambda g: (g.position, g.id or 0)) if not g.is_archived]
    if goal not in current:
        raise ValidationError("direction", _l("Et arkiveret mål kan ikke flyttes."))
    index = current.index(goal)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(current):
        current[index], current[other] = current[other], current[index]
    archived = [g for g in goal.plan.goals if g.is_archived]
    for position, item in enumerate([*current, *archived], start=1):
        if item.position != position:
            item.position = position
    db.session.flush()


def archive_goal(goal: Goal) -> None:
    goal.archived_at = goal.archived_at or utcnow()
    db.session.flush()


def restore_goal(goal: Goal) -> None:
    goal.archived_at = None
    db.session.flush()


def _replace_goals(plan: Udviklingsplan, wanted: Sequence[GoalInput]) -> None:
    """The wanted goals first, in their order; goals the file does not name (added by an admin, say) are
    kept after them: loading a file adds and updates, it never deletes."""
    existing = {goal.title.casefold(): goal for goal in plan.goals}
    kept: list[Goal] = []
    for position, item in enumerate(wanted, start=1):
        goal = existing.pop(item.title.casefold(), None) or Goal(title=item.title)
        goal.title, goal.description, goal.position = item.title, item.description, position
        kept.append(goal)
    for position, goal in enumerate(sorted(existing.values(), key=lambda g: g.position), start=len(kept) + 1):
        if goal.position != position:
            goal.position = position
        kept.append(goal)
    plan.goals = kept
