"""Danish phrasing for the report drafts: lists, numbers, dates, places and partners in the report's own style.

The report is printed in Danish whatever the writer's interface language, so nothing here is translated.
Every function is pure: it reads plain values from the facts snapshot and returns text.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
          "november", "december")

# Danish writes numbers up to twelve as words in running text.
_WORDS = ("nul", "en", "to", "tre", "fire", "fem", "seks", "syv", "otte", "ni", "ti", "elleve", "tolv")

# Danish says "på Nørrebro" and "på Bispebjerg" but "i Tingbjerg" and "i Valby"; these names take "på".
_PAA = ("Nørrebro", "Ydre Nørrebro", "Indre Nørrebro", "Amager", "Bispebjerg", "Vesterbro", "Østerbro",
        "Nordvest", "Islands Brygge", "Christianshavn", "Stærevej", "Sjælør Boulevard", "Lundtoftegade",
        "Aldersrogade")

# How outside partners of each kind are named together: (one, several).
_KIND_NOUNS = {
    "housing_association": ("boligorganisationen", "boligorganisationerne", "boligorganisationer"),
    "local_council": ("", "", "lokaludvalg"),
}
# Beyond this many of one kind, a sentence counts them instead of naming them all.
NAMED_PER_KIND = 3


def join(items: Sequence[str], conjunction: str = "og") -> str:
    """"a", "a og b", "a, b og c"."""
    items = [item for item in items if item]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def number(n: int, neuter: bool = False) -> str:
    """A count in running text: words up to twelve ("et møde", "en indsats"), digits above (1.100)."""
    if 0 <= n < len(_WORDS):
        return "et" if n == 1 and neuter else _WORDS[n]
    return f"{n:,}".replace(",", ".")


def decimal(value: str) -> str:
    """A stored figure ("-10.1", "1100") as Danish writes it ("-10,1", "1.100")."""
    sign = "-" if value.startswith("-") else ""
    whole, _, fraction = value.lstrip("-").partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{grouped},{fraction}" if fraction else f"{sign}{grouped}"


def day(iso: str) -> str:
    """"2013-06-20" -> "20. juni 2013"."""
    d = date.fromisoformat(iso)
    return f"{d.day}. {MONTHS[d.month - 1]} {d.year}"


def month(iso: str) -> str:
    """"2013-06-20" -> "juni 2013"."""
    d = date.fromisoformat(iso)
    return f"{MONTHS[d.month - 1]} {d.year}"


def period(start_iso: str, end_iso: str) -> str:
    """The report period as a time adverbial: "i 2012-2013", "i 2013" or "fra 1. januar 2012 til 15. marts 2013"."""
    start, end = date.fromisoformat(start_iso), date.fromisoformat(end_iso)
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return f"i {start.year}" if start.year == end.year else f"i {start.year}-{end.year}"
    return f"fra {day(start_iso)} til {day(end_iso)}"


def years(start_iso: str | None, end_iso: str | None) -> str:
    """An initiative's or body's period in years: "2010-2012", "fra 2011", "til 2014", "" when unknown."""
    start = start_iso[:4] if start_iso else ""
    end = end_iso[:4] if end_iso else ""
    if start and end:
        return start if start == end else f"{start}-{end}"
    if start:
        return f"fra {start}"
    return f"til {end}" if end else ""


def preposition(place: str) -> str:
    return "på" if place.startswith(_PAA) else "i"


def located(places: Sequence[str]) -> str:
    """"på Amager/Sundby, Bispebjerg og Nørrebro", "på Nørrebro og i Husum/Tingbjerg": one preposition for
    the names that share it."""
    groups: dict[str, list[str]] = {}
    for place in places:
        groups.setdefault(preposition(place), []).append(place)
    return join([f"{word} {join(names)}" for word, names in groups.items()])


def where(areas: Sequence[str], outside: Sequence[str], total_areas: int, named: int = 3) -> str:
    """Where an initiative works: "i alle seks udsatte byområder", "i Husum/Tingbjerg og på Bispebjerg",
    "i fire af de seks udsatte byområder samt på Indre Nørrebro"."""
    parts = []
    if areas:
        if total_areas and len(areas) == total_areas and total_areas > 1:
            parts.append(f"i alle {number(total_areas)} udsatte byområder")
        elif len(areas) > named:
            of_total = f" af de {number(total_areas)}" if total_areas else ""
            parts.append(f"i {number(len(areas))}{of_total} udsatte byområder")
        else:
            parts.append(located(areas))
    if outside:
        phrase = located(outside[:named])
        if len(outside) > named:
            phrase = f"{phrase} og {number(len(outside) - named, neuter=True)} andre steder"
        parts.append(phrase)
    return join(parts, "samt")


# The printed report quotes titles with Danish typographic quotes, the closing mark on both sides (”…”), as the
# 2013 report does. Every draft quotes through `quoted`, so the choice is made once.
QUOTE = "\u201d"


def quoted(title: str) -> str:
    """"Green Teams" -> "”Green Teams”": a title as the printed report quotes it."""
    return f"{QUOTE}{title}{QUOTE}"


def genitive(name: str) -> str:
    """"Økonomiforvaltningen" -> "Økonomiforvaltningens"; a name ending in s, x or z takes no extra s."""
    return name if name[-1:].lower() in ("s", "x", "z") else f"{name}s"


def outside_partners(partners: Iterable[dict]) -> list[str]:
    """Outside partners named for a sentence, grouped by kind: housing associations together
    ("boligorganisationerne fsb og SAB", or "seks boligorganisationer" when there are many), the others by name."""
    by_kind: dict[str, list[str]] = {}
    for partner in partners:
        by_kind.setdefault(partner["kind"], []).append(partner["name"])
    # Housing associations last, so "boligorganisationerne fsb og SAB" does not split the list.
    order = sorted(by_kind, key=lambda kind: (kind == "housing_association", kind))
    named = []
    for kind in order:
        names = by_kind[kind]
        one, several, counted = _KIND_NOUNS.get(kind, ("", "", ""))
        if counted and len(names) > NAMED_PER_KIND:
            named.append(f"{number(len(names))} {counted}")
        elif several and len(names) > 1:
            named.append(f"{several} {join(names)}")
        elif one:
            named.append(f"{one} {names[0]}")
        else:
            named.extend(names)
    return named


def with_whom(administrations: Sequence[str], partners: Sequence[dict]) -> str:
    """"Socialforvaltningen og Beskæftigelses- og Integrationsforvaltningen samt seks boligorganisationer"."""
    return join([join(list(administrations)), join(outside_partners(partners))], "samt")


def sentence(text: str) -> str:
    """One whole sentence: surrounding space removed, inner line breaks joined, a full stop if it has none and
    one only where an abbreviation ended it ("10 stk.." becomes "10 stk.")."""
    text = " ".join(text.split())
    if text and text[-1] not in ".!?":
        text += "."
    if text.endswith("..") and not text.endswith("..."):
        text = text[:-1]
    return text


def first_sentence(text: str) -> str:
    """The first sentence of a summary, which is what a report has room for."""
    text = " ".join(text.split())
    for index, char in enumerate(text):
        # A full stop followed by a space and a capital letter ends a sentence; "bl.a. det" does not.
        if char in ".!?" and index + 2 < len(text) and text[index + 1] == " " and text[index + 2].isupper():
            return text[: index + 1]
    return sentence(text)
