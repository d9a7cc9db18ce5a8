"""One audit event per created, changed, archived, restored or deleted record."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, DateTime, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.auth.models import User
from tracker.core.models import enum_check, utcnow
from tracker.extensions import db

ACTIONS = ("create", "update", "archive", "restore", "delete")


class AuditEvent(db.Model):
    __tablename__ = "audit_events"
    __table_args__ = (
        CheckConstraint(enum_check("action", ACTIONS), name="action"),
        Index("ix_audit_events_entity", "entity_type", "entity_id"),
        Index("ix_audit_events_parent", "parent_type", "parent_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    action: Mapped[str] = mapped_column(String(10))
    entity_type: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int] = mapped_column(Integer)
    entity_label: Mapped[str] = mapped_column(String(200), default="")
    parent_type: Mapped[str | None] = mapped_column(String(40))
    parent_id: Mapped[int | None] = mapped_column(Integer)
    # {field: {"old": ..., "new": ...}}; collections as lists of labels
    changes: Mapped[dict] = mapped_column(JSON, default=dict)
    # Where a change came from when not a form: "import:<file name>" for an Excel/CSV import.
    source: Mapped[str | None] = mapped_column(String(200))

    user: Mapped[User | None] = relationship()
