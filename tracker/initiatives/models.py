"""Themes, the policy's indsatsområder, and initiatives with their key figures."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Table,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.areas.models import Area, Goal, Place
from tracker.core.models import ArchivableMixin, Audited, TimestampMixin, VersionedMixin, enum_check
from tracker.extensions import db
from tracker.organisation.models import Administration, Organisation

if TYPE_CHECKING:  # the log sits above initiatives; the relationship resolves by name
    from tracker.log.models import CooperationEntry

INITIATIVE_STATUSES = ("planned", "active", "finished", "stopped")


initiative_partner_administrations = Table(
    "initiative_partner_administrations",
    db.metadata,
    Column("initiative_id", ForeignKey("initiatives.id", ondelete="CASCADE"), primary_key=True),
    Column("administration_id", ForeignKey("administrations.id"), primary_key=True, index=True),
)
initiative_organisations = Table(
    "initiative_organisations",
    db.metadata,
    Column("initiative_id", ForeignKey("initiatives.id", ondelete="CASCADE"), primary_key=True),
    Column("organisation_id", ForeignKey("organisations.id"), primary_key=True, index=True),
)
initiative_areas = Table(
    "initiative_areas",
    db.metadata,
    Column("initiative_id", ForeignKey("initiatives.id", ondelete="CASCADE"), primary_key=True),
    Column("area_id", ForeignKey("areas.id"), primary_key=True, index=True),
)
initiative_places = Table(
    "initiative_places",
    db.metadata,
    Column("initiative_id", ForeignKey("initiatives.id", ondelete="CASCADE"), primary_key=True),
    Column("place_id", ForeignKey("places.id"), primary_key=True, index=True),
)
initiative_themes = Table(
    "initiative_themes",
    db.metadata,
    Column("initiative_id", ForeignKey("initiatives.id", ondelete="CASCADE"), primary_key=True),
    Column("theme_id", ForeignKey("themes.id"), primary_key=True, index=True),
)
initiative_goals = Table(
    "initiative_goals",
    db.metadata,
    Column("initiative_id", ForeignKey("initiatives.id", ondelete="CASCADE"), primary_key=True),
    Column("goal_id", ForeignKey("goals.id"), primary_key=True),
)
initiative_policy_areas = Table(
    "initiative_policy_areas",
    db.metadata,
    Column("initiative_id", ForeignKey("initiatives.id", ondelete="CASCADE"), primary_key=True),
    Column("policy_area_id", ForeignKey("policy_areas.id"), primary_key=True),
)


class Theme(Audited, VersionedMixin, TimestampMixin, db.Model):
    __tablename__ = "themes"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    name_en: Mapped[str] = mapped_column(String(100), default="")


class PolicyArea(TimestampMixin, db.Model):
    """One of the inclusion policy's four indsatsområder."""

    __tablename__ = "policy_areas"
    __table_args__ = (CheckConstraint("number BETWEEN 1 AND 20", name="number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(Integer, unique=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    name_en: Mapped[str] = mapped_column(String(200), default="")


class Initiative(Audited, ArchivableMixin, VersionedMixin, TimestampMixin, db.Model):
    __tablename__ = "initiatives"
    __table_args__ = (
        CheckConstraint(enum_check("status", INITIATIVE_STATUSES), name="status"),
        CheckConstraint("end_date IS NULL OR start_date IS NULL OR end_date >= start_date", name="period"),
        # The lists read each status's initiatives in title order (initiatives/queries.py), all of them or one
        # lead administration's; archived_at last, so the current ones are told from the index alone.
        Index("ix_initiatives_list_order", "status", "title", "id", "archived_at"),
        Index("ix_initiatives_lead_list_order", "lead_administration_id", "status", "title", "id", "archived_at"),
        # A lead administration's running initiatives by end date: the expired ones, the longest past first.
        Index("ix_initiatives_lead_running_end", "lead_administration_id", "end_date", "id",
              postgresql_where=text("status IN ('planned', 'active')"),
              sqlite_where=text("status IN ('planned', 'active')")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200), unique=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="planned", index=True)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    lead_administration_id: Mapped[int] = mapped_column(ForeignKey("administrations.id"), index=True)

    lead_administration: Mapped[Administration] = relationship()
    partner_administrations: Mapped[list[Administration]] = relationship(
        secondary=initiative_partner_administrations, order_by="Administration.code"
    )
    partner_organisations: Mapped[list[Organisation]] = relationship(
        secondary=initiative_organisations, order_by="Organisation.name"
    )
    areas: Mapped[list[Area]] = relationship(secondary=initiative_areas, order_by="Area.name")
    places: Mapped[list[Place]] = relationship(secondary=initiative_places, order_by="Place.name")
    themes: Mapped[list[Theme]] = relationship(secondary=initiative_themes, order_by="Theme.name")
    goals: Mapped[list[Goal]] = relationship(secondary=initiative_goals, order_by="Goal.position")
    policy_areas: Mapped[list[PolicyArea]] = relationship(
        secondary=initiative_policy_areas, order_by="PolicyArea.number"
    )
    key_figures: Mapped[list[KeyFigure]] = relationship(
        back_populates="initiative", cascade="all, delete-orphan", order_by="(KeyFigure.year, KeyFigure.id)"
    )
    entries: Mapped[list[CooperationEntry]] = relationship(
        back_populates="initiative", order_by="CooperationEntry.date.desc()"
    )

    @property
    def administrations(self) -> list[Administration]:
        """The lead and the partners: everyone from the municipality who takes part."""
        return [self.lead_administration, *self.partner_administrations]


class KeyFigure(Audited, TimestampMixin, db.Model):
    """A result as a key figure: label, value, unit and the year it applies to."""

    __audit_parent__ = "initiative"
    __tablename__ = "key_figures"
    __table_args__ = (CheckConstraint("year BETWEEN 1990 AND 2100", name="year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(ForeignKey("initiatives.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(200))
    value: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    unit: Mapped[str] = mapped_column(String(40), default="")
    year: Mapped[int] = mapped_column(Integer)

    initiative: Mapped[Initiative] = relationship(back_populates="key_figures")
