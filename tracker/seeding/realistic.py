"""Realistic synthetic initiatives: each administration works on its own problems per area, plus planted
cross-administration overlaps whose truth is known, so a ranking of overlap candidates can be judged.

Background: for every problem of the catalogue (problems.py) and area, initiatives led by the problem's
owner, so two background initiatives on the same problem never have different leads. Planted: an open
owner initiative X gets a twin Y led by another administration on the same problem, area and time,
worded differently and in about 40 % tagged only with the problem's related theme. About 30 % of the
plants are coordinated by overlap review's rules (tracker/overlaps/matching/evidence.py): Y has the owner as
partner, or a log entry on Y involves both within the overlap. For the rest, neither lead is partner on
the other's initiative and no entry joins them; a loose log entry already in the database that would
join them rules that pair out.

Everything here plans plain dicts (the rows of synth.py's bulk insert); nothing touches the database.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from tracker.overlaps.matching.records import OPEN_STATUSES
from tracker.seeding.problems import (
    AREA_HOUSING,
    AREA_LOCAL_COUNCIL,
    CLOSING_SENTENCES,
    LOCAL_COUNCIL_THEMES,
    PROBLEMS,
    THEME_GOAL_WORDS,
    THEME_ORGANISATIONS,
    THEME_POLICY_AREAS,
    Problem,
)
from tracker.seeding.reference import Reference

FIRST_YEAR, LAST_YEAR = 2010, 2027
PLANTED_EVERY = 12  # one planted overlap per this many initiatives by default
DIFFERENT_THEME_SHARE, COORDINATED_SHARE = 0.4, 0.3

KEY_FIGURES = (("deltagere", "personer"), ("forløb gennemført", "forløb"), ("i job eller uddannelse", "personer"),
               ("arrangementer", "stk."), ("tilfredshed", "%"))
# Danish says "på Nørrebro" but "i Tingbjerg"; these names take "på".
PAA_PREFIXES = ("Nørrebro", "Amager", "Bispebjerg", "Vesterbro", "Stærevej", "Sjælør", "Lundtoftegade",
                "Aldersrogade", "Indre Nørrebro")


@dataclass
class Plant:
    """One planted overlap: indices into the planned initiatives (X the owner's, Y the other lead's)."""

    first: int
    second: int
    coordinated: bool
    how: str | None  # partnership, joint_entry or None
    same_theme: bool
    area: str
    problem: str
    entry_date: date | None = None  # of the joint entry


def default_planted(initiatives: int) -> int:
    return max(1, round(initiatives / PLANTED_EVERY)) if initiatives >= 2 * PLANTED_EVERY else 0


class Catalogue:
    """The problems the reference data can carry, with the ids of what they point at."""

    def __init__(self, reference: Reference):
        self.reference = reference
        self.admin = {a.code: a.id for a in reference.administrations}
        self.code = {a.id: a.code for a in reference.administrations}
        self.theme = {t.slug: t.id for t in reference.themes}
        self.organisation = {o.name: o.id for o in reference.organisations}
        self.policy_area = {p.number: p.id for p in reference.policy_areas}
        self.problems = [p for p in PROBLEMS if p.theme in self.theme and p.owner in self.admin]
        self.forum = {b.area_id: b.id for b in reference.bodies if b.area_id is not None and b.place_id is None}
        self._goals: dict[tuple[str, int], int | None] = {}

    def others(self, problem: Problem) -> list[str]:
        return [c for c in problem.others if c in self.admin and c != problem.owner] \
            or [c for c in self.admin if c != problem.owner]

    def goal(self, problem: Problem, area) -> int | None:
        """The one goal of the area's plan that fits the problem's theme, if any (the same every time)."""
        key = (problem.key, area.id)
        if key not in self._goals:
            words = THEME_GOAL_WORDS.get(problem.theme, ())
            fitting = [g for g in self.reference.goals_by_area.get(area.id, [])
                       if any(w in self.reference.goal_titles[g].lower() for w in words)]
            self._goals[key] = fitting[0] if fitting else None
        return self._goals[key]


# --- one initiative ----------------------------------------------------------------------------------

def _period(rng: random.Random) -> tuple[date, date]:
    start = date(rng.randint(FIRST_YEAR, LAST_YEAR), rng.randint(1, 12), 1)
    return start, date(start.year + rng.randint(1, 4), start.month, 1) - timedelta(days=1)


def _status(start: date, end: date, today: date, rng: random.Random) -> str:
    if start > today:
        return "planned"
    if end >= today:
        return "active"
    draw = rng.random()
    return "active" if draw < 0.05 else "stopped" if draw < 0.13 else "finished"  # some are never closed


def _title(variant: str, where: str, start: date, end: date, taken: set[str]) -> str:
    preposition = "på" if where.startswith(PAA_PREFIXES) else "i"
    title = f"{variant} {preposition} {where}"
    if title in taken:
        years = str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
        title = f"{title} {years}"
        number = 1
        while title in taken:
            number += 1
            title = f"{title.rsplit(' (', 1)[0]} ({number})"
    taken.add(title)
    return title


def _initiative(cat: Catalogue, problem: Problem, area, rng: random.Random, taken: set[str], today: date, *,
                lead: str, period: tuple[date, date], place, wording: tuple[int, int], themes: list[str],
                partners: list[str], status: str) -> dict:
    start, end = period
    title_no, summary_no = wording
    summary = problem.summaries[summary_no]
    if rng.random() < 0.5:
        summary += " " + rng.choice(CLOSING_SENTENCES)
    goal = cat.goal(problem, area)
    policy = {THEME_POLICY_AREAS.get(t) for t in themes} - {None}
    figures = []
    if start <= today and rng.random() < 0.3:
        last = min(end.year, today.year)
        figures = [{"label": label, "unit": unit, "value": rng.randint(5, 400), "year": rng.randint(start.year, last)}
                   for label, unit in rng.sample(KEY_FIGURES, k=rng.choice((1, 1, 2)))]
    return {
        "row": {"title": _title(problem.titles[title_no], (place or area).name, start, end, taken),
                "summary": summary, "status": status, "start_date": start, "end_date": end,
                "lead_administration_id": cat.admin[lead]},
        "partners": sorted(cat.admin[c] for c in partners),
        "organisations": _organisations(cat, problem, area, place, rng),
        "areas": [area.id],
        "places": [place.id] if place else [],
        "themes": [cat.theme[t] for t in themes],
        "policy_areas": sorted(cat.policy_area[n] for n in policy if n in cat.policy_area),
        "goals": [goal] if goal is not None and rng.random() < 0.7 else [],
        "key_figures": figures,
        "problem": problem, "area": area, "place": place, "wording": wording,
    }


def _organisations(cat: Catalogue, problem: Problem, area, place, rng: random.Random) -> list[int]:
    names = set()
    housing = AREA_HOUSING.get(area.slug, ())
    if problem.housing and housing and rng.random() < 0.6:
        # An estate has one association: the same place gets the same one every time.
        names.add(housing[area.places.index(place) % len(housing)] if place else rng.choice(housing))
    if problem.theme in THEME_ORGANISATIONS and rng.random() < 0.25:
        names.add(rng.choice(THEME_ORGANISATIONS[problem.theme]))
    if problem.theme in LOCAL_COUNCIL_THEMES and area.slug in AREA_LOCAL_COUNCIL and rng.random() < 0.3:
        names.add(AREA_LOCAL_COUNCIL[area.slug])
    return sorted(cat.organisation[n] for n in names if n in cat.organisation)


def _background(cat: Catalogue, problem: Problem, area, rng: random.Random, taken: set[str], today: date) -> dict:
    start, end = _period(rng)
    place = rng.choice(area.places) if area.places and rng.random() < 0.65 else None
    themes = [problem.theme]
    if problem.related in cat.theme and rng.random() < 0.25:
        themes.append(problem.related)
    partners = []
    if rng.random() < 0.35:
        others = cat.others(problem)
        partners = rng.sample(others, k=min(len(others), rng.choice((1, 1, 1, 2))))
    return _initiative(cat, problem, area, rng, taken, today, lead=problem.owner, period=(start, end),
                       place=place, wording=(rng.randrange(len(problem.titles)), rng.randrange(len(problem.summaries))),
                       themes=themes, partners=partners, status=_status(start, end, today, rng))


def plan_background(cat: Catalogue, count: int, rng: random.Random, taken: set[str], today: date) -> list[dict]:
    """`count` initiatives spread evenly over problems × areas, each led by its problem's owner."""
    combos = [(p, a) for p in cat.problems for a in cat.reference.areas]
    if not combos:
        return []
    rng.shuffle(combos)
    base, extra = divmod(count, len(combos))
    return [_background(cat, p, a, rng, taken, today)
            for i, (p, a) in enumerate(combos) for _ in range(base + (i < extra))]


# --- planted overlaps --------------------------------------------------------------------------------

def _is_current(planned: dict, today: date) -> bool:
    """Open by its dates, not merely never closed: planned, or active and not past its end."""
    row = planned["row"]
    return row["status"] in OPEN_STATUSES and row["end_date"] >= today


def _twin_period(x: dict, rng: random.Random, today: date, started: bool) -> tuple[date, date]:
    """A period overlapping X's by two months or more that is itself current (it ends after today) and, if
    `started`, has begun (so that a log entry can show both at work in the overlap)."""
    x_start, x_end = x["row"]["start_date"], x["row"]["end_date"]
    low = date(x_start.year - 2, x_start.month, 1)
    months = max(1, (x_end.year - low.year) * 12 + x_end.month - low.month - 1)
    for _ in range(20):
        shift = rng.randrange(months)
        start = date(low.year + (low.month - 1 + shift) // 12, (low.month - 1 + shift) % 12 + 1, 1)
        end = date(start.year + rng.randint(1, 4), start.month, 1) - timedelta(days=1)
        if end >= today and end >= x_start + timedelta(days=60) and start <= x_end - timedelta(days=60) \
                and (start <= today or not started):
            return start, end
    start = today.replace(day=1) if started else max(x_start, today.replace(day=1))
    return start, date(start.year + 2, start.month, 1) - timedelta(days=1)


def _joins(cat: Catalogue, x: dict, other: str) -> bool:
    """Whether a loose log entry already in the database shows X's lead and `other` together in X's time."""
    pair = {x["row"]["lead_administration_id"], cat.admin[other]}
    start, end = x["row"]["start_date"], x["row"]["end_date"]
    return any(pair <= e.administration_ids and x["areas"][0] in e.area_ids and start <= e.date <= end
               for e in cat.reference.loose_entries)


def plan_plants(cat: Catalogue, planned: list[dict], count: int, joint_budget: int, rng: random.Random,
                taken: set[str], today: date) -> list[Plant]:
    """Add up to `count` planted twins to `planned` (appended) and say which pairs they make."""
    if count == 0:
        return []
    current = [i for i, p in enumerate(planned) if _is_current(p, today)]
    if len(current) < count:  # few initiatives: bring some forward, so that every plant has one to go beside
        others = sorted(set(range(len(planned))) - set(current))
        for i in rng.sample(others, k=min(len(others), count - len(current))):
            _bring_forward(planned[i], rng, taken, today)
            current.append(i)
    rng.shuffle(current)
    # Beside an initiative with only its main theme, a twin with only the related theme shares no theme.
    single = [i for i in current if len(planned[i]["themes"]) == 1 and planned[i]["problem"].related in cat.theme]
    started = {i for i in current if planned[i]["row"]["start_date"] <= today}
    different = round(count * DIFFERENT_THEME_SHARE)
    flags = [n < round(count * COORDINATED_SHARE) for n in range(count)]
    rng.shuffle(flags)
    used: set[int] = set()
    plants: list[Plant] = []
    coordinated_so_far = 0
    for n, is_coordinated in enumerate(flags):
        pool = [*single, *current] if n < different else current
        # Every other coordinated plant by a joint entry, which needs the overlap to have begun.
        choice = None
        wants_entry = is_coordinated and joint_budget > 0 and coordinated_so_far % 2 == 0
        coordinated_so_far += is_coordinated
        if wants_entry:
            choice = _beside(cat, planned, (i for i in pool if i in started), used, is_coordinated)
            wants_entry = choice is not None
        choice = choice or _beside(cat, planned, pool, used, is_coordinated)
        if choice is None:
            break  # no open initiative left to plant beside
        x_index, leads = choice
        used.add(x_index)
        plant = _twin(cat, planned[x_index], x_index, rng.choice(leads), n < different, is_coordinated,
                      wants_entry, rng, taken, today, planned)
        joint_budget -= plant.how == "joint_entry"
        plants.append(plant)
    _keep_plant_leads_out(planned, plants)
    return plants


def _bring_forward(initiative: dict, rng: random.Random, taken: set[str], today: date) -> None:
    """Make a background initiative current: begun in the last three years, ending after today."""
    row = initiative["row"]
    start = min(date(today.year - rng.randint(0, 2), rng.randint(1, 12), 1), today.replace(day=1))
    years = max(rng.randint(1, 4), today.year - start.year + 1)
    end = date(start.year + years, start.month, 1) - timedelta(days=1)
    taken.discard(row["title"])
    title_no = initiative["wording"][0]
    row.update(start_date=start, end_date=end, status="active",
               title=_title(initiative["problem"].titles[title_no], (initiative["place"] or initiative["area"]).name,
                            start, end, taken))
    initiative["key_figures"] = [f for f in initiative["key_figures"] if start.year <= f["year"] <= today.year]


def _beside(cat: Catalogue, planned: list[dict], pool, used: set[int], coordinated: bool):
    """The first unused initiative of the pool with a possible other lead, and those leads."""
    for x_index in pool:
        if x_index in used:
            continue
        leads = cat.others(planned[x_index]["problem"])
        if not coordinated:
            leads = [c for c in leads if not _joins(cat, planned[x_index], c)]
        if leads:
            return x_index, leads
    return None


def _twin(cat: Catalogue, x: dict, x_index: int, lead: str, different_theme: bool, coordinated: bool,
          entry_allowed: bool, rng: random.Random, taken: set[str], today: date, planned: list[dict]) -> Plant:
    problem, area = x["problem"], x["area"]
    start, end = _twin_period(x, rng, today, started=entry_allowed)
    overlap = (max(start, x["row"]["start_date"]), min(end, x["row"]["end_date"]))
    how = None
    if coordinated:
        how = "joint_entry" if entry_allowed and overlap[0] <= today else "partnership"
    place = x["place"] if x["place"] and rng.random() < 0.7 else \
        (rng.choice(area.places) if area.places and rng.random() < 0.5 else None)
    title_no, summary_no = x["wording"]
    wording = (rng.choice([i for i in range(len(problem.titles)) if i != title_no] or [title_no]),
               rng.choice([i for i in range(len(problem.summaries)) if i != summary_no] or [summary_no]))
    themes = [problem.related] if different_theme and problem.related in cat.theme else [problem.theme]
    owner_id = x["row"]["lead_administration_id"]
    owner = cat.code[owner_id]
    third = [c for c in cat.others(problem) if c not in (lead, owner)]
    partners = [rng.choice(third)] if third and rng.random() < 0.25 else []
    if how == "partnership":
        partners.append(owner)
    y = _initiative(cat, problem, area, rng, taken, today, lead=lead, period=(start, end), place=place,
                    wording=wording, themes=themes, partners=partners,
                    status="planned" if start > today else "active")
    planned.append(y)
    entry_date = None
    if how == "joint_entry":
        last = min(overlap[1], today)
        entry_date = overlap[0] + timedelta(days=rng.randint(0, (last - overlap[0]).days))
    return Plant(x_index, len(planned) - 1, coordinated, how, bool(set(x["themes"]) & set(y["themes"])),
                 area.slug, problem.key, entry_date)


def _keep_plant_leads_out(planned: list[dict], plants: list[Plant]) -> None:
    """No background initiative on a plant's problem and area has the plant's other lead as partner, so
    background partnerships never coordinate a plant by accident."""
    twins = {plant.second for plant in plants}
    leads_by_combo: dict[tuple[str, int], set[int]] = {}
    for plant in plants:
        y = planned[plant.second]
        leads_by_combo.setdefault((plant.problem, y["areas"][0]), set()).add(y["row"]["lead_administration_id"])
    for i, p in enumerate(planned):
        leads = leads_by_combo.get((p["problem"].key, p["areas"][0]))
        if leads and i not in twins:
            p["partners"] = [a for a in p["partners"] if a not in leads]


def shuffle(planned: list[dict], plants: list[Plant], rng: random.Random) -> list[dict]:
    """The initiatives in random order, so that the twins are not simply the last ids; plants follow."""
    order = list(range(len(planned)))
    rng.shuffle(order)
    position = {old: new for new, old in enumerate(order)}
    for plant in plants:
        plant.first, plant.second = position[plant.first], position[plant.second]
    return [planned[i] for i in order]
