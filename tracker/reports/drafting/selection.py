"""Reading the facts snapshot for drafting: what counts as joint work, what lies in the period, how work ranks.

Everything here reads only the snapshot dict (see `tracker.reports.drafting.facts`), so a stored snapshot drafts the same.
"""
from __future__ import annotations

from tracker.reports.drafting import phrasing
from tracker.reports.drafting.drafts import Source

# Words that mark a recommendation as being about the barometer's indicators (section 2's "Er indikatorerne
# tidssvarende?") rather than about the future work (section 4).
INDICATOR_WORDS = ("indeks", "indikator", "barometer")

# A recorded result weighs as much as this many partners or areas when joint work is ranked.
RESULT_WEIGHT = 3


def in_period(facts: dict, iso: str) -> bool:
    return facts["period"]["start"] <= iso <= facts["period"]["end"]


def name(facts: dict) -> str:
    return facts["administration"]["name"]


def is_joint(initiative: dict) -> bool:
    """Cooperation across the municipality: another administration or an outside partner takes part.
    (An initiative the administration joins is led by another, so it is always joint.)"""
    return (initiative["role"] == "partner" or bool(initiative["partner_administrations"])
            or bool(initiative["outside_partners"]))


def is_planned(facts: dict, initiative: dict) -> bool:
    """Not begun in the period: planned, or starting after it."""
    start = initiative["start_date"]
    return initiative["status"] == "planned" or bool(start and start > facts["period"]["end"])


def other_administrations(facts: dict, initiative: dict) -> list[str]:
    """The names of the other administrations in an initiative, lead first."""
    own = facts["administration"]["id"]
    names = [] if initiative["lead"]["id"] == own else [initiative["lead"]["name"]]
    return names + [p["name"] for p in initiative["partner_administrations"] if p["id"] != own]


def partner_names(facts: dict, initiative: dict) -> list[str]:
    """The other administrations to name beside the administration's own, without the lead of an initiative it
    joins (the sentence names the lead already); counted rather than named when there are many."""
    names = other_administrations(facts, initiative)
    lead_named = initiative["role"] == "partner"
    if lead_named:
        names = names[1:]
    if len(names) > phrasing.NAMED_PER_KIND:
        every = len(names) + lead_named == facts["totals"]["administrations"] - 1
        return [f"{'alle ' if every else ''}{phrasing.number(len(names))} andre forvaltninger"]
    return names


def outside_places(initiative: dict) -> list[str]:
    """Places named on an initiative that its areas do not already cover (Indre Nørrebro, Nordhavn)."""
    areas = set(initiative["areas"])
    return [p["name"] for p in initiative["places"] if p["area"] is None or p["area"] not in areas]


def results_in_period(facts: dict, initiative: dict) -> list[dict]:
    return [r for r in initiative["results"] if in_period(facts, r["date"])]


def breadth(facts: dict, initiative: dict) -> int:
    return (len(other_administrations(facts, initiative)) + len(initiative["outside_partners"])
            + len(initiative["areas"]) + len(outside_places(initiative)))


def ranked_joint(facts: dict) -> list[dict]:
    """The joint initiatives, broadest and best documented first; ties by title, so the order is stable."""
    joint = [i for i in facts["initiatives"] if is_joint(i)]
    def rank(initiative: dict) -> tuple:
        results = len(results_in_period(facts, initiative))
        return -(breadth(facts, initiative) + RESULT_WEIGHT * results), -results, initiative["title"], initiative["id"]

    return sorted(joint, key=rank)


def initiative_source(initiative: dict) -> Source:
    return Source("initiative", initiative["id"], initiative["title"])


def body_source(body: dict) -> Source:
    return Source("body", body["id"], body["name"])


def entry_source(entry: dict) -> Source:
    text = " ".join(entry["text"].split())
    return Source("entry", entry["id"], text if len(text) <= 60 else f"{text[:59]}…")


def meeting_sources(body: dict) -> tuple[Source, ...]:
    return tuple(Source("meeting", m["id"], f"{body['name']}, {phrasing.day(m['date'])}") for m in body["meetings"])


def where(facts: dict, initiative: dict, named: int = 3) -> str:
    return phrasing.where(initiative["areas"], outside_places(initiative), facts["totals"]["areas"], named)


def entries_of(facts: dict, *kinds: str) -> list[dict]:
    """Log entries of these kinds in the period, newest first."""
    chosen = [e for e in facts["entries"] if e["kind"] in kinds and in_period(facts, e["date"])]
    return sorted(chosen, key=lambda e: (e["date"], e["id"]), reverse=True)


def about_indicators(entry: dict) -> bool:
    text = entry["text"].casefold()
    return any(word in text for word in INDICATOR_WORDS)


_KIND_NOUNS = {"challenge": "en udfordring", "recommendation": "en anbefaling", "result": "et resultat"}


def entry_line(facts: dict, entry: dict) -> tuple[str, tuple[Source, ...]]:
    """A challenge or recommendation as a sentence in the report, placed where it was raised: in one of the
    administration's own bodies or initiatives, never in one it has no part in."""
    bodies = {b["id"]: b for b in facts["bodies"]}
    initiatives = {i["id"]: i for i in facts["initiatives"]}
    sources = [entry_source(entry)]
    if entry["body_id"] in bodies:
        body = bodies[entry["body_id"]]
        where_raised = f"I {body['name']}"
        sources.append(body_source(body))
    elif entry["initiative_id"] in initiatives:
        initiative = initiatives[entry["initiative_id"]]
        where_raised = f"I {phrasing.quoted(initiative['title'])}"
        sources.append(initiative_source(initiative))
    else:
        where_raised = "I samarbejdet"
    kind = _KIND_NOUNS.get(entry["kind"], "en bemærkning")
    text = phrasing.sentence(entry["text"])
    return f"{where_raised} er der i {phrasing.month(entry['date'])} noteret {kind}: {text}", tuple(sources)
