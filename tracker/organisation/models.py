"""Administrations (forvaltninger), outside organisations and persons."""
from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.core.models import ArchivableMixin, Audited, TimestampMixin, VersionedMixin, enum_check
from tracker.extensions import db

ORGANISATION_KINDS = ("housing_association", "police", "local_council", "association", "business", "other")


class Administration(Audited, VersionedMixin, TimestampMixin, db.Model):
    __tablename__ = "administrations"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(10), unique=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    committee: Mapped[str] = mapped_column(String(200), unique=True)

    def __repr__(self) -> str:
        return f"<Administration {self.code}>"


class Organisation(Audited, ArchivableMixin, VersionedMixin, TimestampMixin, db.Model):
    """An outside partner: a housing association, the police, a local council, an association."""

    __tablename__ = "organisations"
    __table_args__ = (CheckConstraint(enum_check("kind", ORGANISATION_KINDS), name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(30))
    description: Mapped[str] = mapped_column(Text, default="")

    def __repr__(self) -> str:
        return f"<Organisation {self.name}>"


class Person(Audited, ArchivableMixin, VersionedMixin, TimestampMixin, db.Model):
    __tablename__ = "persons"
    __table_args__ = (
        CheckConstraint(
            "administration_id IS NULL OR organisation_id IS NULL", name="one_affiliation"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    administration_id: Mapped[int | None] = mapped_column(ForeignKey("administrations.id"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)

    administration: Mapped[Administration | None] = relationship()
    organisation: Mapped[Organisation | None] = relationship()
