"""The stored review's topics: linking an area's alike pairs into topics again, and writing the unfiltered list's
rows (``OverlapTopic``) from the stored pairs, each with its initiatives in the order the list names them.
Used by store.py when it brings the review up to date; plain helpers for the stored pairs beside them."""
from __future__ import annotations

from sqlalchemy import bindparam, delete, insert, or_, select, update

from tracker.extensions import db
from tracker.initiatives.models import Initiative
from tracker.overlaps.matching.candidates import order_value
from tracker.overlaps.matching.topics import SIGNS_SHOWN, link, shared_words
from tracker.overlaps.models import OverlapCandidate, OverlapCandidateDetail, OverlapTopic
from tracker.overlaps.review.changes import id_list

CHUNK = 500  # ids per IN (...) list

candidates_table = OverlapCandidate.__table__
details_table = OverlapCandidateDetail.__table__
topics_table = OverlapTopic.__table__


def chunks(ids) -> list[list[int]]:
    ordered = sorted(ids)
    return [ordered[i:i + CHUNK] for i in range(0, len(ordered), CHUNK)]


def ids_of(joined: str | None) -> set[int]:
    return {int(i) for i in (joined or "").split(",") if i}


def group_of(row) -> int:
    """The list's row a stored strong pair is in: its topic's, or its own (its row id negated)."""
    return row.topic if row.topic is not None else -row.id


def update_rows(updates: list[dict], columns: tuple[str, ...]) -> None:
    if updates:
        stmt = update(candidates_table).where(candidates_table.c.id == bindparam("row_id")).values(
            **{column: bindparam(column) for column in columns})
        db.session.execute(stmt, updates)


def relink(area: int) -> set[int]:
    """Link the area's topics again from its alike pairs, and store what changed (topic, strength, order); the
    list's rows of the pairs that changed, before and after."""
    t = candidates_table.c
    rows = db.session.execute(select(t.id, t.first_initiative_id, t.second_initiative_id, t.similarity,
                                     t.first_lead_id, t.second_lead_id, t.topic, t.strong)
                              .where(t.alike.is_(True), t.topic_area == area)).all()
    found = link([(area, first, second, similarity, lead_a, lead_b)
                  for _id, first, second, similarity, lead_a, lead_b, _topic, _strong in rows])
    changed, groups = {}, set()
    for (row_id, _f, _s, _sim, _a, _b, old_topic, was_strong), (number, outclassed) in zip(rows, found, strict=True):
        strong = not outclassed
        topic = number if strong else None
        if (topic, strong) != (old_topic, was_strong):
            changed[row_id] = (topic, strong)
            if was_strong:
                groups.add(old_topic if old_topic is not None else -row_id)
            if strong:
                groups.add(topic if topic is not None else -row_id)
    updates = []
    for chunk in chunks(changed):
        for row_id, uncoordinated, relevance, score in db.session.execute(select(
                t.id, t.uncoordinated, t.relevance, t.score).where(t.id.in_(chunk))):
            topic, strong = changed[row_id]
            updates.append({"row_id": row_id, "topic": topic, "strong": strong,
                            "order_key": order_value(strong, uncoordinated, relevance, score)})
    update_rows(updates, ("topic", "strong", "order_key"))
    return groups


def summarise(groups: set[int] | None) -> None:
    """Write these rows of the unfiltered list (``OverlapTopic``; every row: None) from the stored pairs."""
    columns = (candidates_table.c.id, candidates_table.c.first_initiative_id, candidates_table.c.second_initiative_id,
               candidates_table.c.topic, candidates_table.c.topic_area, candidates_table.c.order_key,
               candidates_table.c.uncoordinated, candidates_table.c.words, candidates_table.c.area_ids)
    conditions = [candidates_table.c.strong.is_(True)]
    if groups is not None:
        topics, singles = sorted(g for g in groups if g >= 0), sorted(-g for g in groups if g < 0)
        conditions.append(or_(candidates_table.c.topic.in_(topics), candidates_table.c.id.in_(singles)))
    found: dict[int, dict] = {}
    for row in db.session.execute(select(*columns).where(*conditions)
                                  .order_by(candidates_table.c.order_key, candidates_table.c.id)):
        key = group_of(row)
        group = found.get(key)
        if group is None:  # the first in the list's order leads
            group = found[key] = {"id": key, "topic_area": row.topic_area, "order_key": row.order_key,
                                  "lead_id": row.id, "pairs": 0, "uncoordinated_pairs": 0, "initiatives": {},
                                  "areas": set(), "words": [], "signs": []}
        group["pairs"] += 1
        group["uncoordinated_pairs"] += bool(row.uncoordinated)
        group["initiatives"].update(dict.fromkeys((row.first_initiative_id, row.second_initiative_id)))
        group["areas"] |= ids_of(row.area_ids)
        group["words"].append([w for w in row.words.split("|") if w])
    coordinated = select(candidates_table.c.topic, candidates_table.c.id, details_table.c.details).join(
        details_table, (details_table.c.first_initiative_id == candidates_table.c.first_initiative_id)
        & (details_table.c.second_initiative_id == candidates_table.c.second_initiative_id)).where(
        *conditions, candidates_table.c.uncoordinated.is_(False)) \
        .order_by(candidates_table.c.order_key, candidates_table.c.id)
    for row in db.session.execute(coordinated):
        group = found[group_of(row)]
        for evidence in row.details.get("evidence", ()):
            sign = {"kind": evidence["kind"], "args": evidence["args"]}
            if len(group["signs"]) < SIGNS_SHOWN and sign not in group["signs"]:
                group["signs"].append(sign)
    _in_list_order(found, conditions)
    if groups is None:
        db.session.execute(delete(topics_table))
    else:
        for chunk in chunks(groups) or [[]]:
            db.session.execute(delete(topics_table).where(topics_table.c.id.in_(chunk)))
    if found:
        db.session.execute(insert(topics_table), [{
            **{k: group[k] for k in ("id", "topic_area", "order_key", "lead_id", "pairs", "uncoordinated_pairs")},
            "initiative_ids": ",".join(map(str, group["initiatives"])), "area_ids": id_list(group["areas"]),
            "words": "|".join(shared_words(group["words"]))[:400], "signs": group["signs"]}
            for group in found.values()])


def _in_list_order(found: dict[int, dict], conditions: list) -> None:
    """Put each row's initiatives in the order the list names them (lead administration, title), so a page
    reads only the first few of a topic of hundreds (one query: the initiatives of the summarised pairs). A
    change of title or lead is a change of the initiative, whose rows are summarised again."""
    pairs = select(candidates_table.c.first_initiative_id, candidates_table.c.second_initiative_id) \
        .where(*conditions).subquery()
    order = {row.id: (row.lead_administration_id, row.title, row.id) for row in db.session.execute(
        select(Initiative.id, Initiative.title, Initiative.lead_administration_id).where(or_(
            Initiative.id.in_(select(pairs.c.first_initiative_id)),
            Initiative.id.in_(select(pairs.c.second_initiative_id)))))}
    for group in found.values():
        group["initiatives"] = sorted(group["initiatives"], key=lambda i: order.get(i, (0, "", i)))
