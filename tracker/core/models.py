"""Column helpers shared by the domain models: timestamps, optimistic locking, soft deletion."""
from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import DateTime, Integer
from sqlalchemy.orm import Mapped, declared_attr, mapped_column


def utcnow() -> datetime:
    return datetime.now(UTC)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class VersionedMixin:
    """Optimistic locking: every UPDATE checks and bumps `version`, so a stale save is detected."""

    version: Mapped[int] = mapped_column(Integer, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:
        return {"version_id_col": cls.__table__.c.version}


class ArchivableMixin:
    """Soft deletion: an archived record is hidden from lists but kept, and can be restored."""

    archived_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class Audited:
    """Marks a model whose every change is written to the audit trail.

    `__audit_parent__` names the attribute of the record whose history tab also shows this one's
    changes (a key figure shows under its initiative, a meeting under its body).
    """

    __audit_parent__: str | None = None

    @property
    def audit_label(self) -> str:
        for name in ("code", "title", "name", "label", "role", "email"):
            value = getattr(self, name, None)
            if value:
                return str(value)
        return f"#{self.id}"


def enum_check(column: str, values) -> str:
    """SQL for a CHECK constraint that keeps a text column within a fixed set of values."""
    quoted = ", ".join(f"'{v}'" for v in values)
    return f"{column} IN ({quoted})"
