"""Whole read pages kept in memory per user until the data changes, so a page seen again costs two primary-key
reads (the signed-in user, the change token) instead of its queries and its rendering.

A page is kept under the user, its full path, the language and today's date, with the change token it was
rendered under (tracker/core/changes.py): any committed write, in any process, gives a new token, and the
page is rendered again. Only GET requests of the plain read pages below are kept, for a signed-in user with
no message waiting to be shown, and only a 200 HTML answer. The per-request CSRF token in the page (the
logout form, the comment form) is cut out when the page is kept and a fresh one is put in each time it is
served, so every answer carries a token valid for the session that asked.
"""
from __future__ import annotations

from flask import Flask, Response, current_app, g, request, session
from flask_babel import get_locale
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from tracker.core.changes import LruStore, current_token, writing
from tracker.core.clock import today

# The plain read pages: what they show depends on the data, the user, the URL, the language and the date only.
ENDPOINTS = frozenset({
    "main.index", "areas.area_detail", "organisation.administration_list", "organisation.administration_detail",
    "bodies.body_list", "bodies.body_detail", "initiatives.list_initiatives", "initiatives.initiative_detail",
})
PAGES_KEPT = 256  # per process; the least recently used go first
STORE_KEY = "tvaers.page_cache"
CSRF_HOLE = "\x00tvaers-csrf\x00"  # where the CSRF token goes; NUL never occurs in a rendered page
_PENDING = "tvaers.page_cache.pending"  # in the request's environ: (key, token) of a page to keep


def _store() -> LruStore:
    store = current_app.extensions.get(STORE_KEY)
    if store is None:
        store = current_app.extensions[STORE_KEY] = LruStore(PAGES_KEPT)
    return store


def _key() -> tuple | None:
    """The page's key, or None when this request's page must not be kept or served from memory."""
    if (request.method != "GET" or request.endpoint not in ENDPOINTS or not current_app.config["PAGE_CACHE"]
            or not current_user.is_authenticated or session.get("_flashes") or writing()):
        return None
    return ("page", current_user.id, request.full_path, str(get_locale()), today())


def _serve():
    key = _key()
    if key is None:
        return None
    token = current_token()
    found = _store().get(key) if token is not None else None
    if found is None or found[0] != token:
        request.environ[_PENDING] = (key, token)
        return None
    return Response(found[1].replace(CSRF_HOLE, generate_csrf()), mimetype="text/html")


def _keep(response: Response) -> Response:
    kept = request.environ.pop(_PENDING, None)
    if (kept is None or kept[1] is None or response.status_code != 200 or response.mimetype != "text/html"
            or response.direct_passthrough or writing()):
        return response
    html = response.get_data(as_text=True)
    csrf = g.get(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"))
    _store().put(kept[0], (kept[1], html.replace(csrf, CSRF_HOLE) if csrf else html))
    return response


def init_page_cache(app: Flask) -> None:
    """Serve and keep pages; registered after the login check, so only a signed-in user's pages are kept."""
    app.config.setdefault("PAGE_CACHE", not app.config.get("TESTING"))
    app.before_request(_serve)
    app.after_request(_keep)
