"""What the report pages show of a generated draft, stored beside it when it is made, so that a page reads one
small record and never the facts or the whole draft, whose size grows with the city's data.

Per section: the kept sentences, each with its first sources and how many more it has; the most important of
what was left out for space and how many more sentences were; the writer's notes. And the few facts the pages
need: the committee's name, whether the period held any log entries or meetings, and where a cited meeting or
administration links to. Built from the stored draft and facts alone (plain JSON in, plain JSON out), so a
snapshot stored before this record existed gets the same one (the migration that added it copies these rules).
"""
from __future__ import annotations

from tracker.reports.snapshots import OMITTED_KEPT

# Sources named beside one sentence; "og 11.596 kilder mere" says the rest. A sentence that counts every
# initiative ("står for 5.000 indsatser") stands on each of them, and the snapshot keeps them all.
SOURCES_SHOWN = 10


def _sentence(data: dict) -> dict:
    sources = list(data.get("sources", ()))
    return {"text": data["text"], "sources": sources[:SOURCES_SHOWN],
            "sources_more": max(len(sources) - SOURCES_SHOWN, 0)}


def shown_of(draft: dict | None, facts: dict | None) -> dict:
    """The page's record of a stored draft (`snapshots.drafts_to_json`) and the facts it was made from."""
    draft, facts = draft or {}, facts or {}
    sections = {}
    for key, section in draft.items():
        omitted = list(section.get("omitted", ()))
        sections[str(key)] = {
            "kept": [_sentence(s) for s in section.get("kept", ())],
            "omitted": [_sentence(s) for s in omitted[:OMITTED_KEPT]],
            "omitted_more": max(len(omitted) - OMITTED_KEPT, 0) + int(section.get("omitted_more", 0)),
            "notes": list(section.get("notes", ())),
        }
    cited = {(source["kind"], int(source["id"])) for section in sections.values()
             for sentence in (*section["kept"], *section["omitted"]) for source in sentence["sources"]}
    meetings = {}
    for body in facts.get("bodies", ()):
        for meeting in body.get("meetings", ()):
            if ("meeting", int(meeting["id"])) in cited:
                meetings[str(meeting["id"])] = [int(body["id"]), body.get("name"), meeting.get("date")]
    codes = {}
    own = facts.get("administration") or {}
    for administration in [own, *(a for i in facts.get("initiatives", ())
                                  for a in [i.get("lead") or {}, *i.get("partner_administrations", ())])]:
        if "id" in administration and "code" in administration and (
                "administration", int(administration["id"])) in cited:
            codes[str(administration["id"])] = administration["code"]
    meetings_held = sum(int(body.get("meetings_held", 0)) for body in facts.get("bodies", ()))
    return {
        "committee": own.get("committee"),
        "thin": not facts.get("entries") and not meetings_held,
        "sections": sections,
        "meetings": meetings,
        "administrations": codes,
    }
