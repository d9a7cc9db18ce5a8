"""Creating, finding and revoking personal API tokens (flush, never commit)."""
from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.orm import joinedload

from tracker.api.models import SCOPES, ApiToken
from tracker.auth.services import demo_refused
from tracker.core.errors import ValidationError
from tracker.core.models import utcnow
from tracker.core.validation import check_choice, clean_text
from tracker.extensions import db

# What the token page offers; a token that never expires is not offered.
LIFETIMES_DAYS = (30, 90, 365)
PREFIX = "tvaers_"
# Seen-in-use is written at most this often, so reading with a token does not write on every request.
LAST_USED_GRANULARITY = timedelta(minutes=5)


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(user, name: str, scope: str, days: int) -> tuple[ApiToken, str]:
    """A new token for the user and its secret, which is shown once: only its hash is kept."""
    name = clean_text("name", name, 100, required=True)
    check_choice("scope", scope, SCOPES)
    if days not in LIFETIMES_DAYS:
        raise ValidationError("days", _l("Vælg, hvor længe nøglen skal gælde."))
    secret = PREFIX + secrets.token_urlsafe(32)  # 32 random bytes
    token = ApiToken(user=user, name=name, scope=scope, token_hash=hash_token(secret),
                     expires_at=utcnow() + timedelta(days=days))
    db.session.add(token)
    db.session.flush()
    return token, secret


def revoke_token(token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        db.session.flush()
    return token


def revoke_all_tokens(user) -> int:
    """"Log ud overalt": every token of the user that still works is revoked, each as revoke_token does (and so
    in the audit trail); how many that was. Expired tokens already do not work and are left as they are."""
    now = utcnow()
    usable = [token for token in tokens_of(user) if token.is_usable(now)]
    for token in usable:
        revoke_token(token)
    return len(usable)


def tokens_of(user) -> list[ApiToken]:
    return list(db.session.scalars(select(ApiToken).where(ApiToken.user_id == user.id)
                                   .order_by(ApiToken.revoked_at.is_not(None), ApiToken.created_at.desc(),
                                             ApiToken.id.desc())))


def own_token(user, token_id: int) -> ApiToken | None:
    token = db.session.get(ApiToken, token_id)
    return token if token is not None and token.user_id == user.id else None


def authenticate(secret: str) -> ApiToken | None:
    """The usable token with this secret, with its user; None for unknown, revoked, expired tokens and for
    tokens of deactivated accounts (and of demo accounts in production). One query."""
    if not secret or len(secret) > 200:
        return None
    token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(secret))
                              .options(joinedload(ApiToken.user)))
    if token is None or not token.is_usable() or not token.user.active or demo_refused(token.user):
        return None
    return token


def note_use(token: ApiToken) -> None:
    """Record when the token was last used. A plain UPDATE, outside the audit trail: a use is no change a
    person made, and the trail would fill with them."""
    now = utcnow()
    last = token.last_used_at
    if last is not None and (last if last.tzinfo else last.replace(tzinfo=now.tzinfo)) > now - LAST_USED_GRANULARITY:
        return
    db.session.execute(update(ApiToken).where(ApiToken.id == token.id).values(last_used_at=now))
    db.session.commit()
