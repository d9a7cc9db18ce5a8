"""Section 4, "Fremtidens inklusion", drafted from the challenges and recommendations logged in the period and
the work the administration has planned, with the themes its initiatives gather around."""
from __future__ import annotations

from collections import Counter

from flask_babel import lazy_gettext as _l

from tracker.reports.drafting import phrasing
from tracker.reports.drafting.fitting import Line
from tracker.reports.drafting.selection import (
    about_indicators,
    entries_of,
    entry_line,
    initiative_source,
    is_planned,
    name,
    open_at_period_end,
    owner_name,
    partner_names,
    where,
    where_raised,
)

# Importance: challenges, then recommendations, then planned work, then the themes (each group's numbers have
# room for any amount of material before the next group's).
CHALLENGES, RECOMMENDATIONS, PLANNED, THEMES = 0, 1_000_000, 2_000_000, 3_000_000
P_THEMES, P_CHALLENGES, P_RECOMMENDATIONS, P_PLANNED = range(4)
TOP_THEMES = 3


def draft_lines(facts: dict) -> tuple[list[Line], list]:
    challenges = entries_of(facts, "challenge")
    # Decisions not carried out when the period ended are challenges it leaves (their owner and due date said).
    open_decisions = [e for e in entries_of(facts, "decision") if open_at_period_end(facts, e)]
    # Recommendations about the barometer's indicators are drafted in section 2.
    recommendations = [e for e in entries_of(facts, "recommendation") if not about_indicators(e)]
    lines = [*_themes(facts)]
    for position, entry in enumerate(challenges):
        text, sources = entry_line(facts, entry)
        lines.append(Line(text, sources, CHALLENGES + position, P_CHALLENGES))
    for position, entry in enumerate(open_decisions, start=len(challenges)):
        lines.extend(_open_decision(facts, entry, CHALLENGES + position))
    challenges = challenges + open_decisions
    for position, entry in enumerate(recommendations):
        text, sources = entry_line(facts, entry)
        lines.append(Line(text, sources, RECOMMENDATIONS + position, P_RECOMMENDATIONS))
    planned = sorted((i for i in facts["initiatives"] if is_planned(facts, i)),
                     key=lambda i: (i["start_date"] or "", i["title"], i["id"]))
    for position, initiative in enumerate(planned):
        lines.append(_planned(facts, initiative, PLANNED + position, also=position > 0))
    notes = []
    if not challenges and not recommendations:
        notes.append(_l("Der er ikke registreret udfordringer eller anbefalinger i perioden: skriv selv, hvilke "
                        "temaer og udfordringer forvaltningen ser som de vigtigste fremover."))
    if not challenges and not recommendations and not planned:
        lines = [Line(f"{name(facts)} har "
                      f"{phrasing.period(facts['period']['start'], facts['period']['end'])} ikke registreret "
                      "udfordringer, anbefalinger eller planlagte indsatser.")]
    return lines, notes


def _themes(facts: dict) -> list[Line]:
    """The themes most of the administration's initiatives share, when at least two share one."""
    counts = Counter(theme for i in facts["initiatives"] for theme in i["themes"])
    common = sorted((t for t, n in counts.items() if n > 1), key=lambda t: (-counts[t], t))[:TOP_THEMES]
    if not common:
        return []
    names = phrasing.join([theme[:1].lower() + theme[1:] for theme in common])
    sources = tuple(initiative_source(i) for i in facts["initiatives"] if set(i["themes"]) & set(common))
    noun = "temaerne" if len(common) > 1 else "temaet"
    return [Line(f"Forvaltningens indsatser samler sig især om {noun} {names}.", sources, THEMES, P_THEMES)]


def _planned(facts: dict, initiative: dict, priority: int, also: bool) -> Line:
    span = phrasing.years(initiative["start_date"], initiative["end_date"])
    span = f" ({span})" if span else ""
    place = where(facts, initiative)
    place = f" {place}" if place else ""
    title = phrasing.quoted(initiative["title"])
    also = " også" if also else ""
    if initiative["role"] == "lead":
        partners = phrasing.with_whom(partner_names(facts, initiative), initiative["outside_partners"])
        together = f" sammen med {partners}" if partners else ""
        text = f"Forvaltningen har{also} planlagt {title}{span}{together}{place}."
    else:
        text = (f"Forvaltningen skal{also} deltage i {phrasing.genitive(initiative['lead']['name'])} planlagte "
                f"{title}{span}{place}.")
    return Line(text, (initiative_source(initiative),), priority, P_PLANNED)


def _open_decision(facts: dict, entry: dict, priority: int) -> list[Line]:
    """"I Boligsocialt forum Nørrebro blev det i december 2013 besluttet: … Pr. 31. december 2013 var
    beslutningen endnu ikke gennemført, og Teknik- og Miljøforvaltningen havde ansvaret for at følge den op
    senest 31. januar 2014." — true at the period's end, whatever happened after it."""
    where, sources = where_raised(facts, entry)
    key = f"open-decision-{entry['id']}"
    decided = f"{where} blev det i {phrasing.month(entry['date'])} besluttet: {phrasing.sentence(entry['text'])}"
    due = entry["follow_up"].get("due_date")
    by = f" senest {phrasing.day(due)}" if due else ""
    who = owner_name(facts, entry) or "en forvaltning"
    state = (f"Pr. {phrasing.day(facts['period']['end'])} var beslutningen endnu ikke gennemført, og {who} havde "
             f"ansvaret for at følge den op{by}.")
    return [Line(decided, sources, priority, P_CHALLENGES, key=key),
            Line(state, sources, priority, P_CHALLENGES, requires=key)]
