"""Changing a user's digest settings (flush, never commit)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from tracker.auth.models import DIGEST_FREQUENCIES
from tracker.core.errors import ValidationError
from tracker.extensions import db

LANGUAGES = ("da", "en")


def set_digest_settings(user, frequency: str, language: str | None) -> None:
    if frequency not in DIGEST_FREQUENCIES:
        raise ValidationError("frequency", _l("Vælg dagligt, ugentligt eller aldrig."))
    if language not in (None, *LANGUAGES):
        raise ValidationError("language", _l("Vælg dansk eller engelsk."))
    user.digest_frequency = frequency
    user.language = language
    db.session.flush()
