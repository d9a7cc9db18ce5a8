"""The steering group's verdict on an overlap candidate and the follow-up a "bør samordnes" verdict asks for;
the stored candidates the review shows, and what they are up to date with."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.auth.models import User
from tracker.core.labels import LABELS
from tracker.core.models import Audited, TimestampMixin, VersionedMixin, enum_check
from tracker.extensions import db
from tracker.initiatives.models import Initiative
from tracker.organisation.models import Administration

VERDICTS = ("koordineret", "boer_samordnes", "sammenlaegges", "ikke_overlap")
VERDICT_LABELS = LABELS["verdict"]
NEEDS_FOLLOW_UP = "boer_samordnes"


class OverlapVerdict(Audited, VersionedMixin, TimestampMixin, db.Model):
    """One verdict per pair of initiatives (the lower id first), kept across changes of either initiative.

    `fingerprint` is the candidate's fingerprint when the verdict was given: while it equals the current
    one the candidate stays out of the open list; when either initiative changes in a way that matters,
    the fingerprints differ and the candidate returns marked as changed since the verdict.
    """

    __tablename__ = "overlap_verdicts"
    __table_args__ = (
        UniqueConstraint("first_initiative_id", "second_initiative_id"),
        CheckConstraint("first_initiative_id < second_initiative_id", name="pair_order"),
        CheckConstraint(enum_check("verdict", VERDICTS), name="verdict"),
        CheckConstraint(f"verdict <> '{NEEDS_FOLLOW_UP}' OR "
                        "(follow_up_administration_id IS NOT NULL AND follow_up_due IS NOT NULL)",
                        name="follow_up"),
        CheckConstraint("follow_up_status IS NULL OR follow_up_status IN ('open', 'in_progress', 'closed')",
                        name="follow_up_status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    first_initiative_id: Mapped[int] = mapped_column(ForeignKey("initiatives.id"), index=True)
    second_initiative_id: Mapped[int] = mapped_column(ForeignKey("initiatives.id"), index=True)
    verdict: Mapped[str] = mapped_column(String(20))
    comment: Mapped[str] = mapped_column(Text, default="")
    follow_up_administration_id: Mapped[int | None] = mapped_column(ForeignKey("administrations.id"), index=True)
    follow_up_due: Mapped[date | None] = mapped_column(Date)
    follow_up_closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    follow_up_status: Mapped[str | None] = mapped_column(String(20))  # i gang (in_progress) before closed
    follow_up_note: Mapped[str] = mapped_column(Text, default="", server_default="")
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    fingerprint: Mapped[str] = mapped_column(String(64), default="")

    first_initiative: Mapped[Initiative] = relationship(foreign_keys=[first_initiative_id])
    second_initiative: Mapped[Initiative] = relationship(foreign_keys=[second_initiative_id])
    follow_up_administration: Mapped[Administration | None] = relationship()
    reviewer: Mapped[User | None] = relationship()

    @property
    def audit_label(self) -> str:
        return f"{self.first_initiative_id}–{self.second_initiative_id}"

    @property
    def verdict_label(self) -> str:
        return str(VERDICT_LABELS.get(self.verdict, self.verdict))

    @property
    def open_follow_up(self) -> bool:
        return (self.verdict == NEEDS_FOLLOW_UP and self.follow_up_administration_id is not None
                and self.follow_up_closed_at is None)


class OverlapCandidate(db.Model):
    """One overlap candidate as the stored review keeps it (store.py): derived data, rebuilt by a full run and
    updated for the initiatives a change touches, so no page waits for detection.

    ``area_ids`` and ``theme_ids`` are comma-wrapped id lists (",3,5,") for the list's filters; the rest of
    what the candidate shows is in ``OverlapCandidateDetail``, so that the lists and updates read narrow rows.
    No foreign keys: a deleted initiative's pairs go with the next update, and nothing here may stop the
    deletion."""

    __tablename__ = "overlap_candidates"
    __table_args__ = (
        UniqueConstraint("first_initiative_id", "second_initiative_id"),
        Index("ix_overlap_candidates_list", "strong", "order_key"),
        Index("ix_overlap_candidates_topic_order", "topic", "order_key"),  # a topic's pairs in the list's order
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    first_initiative_id: Mapped[int] = mapped_column(Integer)
    second_initiative_id: Mapped[int] = mapped_column(Integer, index=True)
    first_lead_id: Mapped[int] = mapped_column(Integer, index=True)
    second_lead_id: Mapped[int] = mapped_column(Integer, index=True)
    topic: Mapped[int | None] = mapped_column(BigInteger)  # topics.label(); None: a row of its own
    topic_area: Mapped[int] = mapped_column(Integer, index=True)
    alike: Mapped[bool] = mapped_column(Boolean)
    strong: Mapped[bool] = mapped_column(Boolean)
    uncoordinated: Mapped[bool] = mapped_column(Boolean)
    order_key: Mapped[float] = mapped_column(Float)
    score: Mapped[float] = mapped_column(Float)
    similarity: Mapped[float] = mapped_column(Float)
    relevance: Mapped[float] = mapped_column(Float)
    fingerprint: Mapped[str] = mapped_column(String(32))
    area_ids: Mapped[str] = mapped_column(String(400), default=",")
    theme_ids: Mapped[str] = mapped_column(String(400), default=",")
    words: Mapped[str] = mapped_column(String(400), default="")  # the most telling shared words, "|"-joined
    overlap_start: Mapped[date | None] = mapped_column(Date)
    overlap_end: Mapped[date | None] = mapped_column(Date)


class OverlapCandidateDetail(db.Model):
    """What a stored candidate shows besides its row (``OverlapCandidate``), by its pair: shared places, goals,
    partners and words, the strength's signals and the strong evidence of coordination (JSON)."""

    __tablename__ = "overlap_candidate_details"

    first_initiative_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    second_initiative_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    details: Mapped[dict] = mapped_column(JSON, default=dict)


class OverlapState(db.Model):
    """The one row saying what the stored candidates are up to date with: the highest initiative and log
    entry ids seen (rows inserted without the ORM, by `flask synth`, show as higher ids), the statistics of
    the last full run (zlib-compressed JSON) that updates weigh with, and a version that updates claim."""

    __tablename__ = "overlap_state"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    version: Mapped[int] = mapped_column(Integer, default=1)
    last_initiative_id: Mapped[int] = mapped_column(Integer, default=0)
    last_entry_id: Mapped[int] = mapped_column(Integer, default=0)
    scope: Mapped[int] = mapped_column(Integer, default=0)  # open initiatives at the last full run
    updated_since: Mapped[int] = mapped_column(Integer, default=0)  # initiatives updated one by one since
    weak_candidates: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # for the list's count
    detected_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    statistics: Mapped[bytes] = mapped_column(LargeBinary)


class OverlapChange(db.Model):
    """A change the stored candidates have not caught up with yet, written in the same transaction as the
    change itself (changes.py) and removed by the update that takes it in (store.py).

    ``kind``: ``initiative`` (its pairs are found again), ``evidence`` (the evidence of its pairs is read
    again), ``meeting`` (of the pairs whose log entries were at it), ``place`` (its initiatives' pairs are
    found again: the place may be in another area now) or ``loose`` (an entry on no initiative: the evidence
    of the pairs of two of ``administration_ids`` sharing one of ``area_ids``)."""

    __tablename__ = "overlap_changes"
    __table_args__ = (CheckConstraint(enum_check("kind", ("initiative", "evidence", "meeting", "place", "loose")),
                                      name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    target_id: Mapped[int | None] = mapped_column(Integer)
    administration_ids: Mapped[str | None] = mapped_column(String(400))
    area_ids: Mapped[str | None] = mapped_column(String(400))


class OverlapTopic(db.Model):
    """A row of the unfiltered list of strong candidates, as the stored review keeps it (store.py): a topic,
    or a strong candidate of its own (``id`` its row's id negated), with its place in the list, its leading
    pair, how many pairs it has and how many without a sign of coordination, its initiatives and what most
    of its pairs share. The default list reads these, not the pairs: a topic of hundreds of pairs costs it no
    more than one of two. Filtered lists are read from the pairs (listing.py)."""

    __tablename__ = "overlap_topics"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    topic_area: Mapped[int] = mapped_column(Integer, index=True)
    order_key: Mapped[float] = mapped_column(Float, index=True)
    lead_id: Mapped[int] = mapped_column(Integer)
    pairs: Mapped[int] = mapped_column(Integer)
    uncoordinated_pairs: Mapped[int] = mapped_column(Integer)
    initiative_ids: Mapped[str] = mapped_column(Text)  # "3,1,7": in the list's order (lead, title; store.py)
    area_ids: Mapped[str] = mapped_column(String(400))
    words: Mapped[str] = mapped_column(String(400))
    signs: Mapped[list] = mapped_column(JSON, default=list)  # the first strong signs of coordination, each once
