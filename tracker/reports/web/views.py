"""The report pages: the list with the form that generates a draft, and the editor that saves the writer's
text as new versions or generates the draft again."""
from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from tracker.auth.permissions import require
from tracker.core.errors import ValidationError
from tracker.core.web.conflict import conflict_page, resolve
from tracker.core.web.pagination import page_number
from tracker.extensions import db
from tracker.organisation.queries import all_administrations
from tracker.reports import queries, services
from tracker.reports.defaults import default_year, has_last_year_final, thin_draft
from tracker.reports.drafting.facts import default_period
from tracker.reports.permissions import (
    can_write_for,
    can_write_report,
    may_write_reports,
    writable_administrations,
)
from tracker.reports.template import SECTION_NUMBERS, report_title
from tracker.reports.web.blueprint import bp, require_any_writer, writable_report
from tracker.reports.web.forms import EditorForm, GenerateForm
from tracker.reports.web.pages import draft_shown, section_views
from tracker.reports.web.version_views import render_version

__all__ = ["bp"]

RECENT_VERSIONS = 10


@bp.app_template_filter("report_title")
def title_of(report) -> str:
    return report_title(report.administration.committee, report.year)


@bp.route("/")
def report_list():
    form = None
    if may_write_reports(current_user):
        administrations = all_administrations()
        own = current_user.administration_id if current_user.administration_id else ""
        form = GenerateForm(administrations, writable_administrations(current_user, administrations),
                            data={"administration": str(own), "year": str(default_year())})
    return _render_list(form)


@bp.route("/generate", methods=["POST"])
def generate():
    require_any_writer()
    administrations = all_administrations()
    form = GenerateForm(administrations, writable_administrations(current_user, administrations))
    form.validate()
    data = form.to_input()
    if data.administration is not None:
        require(can_write_for(current_user, data.administration.id),
                _("Du kan kun skrive redegørelsen for din egen forvaltnings udvalg."))
    form.show_problems(services.check_generate(data))
    if form.error_list():
        return _render_list(form), 400
    try:
        version = services.generate(data, current_user)
        db.session.commit()
    except IntegrityError:
        # Someone created this committee's report for the year a moment ago: add the version to theirs.
        db.session.rollback()
        version = services.generate(data, current_user)
        db.session.commit()
    flash(_("Udkastet er genereret som version %(number)s ud fra de registrerede data.", number=version.number),
          "success")
    return redirect(url_for(".editor", report_id=version.report_id))


@bp.route("/<int:report_id>")
def editor(report_id: int):
    report = queries.report_or_404(report_id)
    latest = queries.latest_version(report)
    if not can_write_report(current_user, report):
        return render_version(report, latest)
    form = EditorForm(data=EditorForm.initial(latest))
    return _render_editor(report, latest, form)


@bp.route("/<int:report_id>/save", methods=["POST"])
def save(report_id: int):
    report = writable_report(report_id)
    latest = queries.latest_version(report)
    form = EditorForm()
    conflict = resolve(form, _lock(report), lambda: _opened(latest), **_conflict_urls(report))
    if conflict is not None:
        return conflict
    form.validate()
    missing = [number for number in SECTION_NUMBERS if not form[f"text_{number}"].raw_data]
    if missing:
        # Only a form that was not sent by the editor lacks a section; keep what is saved in its place.
        for number in missing:
            form[f"text_{number}"].data = latest.text_map()[number]
        form.form_errors.append(_("Formularen manglede et eller flere afsnit, så intet er gemt. Tjek teksten, "
                                  "og gem igen."))
        return _render_editor(report, latest, form), 400
    try:
        version = services.save_edit(report, latest, form.texts(), current_user)
        db.session.commit()
    except ValidationError as problem:
        form.show_error(problem)
        return _render_editor(report, latest, form), 400
    except (services.StaleBase, StaleDataError):
        db.session.rollback()
        report = queries.report_or_404(report_id)
        latest = queries.latest_version(report)
        return conflict_page(form, _lock(report), lambda: _opened(latest), **_conflict_urls(report))
    if version is None:
        flash(_("Der var ingen ændringer at gemme."), "info")
    else:
        _flash_saved(version)
    return redirect(url_for(".editor", report_id=report.id))


@bp.route("/<int:report_id>/regenerate", methods=["POST"])
def regenerate(report_id: int):
    report = writable_report(report_id)
    version = services.regenerate(report, current_user)
    db.session.commit()
    flash(_("Et nyt udkast er genereret som version %(number)s ud fra data, som de er nu. De tidligere versioner "
            "– også dine redigeringer – er uændrede.", number=version.number), "success")
    return redirect(url_for(".editor", report_id=report.id))


def _flash_saved(version) -> None:
    over = services.overflows(version.text_map())
    if over:
        flash(_("Gemt som version %(number)s (kladde). Bemærk: %(sections)s. En version over grænsen kan ikke "
                "markeres som endelig.", number=version.number, sections=services.overflow_message(over)),
              "warning")
    else:
        flash(_("Gemt som version %(number)s.", number=version.number), "success")


def _lock(report) -> SimpleNamespace:
    """What a save is checked against: the number of the report's latest version."""
    return SimpleNamespace(version=report.latest_number)


def _opened(latest) -> EditorForm:
    """The editor as it opens on the latest version (what a stale save is merged with)."""
    return EditorForm(formdata=None, data=EditorForm.initial(latest))


def _conflict_urls(report) -> dict[str, str]:
    return {"cancel_url": url_for(".editor", report_id=report.id), "action_url": url_for(".save", report_id=report.id)}


def _render_list(form: GenerateForm | None):
    page = queries.reports_page(page_number(request.args.get("page")), current_app.config["PAGE_SIZE"])
    year = _chosen_year(form)
    start, end = default_period(year)
    return render_template("reports/list.html", form=form, page=page, default_year=year, default_start=start,
                           default_end=end)


def _chosen_year(form: GenerateForm | None) -> int:
    """The year the period hint speaks of: the one in the form, or the year a draft is offered for."""
    text = (form.year.data or "").strip() if form is not None else ""
    if text.isascii() and text.isdigit() and len(text) == 4 and 1990 <= int(text) <= 2100:
        return int(text)
    return default_year() if form is not None else date.today().year


def _render_editor(report, latest, form: EditorForm):
    draft = draft_shown(latest)
    sections = section_views(form.texts(), draft)
    versions = queries.versions_page(report, 1, RECENT_VERSIONS)
    over = services.overflows(latest.text_map())
    return render_template("reports/editor.html", report=report, latest=latest, draft=draft, form=form,
                           sections=sections, versions=versions, latest_over=over, thin=thin_draft(draft),
                           last_year=has_last_year_final(report),
                           latest_over_message=services.overflow_message(over) if over else "")
