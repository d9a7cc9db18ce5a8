"""Section 3, "Eventuelt samarbejde på tværs i kommunen", drafted from what the administration did with the others.

The 2013 answers say three things about the structure: the two levels (Tværkommunalt Team, Den Tværkommunale
Styregruppe), the boligsociale fora and the area-renewal steering groups. Here they take one sentence each, with
this administration's own seats, and the room goes to the work: its joint initiatives, broadest and best
documented first, with whom, where and what came of them, and the decisions, joint activities and results logged
with it among those involved, on its own initiatives, on others' and in its bodies. Then the meetings it
attended, the challenges and recommendations. Whatever does not fit is listed as left out, with its record.

Every number or property said of several records holds for each of them (fora that seat different numbers of
administrations are told apart), and a body or seat that starts after the period is said as coming ("fra 2014").
Work the administration runs alone, and what is logged only about it, is not cooperation across the
municipality and is left out.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from tracker.reports.drafting import phrasing
from tracker.reports.drafting.fitting import Line
from tracker.reports.drafting.selection import (
    body_source,
    closed_in_period,
    entries_of,
    entry_line,
    entry_source,
    initiative_source,
    is_joint,
    is_planned,
    meeting_sources,
    name,
    open_at_period_end,
    owner_name,
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
# What counts as work done together, beside the results: quoted with the record as source.
WORK_KINDS = ("decision", "joint_activity")

# Importance, lower first: the structure, the fora and the renewals (one sentence each); then, taking turns, the
# broadest joint initiatives (each with its latest result) and the logged decisions and joint activities,
# newest first; the other results; the meetings attended; challenges and recommendations; the rest.
STRUCTURE, FORA, RENEWALS, OTHER_BODIES = 0, 1, 2, 3
WORK, WORK_STEP = 10, 20  # initiative n at WORK + n * WORK_STEP, entry n half a step after it
MORE_RESULTS, MEETINGS, ENTRIES, MORE_INITIATIVES = 100_000, 200_000, 1_000_000, 2_000_000
TOP = 3

P_STRUCTURE, P_INITIATIVES, P_WORK, P_ENTRIES = range(4)


def draft_lines(facts: dict) -> tuple[list[Line], list]:
    """The candidate sentences of section 3 and the writer's notes."""
    bodies = list(facts["bodies"])
    lines = [
        *_structure(facts, [b for b in bodies if b["kind"] in STRUCTURE_KINDS]),
        *_fora(facts, [b for b in bodies if b["kind"] == "boligsocialt_forum"]),
        *_renewals(facts, [b for b in bodies if b["kind"] == "omraadefornyelse_styregruppe"]),
        *_other_bodies(facts, [b for b in bodies if b["kind"] not in (
            *STRUCTURE_KINDS, "boligsocialt_forum", "omraadefornyelse_styregruppe")]),
        *_attendance_lines(facts, bodies),
    ]
    joint = ranked_joint(facts)
    for rank, initiative in enumerate(joint):
        lines.extend(_initiative(facts, initiative, rank))
    lines.extend(_work(facts, {i["id"] for i in joint}))
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


# --- time ---------------------------------------------------------------------------------------------------


def starts_after(facts: dict, record: dict) -> bool:
    """A body, seat or initiative that begins after the period: said as coming, never as current."""
    start = record.get("seat_start") or record.get("start_date")
    if record.get("start_date") and start and record["start_date"] > start:
        start = record["start_date"]
    return bool(start and start > facts["period"]["end"])


def coming_year(record: dict) -> str:
    starts = [d for d in (record.get("start_date"), record.get("seat_start")) if d]
    return max(starts)[:4]


def _current_and_coming(facts: dict, bodies: list[dict]) -> tuple[list[dict], list[dict]]:
    return ([b for b in bodies if not starts_after(facts, b)], [b for b in bodies if starts_after(facts, b)])


def _named(body: dict) -> str:
    span = phrasing.years(body["start_date"], body["end_date"])
    return f"{body['name']} ({span})" if span else body["name"]


def _coming(bodies: list[dict]) -> str:
    """"fra 2014 i Områdefornyelse Indre Nørrebros styregruppe", by year."""
    by_year: dict[str, list[str]] = {}
    for body in bodies:
        # "fra 2014 i …": the year says when; the body's own span would only repeat it.
        by_year.setdefault(coming_year(body), []).append(body["name"])
    return phrasing.join([f"fra {year} i {phrasing.join(names)}" for year, names in sorted(by_year.items())])


# --- the structure, the fora, the renewals ------------------------------------------------------------------


def _everyone(facts: dict, bodies: list[dict]) -> bool:
    total = facts["totals"]["administrations"]
    return bool(bodies) and all(len(b["member_administrations"]) >= total for b in bodies)


def _structure(facts: dict, bodies: list[dict]) -> list[Line]:
    current, coming = _current_and_coming(facts, bodies)
    if not current:
        return _only_coming(facts, coming, STRUCTURE)
    named = [f"{b['name']} på {LEVELS.get(b['level'], 'tværs af niveauerne')}" for b in current]
    everyone = (f", hvor alle {phrasing.number(facts['totals']['administrations'])} forvaltninger er "
                "repræsenteret" if _everyone(facts, current) else "")
    later = f", og {_coming(coming)}" if coming else ""
    if len(current) > 1:
        text = (f"{name(facts)} indgår i den tværkommunale samarbejdsstruktur på "
                f"{phrasing.number(len(current))} niveauer: {phrasing.join(named)}{everyone}{later}.")
    else:
        text = f"{name(facts)} indgår i den tværkommunale samarbejdsstruktur i {named[0]}{everyone}{later}."
    return [Line(text, tuple(body_source(b) for b in bodies), STRUCTURE, P_STRUCTURE, key="structure")]


def _and_in(clauses: list[str]) -> str:
    """Clauses that each end in a relative clause: "a, hvor …, og i b, hvor …"."""
    return ", og i ".join(clauses)


def _only_coming(facts: dict, coming: list[dict], priority: int) -> list[Line]:
    if not coming:
        return []
    text = f"{name(facts)} indgår {_coming(coming)}."
    return [Line(text, tuple(body_source(b) for b in coming), priority, P_STRUCTURE)]


def _place_of(body: dict) -> str:
    return body["area"] or body["place"] or body["name"]


# Outside members by kind: (one of them in the body, several in the body, one in each of several bodies).
_MEMBER_NOUNS = {"housing_association": ("boligorganisationen", "boligorganisationerne", "områdets boligorganisation"),
                 "local_council": ("lokaludvalget", "lokaludvalgene", "områdets lokaludvalg"),
                 "police": ("politiet", "politiet", "politiet")}


def _members(body: dict) -> tuple:
    """The kinds of outside member of one body, each with whether it has one or several: what is said of the
    body, and what bodies must share to be said together."""
    counts: dict[str, int] = {}
    for member in body["member_organisations"]:
        counts[member["kind"]] = counts.get(member["kind"], 0) + 1
    known = tuple((kind, counts[kind] > 1) for kind in _MEMBER_NOUNS if kind in counts)
    others = any(kind not in _MEMBER_NOUNS for kind in counts)
    return (*known, ("other", True)) if others else known


def _members_phrase(members: tuple, bodies: int) -> list[str]:
    named = []
    for kind, several in members:
        if kind == "other":
            named.append("andre lokale partnere")
            continue
        one, many, each = _MEMBER_NOUNS[kind]
        named.append(many if several else (one if bodies == 1 else each))
    return named


def _administrations_phrase(facts: dict, body: dict) -> str:
    count = len(body["member_administrations"])
    total = facts["totals"]["administrations"]
    people = LEVEL_PEOPLE.get(body["level"], "repræsentanter")
    if count == 1:
        return f"{people} fra én forvaltning"
    return f"{people} fra {'alle ' if count >= total else ''}{phrasing.number(count)} forvaltninger"


def _groups(facts: dict, bodies: list[dict], describe) -> list[tuple[list[dict], object]]:
    """Bodies that the same description is true of, in the order of their first member."""
    groups: dict[object, list[dict]] = {}
    for body in bodies:
        groups.setdefault(describe(body), []).append(body)
    return [(members, description) for description, members in groups.items()]


def _forum_places(facts: dict, fora: list[dict]) -> str:
    areas = [b["area"] for b in fora if b["area"]]
    if len(fora) > 1 and len(areas) == len(fora) and set(areas) == set(facts["areas"]):
        return f"i alle {phrasing.number(len(areas))} udsatte byområder"
    return f"for {phrasing.join([_place_of(b) for b in fora])}"


def _fora(facts: dict, fora: list[dict]) -> list[Line]:
    current, coming = _current_and_coming(facts, fora)
    clauses = []
    for group, (people, members) in _groups(
            facts, current, lambda b: (_administrations_phrase(facts, b), _members(b))):
        which = "de boligsociale fora" if len(group) > 1 else "det boligsociale forum"
        partners = _members_phrase(members, len(group))
        meet = f"{people} mødes med {phrasing.join(partners)}" if partners else f"{people} mødes"
        clauses.append(f"{which} {_forum_places(facts, group)}, hvor {meet}")
    if not clauses:
        return _only_coming(facts, coming, FORA)
    later = f", og {_coming(coming)}" if coming else ""
    text = f"Forvaltningen sidder også i {_and_in(clauses)}{later} om det praksisnære samarbejde."
    return [Line(text, tuple(body_source(b) for b in fora), FORA, P_STRUCTURE, key="fora")]


def _renewal_phrase(facts: dict, body: dict) -> str:
    # Seats that represent neither an administration nor an organisation are the residents' and local
    # associations' seats of a renewal's steering group.
    outside = [*_members_phrase(_members(body), 1), *(["lokale repræsentanter"] if body["other_seats"] else [])]
    people = _administrations_phrase(facts, body)
    return f"{phrasing.join(outside)} mødes med {people}" if outside else f"{people} mødes"


def _renewals(facts: dict, renewals: list[dict]) -> list[Line]:
    current, coming = _current_and_coming(facts, renewals)
    if not current:
        return _only_coming(facts, coming, RENEWALS)
    clauses = [f"{phrasing.join([_named(b) for b in group])}, hvor {phrase}"
               for group, phrase in _groups(facts, current, lambda b: _renewal_phrase(facts, b))]
    later = f", og {_coming(coming)}" if coming else ""
    text = f"Forvaltningen sidder desuden i {_and_in(clauses)}{later}."
    return [Line(text, tuple(body_source(b) for b in renewals), RENEWALS, P_STRUCTURE, key="renewals")]


def _other_bodies(facts: dict, bodies: list[dict]) -> list[Line]:
    current, coming = _current_and_coming(facts, bodies)
    if not current:
        return _only_coming(facts, coming, OTHER_BODIES)
    later = f", og {_coming(coming)}" if coming else ""
    text = f"Forvaltningen er også med i {phrasing.join([b['name'] for b in current])}{later}."
    return [Line(text, tuple(body_source(b) for b in bodies), OTHER_BODIES, P_STRUCTURE)]


# --- meetings attended --------------------------------------------------------------------------------------


def _attendance_lines(facts: dict, bodies: list[dict]) -> list[Line]:
    """"I 2012-2013 deltog forvaltningen i alle teamets fire møder og i tre af styregruppens fire møder."""
    structure = [b for b in bodies if b["kind"] in STRUCTURE_KINDS and b["meetings_held"]]
    if not structure:
        return []
    attended = phrasing.join([
        f"i {_share(b['meetings_attended'], b['meetings_held'], BODY_GENITIVES.get(b['kind'], '') or None, b)}"
        if b["meetings_attended"] else f"ikke i {_whose(b)} møder"
        for b in structure])
    when = phrasing.period(facts["period"]["start"], facts["period"]["end"])
    sources = tuple(source for body in structure for source in (body_source(body), *meeting_sources(body)))
    return [Line(f"{when.capitalize()} deltog forvaltningen {attended}.", sources, MEETINGS, P_STRUCTURE,
                 requires="structure")]


def _whose(body: dict) -> str:
    return BODY_GENITIVES.get(body["kind"]) or phrasing.genitive(body["name"])


def _share(attended: int, held: int, genitive: str | None, body: dict) -> str:
    """Of at least one meeting attended: "alle teamets fire møder", "tre af styregruppens fire møder"."""
    whose = f"{genitive or phrasing.genitive(body['name'])} "
    if held == 1:
        return f"{whose}ene møde"
    meetings = f"{phrasing.number(held, neuter=True)} møder"
    if attended == held:
        return f"begge {whose}møder" if held == 2 else f"alle {whose}{meetings}"
    return f"{phrasing.number(attended, neuter=True)} af {whose}{meetings}"


# --- joint initiatives --------------------------------------------------------------------------------------


def _initiative(facts: dict, initiative: dict, rank: int) -> list[Line]:
    priority = WORK + WORK_STEP * rank if rank < TOP else MORE_INITIATIVES + 2 * rank
    key = f"initiative-{initiative['id']}"
    partners = phrasing.with_whom(partner_names(facts, initiative), initiative["outside_partners"])
    together = f" sammen med {partners}" if partners else ""
    span = phrasing.years(initiative["start_date"], initiative["end_date"])
    span = f" ({span})" if span else ""
    planned = "planlagte indsats " if is_planned(facts, initiative) else ""
    place = where(facts, initiative)
    place = f" {place}" if place else ""
    verb = _verb(initiative, bool(planned), also=rank > 0)
    if initiative["role"] == "lead":
        whose = "den " if planned else ""
    else:
        whose = f"{phrasing.genitive(initiative['lead']['name'])} "
    text = f"Forvaltningen {verb} {whose}{planned}{phrasing.quoted(initiative['title'])}{span}{together}{place}."
    source = initiative_source(initiative)
    lines = [Line(text, (source,), priority, P_INITIATIVES, key=key)]
    # Every result of the period is offered: the latest right after its initiative, the others later on.
    results = list(reversed(results_in_period(facts, initiative)))
    for position, result in enumerate(results):
        after = priority + 1 if position == 0 else MORE_RESULTS + 100 * rank + position
        lines.append(Line(phrasing.sentence(result["text"]), (source, entry_source(result)), after,
                          P_INITIATIVES, requires=key))
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


# --- decisions, joint activities and results from the log ---------------------------------------------------


def is_cooperation(facts: dict, entry: dict) -> bool:
    """Logged work the administration did with others: raised in one of its bodies, about a joint initiative,
    or with another administration named. What is logged only about its own solo work is not."""
    bodies = {b["id"] for b in facts["bodies"]}
    joint = {i["id"] for i in facts["initiatives"] if is_joint(i)}
    own = facts["administration"]["code"]
    return (entry["body_id"] in bodies or entry["initiative_id"] in joint
            or any(code != own for code in entry["administrations"]))


def others_on(facts: dict, entry: dict) -> list[str]:
    """The other administrations named on an entry, by name; counted when there are many."""
    own = facts["administration"]["code"]
    names = {a["code"]: a["name"] for a in facts["administrations"]}
    others = [names[code] for code in entry["administrations"] if code != own and code in names]
    if len(others) > phrasing.NAMED_PER_KIND:
        every = len(others) == facts["totals"]["administrations"] - 1
        return [f"{'alle ' if every else ''}{phrasing.number(len(others))} andre forvaltninger"]
    return others


def _where_logged(facts: dict, entry: dict) -> tuple[str, tuple]:
    bodies = {b["id"]: b for b in facts["bodies"]}
    initiatives = {i["id"]: i for i in facts["initiatives"]}
    if entry["body_id"] in bodies:
        body = bodies[entry["body_id"]]
        return f"I {body['name']}", (body_source(body),)
    if entry["initiative_id"] in initiatives:
        initiative = initiatives[entry["initiative_id"]]
        return f"I {phrasing.quoted(initiative['title'])}", (initiative_source(initiative),)
    return "I samarbejdet", ()


def work_line(facts: dict, entry: dict) -> tuple[str, tuple]:
    """"I Boligsocialt forum Nørrebro besluttede forvaltningen i april 2013 sammen med Kultur- og
    Fritidsforvaltningen: …", the entry's own words after the colon."""
    where_logged, sources = _where_logged(facts, entry)
    others = phrasing.join(others_on(facts, entry))
    when = phrasing.month(entry["date"])
    text = phrasing.sentence(entry["text"])
    with_others = f" sammen med {others}" if others else ""
    if entry["kind"] == "decision":
        head = f"{where_logged} besluttede forvaltningen i {when}{with_others}"
    elif entry["kind"] == "joint_activity":
        head = f"{where_logged} deltog forvaltningen i {when}{with_others} i en fælles aktivitet"
    else:
        head = f"{where_logged} er der i {when} noteret et resultat{with_others}"
    return f"{head}: {text}", (entry_source(entry), *sources)


def _work(facts: dict, joint_ids: set[int]) -> list[Line]:
    """Decisions and joint activities, and results not already told with their initiative, newest first. A
    decision closed in the period is told with how it was followed up (a result); one still open when the
    period ended is section 4's, as a challenge."""
    chosen = [e for e in entries_of(facts, *WORK_KINDS, "result") if is_cooperation(facts, e)
              and not (e["kind"] == "result" and e["initiative_id"] in joint_ids)
              and not open_at_period_end(facts, e)]
    lines = []
    for position, entry in enumerate(chosen):
        priority = WORK + WORK_STEP * position + WORK_STEP // 2 if position < TOP else MORE_RESULTS - 1000 + position
        text, sources = work_line(facts, entry)
        key = f"work-{entry['id']}"
        lines.append(Line(text, sources, priority, P_WORK, key=key))
        if closed_in_period(facts, entry):
            lines.append(Line(followed_up_line(facts, entry), sources, priority + 1, P_WORK, requires=key))
    return lines


def followed_up_line(facts: dict, entry: dict) -> str:
    """"Teknik- og Miljøforvaltningen fulgte op på beslutningen i januar 2014: Lysene er sat op." """
    follow_up = entry["follow_up"]
    who = owner_name(facts, entry) or "Forvaltningen"
    when = phrasing.month(follow_up["closed_on"])
    if follow_up.get("closing_note", "").strip():
        return f"{who} fulgte op på beslutningen i {when}: {phrasing.sentence(follow_up['closing_note'])}"
    return f"{who} meldte beslutningen gennemført i {when}."


def _entries(facts: dict) -> list[Line]:
    """Challenges and recommendations of the period, unless they belong to work the administration runs alone."""
    alone = {i["id"] for i in facts["initiatives"] if not is_joint(i)}
    lines = []
    chosen = [e for e in entries_of(facts, "challenge", "recommendation") if e["initiative_id"] not in alone]
    for position, entry in enumerate(chosen):
        text, sources = entry_line(facts, entry)
        lines.append(Line(text, sources, ENTRIES + position, P_ENTRIES))
    return lines
