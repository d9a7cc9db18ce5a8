"""Account rules: creating and changing users, deactivating them, and checking credentials."""
from __future__ import annotations

from functools import cache
from pathlib import Path

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from tracker.auth.models import ROLES, User
from tracker.core.errors import ValidationError
from tracker.core.models import utcnow
from tracker.core.validation import clean_text
from tracker.extensions import db
from tracker.organisation.models import Administration, Organisation

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 500
AFFILIATION_MESSAGE = _l("Vælg enten en forvaltning eller en organisation, ikke begge.")
MAX_USER_ID = 2**31 - 1  # ids are 32-bit in PostgreSQL; a larger one in a cookie is simply nobody
DEMO_REFUSED_MESSAGE = _l("Demokonti kan ikke logge ind, når Tværs kører i produktion.")


# The 20,000 most common passwords of the public breaches (Royce Williams' list, as Django ships it), lowercased:
# NIST SP 800-63B asks that a new password be checked against such a list.
COMMON_PASSWORDS_FILE = Path(__file__).with_name("common_passwords.txt")


@cache
def _common_passwords() -> frozenset[str]:
    with COMMON_PASSWORDS_FILE.open(encoding="utf-8") as lines:
        return frozenset(line.strip().casefold() for line in lines if line.strip())


def check_password_policy(password: str, field: str = "password") -> None:
    """The rules every new password meets, wherever it is set: long enough, not only spaces, not common."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(field, _l("Adgangskoden skal have mindst %(min)s tegn.", min=MIN_PASSWORD_LENGTH))
    if len(password) > MAX_PASSWORD_LENGTH:
        raise ValidationError(field, _l("Adgangskoden må højst have %(max)s tegn.", max=MAX_PASSWORD_LENGTH))
    if not password.strip():
        raise ValidationError(field, _l("Adgangskoden kan ikke bestå af mellemrum alene."))
    if password.strip().casefold() in _common_passwords():
        raise ValidationError(field, _l(
            "Adgangskoden er blandt de mest brugte og gættes let. Vælg en anden, gerne flere ord i træk."))


def normalise_email(email: str) -> str:
    return email.strip().lower()


def user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.email) == normalise_email(email)))


def authenticate(email: str, password: str) -> User | None:
    """The active user with these credentials, or None — without telling which part was wrong."""
    user = user_by_email(email)
    if user is None:
        # Spend the same time hashing, so response time does not reveal unknown e-mails.
        User(password_hash="").set_password(password)
        return None
    if not user.check_password(password) or not user.active:
        return None
    if demo_refused(user):
        # Said plainly, not as a wrong password: the demo e-mails and password are public anyway, and
        # whoever tries them in production needs to know why they fail, not to hunt for a typo.
        raise ValidationError("email", DEMO_REFUSED_MESSAGE)
    return user


def create_user(email: str, name: str, role: str, password: str, administration_code: str | None = None,
                organisation_name: str | None = None) -> User:
    email = normalise_email(email)
    if "@" not in email or len(email) > 254:
        raise ValidationError("email", _l("Ugyldig e-mailadresse."))
    if db.session.scalar(select(User.id).where(func.lower(User.email) == email)) is not None:
        raise ValidationError("email", _l("Der findes allerede en bruger med e-mail %(email)s.", email=email))
    if not name.strip():
        raise ValidationError("name", _l("Navn mangler."))
    name = clean_text("name", name, 200)
    _check_role(None, role, None)
    check_password_policy(password)
    if administration_code and organisation_name:
        raise ValidationError("organisation", AFFILIATION_MESSAGE)
    user = User(email=email, name=name.strip(), role=role, active=True)
    if administration_code:
        administration = db.session.scalar(select(Administration).where(Administration.code == administration_code))
        if administration is None:
            raise ValidationError("administration", _l("Ukendt forvaltning '%(code)s'.", code=administration_code))
        user.administration = administration
    if organisation_name:
        organisation = db.session.scalar(select(Organisation).where(Organisation.name == organisation_name))
        if organisation is None:
            raise ValidationError("organisation", _l("Ukendt organisation '%(name)s'.", name=organisation_name))
        user.organisation = organisation
    db.session.add(user)
    set_user_password(user, password)
    return user


def ensure_user(email: str, name: str, role: str, password: str, administration_code: str | None = None) -> User:
    """The account with this e-mail, created or reset to exactly these details (used for demo accounts)."""
    user = db.session.scalar(select(User).where(func.lower(User.email) == normalise_email(email)))
    if user is None:
        return create_user(email, name, role, password, administration_code=administration_code)
    if role not in ROLES:
        raise ValidationError("role", _l("Ukendt rolle '%(role)s'. Vælg en af: %(roles)s.",
                                         role=role, roles=", ".join(ROLES)))
    check_password_policy(password)
    administration = None
    if administration_code:
        administration = db.session.scalar(select(Administration).where(Administration.code == administration_code))
        if administration is None:
            raise ValidationError("administration", _l("Ukendt forvaltning '%(code)s'.", code=administration_code))
    user.name, user.role, user.active = name.strip(), role, True
    user.administration, user.organisation = administration, None
    if not user.check_password(password):
        set_user_password(user, password)
    db.session.flush()
    return user


def update_user(user: User, name: str, role: str, administration: Administration | None,
                organisation: Organisation | None, acting_user: User | None = None) -> User:
    """Change a user's name, role and affiliation (an administration or an organisation, not both)."""
    name = clean_text("name", name, 200, required=True)
    _check_role(user, role, acting_user)
    if administration is not None and organisation is not None:
        raise ValidationError("organisation", AFFILIATION_MESSAGE)
    user.name, user.role = name, role
    user.administration, user.organisation = administration, organisation
    db.session.flush()
    return user


def set_user_role(user: User, role: str, acting_user: User | None = None) -> User:
    _check_role(user, role, acting_user)
    user.role = role
    db.session.flush()
    return user


def _check_role(user: User | None, role: str, acting_user: User | None) -> None:
    """A known role; and an administrator cannot take the admin role from themself."""
    if not role:
        raise ValidationError("role", _l("Vælg en rolle."))
    if role not in ROLES:
        raise ValidationError("role", _l("Ukendt rolle '%(role)s'. Vælg en af: %(roles)s.",
                                         role=role, roles=", ".join(ROLES)))
    if user is not None and _is_self(user, acting_user) and user.role == "admin" and role != "admin":
        raise ValidationError("role", _l(
            "Du kan ikke fjerne din egen administratorrolle. Bed en anden administrator om det."))


def deactivate_user(user: User, acting_user: User | None = None) -> User:
    """A deactivated user can no longer log in; the account and its history are kept."""
    if _is_self(user, acting_user):
        raise ValidationError("active", _l("Du kan ikke deaktivere dig selv. Bed en anden administrator om det."))
    user.active = False
    # Reactivating the account later must not bring its old sessions and remember cookies back.
    user.rotate_session_token()
    db.session.flush()
    return user


def activate_user(user: User) -> User:
    user.active = True
    db.session.flush()
    return user


def _is_self(user: User, acting_user: User | None) -> bool:
    return acting_user is not None and acting_user.id is not None and acting_user.id == user.id


# --- Passwords and sessions -------------------------------------------------------------------------


def set_user_password(user: User, password: str, *, one_time: bool = False, field: str = "password") -> User:
    """Every password is set here: checked, hashed, and every session and remember cookie of the account
    ended. A one-time password (given by an administrator) must be changed at the next login."""
    check_password_policy(password, field)
    user.set_password(password)
    user.must_change_password = one_time
    user.password_changed_at = utcnow()
    user.rotate_session_token()
    db.session.flush()
    return user


def change_own_password(user: User, current_password: str, new_password: str) -> User:
    """The user's own change: the current password first, then a new one that is not the same."""
    if not user.check_password(current_password):
        raise ValidationError("current_password", _l("Den nuværende adgangskode er forkert."))
    if new_password == current_password:
        raise ValidationError("new_password", _l("Den nye adgangskode skal være en anden end den nuværende."))
    return set_user_password(user, new_password, field="new_password")


def set_one_time_password(user: User, password: str, acting_user: User | None = None) -> User:
    """An administrator's reset: the user logs in with this password once and must then choose their own."""
    if _is_self(user, acting_user):
        raise ValidationError("password", _l(
            "Du kan ikke give dig selv en engangsadgangskode. Skift din egen adgangskode under "
            "»Skift adgangskode«."))
    return set_user_password(user, password, one_time=True)


def end_all_sessions(user: User) -> User:
    """Log out everywhere: every session and remember cookie of the account stops working. The view also
    revokes the account's API tokens (tracker/api/tokens.py: they are the API's, and the API imports auth)."""
    user.rotate_session_token()
    db.session.flush()
    return user


def load_session_user(session_id: str) -> User | None:
    """The active user a session or remember cookie belongs to ("<id>:<token>"), or None once the token
    has been rotated (a password change, "log ud overalt", a deactivation) or the id is unknown."""
    user_id, _, token = session_id.partition(":")
    if not (user_id.isascii() and user_id.isdigit()) or not token or not 0 < int(user_id) <= MAX_USER_ID:
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.active or not user.has_session_token(token):
        return None
    if demo_refused(user):
        return None
    return user


def demo_account_count() -> int:
    """How many active demo accounts the database holds; 0 when the tables do not exist yet."""
    try:
        return db.session.scalar(select(func.count(User.id)).where(User.is_demo, User.active)) or 0
    except SQLAlchemyError:
        # Before `flask db upgrade` there is no users table (or no is_demo column) to ask.
        db.session.rollback()
        return 0


def demo_refused(user: User) -> bool:
    """A demo account (public e-mail and password) is refused everywhere while Tværs runs in production:
    at login, for an open session and for its API tokens."""
    return user.is_demo and current_app.config["TRACKER_ENV"] == "production"
