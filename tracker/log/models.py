"""The cooperation log's records: entries (what happened, when, with whom) and comments on initiatives."""
from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Column, Date, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.areas.models import Area
from tracker.auth.models import User
from tracker.bodies.models import Body, Meeting
from tracker.core.models import ArchivableMixin, Audited, TimestampMixin, VersionedMixin, enum_check
from tracker.extensions import db
from tracker.initiatives.models import Initiative
from tracker.organisation.models import Administration

ENTRY_KINDS = ("meeting", "decision", "joint_activity", "result", "challenge", "recommendation")

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
)


class CooperationEntry(Audited, ArchivableMixin, VersionedMixin, TimestampMixin, db.Model):
    """One line of the cooperation log: what happened, when, with whom."""

    __audit_parent__ = "initiative"
    __tablename__ = "cooperation_entries"
    __table_args__ = (CheckConstraint(enum_check("kind", ENTRY_KINDS), name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    date: Mapped[date] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    initiative_id: Mapped[int | None] = mapped_column(ForeignKey("initiatives.id"), index=True)
    body_id: Mapped[int | None] = mapped_column(ForeignKey("bodies.id"), index=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)

    initiative: Mapped[Initiative | None] = relationship(back_populates="entries")
    body: Mapped[Body | None] = relationship()
    meeting: Mapped[Meeting | None] = relationship()
    author: Mapped[User | None] = relationship()
    areas: Mapped[list[Area]] = relationship(secondary=entry_areas, order_by="Area.name")
    administrations: Mapped[list[Administration]] = relationship(
        secondary=entry_administrations, order_by="Administration.code"
    )


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
