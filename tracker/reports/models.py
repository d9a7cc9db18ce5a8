"""A committee's yearly report and its numbered versions: generated drafts with their frozen facts, and the
writer's edits. Versions are append-only; the only later change is marking one final."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.auth.models import User
from tracker.core.models import Audited, TimestampMixin, VersionedMixin, enum_check
from tracker.extensions import db
from tracker.organisation.models import Administration
from tracker.reports.shown import shown_of
from tracker.reports.template import SECTION_NUMBERS

ORIGINS = ("generated", "edited")


# The unique constraints' indexes (administration, year), (report, number), (version, section) also serve
# lookups by their first column, so those columns carry no index of their own.


class Report(Audited, VersionedMixin, TimestampMixin, db.Model):
    """One per committee (administration) and year.

    `latest_number` is the number of the newest version: every new version bumps it, and because the
    row is version-locked, two saves racing for the same number cannot both succeed.
    `final_number` points at the version marked final last (None until one is).
    """

    __tablename__ = "reports"
    __table_args__ = (
        UniqueConstraint("administration_id", "year"),
        CheckConstraint("year BETWEEN 1990 AND 2100", name="year"),
        CheckConstraint("period_end >= period_start", name="period"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    administration_id: Mapped[int] = mapped_column(ForeignKey("administrations.id"))
    year: Mapped[int] = mapped_column(Integer)
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    latest_number: Mapped[int] = mapped_column(Integer, default=0)
    final_number: Mapped[int | None] = mapped_column(Integer)

    administration: Mapped[Administration] = relationship()

    @property
    def audit_label(self) -> str:
        return f"{self.administration.code} {self.year}" if self.administration else f"#{self.id}"


class ReportVersion(Audited, VersionedMixin, TimestampMixin, db.Model):
    """A numbered version (1, 2, 3 … per report). A generated version carries the snapshot of the facts
    it was drafted from; an edited one points at the generated version its text derives from."""

    __audit_parent__ = "report"
    __tablename__ = "report_versions"
    __table_args__ = (
        UniqueConstraint("report_id", "number"),
        CheckConstraint(enum_check("origin", ORIGINS), name="origin"),
        CheckConstraint("number >= 1", name="number"),
        CheckConstraint("origin = 'generated' OR derived_from_id IS NOT NULL", name="derived"),
        CheckConstraint("period_end >= period_start", name="period"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id"))
    number: Mapped[int] = mapped_column(Integer)
    origin: Mapped[str] = mapped_column(String(20))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    derived_from_id: Mapped[int | None] = mapped_column(ForeignKey("report_versions.id"), index=True)
    # The reporting period the text was written for (the period of the facts, for a generated version).
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    finalised_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finalised_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    report: Mapped[Report] = relationship()
    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    finalised_by: Mapped[User | None] = relationship(foreign_keys=[finalised_by_id])
    derived_from: Mapped[ReportVersion | None] = relationship(remote_side=[id])
    texts: Mapped[list[ReportText]] = relationship(back_populates="version", order_by="ReportText.section",
                                                   cascade="all, delete-orphan")
    snapshot: Mapped[ReportSnapshot | None] = relationship(back_populates="version", cascade="all, delete-orphan")

    @property
    def audit_label(self) -> str:
        return f"v{self.number}"

    @property
    def is_generated(self) -> bool:
        return self.origin == "generated"

    @property
    def was_finalised(self) -> bool:
        return self.finalised_at is not None

    @property
    def draft_id(self) -> int:
        """The generated version this text derives from (itself, for a generated version)."""
        return self.id if self.is_generated else self.derived_from_id

    def text_map(self) -> dict[int, str]:
        """Each section's text, "" for a section without one."""
        found = {text.section: text.text for text in self.texts}
        return {number: found.get(number, "") for number in SECTION_NUMBERS}


class ReportText(Audited, db.Model):
    """One section's text in one version; written once with its version, never changed."""

    __audit_parent__ = "version"
    __tablename__ = "report_texts"
    __table_args__ = (
        UniqueConstraint("version_id", "section"),
        CheckConstraint(f"section BETWEEN 1 AND {max(SECTION_NUMBERS)}", name="section"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("report_versions.id", ondelete="CASCADE"))
    section: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text, default="")

    version: Mapped[ReportVersion] = relationship(back_populates="texts")

    @property
    def audit_label(self) -> str:
        return f"{self.section})"


class ReportSnapshot(db.Model):
    """The frozen facts a generated version was drafted from, and the draft itself (sentences with their
    sources, what was left out, the writer's notes), so the version can be reproduced and its sources
    shown long after the initiatives change.

    Not audited field by field: it is written once, with its version (whose creation is audited), and
    never changed; copying a whole snapshot into the audit trail would add nothing but size.

    The facts and the draft grow with the city's data (tens of megabytes for a large administration), so
    they are loaded only when read; the pages read `shown`, the small record of what they show
    (tracker/reports/shown.py).
    """

    __tablename__ = "report_snapshots"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("report_versions.id", ondelete="CASCADE"), unique=True)
    facts: Mapped[dict] = mapped_column(JSON, deferred=True)
    draft: Mapped[dict] = mapped_column(JSON, deferred=True)
    shown: Mapped[dict | None] = mapped_column(JSON)

    version: Mapped[ReportVersion] = relationship(back_populates="snapshot")

    @property
    def page(self) -> dict:
        """What the pages show of the draft: as stored, or made from the draft and facts if it never was."""
        return self.shown if self.shown is not None else shown_of(self.draft, self.facts)


class ReportDeadline(Audited, VersionedMixin, TimestampMixin, db.Model):
    """The day by which every committee's report for a year is due, set by an admin; it drives the reminders
    and is shown beside the report. One per year: the same day for all committees."""

    __tablename__ = "report_deadlines"
    __table_args__ = (CheckConstraint("year BETWEEN 1990 AND 2100", name="year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, unique=True)
    due_on: Mapped[date] = mapped_column(Date)

    @property
    def audit_label(self) -> str:
        return str(self.year)
