"""The validation error that services raise and forms, the seed loader and the API all report."""
from __future__ import annotations

from typing import TYPE_CHECKING

from flask import current_app, has_app_context, has_request_context
from flask_babel import force_locale

if TYPE_CHECKING:
    from flask_babel.speaklater import LazyString


def render_message(message: str | LazyString) -> str:
    """A lazy message as text in the request's language, or Danish (the default) outside a request."""
    if has_request_context() or not has_app_context():
        return str(message)
    # The seed and the CLI have an app but no request to choose a language from: use the default (Danish).
    with force_locale(current_app.config.get("BABEL_DEFAULT_LOCALE", "da")):
        return str(message)


class ValidationError(ValueError):
    """A domain rule was broken. `field` names the input the user must correct."""

    def __init__(self, field: str, message: str | LazyString):
        # Lazy messages are rendered now, in the current locale (Danish without a request). A plain str
        # also keeps Jinja escaping it: LazyString.__html__ would mark user input in it as safe markup.
        message = render_message(message)
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
