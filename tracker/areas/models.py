"""Areas (udsatte byområder), places, development plans (udviklingsplaner) and their goals (mål)."""
from __future__ import annotations

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.core.models import ArchivableMixin, Audited, TimestampMixin, VersionedMixin, enum_check
from tracker.extensions import db

PLACE_KINDS = ("neighbourhood", "estate", "district")
PLAN_STATUSES = ("in_preparation", "adopted", "finished")


class Area(Audited, VersionedMixin, TimestampMixin, db.Model):
    __tablename__ = "areas"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    bydel: Mapped[str] = mapped_column(String(100), default="")
    description: Mapped[str] = mapped_column(Text, default="")

    places: Mapped[list[Place]] = relationship(back_populates="area", order_by="Place.name")
    plans: Mapped[list[Udviklingsplan]] = relationship(
        back_populates="area", order_by="Udviklingsplan.year_adopted"
    )

    def __repr__(self) -> str:
        return f"<Area {self.slug}>"


class Place(Audited, VersionedMixin, TimestampMixin, db.Model):
    """A neighbourhood or estate; it may lie outside the six areas (area is then empty)."""

    __tablename__ = "places"
    __table_args__ = (CheckConstraint(enum_check("kind", PLACE_KINDS), name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[str] = mapped_column(String(20), default="neighbourhood")
    area_id: Mapped[int | None] = mapped_column(ForeignKey("areas.id"), index=True)

    area: Mapped[Area | None] = relationship(back_populates="places")


class Udviklingsplan(Audited, ArchivableMixin, VersionedMixin, TimestampMixin, db.Model):
    __tablename__ = "udviklingsplaner"
    __table_args__ = (
        CheckConstraint(enum_check("status", PLAN_STATUSES), name="status"),
        CheckConstraint("period_end IS NULL OR period_start IS NULL OR period_end >= period_start",
                        name="period"),
        CheckConstraint("year_adopted IS NULL OR year_adopted BETWEEN 1990 AND 2100", name="year"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("areas.id"), index=True)
    title: Mapped[str] = mapped_column(String(200), unique=True)
    status: Mapped[str] = mapped_column(String(20), default="adopted")
    year_adopted: Mapped[int | None] = mapped_column(Integer)
    period_start: Mapped[int | None] = mapped_column(Integer)
    period_end: Mapped[int | None] = mapped_column(Integer)
    summary: Mapped[str] = mapped_column(Text, default="")

    area: Mapped[Area] = relationship(back_populates="plans")
    goals: Mapped[list[Goal]] = relationship(
        back_populates="plan", order_by="Goal.position", cascade="all, delete-orphan"
    )


class Goal(Audited, ArchivableMixin, VersionedMixin, TimestampMixin, db.Model):
    """A mål of a development plan."""

    __audit_parent__ = "plan"
    __tablename__ = "goals"
    __table_args__ = (UniqueConstraint("plan_id", "title"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("udviklingsplaner.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")

    plan: Mapped[Udviklingsplan] = relationship(back_populates="goals")
