"""The reports' blueprint, shared by its view modules, and the one check every write goes through."""
from __future__ import annotations

from flask import Blueprint
from flask_babel import gettext as _
from flask_login import current_user

from tracker.auth.permissions import require
from tracker.reports import queries
from tracker.reports.models import Report
from tracker.reports.permissions import can_read_reports, can_write_report, may_write_reports

bp = Blueprint("reports", __name__, url_prefix="/reports")
bp.add_app_template_global(can_read_reports, "can_read_reports")


def require_any_writer() -> None:
    require(may_write_reports(current_user),
            _("Kun administratorer og koordinatorer i en forvaltning kan skrive redegørelser."))


def writable_report(report_id: int) -> Report:
    """The report, for a user who may write it; 404 when it does not exist, 403 when they may not."""
    report = queries.report_or_404(report_id)
    require(can_write_report(current_user, report),
            _("Kun administratorer og koordinatorer i %(name)s kan skrive denne redegørelse.",
              name=report.administration.name))
    return report
