"""What the digests have told whom: one row per user, item and period, so no item is sent twice in a period."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tracker.core.models import utcnow
from tracker.extensions import db


class SentItem(db.Model):
    """An item (a follow-up, an expired initiative, an overlap candidate, a deadline) told to a user in a
    period: "2026-12-01" for a daily digest, "2026-W49" for a weekly one.

    Not audited: it is a delivery receipt the command writes after the mail server accepted the message,
    not a change anyone makes to the data.
    """

    __tablename__ = "digest_sent_items"
    __table_args__ = (UniqueConstraint("user_id", "item_key", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    item_key: Mapped[str] = mapped_column(String(120))
    period: Mapped[str] = mapped_column(String(10))
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
