"""Flask-Login wiring, and the rules that every page but the login page needs a signed-in user and that a
user with a one-time password chooses their own before anything else."""
from __future__ import annotations

from flask import Flask, redirect, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager, current_user

from tracker.auth.models import User
from tracker.auth.services import demo_account_count, load_session_user
from tracker.extensions import db

# Endpoints an anonymous visitor may reach: the login page itself, its assets and the language switch.
PUBLIC_ENDPOINTS = frozenset({"auth.login", "static", "site.favicon", "main.set_language"})
# What a user who must change their password may still do before they have.
PASSWORD_CHANGE_ENDPOINTS = PUBLIC_ENDPOINTS | {"auth.change_password", "auth.logout", "auth.logout_everywhere"}


def init_login(app: Flask, login_manager: LoginManager) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Log ind for at se siden.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "strong"

    @login_manager.user_loader
    def load_user(session_id: str) -> User | None:
        # The id holds the account's session token (User.get_id): a rotated token ends the session, and a
        # deactivated account's open sessions end with the deactivation, not at their next login.
        return load_session_user(session_id)

    @app.before_request
    def require_login():
        if request.endpoint in PUBLIC_ENDPOINTS or current_user.is_authenticated:
            if current_user.is_authenticated and current_user.must_change_password \
                    and request.endpoint not in PASSWORD_CHANGE_ENDPOINTS:
                return redirect(url_for("auth.change_password"))
            return None
        if request.endpoint is None:  # unknown URL: let the 404 handler answer, after login
            return redirect(url_for("auth.login"))
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))

    if app.config["TRACKER_ENV"] == "production":
        _warn_about_demo_accounts(app)


def _warn_about_demo_accounts(app: Flask) -> None:
    """Say at start that demo accounts exist (they cannot log in in production, but should be removed)."""
    with app.app_context():
        count = demo_account_count()
        # No connection opened at start outlives it: gunicorn's workers (forked after a preload) must not
        # share one, and an app made only to run a command leaves none open behind it.
        db.session.remove()
        db.engine.dispose()
    if count:
        app.logger.warning(
            "%s demo account(s) exist in this production database. They cannot log in while "
            "TRACKER_ENV=production; deactivate them under Administration > Brugere.", count)
