"""Account rules: creating users and checking credentials."""
from __future__ import annotations

from sqlalchemy import func, select

from tracker.auth.models import ROLES, User
from tracker.core.errors import ValidationError
from tracker.extensions import db
from tracker.organisation.models import Administration, Organisation

MIN_PASSWORD_LENGTH = 10


def normalise_email(email: str) -> str:
    return email.strip().lower()


def authenticate(email: str, password: str) -> User | None:
    """The active user with these credentials, or None — without telling which part was wrong."""
    user = db.session.scalar(select(User).where(func.lower(User.email) == normalise_email(email)))
    if user is None:
        # Spend the same time hashing, so response time does not reveal unknown e-mails.
        User(password_hash="").set_password(password)
        return None
    if not user.check_password(password) or not user.active:
        return None
    return user


def create_user(email: str, name: str, role: str, password: str, administration_code: str | None = None,
                organisation_name: str | None = None) -> User:
    email = normalise_email(email)
    if "@" not in email or len(email) > 254:
        raise ValidationError("email", "Ugyldig e-mailadresse.")
    if db.session.scalar(select(User.id).where(func.lower(User.email) == email)) is not None:
        raise ValidationError("email", f"Der findes allerede en bruger med e-mail {email}.")
    if not name.strip():
        raise ValidationError("name", "Navn mangler.")
    if role not in ROLES:
        raise ValidationError("role", f"Ukendt rolle '{role}'. Vælg en af: {', '.join(ROLES)}.")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError("password", f"Adgangskoden skal have mindst {MIN_PASSWORD_LENGTH} tegn.")
    user = User(email=email, name=name.strip(), role=role, active=True)
    if administration_code:
        administration = db.session.scalar(select(Administration).where(Administration.code == administration_code))
        if administration is None:
            raise ValidationError("administration", f"Ukendt forvaltning '{administration_code}'.")
        user.administration = administration
    if organisation_name:
        organisation = db.session.scalar(select(Organisation).where(Organisation.name == organisation_name))
        if organisation is None:
            raise ValidationError("organisation", f"Ukendt organisation '{organisation_name}'.")
        user.organisation = organisation
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


def ensure_user(email: str, name: str, role: str, password: str, administration_code: str | None = None) -> User:
    """The account with this e-mail, created or reset to exactly these details (used for demo accounts)."""
    user = db.session.scalar(select(User).where(func.lower(User.email) == normalise_email(email)))
    if user is None:
        return create_user(email, name, role, password, administration_code=administration_code)
    if role not in ROLES:
        raise ValidationError("role", f"Ukendt rolle '{role}'. Vælg en af: {', '.join(ROLES)}.")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError("password", f"Adgangskoden skal have mindst {MIN_PASSWORD_LENGTH} tegn.")
    administration = None
    if administration_code:
        administration = db.session.scalar(select(Administration).where(Administration.code == administration_code))
        if administration is None:
            raise ValidationError("administration", f"Ukendt forvaltning '{administration_code}'.")
    user.name, user.role, user.active = name.strip(), role, True
    user.administration, user.organisation = administration, None
    if not user.check_password(password):
        user.set_password(password)
    db.session.flush()
    return user
