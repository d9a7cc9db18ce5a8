"""Sections 1 and 2 drafted from the administration's initiatives: their status and results ("Status for
handleplan"), and their key figures and results ("Udvikling på inklusionsbarometret").

Tværs knows the initiatives, not the action plan's resources nor the barometer's indicators, so the writer's
notes say what the writer must add; where the data is thin they say so rather than fill the space.
"""
from __future__ import annotations

from collections import Counter

from flask_babel import lazy_gettext as _l

from tracker.reports.drafting import phrasing
from tracker.reports.drafting.fitting import Line
from tracker.reports.drafting.selection import (
    about_indicators,
    breadth,
    entries_of,
    entry_line,
    entry_source,
    initiative_source,
    is_planned,
    name,
    results_in_period,
    where,
)

STATUS_ORDER = {"active": 0, "finished": 1, "planned": 2, "stopped": 3}
# "syv aktive, to afsluttede og en planlagt": the adjective after a count (one, several).
STATUS_ADJECTIVES = {"active": ("aktiv", "aktive"), "planned": ("planlagt", "planlagte"),
                     "finished": ("afsluttet", "afsluttede"), "stopped": ("stoppet", "stoppede")}
RESULTS_PER_INITIATIVE = 2
# Section 2's importance: recommendations about the indicators answer the template's "Er indikatorerne
# tidssvarende?", then the key figures, then results in words (each group with room for any amount).
INDICATOR_RECOMMENDATIONS, FIGURES, RESULTS = 0, 1_000_000, 2_000_000
P_FIGURES, P_RESULTS, P_RECOMMENDATIONS = range(3)


def _when(facts: dict) -> str:
    return phrasing.period(facts["period"]["start"], facts["period"]["end"])


def _ranked_for_status(facts: dict) -> list[dict]:
    """The administration's own initiatives before those it joins; those with results first, then the running
    ones, the broadest first."""
    return sorted(facts["initiatives"], key=lambda i: (
        i["role"] != "lead", -len(results_in_period(facts, i)), STATUS_ORDER.get(i["status"], 9),
        -breadth(facts, i), i["title"], i["id"]))


# --- section 1 -------------------------------------------------------------------------------------------


def plan_lines(facts: dict) -> tuple[list[Line], list]:
    initiatives = facts["initiatives"]
    notes = [_l("Tværs registrerer ikke ressourcer eller ændringer i handleplanen: skriv selv, om ressourcerne "
                "er tilstrækkelige, og om handleplanen er ændret.")]
    if not initiatives:
        notes.insert(0, _l("Der er ikke registreret indsatser, som forvaltningen står for eller deltager i, "
                           "i perioden."))
        return [Line(f"{name(facts)} har {_when(facts)} ikke registreret indsatser, som forvaltningen står for "
                     "eller deltager i.")], notes
    lines = _overview(facts)
    for rank, initiative in enumerate(_ranked_for_status(facts)):
        lines.extend(_initiative_status(facts, initiative, rank))
    if not any(results_in_period(facts, i) for i in initiatives):
        notes.insert(0, _l("Der er ikke registreret resultater i perioden, så udkastet siger ikke, hvad der "
                           "virker, og hvad der ikke gør."))
    return lines, notes


def _overview(facts: dict) -> list[Line]:
    led = [i for i in facts["initiatives"] if i["role"] == "lead"]
    joined = [i for i in facts["initiatives"] if i["role"] == "partner"]
    sources = tuple(initiative_source(i) for i in [*led, *joined])
    if led and joined:
        text = (f"{name(facts)} står {_when(facts)} for {phrasing.number(len(led))} "
                f"{_initiatives_noun(len(led))} og deltager i {phrasing.number(len(joined))}, som andre "
                "forvaltninger står for.")
    elif led:
        text = f"{name(facts)} står {_when(facts)} for {phrasing.number(len(led))} {_initiatives_noun(len(led))}."
    else:
        text = (f"{name(facts)} står ikke selv for indsatser {_when(facts)}, men deltager i "
                f"{phrasing.number(len(joined))}, som andre forvaltninger står for.")
    lines = [Line(text, sources, 0, 0, key="overview")]
    # The status and indsatsområde sentences speak of the administration's own initiatives, or, when it leads
    # none, of those it joins.
    own = led or joined
    whose = "forvaltningens egne indsatser" if led else "de indsatser, forvaltningen deltager i,"
    statuses = Counter(i["status"] for i in own)
    if len(own) > 1:
        parts = []
        for status in sorted(statuses, key=lambda s: STATUS_ORDER.get(s, 9)):
            one, several = STATUS_ADJECTIVES.get(status, (status, status))
            count = statuses[status]
            parts.append(f"{phrasing.number(count)} {one if count == 1 else several}")
        lines.append(Line(f"Af {whose} er {phrasing.join(parts)}.", sources, 1, 0, requires="overview"))
    policy = _main_policy_area(own)
    if policy:
        (number, policy_name), count = policy
        share = f"Alle {whose}" if count == len(own) else f"{phrasing.number(count).capitalize()} af {whose}"
        lines.append(Line(f"{share} knytter sig til indsatsområde {number}: {phrasing.quoted(policy_name)}.", sources, 2, 0,
                          requires="overview"))
    return lines


def _initiatives_noun(count: int) -> str:
    return "indsats" if count == 1 else "indsatser"


def _main_policy_area(initiatives: list[dict]):
    counts = Counter((p["number"], p["name"]) for i in initiatives for p in i["policy_areas"])
    if not counts:
        return None
    return min(counts.items(), key=lambda item: (-item[1], item[0][0]))


_VERBS = {  # (leads it, joins it) by status
    "active": ("står for", "deltager i"),
    "finished": ("har gennemført", "har deltaget i"),
    "planned": ("planlægger", "skal deltage i"),
    "stopped": ("har stoppet", "deltog i"),
}


def _initiative_status(facts: dict, initiative: dict, rank: int) -> list[Line]:
    priority = 10 + 3 * rank
    key = f"initiative-{initiative['id']}"
    status = "planned" if is_planned(facts, initiative) else initiative["status"]
    leads, joins = _VERBS.get(status, _VERBS["active"])
    span = phrasing.years(initiative["start_date"], initiative["end_date"])
    span = f" ({span})" if span else ""
    place = where(facts, initiative)
    place = f" {place}" if place else ""
    title = phrasing.quoted(initiative["title"])
    if initiative["role"] == "lead":
        text = f"Forvaltningen {leads} {title}{span}{place}."
    else:
        text = f"Forvaltningen {joins} {phrasing.genitive(initiative['lead']['name'])} {title}{span}{place}."
    source = initiative_source(initiative)
    lines = [Line(text, (source,), priority, rank + 1, key=key)]
    if initiative["summary"].strip():
        lines.append(Line(phrasing.first_sentence(initiative["summary"]), (source,), priority + 2, rank + 1,
                          requires=key))
    for result in results_in_period(facts, initiative)[-RESULTS_PER_INITIATIVE:]:
        lines.append(Line(phrasing.sentence(result["text"]), (source, entry_source(result)), priority + 1,
                          rank + 1, requires=key))
    return lines


# --- section 2 -------------------------------------------------------------------------------------------


def barometer_lines(facts: dict) -> tuple[list[Line], list]:
    notes = [_l("Tværs har ikke Inklusionsbarometrets indikatorer: tilføj selv udviklingen i de relevante "
                "indikatorer, og hvad der kan forklare den.")]
    lines = []
    with_figures = set()
    for rank, initiative in enumerate(_ranked_for_status(facts)):
        figures = _figures_text(facts, initiative)
        if figures:
            with_figures.add(initiative["id"])
            lines.append(Line(f"Nøgletallene i {phrasing.quoted(initiative['title'])}{figures}.",
                              (initiative_source(initiative),), FIGURES + rank, P_FIGURES))
    if not lines:
        notes.insert(0, _l("Der er ikke registreret nøgletal for forvaltningens indsatser i perioden."))
    # A result of an initiative whose key figures are shown would mostly repeat them in words.
    results = [e for e in entries_of(facts, "result") if e["initiative_id"] not in with_figures]
    for position, entry in enumerate(results):
        text, sources = entry_line(facts, entry)
        lines.append(Line(text, sources, RESULTS + position, P_RESULTS))
    if not entries_of(facts, "result"):
        notes.insert(0, _l("Der er ikke registreret resultater i perioden."))
    for position, entry in enumerate(e for e in entries_of(facts, "recommendation") if about_indicators(e)):
        text, sources = entry_line(facts, entry)
        lines.append(Line(text, sources, INDICATOR_RECOMMENDATIONS + position, P_RECOMMENDATIONS))
    if not lines:
        lines = [Line(f"{name(facts)} har {_when(facts)} ikke registreret nøgletal eller resultater for sine "
                      "indsatser.")]
    return lines, notes


def _figures_text(facts: dict, initiative: dict) -> str:
    """" for 2012: Unge gennem forløbet 75 unge (mod 40 i 2011); ..." — each label's latest figure in the
    period, with the one before it when there is one, so the development shows; "" without figures."""
    first_year, last_year = int(facts["period"]["start"][:4]), int(facts["period"]["end"][:4])
    by_label: dict[str, list[dict]] = {}
    for figure in initiative["key_figures"]:
        if figure["year"] <= last_year:
            by_label.setdefault(figure["label"], []).append(figure)
    shown = []
    for label, figures in by_label.items():
        figures.sort(key=lambda f: (f["year"], f["id"]))
        if figures[-1]["year"] >= first_year:
            earlier = [f for f in figures if f["year"] < figures[-1]["year"]]
            shown.append((label, figures[-1], earlier[-1] if earlier else None))
    if not shown:
        return ""
    one_year = len({latest["year"] for _, latest, _ in shown}) == 1
    parts = []
    for label, latest, before in shown:
        text = f"{label} {_value(latest)}" + ("" if one_year else f" i {latest['year']}")
        if before:
            text += f" (mod {_value(before)} i {before['year']})"
        parts.append(text)
    when = f" for {shown[0][1]['year']}" if one_year else ""
    return f"{when}: {'; '.join(parts)}"


def _value(figure: dict) -> str:
    value = phrasing.decimal(figure["value"])
    return f"{value} {figure['unit']}" if figure["unit"] else value
