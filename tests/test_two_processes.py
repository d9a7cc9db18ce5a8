"""Two app processes on one PostgreSQL and one Redis, as several app servers behind the proxy would run: a change
made through one is seen through the other at once (counts, lists, kept pages, the overlap list), and the
login limit counts the failures made on both."""
from __future__ import annotations

import http.client
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.factories import make_initiative
from tracker.areas.models import Place
from tracker.auth.services import create_user
from tracker.extensions import db

ROOT = Path(__file__).resolve().parent.parent
REDIS = os.environ.get("TRACKER_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")
PASSWORD = "to-processer-adgangskode"


def _redis_reachable() -> bool:
    import redis
    try:
        return bool(redis.Redis.from_url(REDIS, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Browser:
    """One signed-in browser session against one app process: cookies and the forms' CSRF token."""

    def __init__(self, port: int):
        self.port, self.cookies = port, {}

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            html = response.read().decode()
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    key, _, rest = value.partition("=")
                    self.cookies[key] = rest.split(";", 1)[0]
            return response.status, html
        finally:
            connection.close()

    def get(self, path: str) -> str:
        status, html = self.request("GET", path)
        assert status == 200, f"GET {path} on port {self.port} answered {status}"
        return html

    def post(self, path: str, form: dict, page: str) -> int:
        """Post a form the way the browser would after opening `page` (for its CSRF token)."""
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', self.get(page)).group(1)
        return self.request("POST", path, {"csrf_token": token, **form})[0]


def _start(port: int, url: str, secret: str) -> subprocess.Popen:
    env = {**os.environ, "TRACKER_DATABASE_URL": url, "SECRET_KEY": secret, "TRACKER_ENV": "development",
           "TRACKER_RATELIMIT_STORAGE_URL": REDIS, "TRACKER_LOGIN_ACCOUNT_RATE_LIMIT": "3 per minute",
           "TRACKER_LOGIN_RATE_LIMIT": "1000 per minute"}
    return subprocess.Popen([sys.executable, "-m", "flask", "--app", "tracker", "run", "--port", str(port),
                             "--no-reload", "--no-debugger"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _wait_for(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert server.poll() is None, f"the app on port {port} stopped"
        try:
            if Browser(port).request("GET", "/login")[0] == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"the app on port {port} did not answer within a minute")


@pytest.fixture
def two_processes(app, database_url):
    if not database_url.startswith("postgresql"):
        pytest.skip("needs PostgreSQL: two processes share one database server (SQLite is one file on one host)")
    if not _redis_reachable():
        pytest.skip(f"needs Redis at {REDIS} (TRACKER_TEST_REDIS_URL): the login limits are shared there")
    secret = secrets.token_hex(32)  # one key for both, as every app server behind the proxy has
    ports = [_free_port(), _free_port()]
    servers = [_start(port, database_url, secret) for port in ports]
    try:
        for port, server in zip(ports, servers, strict=True):
            _wait_for(port, server)
        yield ports
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=30)


def _sign_in(port: int, email: str) -> Browser:
    browser = Browser(port)
    assert browser.post("/login", {"email": email, "password": PASSWORD}, "/login") == 302
    return browser


def _area_total(html: str) -> int:
    found = re.search(r'aria-label="(\d+) aktiv(?:e)? indsats(?:er)? i Nørrebro i alt"', html)
    return int(found.group(1)) if found else 0


def _list_total(html: str) -> int:
    return int(re.search(r'id="resultat">(\d+) indsats', html).group(1))


def test_a_change_through_one_process_is_seen_through_the_other_at_once(ref, two_processes):
    norrebro, harbour = ref.areas["norrebro"], Place(name="Nordhavn", kind="neighbourhood")
    walks = make_initiative(ref, "Tryghedsvandringer på Nørrebro", "TMF", areas=[norrebro])
    make_initiative(ref, "Gårdlaug i Blågården", "KFF", areas=[norrebro])
    make_initiative(ref, "Havnebad for unge", "TMF", places=[harbour], themes=[ref.themes["tryghed"]])
    pool = make_initiative(ref, "Svømmeskole ved havnen", "KFF", places=[harbour], themes=[ref.themes["tryghed"]])
    create_user("ada@kk.example", "Ada Admin", "admin", PASSWORD)
    db.session.commit()
    first, second = (_sign_in(port, "ada@kk.example") for port in two_processes)
    walks_page, overlaps = f"/initiatives/{walks.id}", "/overlaps/?show=all&strength=all"

    # The second process reads everything twice, so its counts, lists and pages are kept in its memory.
    for _ in range(2):
        front, listed, page, candidates = (second.get(path) for path in ("/", "/initiatives/", walks_page, overlaps))
    assert _area_total(front) == 2 and _list_total(listed) == 4
    assert "Indsatsen er arkiveret" not in page
    assert "Svømmeskole ved havnen" in candidates, "the seeded pair is no overlap candidate"

    assert first.post(f"/initiatives/{walks.id}/archive", {}, f"/initiatives/{walks.id}/archive") == 302
    assert first.post(f"/initiatives/{pool.id}/archive", {}, f"/initiatives/{pool.id}/archive") == 302

    assert _area_total(second.get("/")) == 1, "the front page's count is the old one"
    assert _list_total(second.get("/initiatives/")) == 2, "the list's count is the old one"
    assert "Indsatsen er arkiveret" in second.get(walks_page), "the kept initiative page is the old one"
    assert "Svømmeskole ved havnen" not in second.get(overlaps), "the overlap list still has the archived one"
    assert _area_total(first.get("/")) == 1


def test_failed_logins_on_both_processes_count_towards_one_limit(two_processes):
    email = f"ukendt-{uuid.uuid4().hex[:8]}@kk.example"  # a fresh account name: nothing counted for it yet
    first, second = (Browser(port) for port in two_processes)
    answers = [browser.post("/login", {"email": email, "password": "forkert"}, "/login")
               for browser in (first, first, second, second)]
    # Three failures are allowed per minute (TRACKER_LOGIN_ACCOUNT_RATE_LIMIT); the fourth is refused though
    # it is only the second on that process.
    assert answers == [400, 400, 400, 429]
