"""The steering group's verdict on an overlap candidate, and the follow-up a "bør samordnes" verdict asks for."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, String, Text, UniqueConstraint
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
