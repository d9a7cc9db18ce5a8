"""Text likeness of initiatives: Danish stems, compound parts, character 4-grams and IDF weights over title
and summary.

The measure
-----------
1. Words are the lowercase letter runs of title + summary; Danish stop words (Snowball's list) and a few
   words every initiative uses ("indsats", "område", "projekt" ...) are dropped, as are words under three
   letters. Each word is stemmed with Snowball's Danish stemmer (tryghed, trygheden -> ``tryg``).
2. Stemming leaves compounds and negations apart (``utryg``, ``tryghedsvandring``), so every stem also
   yields *concepts*: the stem itself; for a stem starting with the negation ``u``, the rest
   (``utryg`` -> ``tryg``); the stemmed halves around a linking ``s`` (``tryghedsvandring`` -> ``tryg`` +
   ``vandring``, only after endings that take a linking s: -hed, -ing, -ion, -tet, -dom, -skab); and any
   stem of the scope's vocabulary (4+ letters) that the stem starts or ends with (``gårdmiljø`` -> ``gård``);
   and the common beginning of two stems of the scope when it has at least ``SHARED_HEAD`` letters
   (``lektiecafé``, ``lektiehjælp``, ``lektiestøtt`` -> ``lektie``): near-words of one compound family meet
   even when the head never occurs alone, as character n-grams would find them.
   Of the concepts two texts share, only the maximal ones count (a shared ``tryghedsvandring`` counts once,
   not again as ``tryg`` and ``vandring``). So tryghed, trygheden, utryghed and tryghedsvandring all share ``tryg``.
3. A concept weighs ``idf(c) = ln(1 + N'/df(c)) / ln(1 + N')`` (0..1) where ``df`` counts the initiatives in
   scope whose text has the concept and ``N' = max(N, 50)``: a tiny scope is treated as fifty initiatives,
   so that two test initiatives do not make every word look common.
4. Detection (detection.py) adds, per shared concept, ``WORD_WEIGHT * idf(c)``; "enough wording" is a sum
   of at least ``TEXT_MIN`` = 0.3. Concepts decide which pairs are candidates.
5. How alike two candidates' texts are is a second measure (``Vocabulary.likeness``): the cosine of their
   character 4-gram vectors, each gram weighted by ``(1 + ln tf) * idf ** IDF_POWER``, so that inflections
   and compounds meet without stemming and boilerplate shared by many texts weighs little.

The shared concepts are shown with the most frequent word of the scope that has that stem ("tryghed").
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer

WORD_WEIGHT = 0.35
TEXT_MIN = 0.3
IDF_MIN_SCOPE = 50
MIN_ROOT = 4
SHARED_HEAD = 6

# Snowball's Danish stop word list, plus words that occur in nearly every initiative of this domain.
STOP_WORDS = frozenset("""
og i jeg det at en den til er som på de med han af for ikke der var mig sig men et har om vi min havde
ham hun nu over da fra du ud sin dem os op man hans hvor eller hvad skal selv her alle vil blev kunne ind
når være dog noget ville jo deres efter ned skulle denne end dette mit også under have dig anden hende mine
alt meget sit sine vor mod disse hvis din nogle hos blive mange ad bliver hendes været thi jer sådan
indsats indsatsen indsatser indsatsens område områder området områderne projekt projektet projekter
initiativ initiativet initiativer samarbejde samarbejdet skal kan får flere mere år
""".split())

_WORD = re.compile(r"[a-zæøåéü]{3,}")  # words under three letters are left out, here rather than in Python
_STEMMER = snowballstemmer.stemmer("danish")


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    return _STEMMER.stemWord(word)


GRAM = 4
IDF_POWER = 2  # rare grams count for much more than common ones: boilerplate sentences weigh little


@lru_cache(maxsize=200_000)
def grams(word: str) -> tuple[str, ...]:
    """The character 4-grams of a word, with its start and end marked (" lek", "ekti", ...)."""
    padded = f" {word} "
    return tuple(padded[i:i + GRAM] for i in range(len(padded) - GRAM + 1))


def words(text: str) -> list[str]:
    """The content words of a text, lowercased, without stop words."""
    return [w for w in _WORD.findall(text.lower()) if w not in STOP_WORDS]


# Endings that take a linking s in compounds: trygheds-, belysnings-, integrations-, universitets-.
LINKING_ENDINGS = ("hed", "ing", "ion", "tet", "dom", "skab")


def _own_parts(stemmed: str) -> set[str]:
    """The concepts a stem yields on its own: itself, its negated root, its halves around a linking s."""
    parts = {stemmed}
    if stemmed.startswith("u") and len(stemmed) - 1 >= MIN_ROOT:
        parts.add(stemmed[1:])
    for k in range(MIN_ROOT, len(stemmed) - MIN_ROOT):
        if stemmed[k] == "s" and stemmed[:k].endswith(LINKING_ENDINGS):
            parts.add(stem(stemmed[:k]))
            parts.add(stem(stemmed[k + 1:]))
    return {p for p in parts if len(p) >= MIN_ROOT or p == stemmed}


def maximal(concepts: set[str] | frozenset[str]) -> set[str]:
    """The concepts not contained in another of them: a shared compound counts once, not with its parts."""
    return {c for c in concepts if not any(c != d and c in d for d in concepts)}


@dataclass
class Vocabulary:
    """The concepts of every text in scope, their document frequency and the word to show for each."""

    concepts_by_text: list[frozenset[str]]
    document_frequency: Counter
    display: dict[str, str]
    scope: int
    words_by_text: list[tuple[str, ...]] = field(default_factory=list)
    word_frequency: Counter = field(default_factory=Counter)  # texts each word occurs in
    concepts_of_stem: dict[str, frozenset[str]] = field(default_factory=dict)
    roots: frozenset[str] = frozenset()
    _idf: dict[str, float] = field(default_factory=dict)
    _gram_idf: dict[str, float] | None = None
    _vectors: dict[int, dict[str, float]] = field(default_factory=dict)

    def idf(self, concept: str) -> float:
        value = self._idf.get(concept)
        if value is None:
            scope = max(self.scope, IDF_MIN_SCOPE)
            df = max(self.document_frequency[concept], 1)
            value = self._idf[concept] = math.log(1 + scope / df) / math.log(1 + scope)
        return value

    def show(self, concept: str) -> str:
        return self.display.get(concept, concept)

    def likeness(self, first: int, second: int) -> float:
        """How alike texts number ``first`` and ``second`` are: the cosine of their character 4-gram TF-IDF
        vectors (0 to 1). Grams see what stems miss: ensom/ensomme/ensomhed, klub/ungdomsklubben,
        kunst/kunstnere, graffiti/graffitien, and they weigh a rare shared word far above a common one."""
        a, b = self._vector(first), self._vector(second)
        return sum(a[gram] * b[gram] for gram in a.keys() & b.keys())  # the shared grams, found in C

    def _vector(self, index: int) -> dict[str, float]:
        vector = self._vectors.get(index)
        if vector is None:
            idf = self._gram_weights()
            rarest = math.log(1 + max(self.scope, IDF_MIN_SCOPE))  # a gram the scope has not seen
            counts: Counter = Counter()
            for word in self.words_by_text[index]:
                counts.update(grams(word))
            weighted = {gram: (1.0 + math.log(n)) * idf.get(gram, rarest) ** IDF_POWER
                        for gram, n in counts.items()}
            length = math.sqrt(sum(w * w for w in weighted.values())) or 1.0
            vector = self._vectors[index] = {gram: w / length for gram, w in weighted.items()}
        return vector

    def _gram_weights(self) -> dict[str, float]:
        """IDF of each gram, from the texts each *word* occurs in (a gram occurs in the texts of its words):
        computed over the distinct words, not the texts, so it costs little at 20,000 initiatives."""
        if self._gram_idf is None:
            frequency: Counter = Counter()
            for word, texts in self.word_frequency.items():
                for gram in set(grams(word)):
                    frequency[gram] += texts
            scope = max(self.scope, IDF_MIN_SCOPE)
            self._gram_idf = {gram: math.log(1 + scope / min(n, scope)) for gram, n in frequency.items()}
        return self._gram_idf

    def statistics(self) -> dict:
        """What another run needs to weigh new texts as this scope weighs them (``vocabulary_from``): the
        scope's size, each concept's document frequency and display word, each gram's IDF, and each stem's
        concepts with the roots they were found against. Plain JSON data."""
        return {"scope": self.scope, "df": dict(self.document_frequency), "display": self.display,
                "gram_idf": {gram: round(value, 4) for gram, value in self._gram_weights().items()},
                "concepts": {s: sorted(c) for s, c in self.concepts_of_stem.items()}, "roots": sorted(self.roots)}


def _word_lists(texts: list[str], ignored: frozenset[str]) -> list[list[str]]:
    return [[w for w in words(t) if w not in ignored] for t in texts]


def vocabulary_from(statistics: dict, texts: list[str], ignored: frozenset[str] = frozenset()) -> Vocabulary:
    """The vocabulary of a few texts weighed with a whole scope's ``statistics`` (``Vocabulary.statistics``):
    their concepts, IDF and likeness are what they would be in that scope. A stem the scope never had gets its
    concepts from the scope's roots, as it would have there (but no compound head shared with a new word)."""
    word_lists = _word_lists(texts, ignored)
    known = {s: frozenset(c) for s, c in statistics["concepts"].items()}
    roots = frozenset(statistics["roots"])
    stem_of = {w: stem(w) for ws in word_lists for w in ws}
    for s in set(stem_of.values()) - known.keys():
        known[s] = _concepts_of(s, _own_parts(s), roots, set())
    concepts_by_text = [frozenset().union(*(known[stem_of[w]] for w in ws)) if ws else frozenset()
                        for ws in word_lists]
    display = dict(statistics["display"])
    for w in sorted(stem_of):
        display.setdefault(stem_of[w], w)
    vocabulary = Vocabulary(concepts_by_text, Counter(statistics["df"]), display, statistics["scope"],
                            [tuple(ws) for ws in word_lists], Counter(), known, roots)
    vocabulary._gram_idf = statistics["gram_idf"]
    return vocabulary


def _concepts_of(s: str, parts: set[str], roots: frozenset[str] | set[str], heads: set[str]) -> frozenset[str]:
    found = set(parts) | heads
    for k in range(MIN_ROOT, len(s)):
        if s[:k] in roots:
            found.add(s[:k])
        if s[len(s) - k:] in roots:
            found.add(s[len(s) - k:])
    return frozenset(found)


def build_vocabulary(texts: list[str], ignored: frozenset[str] = frozenset()) -> Vocabulary:
    """Concepts for each text (in order) and the statistics over them; distinct words are stemmed once.

    ``ignored`` words (lowercase: the names of areas and places) are left out: where two initiatives are
    is the location's reason, and what they are about is the text's."""
    word_lists = _word_lists(texts, ignored)
    word_counts: Counter = Counter(w for ws in word_lists for w in ws)
    stem_of = {w: stem(w) for w in word_counts}
    own = {s: _own_parts(s) for s in set(stem_of.values())}
    # Affix matching only against real stems and negated roots, never against split halves.
    roots = {s for s in own if len(s) >= MIN_ROOT}
    roots |= {s[1:] for s in roots if s.startswith("u") and len(s) - 1 >= MIN_ROOT}
    heads = _shared_heads(sorted(roots), roots)
    concepts_of_stem = {s: _concepts_of(s, parts, roots, heads.get(s, set())) for s, parts in own.items()}
    concepts_by_text = [frozenset().union(*(concepts_of_stem[stem_of[w]] for w in ws)) if ws else frozenset()
                        for ws in word_lists]
    df: Counter = Counter(c for cs in concepts_by_text for c in cs)
    # Show a concept as the most frequent word with exactly that stem (tryghed for tryg), else the concept.
    display: dict[str, str] = {}
    for w, _count in sorted(word_counts.items(), key=lambda item: (-item[1], len(item[0]), item[0])):
        display.setdefault(stem_of[w], w)
    for found in heads.values():
        for head in found:
            display.setdefault(head, f"{head}-")  # a compound head shown as Danish writes one: "lektie-"
    words_by_text = [tuple(ws) for ws in word_lists]
    word_frequency: Counter = Counter(w for ws in word_lists for w in set(ws))
    return Vocabulary(concepts_by_text, df, display, len(texts), words_by_text, word_frequency, concepts_of_stem,
                      frozenset(roots))


def _shared_heads(ordered_stems: list[str], roots: set[str]) -> dict[str, set[str]]:
    """For each stem, the common beginnings of SHARED_HEAD or more letters it has with its neighbours in
    alphabetical order (a family of compounds sits together there), when shorter than both stems.

    A beginning that is a known root plus a letter or two is a boundary, not a word (boligorganisation
    and boligområde share ``bolig`` and then an "o"): the root already links them."""
    heads: dict[str, set[str]] = {}
    for first, second in zip(ordered_stems, ordered_stems[1:], strict=False):
        length = 0
        limit = min(len(first), len(second))
        while length < limit and first[length] == second[length]:
            length += 1
        if SHARED_HEAD <= length < limit:
            head = first[:length]
            if any(head[:k] in roots for k in range(max(MIN_ROOT, length - 2), length)):
                continue
            heads.setdefault(first, set()).add(head)
            heads.setdefault(second, set()).add(head)
    return heads
