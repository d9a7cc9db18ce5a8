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


def where_raised(facts: dict, entry: dict) -> tuple[str, tuple[Source, ...]]:
    """"I Boligsocialt forum Nørrebro", "I ”Green Teams”" or "I samarbejdet", with the entry and that record as
    sources: one of the administration's own bodies or initiatives, never one it has no part in."""
    bodies = {b["id"]: b for b in facts["bodies"]}
    initiatives = {i["id"]: i for i in facts["initiatives"]}
    if entry["body_id"] in bodies:
        body = bodies[entry["body_id"]]
        return f"I {body['name']}", (entry_source(entry), body_source(body))
    if entry["initiative_id"] in initiatives:
        initiative = initiatives[entry["initiative_id"]]
        return f"I {phrasing.quoted(initiative['title'])}", (entry_source(entry), initiative_source(initiative))
    return "I samarbejdet", (entry_source(entry),)


def entry_line(facts: dict, entry: dict) -> tuple[str, tuple[Source, ...]]:
    """A challenge or recommendation as a sentence in the report, placed where it was raised."""
    where, sources = where_raised(facts, entry)
    kind = _KIND_NOUNS.get(entry["kind"], "en bemærkning")
    text = phrasing.sentence(entry["text"])
    return f"{where} er der i {phrasing.month(entry['date'])} noteret {kind}: {text}", sources


# --- decisions with a follow-up: what the period's end saw of them ------------------------------------------


def closed_in_period(facts: dict, entry: dict) -> bool:
    """A decision its owner closed within the period: a result of the period."""
    follow_up = entry.get("follow_up") or {}
    return (entry["kind"] == "decision" and follow_up.get("status") == "closed" and bool(follow_up.get("closed_on"))
            and in_period(facts, follow_up["closed_on"]))


def open_at_period_end(facts: dict, entry: dict) -> bool:
    """A decision with an owner that was not carried out when the period ended (open, in progress, or closed
    only after it): a challenge the period leaves."""
    follow_up = entry.get("follow_up") or {}
    if entry["kind"] != "decision" or not follow_up.get("owner"):
        return False
    if follow_up.get("status") == "closed":  # closed on an unknown day: not said to be open
        return bool(follow_up.get("closed_on")) and follow_up["closed_on"] > facts["period"]["end"]
    return True


def owner_name(facts: dict, entry: dict) -> str | None:
    names = {a["code"]: a["name"] for a in facts["administrations"]}
    return names.get((entry.get("follow_up") or {}).get("owner"))
