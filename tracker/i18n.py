"""Language choice (Danish first, English second) and locale-aware formatting for templates."""
from __future__ import annotations

import os

from flask import Flask, current_app, request
from flask_babel import Babel, format_decimal, get_locale

from tracker.core.dates import format_day, format_moment

LANGUAGE_COOKIE = "tracker_lang"


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    if request.path.startswith("/api/") and request.accept_languages:
        # An API client says its language in Accept-Language; without one, the user's choice in Tværs counts.
        return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]
    chosen = request.cookies.get(LANGUAGE_COOKIE)
    if chosen in languages:
        return chosen
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def init_i18n(app: Flask, babel: Babel) -> None:
    babel.init_app(
        app,
        locale_selector=select_locale,
        default_translation_directories=os.path.join(os.path.dirname(__file__), "translations"),
    )

    @app.context_processor
    def inject_locale():
        return {"current_locale": str(get_locale() or app.config["BABEL_DEFAULT_LOCALE"])}

    # One format per language for every date and moment shown (tracker/core/dates.py).
    app.jinja_env.filters["date"] = format_day
    app.jinja_env.filters["datetime"] = format_moment
    app.jinja_env.filters["number"] = lambda value: format_decimal(value) if value is not None else ""
