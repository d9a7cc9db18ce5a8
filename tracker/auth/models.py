"""User accounts with hashed passwords and one role each."""
from __future__ import annotations

from flask import current_app, has_app_context
from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from tracker.core.models import Audited, TimestampMixin, VersionedMixin, enum_check
from tracker.extensions import db

ROLES = ("admin", "koordinator", "styregruppe", "laeser")


class User(Audited, UserMixin, VersionedMixin, TimestampMixin, db.Model):
    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint(enum_check("role", ROLES), name="role"),
        CheckConstraint("administration_id IS NULL OR organisation_id IS NULL", name="one_affiliation"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))
    administration_id: Mapped[int | None] = mapped_column(ForeignKey("administrations.id"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    active: Mapped[bool] = mapped_column(default=True)

    administration = relationship("Administration")
    organisation = relationship("Organisation")

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active

    def set_password(self, password: str) -> None:
        # A test app may lower the work factor (PASSWORD_HASH_METHOD); everything else uses scrypt.
        testing = has_app_context() and current_app.testing
        method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt") if testing else "scrypt"
        self.password_hash = generate_password_hash(password, method=method)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)
