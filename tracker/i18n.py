"""Language choice (Danish first, English second) and locale-aware formatting for templates."""
from __future__ import annotations

import os

from flask import Flask, current_app, g, has_app_context, request
from flask_babel import Babel, format_decimal, get_locale, get_translations

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

    # The templates' _() and ngettext(): Flask-Babel's own look the translations up anew for every string
    # (about 9 µs each, a few milliseconds on a page with a log); these look them up once per locale chosen.
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: _translations().ugettext(s),
        ngettext=lambda s, p, n: _translations().ungettext(s, p, n),
        pgettext=lambda c, s: _translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: _translations().unpgettext(c, s, p, n),
        newstyle=True,
    )

    @app.context_processor
    def inject_locale():
        return {"current_locale": str(get_locale() or app.config["BABEL_DEFAULT_LOCALE"])}

    # One format per language for every date and moment shown (tracker/core/dates.py).
    app.jinja_env.filters["date"] = format_day
    app.jinja_env.filters["datetime"] = format_moment
    app.jinja_env.filters["number"] = lambda value: format_decimal(value) if value is not None else ""


def _translations():
    """Flask-Babel's translations for the locale it chose in this context, kept beside that choice (in its state
    in `g`) and asked for again whenever the choice is another Locale object: a forced locale, a refresh."""
    state = g.get("_flask_babel") if has_app_context() else None
    locale = getattr(state, "babel_locale", None)
    if locale is None:  # not chosen yet (Flask-Babel chooses now), or outside the app
        return get_translations()
    kept = getattr(state, "tvaers_translations", None)
    if kept is None or kept[0] is not locale:
        kept = state.tvaers_translations = (locale, get_translations())
    return kept[1]
