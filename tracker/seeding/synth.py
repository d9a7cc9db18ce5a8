"""Synthetic but realistic initiatives and log entries, for trying Tværs at volume; deterministic per seed."""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import insert, select
from sqlalchemy.orm import selectinload

from tracker.areas.models import Area, Udviklingsplan
from tracker.bodies.models import Body
from tracker.core.errors import ValidationError
from tracker.extensions import db
from tracker.initiatives.models import (
    ENTRY_KINDS,
    CooperationEntry,
    Initiative,
    KeyFigure,
    PolicyArea,
    Theme,
    entry_administrations,
    entry_areas,
    initiative_areas,
    initiative_goals,
    initiative_organisations,
    initiative_partner_administrations,
    initiative_places,
    initiative_policy_areas,
    initiative_themes,
)
from tracker.organisation.models import Administration, Organisation

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


@dataclass
class Reference:
    """The reference data synthetic rows point at, loaded in a handful of queries."""

    administrations: list[Administration]
    areas: list[Area]
    organisations: list[Organisation]
    themes: list[Theme]
    policy_areas: list[PolicyArea]
    bodies: list[Body]
    goals_by_area: dict[int, list[int]] = field(default_factory=dict)

    @classmethod
    def from_database(cls) -> Reference:
        administrations = list(db.session.scalars(select(Administration).order_by(Administration.code)))
        areas = list(db.session.scalars(select(Area).options(selectinload(Area.places)).order_by(Area.slug)))
        if not administrations or not areas:
            raise ValidationError("seed", _l("Referencedata mangler. Kør først 'flask --app tracker seed'."))
        reference = cls(
            administrations, areas,
            list(db.session.scalars(select(Organisation).order_by(Organisation.name))),
            list(db.session.scalars(select(Theme).order_by(Theme.slug))),
            list(db.session.scalars(select(PolicyArea).order_by(PolicyArea.number))),
            list(db.session.scalars(select(Body).order_by(Body.name))),
        )
        for plan in db.session.scalars(select(Udviklingsplan).options(selectinload(Udviklingsplan.goals))):
            reference.goals_by_area.setdefault(plan.area_id, []).extend(sorted(g.id for g in plan.goals))
        return reference


# Danish says "på Nørrebro" but "i Tingbjerg"; these names take "på".
PAA_PREFIXES = ("Nørrebro", "Amager", "Bispebjerg", "Vesterbro", "Stærevej", "Sjælør", "Lundtoftegade",
                "Aldersrogade", "Indre Nørrebro")


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
    if not planned:
        return []
    # Bulk inserts: the ORM unit of work would take minutes for thousands of initiatives with links.
    ids = list(db.session.scalars(
        insert(Initiative).returning(Initiative.id, sort_by_parameter_order=True), [p["row"] for p in planned]
    ))
    for key, table, column in LINKS:
        rows = [{"initiative_id": iid, column: ref} for iid, p in zip(ids, planned, strict=True) for ref in p[key]]
        if rows:
            db.session.execute(insert(table), rows)
    figures = [{"initiative_id": iid, **kf} for iid, p in zip(ids, planned, strict=True) for kf in p["key_figures"]]
    if figures:
        db.session.execute(insert(KeyFigure), figures)
    return ids


def _insert_entries(reference: Reference, count: int, rng: random.Random, initiatives: list[tuple]) -> int:
    if count == 0:
        return 0
    if not initiatives:
        raise ValidationError("entries", _l("Der er ingen indsatser at knytte logposter til."))
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
    ids = list(db.session.scalars(
        insert(CooperationEntry).returning(CooperationEntry.id, sort_by_parameter_order=True),
        [p["row"] for p in planned],
    ))
    for key, table, column in (("areas", entry_areas, "area_id"),
                               ("administrations", entry_administrations, "administration_id")):
        rows = [{"entry_id": eid, column: ref} for eid, p in zip(ids, planned, strict=True) for ref in p[key]]
        if rows:
            db.session.execute(insert(table), rows)
    return len(ids)


def synthesise(initiatives: int, entries: int = 0, seed: int = 0) -> tuple[int, int]:
    """Add synthetic initiatives and log entries; the same seed on the same data gives the same rows."""
    if initiatives < 0 or entries < 0:
        raise ValidationError("initiatives", _l("Antallet kan ikke være negativt."))
    rng = random.Random(seed)
    reference = Reference.from_database()
    taken = set(db.session.scalars(select(Initiative.title)))
    planned = plan_initiatives(reference, initiatives, rng, taken)
    ids = _insert_initiatives(planned)
    targets = [(iid, p["row"]["title"], p["row"]["lead_administration_id"], p["areas"])
               for iid, p in zip(ids, planned, strict=True)]
    if not targets and entries:
        targets = _existing_initiatives()
    made = _insert_entries(reference, entries, rng, targets)
    return len(ids), made


def _existing_initiatives() -> list[tuple]:
    rows = db.session.execute(select(Initiative.id, Initiative.title, Initiative.lead_administration_id)
                              .order_by(Initiative.id)).all()
    areas: dict[int, list[int]] = {}
    for initiative_id, area_id in db.session.execute(select(initiative_areas).order_by(*initiative_areas.c)):
        areas.setdefault(initiative_id, []).append(area_id)
    return [(iid, title, lead, areas.get(iid, [])) for iid, title, lead in rows]
