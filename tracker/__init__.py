"""Tværs: tracks cross-administration cooperation in Copenhagen's disadvantaged urban areas."""
from __future__ import annotations

import logging
import os

from flask import Flask
from flask_sqlalchemy.session import Session as FlaskSession
from werkzeug.middleware.proxy_fix import ProxyFix

from tracker import models  # noqa: F401  (every model registered before mappers configure)
from tracker.admin.views import bp as admin_bp
from tracker.api import entry_views  # noqa: F401  (routes on the API blueprint)
from tracker.api.token_views import bp as tokens_bp
from tracker.api.views import bp as api_bp
from tracker.api.views import init_api
from tracker.audit.recorder import install as install_audit
from tracker.auth.login import init_login
from tracker.auth.views import bp as auth_bp
from tracker.bodies.views import bp as bodies_bp
from tracker.cli import register_cli
from tracker.config import ConfigError, load_config
from tracker.core.changes import install as install_change_token
from tracker.core.collector import install as install_collector
from tracker.core.web.page_cache import init_page_cache
from tracker.core.web.routing import install_id_converter
from tracker.extensions import babel, csrf, db, limiter, login_manager, migrate
from tracker.i18n import init_i18n
from tracker.initiatives.views import bp as initiatives_bp
from tracker.log.comment_views import bp as comments_bp
from tracker.log.entry_views import bp as entries_bp
from tracker.main.errors import register_errorhandlers
from tracker.main.site import bp as site_bp
from tracker.notify.cli import notify_group
from tracker.notify.views import bp as notify_bp
from tracker.overlaps import follow_up_views, matrix_views  # noqa: F401  (routes on the overlaps blueprint)
from tracker.overlaps.exports import views as overlap_exports  # noqa: F401  (routes on the overlaps blueprint)
from tracker.overlaps.review.changes import install as install_overlap_changes
from tracker.overlaps.views import bp as overlaps_bp
from tracker.pages import bodies as body_pages  # noqa: F401  (routes on the bodies blueprint)
from tracker.pages.areas import bp as areas_bp
from tracker.pages.front import bp as main_bp
from tracker.pages.organisation import bp as organisation_bp
from tracker.reports.cli import report_group
from tracker.reports.exports import views as report_exports  # noqa: F401  (routes on the reports blueprint)
from tracker.reports.web import readiness_views, version_views  # noqa: F401  (routes on the reports blueprint)
from tracker.reports.web.views import bp as reports_bp
from tracker.search.index import install as install_search_index
from tracker.search.models import include_name as search_include_name
from tracker.search.views import bp as search_bp
from tracker.security import init_security_headers
from tracker.transfer.views import bp as transfer_bp

__all__ = ["ConfigError", "create_app"]

PROJECT_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BLUEPRINTS = (main_bp, auth_bp, areas_bp, organisation_bp, bodies_bp, initiatives_bp, entries_bp, comments_bp,
              overlaps_bp, reports_bp, admin_bp, search_bp, transfer_bp, api_bp, tokens_bp,
              notify_bp, site_bp)


def create_app(overrides: dict | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True,
                template_folder=os.path.join(PROJECT_DIR, "templates"))
    app.config.from_mapping(load_config(app.instance_path, overrides))
    install_id_converter(app)
    os.makedirs(app.instance_path, exist_ok=True)

    db.init_app(app)
    install_audit(FlaskSession)
    install_search_index(FlaskSession)
    install_overlap_changes(FlaskSession)
    install_change_token()
    migrate.init_app(app, db, directory=os.path.join(PROJECT_DIR, "migrations"), render_as_batch=True,
                     compare_type=True, include_name=search_include_name)
    csrf.init_app(app)
    if app.config["PROXY_COUNT"]:
        # Behind the reverse proxy every request comes from the proxy: believe as many X-Forwarded-For and
        # X-Forwarded-Proto hops as there are trusted proxies, no more (the rest is the client's to forge).
        count = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count)
    limiter.init_app(app)
    init_security_headers(app)
    init_i18n(app, babel)
    init_login(app, login_manager)
    init_page_cache(app)  # after the login check: only a signed-in user's pages are kept
    install_collector(app)
    init_api(app)
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    register_errorhandlers(app)
    register_cli(app)
    app.cli.add_command(report_group)
    app.cli.add_command(notify_group)
    if app.config["TRACKER_ENV"] == "production":
        logging.basicConfig(level=logging.INFO)
    return app
