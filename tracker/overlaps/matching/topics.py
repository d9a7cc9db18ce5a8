"""Topics: strong overlap candidates about one problem in one place, grouped into one thing to discuss.

Four administrations' initiatives on the same problem in the same area are six pairs; the steering group
discusses them once. Topics are made per area from the candidates whose texts are alike (``link``):

1. Two initiatives are *linked* by a pair at least ``TOPIC_TEXT`` alike and at least ``RELATIVE`` times as
   alike as either initiative's most alike pair. An initiative with no such pair joins its most alike
   partner when that partner is linked, or when each is the other's most alike. So one administration's
   initiative beside five of another's on the same problem is one topic, while a pair only somewhat
   alike, beside far more alike ones, does not chain two problems together.
2. Two topics merge when the pairs between them are alike on average over every pair of their initiatives
   with different leads (at least ``MERGE_LINKAGE``, from ``MERGE_PAIRS`` pairs): two halves of one
   problem have many alike pairs between them, two problems a few (``MERGE_ROUNDS`` rounds).
3. A pair between two topics stays a strong row of its own when it is at least ``BRIDGE_RELATIVE`` as alike
   as one of its initiatives' most alike pair; otherwise it is *outclassed*: weak, since each initiative is
   far more alike the others of its own topic (at a city's scale many unrelated texts are a little alike).

Weak candidates are rows of their own. A topic is numbered by its area and the lowest initiative id in it
(``label``), so the number stays while that initiative is in it; pages address a topic by any of its pairs.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from tracker.overlaps.matching.candidates import Candidate, rank

TOPIC_TEXT = 0.20
RELATIVE = 0.5
MERGE_ROUNDS, MERGE_LINKAGE, MERGE_PAIRS = 3, 0.1, 2
BRIDGE_RELATIVE = 0.7
WORDS_PER_PAIR = 4


@dataclass
class Topic:
    candidates: list[Candidate]  # in the list's order; the first is the most worrying
    area_ids: set[int] = field(default_factory=set)

    @property
    def key(self) -> tuple[int, int]:
        return self.candidates[0].initiative_ids

    @property
    def lead(self) -> Candidate:
        return self.candidates[0]

    @property
    def strong(self) -> bool:
        return self.lead.strong

    @property
    def is_group(self) -> bool:
        return len(self.candidates) > 1

    @property
    def records(self) -> list:
        """The topic's initiatives, ordered by lead administration and title."""
        seen = {}
        for c in self.candidates:
            for record in (c.first, c.second):
                seen.setdefault(record.id, record)
        return sorted(seen.values(), key=lambda r: (r.lead_administration_id, r.title, r.id))

    @property
    def initiative_ids(self) -> list[int]:
        return [r.id for r in self.records]

    @property
    def uncoordinated_pairs(self) -> int:
        return sum(c.uncoordinated for c in self.candidates)

    @property
    def uncoordinated(self) -> bool:
        return self.uncoordinated_pairs > 0

    @property
    def administration_ids(self) -> set[int]:
        return {r.lead_administration_id for r in self.records}

    @property
    def pairs(self) -> int:
        return len(self.candidates)

    def shared_words(self, limit: int = 5) -> list[str]:
        """What the topic is about: among the most telling words each pair shares (rare before common), those
        most of its pairs share; a single pair's own most telling words."""
        return shared_words([c.strength.words() for c in self.candidates if c.strength is not None], limit)


def shared_words(word_lists, limit: int = 5) -> list[str]:
    """The words most of the pairs share, of each pair's first few; earlier pairs first on a tie."""
    counts: Counter = Counter()
    first_seen: dict[str, int] = {}
    for words in word_lists:
        for word in words[:WORDS_PER_PAIR]:
            counts[word] += 1
            first_seen.setdefault(word, len(first_seen))
    return sorted(counts, key=lambda word: (-counts[word], first_seen[word]))[:limit]


SIGNS_SHOWN = 5
RECORDS_SHOWN = 10  # initiatives a topic's row names; the topic's page has them all


def strong_signs(evidence) -> list[str]:
    signs: dict[str, None] = {}
    for e in evidence:
        if e.strong:
            signs.setdefault(str(e))
            if len(signs) == SIGNS_SHOWN:
                break
    return list(signs)


@dataclass
class TopicSummary:
    """A topic as the list shows it, without its pairs: its leading pair in full, how many pairs it has and
    how many without a sign of coordination, its initiatives and what most of its pairs share (listing.py).
    A topic of hundreds of pairs costs the list no more than one of two."""

    lead: Candidate
    pairs: int
    uncoordinated_pairs: int
    records: list
    area_ids: set[int]
    words: list[str]
    signs: list[str] = field(default_factory=list)
    initiatives: int | None = None  # how many initiatives it has, when all of them were read (``records``)

    @property
    def key(self) -> tuple[int, int]:
        return self.lead.initiative_ids

    @property
    def strong(self) -> bool:
        return self.lead.strong

    @property
    def is_group(self) -> bool:
        return self.pairs > 1

    @property
    def initiative_ids(self) -> list[int]:
        return [r.id for r in self.records]

    @property
    def uncoordinated(self) -> bool:
        return self.uncoordinated_pairs > 0

    @property
    def administration_ids(self) -> set[int]:
        return {r.lead_administration_id for r in self.records}

    def shared_words(self, limit: int = 5) -> list[str]:
        return self.words[:limit]

    def shown_records(self, limit: int = RECORDS_SHOWN) -> tuple[list, int | None]:
        """The first initiatives to show, and how many more there are (None: more, not counted)."""
        if self.initiatives is None:
            return self.records[:limit], None
        return self.records[:limit], max(self.initiatives - limit, 0)


def topic_area(candidate) -> int:
    """The area a candidate's topic is in: the first of its areas (in id order), 0 for a place of its own."""
    return min(candidate.area_ids) if candidate.area_ids else 0


def label(area: int, initiative_id: int) -> int:
    return area * 2 ** 32 + initiative_id


Edge = tuple[int, int, int, float, int, int]  # area, first id, second id, likeness, first lead, second lead


def link(edges: list[Edge]) -> list[tuple[int | None, bool]]:
    """For each pair whose texts are alike: the number of its topic (None: a row of its own) and whether it
    is outclassed (then weak). An initiative in an area is one number (``label``), so is its topic's root."""
    nodes = [(label(area, first), label(area, second), similarity, first_lead, second_lead)
             for area, first, second, similarity, first_lead, second_lead in edges]
    best: dict[int, float] = {}
    partner: dict[int, int] = {}
    lead_of: dict[int, int] = {}
    for a, b, similarity, lead_a, lead_b in nodes:
        lead_of[a], lead_of[b] = lead_a, lead_b
        for node, other in ((a, b), (b, a)):
            known = best.get(node, -1.0)
            if similarity > known or (similarity == known and other < partner[node]):
                best[node], partner[node] = similarity, other
    parent = {node: node for node in best}

    def find(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    linked = set()
    for a, b, similarity, _lead_a, _lead_b in nodes:
        if similarity >= TOPIC_TEXT and similarity >= RELATIVE * best[a] and similarity >= RELATIVE * best[b]:
            union(a, b)
            linked.add(a)
            linked.add(b)
    for node, other in partner.items():
        if node not in linked and (other in linked or partner[other] == node):
            union(node, other)
    for _round in range(MERGE_ROUNDS):
        if not _merge(nodes, lead_of, find, union):
            break
    found = []
    for a, b, similarity, _lead_a, _lead_b in nodes:
        root_a, root_b = find(a), find(b)
        if root_a == root_b:
            found.append((root_a, False))
        else:
            found.append((None, similarity < BRIDGE_RELATIVE * min(best[a], best[b])))
    return found


def _merge(nodes: list, lead_of: dict[int, int], find, union) -> bool:
    """One round of step 2; whether any two topics merged."""
    root = {node: find(node) for node in lead_of}
    members: dict[int, Counter] = defaultdict(Counter)  # topic root -> lead administration -> initiatives
    for node, lead in lead_of.items():
        members[root[node]][lead] += 1
    between: dict[tuple[int, int], list[float]] = defaultdict(list)
    for a, b, similarity, _lead_a, _lead_b in nodes:
        ra, rb = root[a], root[b]
        if ra != rb:
            between[(ra, rb) if ra < rb else (rb, ra)].append(similarity)
    merged = False
    for (ra, rb), likeness in sorted(between.items(), key=lambda item: (-sum(item[1]), item[0])):
        if len(likeness) < MERGE_PAIRS:
            continue
        a, b = members[ra], members[rb]
        possible = sum(a.values()) * sum(b.values()) - sum(n * b[lead] for lead, n in a.items())
        if sum(likeness) >= MERGE_LINKAGE * possible and find(ra) != find(rb):
            union(ra, rb)
            merged = True
    return merged


def assign_topics(candidates: list[Candidate]) -> None:
    """Number each alike candidate's topic (``link``) and mark the outclassed ones weak."""
    alike = [c for c in candidates if c.strength is not None and c.strength.alike]
    found = link([(topic_area(c), c.first.id, c.second.id, c.similarity, *c.leads) for c in alike])
    for c, (number, outclassed) in zip(alike, found, strict=True):
        c.topic = number
        if outclassed != c.strength.outclassed:
            c.strength = replace(c.strength, outclassed=outclassed)


def group_topics(candidates: list[Candidate]) -> list[Topic]:
    """Strong candidates by their topic's number (``assign_topics``), the others one by one. In rank order."""
    groups: dict[int, list[Candidate]] = defaultdict(list)
    topics = []
    for c in candidates:
        if c.strong and c.topic is not None:
            groups[c.topic].append(c)
        else:
            topics.append(Topic([c], set(c.area_ids)))
    for members in groups.values():
        members.sort(key=rank)
        topics.append(Topic(members, set().union(*(c.area_ids for c in members))))
    topics.sort(key=lambda t: rank(t.lead))
    return topics
