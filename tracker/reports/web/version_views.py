"""A report's versions: the list, one version read-only, marking it final, and its differences from the
draft it derives from and from last year's final text."""
from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from tracker.core.errors import ValidationError
from tracker.core.web.pagination import page_number
from tracker.extensions import db
from tracker.reports import queries, services
from tracker.reports.defaults import has_last_year_final
from tracker.reports.diffs import report_diff
from tracker.reports.permissions import can_write_report
from tracker.reports.web.blueprint import bp, writable_report
from tracker.reports.web.pages import DraftShown, draft_shown, section_views


@bp.route("/<int:report_id>/versions")
def versions(report_id: int):
    report = queries.report_or_404(report_id)
    page = queries.versions_page(report, page_number(request.args.get("page")), current_app.config["PAGE_SIZE"])
    return render_template("reports/versions.html", report=report, page=page,
                           can_write=can_write_report(current_user, report), last_year=has_last_year_final(report))


@bp.route("/<int:report_id>/versions/<int:number>")
def version_detail(report_id: int, number: int):
    report = queries.report_or_404(report_id)
    return render_version(report, queries.version_or_404(report, number))


@bp.route("/<int:report_id>/versions/<int:number>/final", methods=["POST"])
def mark_final(report_id: int, number: int):
    report = writable_report(report_id)
    version = queries.version_or_404(report, number)
    try:
        services.mark_final(version, current_user)
    except ValidationError as problem:
        return render_version(report, version, problem=problem.message), 400
    db.session.commit()
    flash(_("Version %(number)s er nu den endelige redegørelse.", number=version.number), "success")
    return redirect(url_for(".version_detail", report_id=report.id, number=version.number))


@bp.route("/<int:report_id>/versions/<int:number>/diff-draft")
def diff_draft(report_id: int, number: int):
    """The version against the generated draft its text derives from."""
    report = queries.report_or_404(report_id)
    version = queries.version_or_404(report, number)
    draft = queries.draft_of(version, with_texts=True, with_snapshot=False)
    return render_template("reports/diff.html", report=report, version=version, against=draft,
                           mode="draft", diffs=report_diff(draft.text_map(), version.text_map()))


@bp.route("/<int:report_id>/versions/<int:number>/diff-last-year")
def diff_last_year(report_id: int, number: int):
    """The version against the committee's final text of the year before (if there is one)."""
    report = queries.report_or_404(report_id)
    version = queries.version_or_404(report, number)
    previous = queries.last_year_final(report)
    diffs = report_diff(previous.text_map(), version.text_map()) if previous is not None else []
    return render_template("reports/diff.html", report=report, version=version, against=previous,
                           mode="last_year", diffs=diffs)


def render_version(report, version, problem: str | None = None):
    """One version read-only; also what the editor shows to those who may read but not write."""
    # An edited version shows its text alone; the draft it derives from has its own page.
    draft = draft_shown(version) if version.is_generated else DraftShown()
    over = services.overflows(version.text_map())
    return render_template("reports/version.html", report=report, version=version,
                           sections=section_views(version.text_map(), draft),
                           can_write=can_write_report(current_user, report), problem=problem,
                           last_year=has_last_year_final(report),
                           over_message=services.overflow_message(over) if over else "")
