"""Browser tests: the seeded app served on a free local port, driven by Debian's Chromium via Playwright.

Skipped, with the reason shown, where Chromium or Playwright is missing.
"""
from __future__ import annotations

import shutil
import threading

import pytest
from flask_migrate import upgrade
from werkzeug.serving import make_server

from tracker import create_app
from tracker.extensions import db
from tracker.seeding import default_seed_files, load_seed
from tracker.seeding.demo import ensure_demo_accounts

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
DEMO_PASSWORD = "demo-password"

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - the test extras install it
    sync_playwright = None


@pytest.fixture(scope="session")
def live_app(tmp_path_factory):
    """The app the live server serves, migrated and seeded with the demo accounts; a test may add records
    to it in an app context to arrange what it then does in the browser."""
    url = f"sqlite:///{tmp_path_factory.mktemp('live') / 'live.sqlite3'}"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "browser-tests"})
    with app.app_context():
        upgrade()
        load_seed(default_seed_files())
        ensure_demo_accounts()
        db.session.commit()
    return app


def _read_at_once(application):
    """Every answer read whole and closed before it is sent. Chromium drops requests it no longer needs (an
    icon, when the test goes on to the next page), and the development server can leave a file answer's open
    file to be collected at any later moment, in whatever test runs then (a ResourceWarning, which fails it)."""
    def serve(environ, start_response):
        body = application(environ, start_response)
        try:
            return [b"".join(body)]
        finally:
            if hasattr(body, "close"):
                body.close()
    return serve


@pytest.fixture(scope="session")
def live_server(live_app):
    """The app served in a background thread."""
    server = make_server("127.0.0.1", 0, _read_at_once(live_app), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if CHROMIUM is None:
        pytest.skip("browser tests skipped: no chromium on PATH (apt-get install chromium)")
    if sync_playwright is None:
        pytest.skip("browser tests skipped: playwright is not installed")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server)
    tab = context.new_page()
    yield tab
    context.close()


def log_in(page, email: str = "koordinator@demo.example", password: str = DEMO_PASSWORD) -> None:
    page.goto("/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url("**/")
