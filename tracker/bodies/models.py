"""Coordination bodies, memberships and meetings."""
from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Column, Date, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.areas.models import Area, Place
from tracker.core.models import ArchivableMixin, Audited, TimestampMixin, VersionedMixin, enum_check
from tracker.extensions import db
from tracker.organisation.models import Administration, Organisation, Person

BODY_KINDS = ("tvaerkommunalt_team", "tvaerkommunal_styregruppe", "boligsocialt_forum",
              "omraadefornyelse_styregruppe", "other")
BODY_LEVELS = ("staff", "leader", "chief")

meeting_administrations = Table(
    "meeting_administrations",
    db.metadata,
    Column("meeting_id", ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True),
    Column("administration_id", ForeignKey("administrations.id"), primary_key=True),
)
meeting_organisations = Table(
    "meeting_organisations",
    db.metadata,
    Column("meeting_id", ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True),
    Column("organisation_id", ForeignKey("organisations.id"), primary_key=True),
)


class Body(Audited, ArchivableMixin, VersionedMixin, TimestampMixin, db.Model):
    __tablename__ = "bodies"
    __table_args__ = (
        CheckConstraint(enum_check("kind", BODY_KINDS), name="kind"),
        CheckConstraint(enum_check("level", BODY_LEVELS), name="level"),
        CheckConstraint("end_date IS NULL OR start_date IS NULL OR end_date >= start_date", name="period"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(40))
    level: Mapped[str] = mapped_column(String(10))
    description: Mapped[str] = mapped_column(Text, default="")
    area_id: Mapped[int | None] = mapped_column(ForeignKey("areas.id"), index=True)
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"), index=True)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)

    area: Mapped[Area | None] = relationship()
    place: Mapped[Place | None] = relationship()
    memberships: Mapped[list[Membership]] = relationship(back_populates="body", cascade="all, delete-orphan")
    meetings: Mapped[list[Meeting]] = relationship(
        back_populates="body", order_by="Meeting.date.desc()", cascade="all, delete-orphan"
    )


class Membership(Audited, ArchivableMixin, VersionedMixin, TimestampMixin, db.Model):
    """A seat in a body: a role, whom it represents and, when known, the person holding it."""

    __audit_parent__ = "body"
    __tablename__ = "memberships"
    __table_args__ = (
        CheckConstraint("end_date IS NULL OR start_date IS NULL OR end_date >= start_date", name="period"),
        CheckConstraint("administration_id IS NULL OR organisation_id IS NULL", name="one_represented"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("bodies.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id"), index=True)
    role: Mapped[str] = mapped_column(String(200))
    administration_id: Mapped[int | None] = mapped_column(ForeignKey("administrations.id"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)

    body: Mapped[Body] = relationship(back_populates="memberships")
    person: Mapped[Person | None] = relationship()
    administration: Mapped[Administration | None] = relationship()
    organisation: Mapped[Organisation | None] = relationship()


class Meeting(Audited, ArchivableMixin, VersionedMixin, TimestampMixin, db.Model):
    __audit_parent__ = "body"
    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("bodies.id", ondelete="CASCADE"), index=True)
    date: Mapped[date] = mapped_column(Date, index=True)
    summary: Mapped[str] = mapped_column(Text, default="")

    body: Mapped[Body] = relationship(back_populates="meetings")
    administrations: Mapped[list[Administration]] = relationship(
        secondary=meeting_administrations, order_by="Administration.code"
    )
    organisations: Mapped[list[Organisation]] = relationship(
        secondary=meeting_organisations, order_by="Organisation.name"
    )
