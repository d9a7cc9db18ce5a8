"""Whole read pages kept in memory per session until the data changes, so a page seen again costs one read of
the change token instead of the signed-in user, the page's queries and its rendering.

A page is kept under the session's user (Flask-Login's id, which holds the account's session token), its full
path, the language cookie and today's date, with the change token it was rendered under
(tracker/core/changes.py): any committed write, in any process, gives a new token, and the page is rendered
again. Serving a kept page needs no look at the user: it was rendered for a session that was valid then, and
with the token unchanged nothing at all has been written since, so the account is as it was (active, the same
session token, no one-time password). A session whose browser no longer matches (Flask-Login's strong session
protection), a message waiting to be shown, or any doubt takes the normal way.

Only GET requests of the plain read pages below are kept, and only a 200 HTML answer to a signed-in user. A
page is kept for one browser session (its CSRF secret is part of the key), so the CSRF token in it (the
logout form, the comment form) is valid for the session it is served to; were tokens given a time limit
(WTF_CSRF_TIME_LIMIT), it would be cut out when kept and signed afresh for each answer.

In front of Flask, the front memo (`FrontMemo`) answers the same request again without Flask: it keeps the
whole answer (status, headers, body) that Flask gave from this cache, under the raw request inputs Flask's
checks read (the Cookie header whole, the user agent and client address that strong session protection
compares, host, scheme, path and query string, and the headers the proxy or the API would look at). Those
inputs together with an unchanged change token and date decide every check that answer passed: the session
cookie's signature, its browser, no message waiting, the signed-in user. So it is served again while the token
and today's date are as they were and the session cookie is younger than the session lifetime (Flask refuses
an older one), and any other request, or an answer that set a cookie, goes to Flask. It costs one read of the
change token: no session decoded, no URL matched, no hooks run.
"""
from __future__ import annotations

import time
from datetime import date
from typing import NamedTuple

from flask import Flask, Response, current_app, g, request, session
from flask_login import current_user
from flask_login.utils import _create_identifier  # what Flask-Login's session protection compares
from flask_wtf.csrf import generate_csrf
from itsdangerous import BadSignature

from tracker.core.changes import LruStore, current_token, token_now, writing
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
_PENDING = "tvaers.page_cache.pending"  # in the request's environ: (user, token) of a page to keep
_FRONT = "tvaers.page_cache.front"  # in the request's environ: (token, day, cookie end) of an answer to memo
# What the answer to a kept page's request may depend on besides the data and the date, as the WSGI server
# gives it. Any difference is another key: the front memo then asks Flask, which checks it all again.
FRONT_INPUTS = ("PATH_INFO", "QUERY_STRING", "SCRIPT_NAME", "HTTP_COOKIE", "HTTP_USER_AGENT", "REMOTE_ADDR",
                "HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO", "HTTP_HOST", "wsgi.url_scheme",
                "HTTP_AUTHORIZATION", "HTTP_ACCEPT_LANGUAGE")


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
    # The session's own CSRF secret too: a page rendered for this browser session carries a token signed for
    # it, which stays valid while CSRF tokens have no time limit (then the page is served as it was kept).
    # The URL as the server gave it (path and query string), without building the full path on every look.
    environ = request.environ
    return ("page", user, session.get(_csrf_field()), environ.get("PATH_INFO"), environ.get("QUERY_STRING", ""),
            request.cookies.get(LANGUAGE_COOKIE), today())


def _serve():
    key = _key()
    if key is None:
        return None
    token = current_token(alone=True)
    found = _store().get(key) if token is not None else None
    if found is None or found[0] != token:
        request.environ[_PENDING] = (key[1], token)
        return None
    html = found[1]
    if CSRF_HOLE in html:
        html = html.replace(CSRF_HOLE, generate_csrf())
    else:  # the same answer again for the same request: the front memo may keep it
        _offer_to_front(token)
    return Response(html, mimetype="text/html")


def _keep(response: Response) -> Response:
    pending = request.environ.pop(_PENDING, None)
    if (pending is None or pending[1] is None or response.status_code != 200 or response.mimetype != "text/html"
            or response.direct_passthrough or not current_user.is_authenticated or writing()):
        return response
    user, token = pending
    key = _key()  # again: rendering may have given the session its CSRF secret
    if key is None or key[1] != user:
        return response
    html = response.get_data(as_text=True)
    csrf = g.get(_csrf_field())  # the token as this request rendered it
    if csrf and current_app.config.get("WTF_CSRF_TIME_LIMIT") is not None:
        html = html.replace(csrf, CSRF_HOLE)  # a token with a time limit is signed afresh for each answer
    _store().put(key, (token, html))
    if CSRF_HOLE not in html:
        _offer_to_front(token)
    return response


def _offer_to_front(token: str) -> None:
    """Let the front memo keep this answer: until the token, the date or the session cookie changes."""
    cookie = request.cookies.get(current_app.config["SESSION_COOKIE_NAME"])
    if not cookie:
        return
    lifetime = current_app.permanent_session_lifetime.total_seconds()
    serializer = current_app.session_interface.get_signing_serializer(current_app)
    try:  # the age of the cookie as Flask checks it: it refuses one signed longer ago than the lifetime
        _, signed = serializer.loads(cookie, max_age=lifetime, return_timestamp=True)
    except BadSignature:  # expired or not signed by this app: nothing to memo
        return
    request.environ[_FRONT] = (token, today(), signed.timestamp() + lifetime)


def _csrf_field() -> str:
    return current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")


class _Answer(NamedTuple):
    """An answer the front memo gives again: while `token` and `day` are current and before `cookie_end`."""
    token: str
    day: date
    cookie_end: float
    headers: list
    body: bytes


class FrontMemo:
    """WSGI middleware: a kept page's answer given again for the same raw request, before Flask sees it."""

    def __init__(self, app: Flask, wsgi_app):
        self.app, self.wsgi_app = app, wsgi_app
        self.store = LruStore(PAGES_KEPT)

    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") != "GET" or not self.app.config["PAGE_CACHE"]:
            return self.wsgi_app(environ, start_response)
        key = tuple(environ.get(name) for name in FRONT_INPUTS)
        found: _Answer | None = self.store.get(key)
        if found is not None and time.time() < found.cookie_end:
            try:
                with self.app.app_context():
                    current = found.token == token_now() and found.day == today()
            except Exception:  # noqa: BLE001  (the database is away: Flask answers, with its error page)
                current = False
            if current:
                start_response("200 OK", found.headers)
                return [found.body]
        answer: dict = {}

        def recording_start_response(status, headers, exc_info=None):
            answer["status"], answer["headers"] = status, headers
            return start_response(status, headers, exc_info)

        body = self.wsgi_app(environ, recording_start_response)
        offered = environ.get(_FRONT)
        if (offered is None or answer.get("status") != "200 OK"
                or any(name.lower() == "set-cookie" for name, _ in answer["headers"])):
            return body
        try:
            content = b"".join(body)
        finally:
            if hasattr(body, "close"):
                body.close()
        token, day, cookie_end = offered
        self.store.put(key, _Answer(token, day, cookie_end, list(answer["headers"]), content))
        return [content]


def init_page_cache(app: Flask) -> None:
    """Serve kept pages before anything else runs (no user is loaded for them); keep new ones after; and
    answer a request seen before in front of Flask (the front memo)."""
    app.config.setdefault("PAGE_CACHE", not app.config.get("TESTING"))
    app.before_request_funcs.setdefault(None, []).insert(0, _serve)
    app.after_request(_keep)
    app.wsgi_app = FrontMemo(app, app.wsgi_app)
