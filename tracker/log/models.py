"""The cooperation log's records: entries (what happened, when, with whom) and comments on initiatives."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Column, Date, DateTime, ForeignKey, Index, String, Table, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.areas.models import Area
from tracker.auth.models import User
from tracker.bodies.models import Body, Meeting
from tracker.core.models import ArchivableMixin, Audited, TimestampMixin, VersionedMixin, enum_check
from tracker.extensions import db
from tracker.initiatives.models import Initiative
from tracker.organisation.models import Administration

ENTRY_KINDS = ("meeting", "decision", "joint_activity", "result", "challenge", "recommendation")
# A decision someone must carry out: åben, i gang, lukket (None: not followed up).
FOLLOW_UP_STATUSES = ("open", "in_progress", "closed")

entry_areas = Table(
    "entry_areas",
    db.metadata,
    Column("entry_id", ForeignKey("cooperation_entries.id", ondelete="CASCADE"), primary_key=True),
    Column("area_id", ForeignKey("areas.id"), primary_key=True, index=True),
)
entry_administrations = Table(
    "entry_administrations",
    db.metadata,
    Column("entry_id", ForeignKey("cooperation_entries.id", ondelete="CASCADE"), primary_key=True),
    Column("administration_id", ForeignKey("administrations.id"), primary_key=True),
    # The entries naming an administration, read from the index alone (the readiness page, a draft's facts).
    Index("ix_entry_administrations_administration_entry", "administration_id", "entry_id"),
)


class CooperationEntry(Audited, ArchivableMixin, VersionedMixin, TimestampMixin, db.Model):
    """One line of the cooperation log: what happened, when, with whom."""

    __audit_parent__ = "initiative"
    __tablename__ = "cooperation_entries"
    __table_args__ = (
        CheckConstraint(enum_check("kind", ENTRY_KINDS), name="kind"),
        CheckConstraint("follow_up_status IS NULL OR " + enum_check("follow_up_status", FOLLOW_UP_STATUSES),
                        name="follow_up_status"),
        # The whole log's, an initiative's and a body's, newest first, read a page at a time.
        Index("ix_cooperation_entries_date_id", "date", "id"),
        Index("ix_cooperation_entries_initiative_log", "initiative_id", "date", "id"),
        Index("ix_cooperation_entries_body_log", "body_id", "date", "id"),
        # A period's current entries with what the reports and the front page's area activity filter and join
        # them on, read from the index alone (PostgreSQL) instead of from every heap page of the period.
        Index("ix_cooperation_entries_current_date", "date", "id",
              postgresql_include=["kind", "initiative_id", "body_id", "meeting_id"],
              postgresql_where=text("archived_at IS NULL"), sqlite_where=text("archived_at IS NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    date: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    initiative_id: Mapped[int | None] = mapped_column(ForeignKey("initiatives.id"), index=True)
    body_id: Mapped[int | None] = mapped_column(ForeignKey("bodies.id"), index=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    # A decision's follow-up: which administration carries it out, by when, how far it is, how it ended.
    owner_administration_id: Mapped[int | None] = mapped_column(ForeignKey("administrations.id"), index=True)
    due_date: Mapped[date | None] = mapped_column(Date)
    follow_up_status: Mapped[str | None] = mapped_column(String(20))
    closing_note: Mapped[str] = mapped_column(Text, default="", server_default="")
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    initiative: Mapped[Initiative | None] = relationship(back_populates="entries")
    owner_administration: Mapped[Administration | None] = relationship(foreign_keys=[owner_administration_id])
    body: Mapped[Body | None] = relationship()
    meeting: Mapped[Meeting | None] = relationship()
    author: Mapped[User | None] = relationship()
    areas: Mapped[list[Area]] = relationship(secondary=entry_areas, order_by="Area.name")
    administrations: Mapped[list[Administration]] = relationship(
        secondary=entry_administrations, order_by="Administration.code"
    )

    @property
    def open_follow_up(self) -> bool:
        return self.follow_up_status in ("open", "in_progress") and self.owner_administration_id is not None


class Comment(Audited, ArchivableMixin, VersionedMixin, TimestampMixin, db.Model):
    """A remark on an initiative, typically from a steering-group member reading along."""

    __audit_parent__ = "initiative"
    __tablename__ = "comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(ForeignKey("initiatives.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    text: Mapped[str] = mapped_column(Text)

    initiative: Mapped[Initiative] = relationship()
    author: Mapped[User | None] = relationship()

    @property
    def audit_label(self) -> str:
        return self.text[:60]
