"""Who gets a digest today and what it says: follow-ups and decisions due soon or overdue, expired initiatives,
new overlap candidates and report deadlines, per administration, minus what each user was already told this period.

Reading only (the command records what was sent); a fixed number of queries whatever the number of users.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from tracker.core.clock import today as clock_today
from tracker.extensions import db
from tracker.log.follow_ups import OPEN_STATUSES
from tracker.models import (
    CooperationEntry,
    Initiative,
    OverlapVerdict,
    Report,
    ReportDeadline,
    SentItem,
    User,
)
from tracker.overlaps.models import NEEDS_FOLLOW_UP
from tracker.overlaps.review.cache import cached_detection

DUE_SOON_DAYS = 7
# A report deadline is mentioned from this many days before it until the committee's report is final.
DEADLINE_NOTICE_DAYS = 30
RUNNING = ("planned", "active")
# The kinds of item, in the order a digest lists them.
KINDS = ("follow_up", "expired", "overlap", "deadline")


@dataclass(frozen=True)
class Item:
    """One thing to tell: `key` names it for the sent record; `endpoint` and `args` build its link."""

    key: str
    kind: str
    title: str
    endpoint: str
    args: tuple[tuple[str, object], ...]
    day: date | None = None  # the due date, the end date or the deadline


@dataclass
class Digest:
    user: User
    period: str
    items: list[Item]

    def by_kind(self) -> list[tuple[str, list[Item]]]:
        return [(kind, [item for item in self.items if item.kind == kind]) for kind in KINDS
                if any(item.kind == kind for item in self.items)]


def period_of(frequency: str, today: date) -> str:
    """The period a digest belongs to: the day for a daily one, the ISO week for a weekly one."""
    if frequency == "daily":
        return today.isoformat()
    year, week, _ = today.isocalendar()
    return f"{year}-W{week:02d}"


def _recipients() -> list[User]:
    return list(db.session.scalars(
        select(User).where(User.active.is_(True), User.digest_frequency != "never",
                           User.administration_id.is_not(None)).order_by(User.id)))


def _follow_ups(administration_ids: set[int], today: date) -> dict[int, list[Item]]:
    """Open follow-ups each administration owns that are due within a week or overdue: overlap follow-ups and
    meetings' decisions, soonest due first (two queries)."""
    stmt = (select(OverlapVerdict)
            .where(OverlapVerdict.verdict == NEEDS_FOLLOW_UP, OverlapVerdict.follow_up_closed_at.is_(None),
                   OverlapVerdict.follow_up_administration_id.in_(administration_ids),
                   OverlapVerdict.follow_up_due <= today + timedelta(days=DUE_SOON_DAYS))
            .options(joinedload(OverlapVerdict.first_initiative), joinedload(OverlapVerdict.second_initiative))
            .order_by(OverlapVerdict.follow_up_due, OverlapVerdict.id))
    found: dict[int, list[Item]] = defaultdict(list)
    for verdict in db.session.scalars(stmt).unique():
        found[verdict.follow_up_administration_id].append(Item(
            key=f"follow_up:{verdict.id}", kind="follow_up",
            title=f"{verdict.first_initiative.title} / {verdict.second_initiative.title}",
            endpoint="overlaps.candidate_detail",
            args=(("first_id", verdict.first_initiative_id), ("second_id", verdict.second_initiative_id)),
            day=verdict.follow_up_due))
    decisions = (select(CooperationEntry)
                 .where(CooperationEntry.kind == "decision", CooperationEntry.archived_at.is_(None),
                        CooperationEntry.follow_up_status.in_(OPEN_STATUSES),
                        CooperationEntry.owner_administration_id.in_(administration_ids),
                        CooperationEntry.due_date <= today + timedelta(days=DUE_SOON_DAYS))
                 .order_by(CooperationEntry.due_date, CooperationEntry.id))
    for entry in db.session.scalars(decisions):
        found[entry.owner_administration_id].append(Item(
            key=f"decision:{entry.id}", kind="follow_up", title=_short(entry.text), endpoint="entries.follow_up",
            args=(("entry_id", entry.id),), day=entry.due_date))
    for items in found.values():
        items.sort(key=lambda item: (item.day, item.key))
    return found


def _short(text: str, length: int = 100) -> str:
    """A decision's text on one line, cut at a word when long."""
    text = " ".join(text.split())
    return text if len(text) <= length else text[:length].rsplit(" ", 1)[0] + " …"


def _expired(administration_ids: set[int], today: date) -> dict[int, list[Item]]:
    """Initiatives each administration leads that are past their end date but still planned or active."""
    stmt = (select(Initiative.id, Initiative.title, Initiative.end_date, Initiative.lead_administration_id)
            .where(Initiative.archived_at.is_(None), Initiative.status.in_(RUNNING),
                   Initiative.end_date < today, Initiative.lead_administration_id.in_(administration_ids))
            .order_by(Initiative.end_date, Initiative.title))
    found: dict[int, list[Item]] = defaultdict(list)
    for initiative_id, title, end, lead in db.session.execute(stmt):
        found[lead].append(Item(key=f"expired:{initiative_id}", kind="expired", title=title,
                                endpoint="initiatives.initiative_detail", args=(("initiative_id", initiative_id),),
                                day=end))
    return found


def _overlaps(administration_ids: set[int]) -> dict[int, list[Item]]:
    """Strong candidates without a verdict that involve each administration (as lead of either initiative)."""
    judged = {(first, second) for first, second in db.session.execute(
        select(OverlapVerdict.first_initiative_id, OverlapVerdict.second_initiative_id))}
    found: dict[int, list[Item]] = defaultdict(list)
    for candidate in cached_detection().candidates:
        if not candidate.strong or candidate.initiative_ids in judged:
            continue
        first, second = candidate.first, candidate.second
        item = Item(key=f"overlap:{first.id}-{second.id}", kind="overlap", title=f"{first.title} / {second.title}",
                    endpoint="overlaps.candidate_detail", args=(("first_id", first.id), ("second_id", second.id)))
        for administration_id in {first.lead_administration_id, second.lead_administration_id} & administration_ids:
            found[administration_id].append(item)
    return found


def _deadlines(administration_ids: set[int], today: date) -> dict[int, list[Item]]:
    """Report deadlines from a month ahead, for each committee whose report for that year is not final."""
    deadlines = list(db.session.scalars(
        select(ReportDeadline).where(ReportDeadline.due_on <= today + timedelta(days=DEADLINE_NOTICE_DAYS),
                                     ReportDeadline.due_on >= today - timedelta(days=DEADLINE_NOTICE_DAYS))
        .order_by(ReportDeadline.due_on)))
    if not deadlines:
        return {}
    final = {(administration_id, year) for administration_id, year in db.session.execute(
        select(Report.administration_id, Report.year).where(Report.final_number.is_not(None),
                                                            Report.year.in_([d.year for d in deadlines])))}
    found: dict[int, list[Item]] = defaultdict(list)
    for deadline in deadlines:
        for administration_id in administration_ids:
            if (administration_id, deadline.year) not in final:
                found[administration_id].append(Item(
                    key=f"deadline:{deadline.year}", kind="deadline", title=str(deadline.year),
                    endpoint="reports.readiness_page",
                    args=(("administration", administration_id), ("year", deadline.year)),
                    day=deadline.due_on))
    return found


def due_digests(today: date | None = None) -> list[Digest]:
    """Every digest to send now: one per user who wants one this period and has something new to hear.

    A user told anything in this period hears nothing more until the next (one e-mail a day or a week);
    an overlap candidate is told once, ever; follow-ups, expired initiatives and deadlines are repeated
    each period while they stand, as reminders.
    """
    today = today or clock_today()
    users = _recipients()
    if not users:
        return []
    administration_ids = {user.administration_id for user in users}
    sources = (_follow_ups(administration_ids, today), _expired(administration_ids, today),
               _overlaps(administration_ids), _deadlines(administration_ids, today))
    sent: dict[int, set[tuple[str, str]]] = defaultdict(set)
    for user_id, key, period in db.session.execute(
            select(SentItem.user_id, SentItem.item_key, SentItem.period)
            .join(User, User.id == SentItem.user_id)
            .where(User.active.is_(True), User.digest_frequency != "never")):
        sent[user_id].add((key, period))
    digests = []
    for user in users:
        period = period_of(user.digest_frequency, today)
        told = sent[user.id]
        if any(told_period == period for _key, told_period in told):
            continue
        ever = {key for key, _period in told}
        items = [item for source in sources for item in source.get(user.administration_id, ())
                 if not (item.kind == "overlap" and item.key in ever)]
        if items:
            digests.append(Digest(user, period, items))
    return digests


def record_sent(digest: Digest) -> None:
    """Note every item of the digest as told to its user in its period (flush only)."""
    db.session.add_all(SentItem(user_id=digest.user.id, item_key=item.key, period=digest.period)
                       for item in digest.items)
    db.session.flush()
