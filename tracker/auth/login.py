"""Flask-Login wiring, and the rule that every page but the login page needs a signed-in user."""
from __future__ import annotations

from flask import Flask, redirect, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager, current_user

from tracker.auth.models import User
from tracker.extensions import db

# Endpoints an anonymous visitor may reach: the login page itself, its assets and the language switch.
PUBLIC_ENDPOINTS = frozenset({"auth.login", "static", "main.set_language"})


def init_login(app: Flask, login_manager: LoginManager) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Log ind for at se siden.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "strong"

    @login_manager.user_loader
    def load_user(user_id: str) -> User | None:
        if not user_id.isdigit():
            return None
        user = db.session.get(User, int(user_id))
        # A deactivated account's open sessions end with the deactivation, not at their next login.
        return user if user is not None and user.active else None

    @app.before_request
    def require_login():
        if request.endpoint in PUBLIC_ENDPOINTS or current_user.is_authenticated:
            return None
        if request.endpoint is None:  # unknown URL: let the 404 handler answer, after login
            return redirect(url_for("auth.login"))
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
