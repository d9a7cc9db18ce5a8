"""The faithfulness check: every name, number, date, area and administration a drafted sentence states is
re-derived from that sentence's own sources in the facts snapshot, and a sentence stating anything they do not
support is reported.

The check reads the sentence as a reader would and knows nothing of how it was drafted: an administration,
outside partner, area, place, body or quoted title it names must belong to one of its sources; a count of
administrations or areas must hold for each record it is said of; a year, a span or a month must be one of its
sources'; a body or initiative that starts after the period must be said as coming. The words of a log entry (and
of a decision's closing note) or an initiative's summary that a sentence quotes are the record's own and are not
re-read; a decision's owner, due date and closing day count among its sources.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.reports.drafting import phrasing
from tracker.reports.drafting.drafts import SectionDraft, Sentence

_NUMBER_WORDS = {word: n for n, word in enumerate(phrasing._WORDS)}
_COUNT = r"(\d[\d.]*|" + "|".join(w for w in phrasing._WORDS if w not in ("en", "et", "nul")) + r"|én)"
_QUOTED = re.compile(f"{phrasing.QUOTE}([^{phrasing.QUOTE}]+){phrasing.QUOTE}")
_YEAR = re.compile(r"(?<!\d)(19|20)\d{2}(?!\d)")
_SPAN = re.compile(r"\((\d{4})-(\d{4})\)|\((fra|til) (\d{4})\)")
_MONTH = re.compile(r"\bi (" + "|".join(phrasing.MONTHS) + r") (\d{4})")
_FROM_ADMINISTRATIONS = re.compile(r"\bfra (alle )?" + _COUNT + r" forvaltninger\b|\bfra (én) forvaltning\b")
_OTHER_ADMINISTRATIONS = re.compile(r"\b(alle )?" + _COUNT + r" andre forvaltninger\b")
_REPRESENTED = re.compile(r"\balle " + _COUNT + r" forvaltninger er repræsenteret\b")
_ALL_AREAS = re.compile(r"\balle " + _COUNT + r" udsatte byområder\b")
_SOME_AREAS = re.compile(r"\b" + _COUNT + r" af de " + _COUNT + r" udsatte byområder\b")


@dataclass(frozen=True)
class Problem:
    section: int
    sentence: str
    message: str
    kept: bool = True


def _count(word: str) -> int:
    if word == "én":
        return 1
    return _NUMBER_WORDS[word] if word in _NUMBER_WORDS else int(word.replace(".", ""))


class _Index:
    """The snapshot's records by kind and id, and every name a sentence could state."""

    def __init__(self, facts: dict):
        self.facts = facts
        self.initiatives = {i["id"]: i for i in facts["initiatives"]}
        self.bodies = {b["id"]: b for b in facts["bodies"]}
        self.meetings = {m["id"]: b for b in facts["bodies"] for m in b["meetings"]}
        self.entries = {e["id"]: e for e in facts["entries"]}
        for initiative in facts["initiatives"]:
            for result in initiative["results"]:
                self.entries.setdefault(result["id"], {**result, "kind": "result", "administrations": [],
                                                       "initiative_id": initiative["id"], "body_id": None})
        self.administrations = {a["code"]: a["name"] for a in facts.get("administrations", ())}
        for initiative in facts["initiatives"]:
            for a in (initiative["lead"], *initiative["partner_administrations"]):
                self.administrations.setdefault(a["code"], a["name"])
        own = facts["administration"]
        self.administrations.setdefault(own["code"], own["name"])
        self.organisations = sorted({o["name"] for i in facts["initiatives"] for o in i["outside_partners"]}
                                    | {o["name"] for b in facts["bodies"] for o in b["member_organisations"]},
                                    key=len, reverse=True)
        self.places = sorted({p["name"] for i in facts["initiatives"] for p in i["places"]}
                             | {b["place"] for b in facts["bodies"] if b["place"]}, key=len, reverse=True)
        self.areas = sorted(set(facts.get("areas", ())) | {a for i in facts["initiatives"] for a in i["areas"]}
                            | {b["area"] for b in facts["bodies"] if b["area"]}, key=len, reverse=True)
        self.body_names = sorted({b["name"] for b in facts["bodies"]}, key=len, reverse=True)


class _Sources:
    """What a sentence's sources support: the records, and every name, year and count derived from them."""

    def __init__(self, index: _Index, sentence: Sentence):
        facts = index.facts
        self.initiatives = [index.initiatives[s.id] for s in sentence.sources
                            if s.kind == "initiative" and s.id in index.initiatives]
        self.bodies = [index.bodies[s.id] for s in sentence.sources if s.kind == "body" and s.id in index.bodies]
        self.bodies += [index.meetings[s.id] for s in sentence.sources
                        if s.kind == "meeting" and s.id in index.meetings and index.meetings[s.id] not in self.bodies]
        self.entries = [index.entries[s.id] for s in sentence.sources if s.kind == "entry" and s.id in index.entries]
        for entry in self.entries:  # an entry carries its initiative and body with it
            if entry.get("initiative_id") in index.initiatives and index.initiatives[entry["initiative_id"]] \
                    not in self.initiatives:
                self.initiatives.append(index.initiatives[entry["initiative_id"]])
            if entry.get("body_id") in index.bodies and index.bodies[entry["body_id"]] not in self.bodies:
                self.bodies.append(index.bodies[entry["body_id"]])
        own = facts["administration"]
        codes = {own["code"]}
        for i in self.initiatives:
            codes |= {i["lead"]["code"], *(p["code"] for p in i["partner_administrations"])}
        for b in self.bodies:
            codes |= set(b["member_administrations"])
        for e in self.entries:
            codes |= set(e.get("administrations", ()))
            if (e.get("follow_up") or {}).get("owner"):  # a decision's owner may be named with it
                codes.add(e["follow_up"]["owner"])
        self.administrations = {index.administrations[c] for c in codes if c in index.administrations}
        self.organisations = ({o["name"] for i in self.initiatives for o in i["outside_partners"]}
                              | {o["name"] for b in self.bodies for o in b["member_organisations"]})
        self.places = {p["name"] for i in self.initiatives for p in i["places"]} | {
            b["place"] for b in self.bodies if b["place"]}
        self.areas = ({a for i in self.initiatives for a in i["areas"]}
                      | {p["area"] for i in self.initiatives for p in i["places"] if p["area"]}
                      | {b["area"] for b in self.bodies if b["area"]})
        self.titles = {i["title"] for i in self.initiatives} | {
            p["name"] for i in self.initiatives for p in i["policy_areas"]}
        period = facts["period"]
        years = {period["start"][:4], period["end"][:4]}
        for record in [*self.initiatives, *self.bodies]:
            years |= {d[:4] for d in (record.get("start_date"), record.get("end_date"), record.get("seat_start"))
                      if d}
        for e in self.entries:
            years.add(e["date"][:4])
            follow_up = e.get("follow_up") or {}
            years |= {d[:4] for d in (follow_up.get("due_date"), follow_up.get("closed_on")) if d}
        for i in self.initiatives:
            years |= {str(f["year"]) for f in i["key_figures"]}
        self.years = years
        self.months = {phrasing.month(e["date"]) for e in self.entries}
        self.months |= {phrasing.month(e["follow_up"]["closed_on"]) for e in self.entries
                        if (e.get("follow_up") or {}).get("closed_on")}
        self.months |= {phrasing.month(m["date"]) for b in self.bodies for m in b["meetings"]}
        self.verbatim = sorted({phrasing.sentence(e["text"]) for e in self.entries}
                               | {phrasing.sentence(e["follow_up"]["closing_note"]) for e in self.entries
                                  if (e.get("follow_up") or {}).get("closing_note", "").strip()}
                               | {phrasing.first_sentence(i["summary"]) for i in self.initiatives if i["summary"]},
                               key=len, reverse=True)


def _strip(text: str, names) -> tuple[str, list[str]]:
    """The text with each name (longest first) blanked out, and the names found."""
    found = []
    for name in names:
        # "Husum/Tingbjerg" is one name: a slash joins, it does not separate.
        pattern = re.compile(r"(?<![\w/])" + re.escape(name) + r"s?(?![\w/])")
        if pattern.search(text):
            found.append(name)
            text = pattern.sub(" ", text)
    return text, found


def check_sentence(facts: dict, sentence: Sentence, index: _Index | None = None) -> list[str]:
    """What the sentence states that its sources do not support, as messages (empty: faithful)."""
    index = index or _Index(facts)
    sources = _Sources(index, sentence)
    problems: list[str] = []
    text = sentence.text
    for words in sources.verbatim:  # the record's own words
        if words and words in text:
            text = text.replace(words, " ")

    for title in _QUOTED.findall(text):
        if title not in sources.titles:
            problems.append(f"titlen ”{title}” hører ikke til sætningens kilder")
    text = _QUOTED.sub(" ", text)
    _check_time(facts, sources, text, sentence.text, problems)
    text, bodies = _strip(text, index.body_names)
    problems += [f"samarbejdsorganet {b} er ikke blandt kilderne" for b in bodies
                 if b not in {x["name"] for x in sources.bodies}]
    text, administrations = _strip(text, sorted(index.administrations.values(), key=len, reverse=True))
    problems += [f"{a} er ikke med i kildernes indsats, organ eller logpost" for a in administrations
                 if a not in sources.administrations]
    text, organisations = _strip(text, index.organisations)
    problems += [f"partneren {o} er ikke med i kildernes indsats eller organ" for o in organisations
                 if o not in sources.organisations]
    # Areas and places together, longest first: "Indre Nørrebro" is a place, not the area Nørrebro.
    text, places = _strip(text, sorted({*index.places, *index.areas}, key=len, reverse=True))
    problems += [f"stedet {p} hører ikke til kilderne" for p in places
                 if p not in sources.places and p not in sources.areas]
    _check_counts(facts, sources, sentence.text, problems)
    _check_follow_ups(facts, sources, sentence.text, problems)
    for match in _YEAR.finditer(text):
        if match.group(0) not in sources.years:
            problems.append(f"årstallet {match.group(0)} findes ikke i kilderne")
    return problems


def _check_time(facts: dict, sources: _Sources, text: str, sentence_text: str, problems: list[str]) -> None:
    end = facts["period"]["end"]
    for start, stop, word, year in _SPAN.findall(text):
        spans = {phrasing.years(r.get("start_date"), r.get("end_date")) for r in [*sources.initiatives,
                                                                                  *sources.bodies]}
        said = f"{start}-{stop}" if start else f"{word} {year}"
        if said not in spans:
            problems.append(f"perioden ({said}) er ikke nogen kildes periode")
    for month, year in _MONTH.findall(text):
        if f"{month} {year}" not in sources.months:
            problems.append(f"{month} {year} er ikke datoen for nogen af kilderne")
    for body in sources.bodies:
        start = max([d for d in (body.get("start_date"), body.get("seat_start")) if d], default=None)
        if start and start > end and body["name"] in text:
            before = text[:text.index(body["name"])]
            if f"fra {start[:4]}" not in before[-60 - len(body["name"]):]:
                problems.append(f"{body['name']} begynder først {start[:4]} og omtales som nuværende")
    for initiative in sources.initiatives:
        start = initiative.get("start_date")
        named = phrasing.quoted(initiative["title"]) in sentence_text
        if named and start and start > end and not re.search(r"planl|skal |fra " + start[:4], sentence_text):
            problems.append(f"”{initiative['title']}” begynder først {start[:4]} og omtales som nuværende")


def _check_follow_ups(facts: dict, sources: _Sources, text: str, problems: list[str]) -> None:
    """A decision said to be carried out was closed within the period; one said not to be was not."""
    end = facts["period"]["end"]
    decisions = [e for e in sources.entries if e.get("kind") == "decision" and e.get("follow_up")]
    closed = [e for e in decisions if e["follow_up"].get("status") == "closed" and e["follow_up"].get("closed_on")
              and e["follow_up"]["closed_on"] <= end]
    if _NOT_CARRIED_OUT in text:
        problems += [f"beslutningen blev lukket {e['follow_up']['closed_on']} og omtales som ikke gennemført"
                     for e in closed]
        if not decisions:
            problems.append("kilderne har ingen beslutning med en opfølgning")
    if any(words in text for words in _CARRIED_OUT) and not closed:
        problems.append("ingen af kildernes beslutninger blev lukket i perioden")


_NOT_CARRIED_OUT = "endnu ikke gennemført"
_CARRIED_OUT = ("fulgte op på beslutningen", "meldte beslutningen gennemført")


def _segments(text: str) -> list[str]:
    # A sentence that says different things of different records says them in clauses of their own.
    return re.split(r", og i |, og fra |; ", text)


def _bodies_in(segment: str, bodies: list[dict]) -> list[dict]:
    named = [b for b in bodies if b["name"] in segment or (b["area"] and re.search(
        r"(?<![\w/])" + re.escape(b["area"]) + r"(?![\w/])", segment)) or (b["place"] and b["place"] in segment)]
    return named or bodies


def _check_counts(facts: dict, sources: _Sources, text: str, problems: list[str]) -> None:
    total_admins, total_areas = facts["totals"]["administrations"], facts["totals"]["areas"]
    own = facts["administration"]["code"]
    for segment in _segments(text):
        bodies = _bodies_in(segment, sources.bodies)
        if _ALL_AREAS.search(segment) and sources.bodies:
            bodies = [b for b in sources.bodies if b["area"]]
        for match in _FROM_ADMINISTRATIONS.finditer(segment):
            every, word = match.group(1), match.group(2) or match.group(3)
            said = _count(word)
            wrong = [b["name"] for b in bodies if len(b["member_administrations"]) != said]
            if wrong or (every and said != total_admins) or not bodies:
                problems.append(f"”fra {match.group(0)[4:]}” passer ikke på {', '.join(wrong) or 'kilderne'}")
        for match in _REPRESENTED.finditer(segment):
            said = _count(match.group(1))
            if said != total_admins or any(len(b["member_administrations"]) != said for b in bodies):
                problems.append(f"ikke alle {match.group(1)} forvaltninger er repræsenteret i hvert organ")
        for match in _OTHER_ADMINISTRATIONS.finditer(segment):
            every, said = match.group(1), _count(match.group(2))
            counts = set()
            for i in sources.initiatives:
                others = [i["lead"]["code"], *(p["code"] for p in i["partner_administrations"])]
                others = [c for c in others if c != own]
                counts |= {len(others), len(others) - 1}  # the lead named apart, or not
            for e in sources.entries:
                counts.add(len([c for c in e.get("administrations", ()) if c != own]))
            if said not in counts or (every and said != total_admins - 1 and said + 1 != total_admins - 1):
                problems.append(f"”{match.group(0)}” passer ikke på kilderne")
        for match in _ALL_AREAS.finditer(segment):
            said = _count(match.group(1))
            initiative_ok = any(len(i["areas"]) == said for i in sources.initiatives)
            fora = {b["area"] for b in sources.bodies if b["area"]}
            if said != total_areas or not (initiative_ok or len(fora) == said):
                problems.append(f"”{match.group(0)}” passer ikke på kilderne")
        for match in _SOME_AREAS.finditer(segment):
            said, of = _count(match.group(1)), _count(match.group(2))
            if of != total_areas or not any(len(i["areas"]) == said for i in sources.initiatives):
                problems.append(f"”{match.group(0)}” passer ikke på kilderne")


def check_draft(facts: dict, drafts: dict[int, SectionDraft], omitted: bool = True) -> list[Problem]:
    """Every kept sentence of every section (and those left out for space, which the writer may put back)."""
    index = _Index(facts)
    problems = []
    for number, draft in sorted(drafts.items()):
        chosen = [(s, True) for s in draft.kept] + ([(s, False) for s in draft.omitted] if omitted else [])
        for sentence, kept in chosen:
            for message in check_sentence(facts, sentence, index):
                problems.append(Problem(number, sentence.text, message, kept))
    return problems
