"""Whole read pages kept in memory per session until the data changes, so a page seen again costs one read of
the change token instead of the signed-in user, the page's queries and its rendering.

A page is kept under the session's user (Flask-Login's id, which holds the account's session token), its full
path, the language cookie and today's date, with the change token it was rendered under
(tracker/core/changes.py): any committed write, in any process, gives a new token, and the page is rendered
again. Serving a kept page needs no look at the user: it was rendered for a session that was valid then, and
with the token unchanged nothing at all has been written since, so the account is as it was (active, the same
session token, no one-time password). A session whose browser no longer matches (Flask-Login's strong session
protection), a message waiting to be shown, or any doubt takes the normal way.

Only GET requests of the plain read pages below are kept, and only a 200 HTML answer to a signed-in user. The
per-request CSRF token in the page (the logout form, the comment form) is cut out when the page is kept and a
fresh one put in each time it is served, so every answer carries a token valid for the session that asked.
"""
from __future__ import annotations

from flask import Flask, Response, current_app, g, request, session
from flask_login import current_user
from flask_login.utils import _create_identifier  # what Flask-Login's session protection compares
from flask_wtf.csrf import generate_csrf

from tracker.core.changes import LruStore, current_token, writing
from tracker.core.clock import today
from tracker.i18n import LANGUAGE_COOKIE

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
    """The page's key, or None when this request's page must not be served from memory or kept."""
    if request.method != "GET" or request.endpoint not in ENDPOINTS or not current_app.config["PAGE_CACHE"]:
        return None
    user = session.get("_user_id")
    if not user or session.get("_flashes") or session.get("_id") != _create_identifier():
        return None
    return ("page", user, request.full_path, request.cookies.get(LANGUAGE_COOKIE), today())


def _serve():
    key = _key()
    if key is None:
        return None
    token = current_token(alone=True)
    found = _store().get(key) if token is not None else None
    if found is None or found[0] != token:
        request.environ[_PENDING] = (key, token)
        return None
    return Response(found[1].replace(CSRF_HOLE, generate_csrf()), mimetype="text/html")


def _keep(response: Response) -> Response:
    kept = request.environ.pop(_PENDING, None)
    if (kept is None or kept[1] is None or response.status_code != 200 or response.mimetype != "text/html"
            or response.direct_passthrough or not current_user.is_authenticated
            or session.get("_user_id") != kept[0][1] or writing()):
        return response
    html = response.get_data(as_text=True)
    csrf = g.get(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"))  # as this request rendered it
    _store().put(kept[0], (kept[1], html.replace(csrf, CSRF_HOLE) if csrf else html))
    return response


def init_page_cache(app: Flask) -> None:
    """Serve kept pages before anything else runs (no user is loaded for them); keep new ones after."""
    app.config.setdefault("PAGE_CACHE", not app.config.get("TESTING"))
    app.before_request_funcs.setdefault(None, []).insert(0, _serve)
    app.after_request(_keep)
