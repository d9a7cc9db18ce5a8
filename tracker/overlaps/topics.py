"""Topics: strong overlap candidates about one problem in one place, grouped into one thing to discuss.

Four administrations' initiatives on the same problem in the same area are six pairs; the steering group
discusses them once. A topic is a connected group of strong candidates that share an area (any two of its
initiatives are linked through strong candidates in that area); a weak candidate is a topic of its own.
Only pairs whose texts are clearly alike (``TOPIC_TEXT``) join initiatives into one topic: with looser
links a chain of "somewhat alike" pairs would pull a whole area's work into one topic. A strong pair that
is less alike stays a row of its own, unless its two initiatives are already in one topic.
The topic's key is its first candidate's pair of initiative ids, in the list's order, so its address
stays the same while that pair is in it.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from tracker.overlaps.detection import Candidate, rank

TOPIC_TEXT = 0.20
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

    def shared_words(self, limit: int = 5) -> list[str]:
        """What the topic is about: among the most telling words each pair shares (rare before common), those
        most of its pairs share; a single pair's own most telling words."""
        counts: Counter = Counter()
        first_seen: dict[str, int] = {}
        for c in self.candidates:
            if c.strength is None:
                continue
            for word in c.strength.words()[:WORDS_PER_PAIR]:
                counts[word] += 1
                first_seen.setdefault(word, len(first_seen))
        ordered = sorted(counts, key=lambda word: (-counts[word], first_seen[word]))
        return ordered[:limit]


def group_topics(candidates: list[Candidate]) -> list[Topic]:
    """Strong candidates grouped per area into connected topics; weak ones one by one. In rank order."""
    parent: dict[tuple[int, int], tuple[int, int]] = {}

    def find(node):
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def union(a, b):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    strong = [c for c in candidates if c.strong]
    # Nodes are (area, initiative): an initiative in two areas may belong to a topic in each; a candidate
    # joins the topic of the first of its areas (in id order) so that it is listed once.
    for c in strong:
        area = min(c.area_ids) if c.area_ids else 0
        a, b = (area, c.first.id), (area, c.second.id)
        parent.setdefault(a, a)
        parent.setdefault(b, b)
        if c.similarity >= TOPIC_TEXT:
            union(a, b)
    groups: dict[tuple, list[Candidate]] = defaultdict(list)
    for c in strong:
        area = min(c.area_ids) if c.area_ids else 0
        first, second = find((area, c.first.id)), find((area, c.second.id))
        groups[first if first == second else c.initiative_ids].append(c)
    topics = []
    for members in groups.values():
        members.sort(key=rank)
        topics.append(Topic(members, set().union(*(c.area_ids for c in members))))
    topics += [Topic([c], set(c.area_ids)) for c in candidates if not c.strong]
    topics.sort(key=lambda t: (rank(t.lead)[0], not t.uncoordinated, *rank(t.lead)[2:]))
    return topics
