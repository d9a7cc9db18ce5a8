"""The initiative form's long checkbox lists under headings: organisations by kind, goals by development
plan, and each area with its places. The page shows a group as one block that a filter keeps or hides whole."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


@dataclass
class ChoiceGroup:
    """A heading with its checkboxes; `head` is a checkbox of its own that heads the group (an area above
    its places), else None and the heading is plain text."""

    heading: str
    options: list = field(default_factory=list)
    head: object | None = None


def kind_groups(options: Iterable, kind_of: Mapping[int, str]) -> list[ChoiceGroup]:
    """The checkboxes under the heading `kind_of` gives each record id, in the order they come."""
    groups: dict[str, ChoiceGroup] = {}
    for option in options:
        heading = kind_of.get(option.data, "")
        groups.setdefault(heading, ChoiceGroup(heading)).options.append(option)
    return list(groups.values())


def goal_groups(options: Iterable, goals: Iterable) -> list[ChoiceGroup]:
    """Goals under the title of their development plan."""
    return kind_groups(options, {goal.id: goal.plan.title for goal in goals})


def where_groups(area_options: Iterable, place_options: Iterable, places: Iterable,
                 outside: str) -> list[ChoiceGroup]:
    """Each area's checkbox heading its places' checkboxes; the places outside the six areas under `outside`."""
    area_options = list(area_options)
    shown = {option.data for option in area_options}
    area_of = {place.id: place.area_id for place in places}
    by_area: dict[int | None, list] = {}
    for option in place_options:
        area_id = area_of.get(option.data)
        by_area.setdefault(area_id if area_id in shown else None, []).append(option)
    groups = [ChoiceGroup(option.label.text, by_area.get(option.data, []), head=option) for option in area_options]
    if by_area.get(None):
        groups.append(ChoiceGroup(outside, by_area[None]))
    return groups
