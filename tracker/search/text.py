"""Danish words for the search index: the same Snowball stems PostgreSQL's `danish` configuration makes,
applied in Python for SQLite's FTS5, and the highlighting of matched words in what a result shows."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from markupsafe import Markup, escape

# Snowball's Danish stop words: PostgreSQL's `danish` configuration leaves these out, so SQLite does too.
STOP_WORDS = frozenset("""
og i jeg det at en den til er som på de med han af for ikke der var mig sig men et har om vi min havde
ham hun nu over da fra du ud sin dem os op man hans hvor eller hvad skal selv her alle vil blev kunne ind
når være dog noget ville jo deres efter ned skulle denne end dette mit også under have dig anden hende mine
alt meget sit sine vor mod disse hvis din nogle hos blive mange ad bliver hendes været thi jer sådan
""".split())

WORD = re.compile(r"\w+")
MAX_TERMS = 8  # a query of more words is cut, so no query can make the database work without end
_STEMMER = snowballstemmer.stemmer("danish")


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    return _STEMMER.stemWord(word.lower())


def stems(text: str) -> list[str]:
    """The stems of a text's words, stop words left out, in order."""
    return [stem(word) for word in WORD.findall(text.lower()) if word not in STOP_WORDS]


def indexed(text: str) -> str:
    """A text as SQLite's FTS5 index holds it: its stems, separated by spaces."""
    return " ".join(stems(text))


@dataclass(frozen=True)
class Query:
    """What the user typed, as words: `words` for PostgreSQL (which stems them itself), `terms` the stems."""

    words: tuple[str, ...]
    terms: tuple[str, ...]
    prefix: bool = False

    def __bool__(self) -> bool:
        return bool(self.terms)

    def fts5(self, column: str | None = None) -> str:
        """An FTS5 MATCH expression: every stem, the last as a prefix when typing; each stem quoted."""
        parts = [f'"{term}"' for term in self.terms]
        if self.prefix:
            parts[-1] += "*"
        expression = " AND ".join(parts)
        return f"{column} : ({expression})" if column else expression

    def tsquery(self) -> str:
        """A to_tsquery('danish', …) text: the words ANDed (words are letters and digits only)."""
        parts = list(self.words)
        if self.prefix:
            parts[-1] += ":*"
        return " & ".join(parts)

    def matches(self, word: str) -> bool:
        term = stem(word)
        return term in self.terms or (self.prefix and term.startswith(self.terms[-1])) \
            or (self.prefix and word.lower().startswith(self.terms[-1]))


def parse(raw: str | None, prefix: bool = False) -> Query:
    """The query's words (at most MAX_TERMS), stop words left out; no words is an empty query."""
    words = [w for w in WORD.findall((raw or "").lower()[:500]) if w not in STOP_WORDS and "_" not in w]
    words = list(dict.fromkeys(words))[:MAX_TERMS]
    return Query(words=tuple(words), terms=tuple(stem(w) for w in words), prefix=prefix)


def highlight(text: str, query: Query) -> Markup:
    """The text, escaped, with each word the query matches in <mark>."""
    out, last = [], 0
    for found in WORD.finditer(text):
        if query.matches(found.group()):
            out.append(escape(text[last:found.start()]))
            out.append(Markup("<mark>%s</mark>") % found.group())
            last = found.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


def excerpt(text: str, query: Query, width: int = 240) -> Markup:
    """Up to `width` characters of the text around its first matched word, highlighted."""
    text = " ".join(text.split())
    if len(text) <= width:
        return highlight(text, query)
    start = next((m.start() for m in WORD.finditer(text) if query.matches(m.group())), 0)
    begin = max(0, start - width // 3)
    if begin:
        begin = text.find(" ", begin) + 1 or begin
    end = min(len(text), begin + width)
    if end < len(text):
        end = text.rfind(" ", begin, end) if text.rfind(" ", begin, end) > begin else end
    shown = highlight(text[begin:end], query)
    return Markup("{}{}{}").format("… " if begin else "", shown, " …" if end < len(text) else "")
