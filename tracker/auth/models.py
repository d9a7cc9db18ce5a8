"""User accounts with hashed passwords, one role each, and the token that ties their sessions to them."""
from __future__ import annotations

import hmac
import secrets
from datetime import datetime

from flask import current_app, has_app_context
from flask_login import UserMixin
from sqlalchemy import CheckConstraint, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from tracker.core.models import Audited, TimestampMixin, VersionedMixin, enum_check
from tracker.extensions import db

ROLES = ("admin", "koordinator", "styregruppe", "laeser")
# How often a user wants the e-mail digest of what needs their attention (see tracker/notify/).
DIGEST_FREQUENCIES = ("daily", "weekly", "never")


def new_session_token() -> str:
    return secrets.token_urlsafe(32)


class User(Audited, UserMixin, VersionedMixin, TimestampMixin, db.Model):
    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint(enum_check("role", ROLES), name="role"),
        CheckConstraint("administration_id IS NULL OR organisation_id IS NULL", name="one_affiliation"),
        CheckConstraint(enum_check("digest_frequency", DIGEST_FREQUENCIES), name="digest_frequency"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))
    administration_id: Mapped[int | None] = mapped_column(ForeignKey("administrations.id"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    active: Mapped[bool] = mapped_column(default=True)
    # Part of every session's and remember cookie's user id: a new token ends all of them at once.
    session_token: Mapped[str] = mapped_column(String(64), default=new_session_token)
    # Set with a one-time password from an administrator: every page asks for a new one first.
    must_change_password: Mapped[bool] = mapped_column(default=False)
    password_changed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Set only by `seed --demo`; such an account never logs in under TRACKER_ENV=production.
    is_demo: Mapped[bool] = mapped_column(default=False)
    # The digest is weekly unless the user chooses otherwise; its language is the app's default when None.
    digest_frequency: Mapped[str] = mapped_column(String(10), default="weekly", server_default="weekly")
    language: Mapped[str | None] = mapped_column(String(5))

    administration = relationship("Administration")
    organisation = relationship("Organisation")

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active

    def get_id(self) -> str:
        """Flask-Login's alternative id: the session and the remember cookie hold the token too."""
        return f"{self.id}:{self.session_token}"

    def has_session_token(self, token: str) -> bool:
        return bool(self.session_token) and hmac.compare_digest(self.session_token.encode(), token.encode())

    def rotate_session_token(self) -> None:
        self.session_token = new_session_token()

    def set_password(self, password: str) -> None:
        # A test app may lower the work factor (PASSWORD_HASH_METHOD); everything else uses scrypt.
        testing = has_app_context() and current_app.testing
        method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt") if testing else "scrypt"
        self.password_hash = generate_password_hash(password, method=method)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)
