"""Personal API tokens: only a SHA-256 hash of each token is stored, with its name, scope and expiry."""
from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.auth.models import User
from tracker.core.models import Audited, TimestampMixin, enum_check, utcnow
from tracker.extensions import db

SCOPES = ("read", "read-write")


class ApiToken(Audited, TimestampMixin, db.Model):
    __tablename__ = "api_tokens"
    __table_args__ = (CheckConstraint(enum_check("scope", SCOPES), name="scope"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    # hex SHA-256 of the token: the token itself is shown once and never stored
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    scope: Mapped[str] = mapped_column(String(20), default="read")
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    user: Mapped[User] = relationship()

    @property
    def audit_label(self) -> str:
        return self.name

    @property
    def can_write(self) -> bool:
        return self.scope == "read-write"

    def is_usable(self, now: datetime | None = None) -> bool:
        now = now or utcnow()
        return self.revoked_at is None and _aware(self.expires_at) > now


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; every time here is stored in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
