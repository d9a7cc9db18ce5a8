"""Synthetic initiatives and log entries, for trying Tværs at volume and judging overlap review; deterministic
per seed.

Two modes. *realistic* (the default, realistic.py): administrations work on their own problems per area,
with planted cross-administration overlaps and a truth that names each initiative's problem and every
planted pair. *random*: themes, goals, partners and wording drawn at random, as volume without meaning.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from tracker.areas.models import Area
from tracker.core.errors import ValidationError
from tracker.extensions import db
from tracker.initiatives.models import (
    Initiative,
    KeyFigure,
    initiative_areas,
    initiative_goals,
    initiative_organisations,
    initiative_partner_administrations,
    initiative_places,
    initiative_policy_areas,
    initiative_themes,
)
from tracker.log.models import ENTRY_KINDS, CooperationEntry, entry_administrations, entry_areas
from tracker.seeding import bulk, log_entries, realistic
from tracker.seeding.log_entries import Target
from tracker.seeding.realistic import PAA_PREFIXES, Catalogue, default_planted
from tracker.seeding.reference import Reference

__all__ = ["MODES", "Reference", "Synthesis", "default_planted", "plan_initiatives", "synthesise"]

MODES = ("realistic", "random")

ACTIVITIES = (
    "Lektiecafé", "Jobcafé", "Mentorordning", "Iværksætterværksted", "Sundhedsdag", "Sprogcafé",
    "Forældrenetværk", "Bydelsmødre", "Motionshold", "Madskole", "Gadeplansindsats", "Belysningsprojekt",
    "Renoveringsdialog", "Ungeråd", "Fritidsjobformidling", "Gældsrådgivning", "Grøn gårdindsats",
    "Kulturværksted", "Sommeraktiviteter", "Praktikpladspartnerskab", "Tryghedsvandring", "Boligsocial rådgivning",
    "Byrumsforbedring", "Idrætsforening i gården", "Netværksforløb",
)
TARGETS = (
    "for unge", "for børnefamilier", "for ledige", "for ældre beboere", "for nyankomne", "for kvinder",
    "for drenge 12-17 år", "for beboere", "for skoleelever", "for socialt udsatte", "for småbørnsforældre",
)
SUMMARIES = (
    "Et samarbejde mellem forvaltningerne og de lokale aktører, der skal {goal}.",
    "Indsatsen bygger videre på erfaringer fra tidligere forløb og skal {goal}.",
    "Et forsøg over flere år, hvor vi vil {goal}.",
)
GOALS = (
    "styrke trygheden i gårdene", "få flere i job eller uddannelse", "give børn en bedre skolestart",
    "inddrage beboerne i byrummets udformning", "nå borgere, som ikke kommer af sig selv", "mindske ensomhed",
    "skabe flere fritidsjob", "forbedre sundheden blandt beboerne",
)
KEY_FIGURES = (("deltagere", "personer"), ("forløb gennemført", "forløb"), ("i job eller uddannelse", "personer"),
               ("arrangementer", "stk."), ("tilfredshed", "%"))
ENTRY_TEXTS = {
    "meeting": "Drøftelse af {title} med de deltagende forvaltninger.",
    "decision": "Det blev besluttet at videreføre {title} og dele udgifterne.",
    "joint_activity": "Fælles arrangement i forbindelse med {title}.",
    "result": "{title} nåede sine delmål for perioden.",
    "challenge": "{title} mangler midler til at reagere hurtigt på lokale behov.",
    "recommendation": "Det anbefales at koordinere {title} med den boligsociale helhedsplan.",
}
STATUS_WEIGHTS = {"planned": 1, "active": 4, "finished": 4, "stopped": 1}


def _title(rng: random.Random, area: Area) -> str:
    where = rng.choice([area, *area.places]).name
    preposition = "på" if where.startswith(PAA_PREFIXES) else "i"
    return f"{rng.choice(ACTIVITIES)} {rng.choice(TARGETS)} {preposition} {where}"


def _unique(title: str, taken: set[str]) -> str:
    number = 1
    candidate = f"{title} ({number})"
    while candidate in taken:
        number += 1
        candidate = f"{title} ({number})"
    taken.add(candidate)
    return candidate


def plan_initiatives(reference: Reference, count: int, rng: random.Random, taken: set[str]) -> list[dict]:
    """The rows of `count` initiatives with their links, as plain dicts (no database writes)."""
    planned = []
    leads = reference.administrations
    for i in range(count):
        lead = leads[i % len(leads)]  # every administration leads its share
        areas = rng.sample(reference.areas, k=rng.choice((1, 1, 1, 2)))
        places = [p for a in areas for p in a.places]
        start = date(rng.randint(2010, 2016), rng.randint(1, 12), 1)
        end = start + timedelta(days=365 * rng.randint(1, 4)) if rng.random() < 0.8 else None
        status = rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()))[0]
        others = [a for a in leads if a is not lead]
        goals = [g for a in areas for g in reference.goals_by_area.get(a.id, [])]
        planned.append({
            "row": {
                "title": _unique(_title(rng, areas[0]), taken),
                "summary": rng.choice(SUMMARIES).format(goal=rng.choice(GOALS)),
                "status": status, "start_date": start, "end_date": end,
                "lead_administration_id": lead.id,
            },
            "partners": [a.id for a in rng.sample(others, k=rng.randint(0, 3))],
            "organisations": [o.id for o in rng.sample(reference.organisations,
                                                       k=min(rng.randint(0, 2), len(reference.organisations)))],
            "areas": [a.id for a in areas],
            "places": [p.id for p in rng.sample(places, k=min(rng.randint(0, 2), len(places)))],
            "themes": [t.id for t in rng.sample(reference.themes, k=min(rng.randint(1, 3), len(reference.themes)))],
            "policy_areas": [p.id for p in rng.sample(reference.policy_areas, k=min(1, len(reference.policy_areas)))],
            "goals": rng.sample(goals, k=min(rng.randint(0, 1), len(goals))),
            "key_figures": [
                {"label": label, "unit": unit, "value": rng.randint(5, 400), "year": start.year + offset}
                for offset, (label, unit) in enumerate(rng.sample(KEY_FIGURES, k=rng.choice((0, 0, 1, 2))))
            ],
        })
    return planned


LINKS = (
    ("partners", initiative_partner_administrations, "administration_id"),
    ("organisations", initiative_organisations, "organisation_id"),
    ("areas", initiative_areas, "area_id"),
    ("places", initiative_places, "place_id"),
    ("themes", initiative_themes, "theme_id"),
    ("policy_areas", initiative_policy_areas, "policy_area_id"),
    ("goals", initiative_goals, "goal_id"),
)


def _insert_initiatives(planned: list[dict]) -> list[int]:
    # Straight through the driver (bulk.py): the ORM unit of work, or its bulk INSERT … RETURNING, would take
    # minutes to a quarter of an hour for tens of thousands of initiatives with their links.
    ids = bulk.allocate_ids(Initiative.__table__, len(planned))
    bulk.insert_rows(Initiative.__table__, [{"id": iid, **p["row"]} for iid, p in zip(ids, planned, strict=True)])
    for key, table, column in LINKS:
        bulk.insert_rows(table, [{"initiative_id": iid, column: ref}
                                 for iid, p in zip(ids, planned, strict=True) for ref in p[key]])
    bulk.insert_rows(KeyFigure.__table__, [{"initiative_id": iid, **kf}
                                           for iid, p in zip(ids, planned, strict=True) for kf in p["key_figures"]])
    return ids


def _insert_entries(planned: list[dict]) -> int:
    ids = bulk.allocate_ids(CooperationEntry.__table__, len(planned))
    bulk.insert_rows(CooperationEntry.__table__, [{"id": eid, **p["row"]} for eid, p in zip(ids, planned, strict=True)])
    for key, table, column in (("areas", entry_areas, "area_id"),
                               ("administrations", entry_administrations, "administration_id")):
        bulk.insert_rows(table, [{"entry_id": eid, column: ref} for eid, p in zip(ids, planned, strict=True)
                                 for ref in p[key]])
    return len(ids)


def _random_entries(reference: Reference, count: int, rng: random.Random, initiatives: list[tuple]) -> list[dict]:
    planned = []
    for _ in range(count):
        initiative_id, title, lead_id, area_ids = rng.choice(initiatives)
        kind = rng.choice(ENTRY_KINDS)
        body = rng.choice(reference.bodies) if reference.bodies and rng.random() < 0.5 else None
        planned.append({
            "row": {"date": date(rng.randint(2010, 2016), rng.randint(1, 12), rng.randint(1, 28)), "kind": kind,
                    "text": ENTRY_TEXTS[kind].format(title=title), "initiative_id": initiative_id,
                    "body_id": body.id if body else None},
            "areas": area_ids,
            "administrations": sorted({lead_id, *(a.id for a in rng.sample(reference.administrations, k=1))}),
        })
    return planned


@dataclass
class Synthesis:
    """What one run added; `truth` is what `flask synth --truth FILE` writes (see `synthesise`)."""

    initiatives: int
    entries: int
    planted: int
    truth: dict = field(default_factory=dict)


def synthesise(initiatives: int, entries: int = 0, seed: int = 0, *, planted: int | None = None,
               mode: str = "realistic", today: date | None = None) -> Synthesis:
    """Add synthetic initiatives and log entries; the same seed on the same data and day gives the same rows.

    `initiatives` counts everything added, planted twins included; `planted` defaults to one per twelve
    initiatives (none under 24); `entries` counts every log entry added, the joint entries of coordinated
    plants included. `today` decides which periods are past, current or planned (default: the real today).

    The truth: ``{"seed", "mode", "today", "initiatives": {"<id>": "<problem key>" (null in random mode)},
    "planted": [{"first_id", "second_id" (first < second), "coordinated", "how" ("partnership",
    "joint_entry" or null), "same_theme", "area" (slug), "problem"}]}``.
    """
    if initiatives < 0 or entries < 0 or (planted is not None and planted < 0):
        raise ValidationError("initiatives", _l("Antallet kan ikke være negativt."))
    if mode not in MODES:
        raise ValidationError("mode", _l("Ukendt tilstand: %(mode)s.", mode=mode))
    if mode == "random" and planted:
        raise ValidationError("planted", _l("Plantede overlap findes kun i den realistiske tilstand."))
    today = today or date.today()
    rng = random.Random(seed)
    reference = Reference.from_database()
    taken = set(db.session.scalars(select(Initiative.title)))
    if mode == "random":
        return _random_mode(reference, initiatives, entries, seed, rng, taken, today)
    return _realistic_mode(reference, initiatives, entries, seed, planted, rng, taken, today)


def _realistic_mode(reference: Reference, initiatives: int, entries: int, seed: int, planted: int | None,
                    rng: random.Random, taken: set[str], today: date) -> Synthesis:
    planted = default_planted(initiatives) if planted is None else planted
    if planted and 2 * planted > initiatives:
        raise ValidationError("planted", _l("Hvert plantet overlap kræver to indsatser: %(planted)s overlap kræver "
                                            "mindst %(needed)s indsatser.", planted=planted, needed=2 * planted))
    catalogue = Catalogue(reference)
    if initiatives and not catalogue.problems:
        raise ValidationError("seed", _l("Referencedata mangler katalogets temaer og forvaltninger. Kør først "
                                         "'flask --app tracker seed'."))
    planned = realistic.plan_background(catalogue, initiatives - planted, rng, taken, today)
    plants = realistic.plan_plants(catalogue, planned, planted, entries, rng, taken, today)
    if len(plants) < planted:
        raise ValidationError("planted", _l(
            "Der er ikke åbne indsatser nok at plante %(planted)s overlap ved; vælg færre plantede overlap "
            "eller flere indsatser.", planted=planted))
    planned = realistic.shuffle(planned, plants, rng)
    ids = _insert_initiatives(planned)
    joint = log_entries.plan_joint_entries(catalogue, planned, plants, ids, rng)
    twins = {plant.second for plant in plants}
    targets = [Target(iid, p["row"]["title"], p["row"]["lead_administration_id"], p["partners"], p["areas"],
                      p["row"]["start_date"], p["row"]["end_date"])
               for i, (iid, p) in enumerate(zip(ids, planned, strict=True)) if i not in twins]
    if not ids and entries:
        targets = _existing_targets()
        if not targets:
            raise ValidationError("entries", _l("Der er ingen indsatser at knytte logposter til."))
    logged = _insert_entries(joint + log_entries.plan_entries(catalogue, targets, entries - len(joint), rng, today))
    truth = {
        "seed": seed, "mode": "realistic", "today": today.isoformat(),
        "initiatives": {str(iid): p["problem"].key for iid, p in zip(ids, planned, strict=True)},
        "planted": [{"first_id": min(ids[x.first], ids[x.second]), "second_id": max(ids[x.first], ids[x.second]),
                     "coordinated": x.coordinated, "how": x.how, "same_theme": x.same_theme, "area": x.area,
                     "problem": x.problem} for x in plants],
    }
    return Synthesis(len(ids), logged, len(plants), truth)


def _random_mode(reference: Reference, initiatives: int, entries: int, seed: int, rng: random.Random,
                 taken: set[str], today: date) -> Synthesis:
    planned = plan_initiatives(reference, initiatives, rng, taken)
    ids = _insert_initiatives(planned)
    targets = [(iid, p["row"]["title"], p["row"]["lead_administration_id"], p["areas"])
               for iid, p in zip(ids, planned, strict=True)]
    if not targets and entries:
        targets = [(t.id, t.title, t.lead_id, t.area_ids) for t in _existing_targets()]
    if entries and not targets:
        raise ValidationError("entries", _l("Der er ingen indsatser at knytte logposter til."))
    logged = _insert_entries(_random_entries(reference, entries, rng, targets))
    truth = {"seed": seed, "mode": "random", "today": today.isoformat(),
             "initiatives": {str(iid): None for iid in ids}, "planted": []}
    return Synthesis(len(ids), logged, 0, truth)


def _existing_targets() -> list[Target]:
    rows = db.session.execute(select(Initiative.id, Initiative.title, Initiative.lead_administration_id,
                                     Initiative.start_date, Initiative.end_date).order_by(Initiative.id)).all()
    links: dict[str, dict[int, list[int]]] = {"areas": {}, "partners": {}}
    for key, table, column in (("areas", initiative_areas, "area_id"),
                               ("partners", initiative_partner_administrations, "administration_id")):
        for initiative_id, value in db.session.execute(select(table.c.initiative_id, table.c[column])
                                                       .order_by(table.c.initiative_id, table.c[column])):
            links[key].setdefault(initiative_id, []).append(value)
    return [Target(iid, title, lead, links["partners"].get(iid, []), links["areas"].get(iid, []), start, end)
            for iid, title, lead, start, end in rows]
