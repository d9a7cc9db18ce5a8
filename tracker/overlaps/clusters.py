"""Clusters of overlap candidates: three or more initiatives overlapping one another in one area and theme.

Per (area, theme), the candidates sharing both form a graph; every maximal clique of three or more
initiatives (Bron–Kerbosch with pivoting) is one cluster; identical member sets found under several
(area, theme) keys are one cluster listing all of them.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from tracker.overlaps.records import InitiativeRecord, Names


@dataclass
class Cluster:
    initiative_ids: list[int]
    titles: list[str]
    keys: list[tuple[int, int]]  # (area id, theme id) under which the clique was found
    labels: list[str]


def _cliques(graph: dict[int, set[int]]):
    """Maximal cliques (Bron–Kerbosch with pivoting), iteratively."""
    stack = [(set(), set(graph), set())]
    while stack:
        r, p, x = stack.pop()
        if not p and not x:
            yield r
            continue
        pivot = max(p | x, key=lambda v: len(graph[v] & p))
        for v in list(p - graph[pivot]):
            stack.append((r | {v}, p & graph[v], x & graph[v]))
            p = p - {v}
            x = x | {v}


def find_clusters(candidates: list, names: Names, records: dict[int, InitiativeRecord]) -> list[Cluster]:
    """The clusters among the candidates, largest first."""
    graphs: dict[tuple[int, int], dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))
    for c in candidates:
        for area_id in c.area_ids:
            for theme_id in c.theme_ids:
                graph = graphs[(area_id, theme_id)]
                graph[c.first.id].add(c.second.id)
                graph[c.second.id].add(c.first.id)
    by_members: dict[tuple[int, ...], Cluster] = {}
    for key in sorted(graphs, key=lambda k: (names.areas[k[0]], names.themes[k[1]])):
        for clique in _cliques(graphs[key]):
            if len(clique) < 3:
                continue
            members = tuple(sorted(clique))
            label = f"{names.areas[key[0]]} · {names.themes[key[1]]}"
            cluster = by_members.get(members)
            if cluster is None:
                by_members[members] = Cluster(list(members), [records[i].title for i in members], [key], [label])
            else:
                cluster.keys.append(key)
                cluster.labels.append(label)
    return sorted(by_members.values(), key=lambda c: (-len(c.initiative_ids), c.labels[0], c.initiative_ids))
