"""Realistic synthetic log entries: on background initiatives, by their own administrations, and the joint
entries that show a planted pair coordinated (realistic.py); plain dicts for synth.py's bulk insert."""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from tracker.log.models import ENTRY_KINDS
from tracker.seeding.realistic import FIRST_YEAR, Catalogue, Plant

ENTRY_TEXTS = {
    "meeting": ("Statusmøde om {title}: deltagertal, økonomi og næste halvår.",
                "De deltagende forvaltninger drøftede erfaringerne med {title}."),
    "decision": ("Det blev besluttet at videreføre {title} året ud.",
                 "Der blev aftalt en ny fordeling af udgifterne til {title}."),
    "joint_activity": ("Fælles arrangement for beboerne i forbindelse med {title}.",
                       "Medarbejderne bag {title} holdt åbent hus sammen med de lokale foreninger."),
    "result": ("{title} nåede sine delmål for perioden.",
               "Flere deltagere end ventet i {title}; evalueringen er positiv."),
    "challenge": ("{title} mangler midler til at reagere hurtigt på lokale behov.",
                  "Det er svært at nå de beboere, som {title} er tænkt for."),
    "recommendation": ("Det anbefales at koordinere {title} med den boligsociale helhedsplan.",
                       "Erfaringerne fra {title} bør bruges i de andre byområder."),
}
JOINT_KINDS = ("meeting", "joint_activity", "decision")
JOINT_TEXTS = (
    "{lead} og {other} aftalte at koordinere {title} med {other}s eget arbejde på samme sted.",
    "Fælles møde mellem {lead} og {other} om {title}: de to tilbud henviser nu til hinanden.",
)


@dataclass
class Target:
    """An initiative log entries can be about."""

    id: int
    title: str
    lead_id: int
    partner_ids: list[int]
    area_ids: list[int]
    start: date | None
    end: date | None


def plan_entries(cat: Catalogue, targets: list[Target], count: int, rng: random.Random, today: date) -> list[dict]:
    """`count` entries on the targets, each dated in its initiative's period (up to today) and involving its
    lead and some of its partners only."""
    if count == 0 or not targets:
        return []
    started = [t for t in targets if t.start is None or t.start <= today] or targets
    planned = []
    for _ in range(count):
        target = rng.choice(started)
        start = target.start or date(FIRST_YEAR, 1, 1)
        last = max(start, min(target.end or today, today))
        kind = rng.choice(ENTRY_KINDS)
        forum = cat.forum.get(target.area_ids[0]) if target.area_ids else None
        planned.append({
            "row": {"date": start + timedelta(days=rng.randint(0, (last - start).days)), "kind": kind,
                    "text": rng.choice(ENTRY_TEXTS[kind]).format(title=target.title),
                    "initiative_id": target.id,
                    "body_id": forum if kind in ("meeting", "decision") and rng.random() < 0.4 else None},
            "areas": target.area_ids,
            "administrations": sorted({target.lead_id, *(p for p in target.partner_ids if rng.random() < 0.6)}),
        })
    return planned


def plan_joint_entries(cat: Catalogue, planned: list[dict], plants: list[Plant], ids: list[int],
                       rng: random.Random) -> list[dict]:
    """The entry on each twin that shows both leads working together, for the plants coordinated that way."""
    entries = []
    for plant in plants:
        if plant.how != "joint_entry":
            continue
        x, y = planned[plant.first], planned[plant.second]
        lead, owner = y["row"]["lead_administration_id"], x["row"]["lead_administration_id"]
        kind = rng.choice(JOINT_KINDS)
        entries.append({
            "row": {"date": plant.entry_date, "kind": kind, "initiative_id": ids[plant.second],
                    "text": rng.choice(JOINT_TEXTS).format(lead=cat.code[lead], other=cat.code[owner],
                                                           title=y["row"]["title"]),
                    "body_id": cat.forum.get(y["areas"][0])},
            "areas": y["areas"],
            "administrations": sorted({lead, owner}),
        })
    return entries
