"""Section 3, "Eventuelt samarbejde på tværs i kommunen", drafted from the administration's tracked cooperation.

It says what the 2013 answers say, with this administration's own facts, in order of importance: its place in
the two-level structure (Tværkommunalt Team, Den Tværkommunale Styregruppe) and the meetings it attended; the
boligsociale fora it sits in; the area-renewal steering groups; its joint initiatives, broadest and best
documented first, with whom, where and what came of them; the challenges and recommendations of the period.
Work the administration runs alone is not cooperation across the municipality and is left out.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from tracker.reports.drafting import phrasing
from tracker.reports.drafting.fitting import Line
from tracker.reports.drafting.selection import (
    body_source,
    entries_of,
    entry_line,
    entry_source,
    initiative_source,
    is_joint,
    is_planned,
    meeting_sources,
    name,
    partner_names,
    ranked_joint,
    results_in_period,
    where,
)

STRUCTURE_KINDS = ("tvaerkommunalt_team", "tvaerkommunal_styregruppe")
LEVELS = {"staff": "medarbejderniveau", "leader": "lederniveau", "chief": "chefniveau"}
LEVEL_PEOPLE = {"staff": "medarbejdere", "leader": "ledere", "chief": "chefer"}
# How the meetings sentence refers to a body of each kind ("teamets fire møder").
BODY_GENITIVES = {"tvaerkommunalt_team": "teamets", "tvaerkommunal_styregruppe": "styregruppens"}

# Importance, lower first: the structure and the meetings attended there, the fora and renewals, the three
# broadest joint initiatives each with its latest result, the meetings in the fora and renewals, challenges and
# recommendations, then the rest of the joint initiatives.
STRUCTURE, FORA, RENEWALS, OTHER_BODIES, STRUCTURE_MEETINGS = 0, 1, 1, 2, 3
# Each group's numbers have room for any amount of material before the next group's.
TOP_INITIATIVES, LOCAL_MEETINGS, ENTRIES, MORE_INITIATIVES = 10, 50, 1_000_000, 2_000_000
TOP = 3

P_STRUCTURE, P_FORA, P_RENEWALS, P_INITIATIVES, P_ENTRIES = range(5)


def draft_lines(facts: dict) -> tuple[list[Line], list]:
    """The candidate sentences of section 3 and the writer's notes."""
    bodies = list(facts["bodies"])
    lines = [
        *_structure(facts, [b for b in bodies if b["kind"] in STRUCTURE_KINDS]),
        *_fora(facts, [b for b in bodies if b["kind"] == "boligsocialt_forum"]),
        *_renewals(facts, [b for b in bodies if b["kind"] == "omraadefornyelse_styregruppe"]),
        *_other_bodies(facts, [b for b in bodies if b["kind"] not in (
            *STRUCTURE_KINDS, "boligsocialt_forum", "omraadefornyelse_styregruppe")]),
    ]
    joint = ranked_joint(facts)
    for rank, initiative in enumerate(joint):
        lines.extend(_initiative(facts, initiative, rank))
    lines.extend(_entries(facts))
    if not lines:
        return _nothing_tracked(facts), [_l(
            "Der er ikke registreret samarbejdsorganer, fælles indsatser, udfordringer eller anbefalinger for "
            "forvaltningen i perioden. Tjek registreringerne, eller skriv selv om forvaltningens samarbejde.")]
    return lines, _notes(facts, bodies, joint)


def _nothing_tracked(facts: dict) -> list[Line]:
    when = phrasing.period(facts["period"]["start"], facts["period"]["end"])
    return [Line(
        f"{name(facts)} har {when} ikke registreret deltagelse i de tværkommunale samarbejdsorganer eller "
        "fælles indsatser med andre forvaltninger eller eksterne partnere.",
        paragraph=P_STRUCTURE)]


def _notes(facts: dict, bodies: list[dict], joint: list[dict]) -> list:
    notes = []
    if not bodies:
        notes.append(_l("Forvaltningen har ingen pladser i samarbejdsorganerne i perioden. Tjek det, eller "
                        "skriv selv, hvordan forvaltningen deltager i samarbejdet."))
    if not joint:
        notes.append(_l("Der er ikke registreret fælles indsatser med andre forvaltninger eller eksterne "
                        "partnere. Indsatser, som forvaltningen står alene for, hører ikke til i dette afsnit."))
    elif not any(results_in_period(facts, i) for i in joint):
        notes.append(_l("Der er ikke registreret resultater af de fælles indsatser i perioden, så udkastet "
                        "siger ikke, hvad der er kommet ud af dem."))
    return notes


def _all_administrations(facts: dict, bodies: list[dict]) -> bool:
    total = facts["totals"]["administrations"]
    return bool(bodies) and all(len(b["member_administrations"]) >= total for b in bodies)


def _structure(facts: dict, bodies: list[dict]) -> list[Line]:
    if not bodies:
        return []
    named = [f"{b['name']} på {LEVELS.get(b['level'], 'tværs af niveauerne')}" for b in bodies]
    everyone = (f", hvor alle {phrasing.number(facts['totals']['administrations'])} forvaltninger er "
                "repræsenteret" if _all_administrations(facts, bodies) else "")
    if len(bodies) > 1:
        text = (f"{name(facts)} indgår i den tværkommunale samarbejdsstruktur på {phrasing.number(len(bodies))} "
                f"niveauer: {phrasing.join(named)}{everyone}.")
    else:
        text = f"{name(facts)} indgår i den tværkommunale samarbejdsstruktur i {named[0]}{everyone}."
    lines = [Line(text, tuple(body_source(b) for b in bodies), STRUCTURE, P_STRUCTURE, key="structure")]
    attended = _attendance([(BODY_GENITIVES.get(b["kind"], phrasing.genitive(b["name"])), b) for b in bodies])
    if attended:
        when = phrasing.period(facts["period"]["start"], facts["period"]["end"])
        lines.append(Line(f"{when.capitalize()} deltog forvaltningen {attended}.",
                          _meeting_sources(bodies), STRUCTURE_MEETINGS, P_STRUCTURE, requires="structure"))
    return lines


def _attendance(bodies: list[tuple[str, dict]]) -> str:
    """"i alle teamets fire møder og i tre af styregruppens fire møder"; bodies without meetings are skipped."""
    return phrasing.join([
        f"i {_share(b['meetings_attended'], b['meetings_held'], genitive)}" if b["meetings_attended"]
        else f"ikke i {genitive} møder"
        for genitive, b in bodies if b["meetings_held"]])


def _share(attended: int, held: int, whose: str = "") -> str:
    """Of at least one meeting attended: "alle teamets fire møder", "tre af de fire møder", "det ene møde"."""
    whose = f"{whose} " if whose else ""
    if held == 1:
        return f"{whose or 'det '}ene møde"
    meetings = f"{phrasing.number(held, neuter=True)} møder"
    if attended == held:
        return f"begge {whose}møder" if held == 2 else f"alle {whose}{meetings}"
    return f"{phrasing.number(attended, neuter=True)} af {whose or 'de '}{meetings}"


def _meeting_sources(bodies: list[dict]) -> tuple:
    return tuple(source for body in bodies for source in meeting_sources(body))


def _place_of(body: dict) -> str:
    return body["area"] or body["place"] or body["name"]


def _partners_in(bodies: list[dict]) -> list[str]:
    """"boligorganisationerne" and "lokaludvalgene" (or "lokaludvalget"): the kinds of outside member."""
    kinds: dict[str, set[str]] = {}
    for body in bodies:
        for member in body["member_organisations"]:
            kinds.setdefault(member["kind"], set()).add(member["name"])
    nouns = {"housing_association": ("boligorganisationen", "boligorganisationerne"),
             "local_council": ("lokaludvalget", "lokaludvalgene"),
             "police": ("politiet", "politiet")}
    named = []
    for kind in ("housing_association", "local_council", "police"):
        if kind in kinds:
            one, several = nouns[kind]
            named.append(several if len(kinds[kind]) > 1 else one)
    if any(kind not in nouns for kind in kinds):
        named.append("andre lokale partnere")
    return named


def _level_people(bodies: list[dict]) -> str:
    levels = sorted({b["level"] for b in bodies})
    return LEVEL_PEOPLE.get(levels[0], "repræsentanter") if len(levels) == 1 else "repræsentanter"


def _fora(facts: dict, fora: list[dict]) -> list[Line]:
    if not fora:
        return []
    places = phrasing.join([_place_of(b) for b in fora])
    administrations = max(len(b["member_administrations"]) for b in fora)
    total = facts["totals"]["administrations"]
    count = f"alle {phrasing.number(total)}" if administrations >= total else phrasing.number(administrations)
    people = f"{_level_people(fora)} fra {count} forvaltninger"
    partners = _partners_in(fora)
    meet = f"{people} mødes med {phrasing.join(partners)}" if partners else f"{people} mødes"
    which = f"de boligsociale fora for {places}" if len(fora) > 1 else f"det boligsociale forum for {places}"
    text = f"Forvaltningen sidder også i {which}, hvor {meet} om det praksisnære samarbejde i området."
    lines = [Line(text, tuple(body_source(b) for b in fora), FORA, P_FORA, key="fora")]
    lines.extend(_meetings_together(fora, "fora", P_FORA))
    return lines


def _meetings_together(bodies: list[dict], key: str, paragraph: int) -> list[Line]:
    held = sum(b["meetings_held"] for b in bodies)
    attended = sum(b["meetings_attended"] for b in bodies)
    if not held:
        return []
    if attended == 0:
        text = "Forvaltningen deltog ikke i møderne i perioden."
    else:
        text = f"I perioden deltog forvaltningen i {_share(attended, held)}."
    return [Line(text, _meeting_sources(bodies), LOCAL_MEETINGS, paragraph, requires=key)]


def _renewals(facts: dict, renewals: list[dict]) -> list[Line]:
    if not renewals:
        return []
    named = []
    for body in renewals:
        span = phrasing.years(body["start_date"], body["end_date"])
        named.append(f"{body['name']} ({span})" if span else body["name"])
    administrations = max(len(b["member_administrations"]) for b in renewals)
    people = f"{_level_people(renewals)} fra {phrasing.number(administrations)} forvaltninger"
    # Seats that represent neither an administration nor an organisation are the residents' and local
    # associations' seats of a renewal's steering group.
    local = ["lokale repræsentanter"] if any(b["other_seats"] for b in renewals) else []
    outside = [*_partners_in(renewals), *local]
    meet = f"{phrasing.join(outside)} mødes med {people}" if outside else f"{people} mødes"
    text = f"Forvaltningen sidder desuden i {phrasing.join(named)}, hvor {meet} om fornyelsen."
    lines = [Line(text, tuple(body_source(b) for b in renewals), RENEWALS, P_RENEWALS, key="renewals")]
    lines.extend(_meetings_together(renewals, "renewals", P_RENEWALS))
    return lines


def _other_bodies(facts: dict, bodies: list[dict]) -> list[Line]:
    if not bodies:
        return []
    text = f"Forvaltningen er også med i {phrasing.join([b['name'] for b in bodies])}."
    return [Line(text, tuple(body_source(b) for b in bodies), OTHER_BODIES, P_RENEWALS)]


def _initiative(facts: dict, initiative: dict, rank: int) -> list[Line]:
    base = TOP_INITIATIVES if rank < TOP else MORE_INITIATIVES
    priority = base + 2 * rank
    key = f"initiative-{initiative['id']}"
    partners = phrasing.with_whom(partner_names(facts, initiative), initiative["outside_partners"])
    together = f" sammen med {partners}" if partners else ""
    span = phrasing.years(initiative["start_date"], initiative["end_date"])
    span = f" ({span})" if span else ""
    title = f'"{initiative["title"]}"'
    planned = "planlagte indsats " if is_planned(facts, initiative) else ""
    place = where(facts, initiative)
    place = f" {place}" if place else ""
    verb = _verb(initiative, bool(planned), also=rank > 0)
    if initiative["role"] == "lead":
        whose = "den " if planned else ""
    else:
        whose = f"{phrasing.genitive(initiative['lead']['name'])} "
    text = f"Forvaltningen {verb} {whose}{planned}{title}{span}{together}{place}."
    lines = [Line(text, (initiative_source(initiative),), priority, P_INITIATIVES, key=key)]
    results = results_in_period(facts, initiative)
    if results:
        latest = results[-1]
        lines.append(Line(phrasing.sentence(latest["text"]),
                          (initiative_source(initiative), entry_source(latest)), priority + 1, P_INITIATIVES,
                          requires=key))
    return lines


# What the administration does in an initiative, by status: (leads, joins), each with "også" after the first.
_VERBS = {
    "active": (("står for", "står også for"), ("deltager i", "deltager også i")),
    "finished": (("har stået for", "har også stået for"), ("har deltaget i", "har også deltaget i")),
    "stopped": (("stod for", "stod også for"), ("deltog i", "deltog også i")),
}


def _verb(initiative: dict, planned: bool, also: bool) -> str:
    status = "active" if planned else initiative["status"]
    leads, joins = _VERBS.get(status, _VERBS["active"])
    return (leads if initiative["role"] == "lead" else joins)[also]


def _entries(facts: dict) -> list[Line]:
    """Challenges and recommendations of the period, unless they belong to work the administration runs alone."""
    alone = {i["id"] for i in facts["initiatives"] if not is_joint(i)}
    lines = []
    chosen = [e for e in entries_of(facts, "challenge", "recommendation") if e["initiative_id"] not in alone]
    for position, entry in enumerate(chosen):
        text, sources = entry_line(facts, entry)
        lines.append(Line(text, sources, ENTRIES + position, P_ENTRIES))
    return lines
