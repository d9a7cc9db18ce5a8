"""Reading reports and their versions: each page loads what it shows in a fixed number of queries."""
from __future__ import annotations

from flask import abort
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from tracker.extensions import db
from tracker.organisation.models import Administration
from tracker.reports.models import Report, ReportVersion

VERSION_OPTIONS = (selectinload(ReportVersion.texts), joinedload(ReportVersion.author),
                   joinedload(ReportVersion.finalised_by))


def report_or_404(report_id: int) -> Report:
    report = db.session.scalar(select(Report).where(Report.id == report_id)
                               .options(joinedload(Report.administration)))
    if report is None:
        abort(404)
    return report


def version_or_404(report: Report, number: int) -> ReportVersion:
    version = _version(report.id, number)
    if version is None:
        abort(404)
    return version


def latest_version(report: Report) -> ReportVersion:
    return version_or_404(report, report.latest_number)


def _version(report_id: int, number: int) -> ReportVersion | None:
    return db.session.scalar(select(ReportVersion)
                             .where(ReportVersion.report_id == report_id, ReportVersion.number == number)
                             .options(*VERSION_OPTIONS))


def draft_of(version: ReportVersion, with_texts: bool = False, with_snapshot: bool = True) -> ReportVersion:
    """The generated version the text derives from, with the small part of its snapshot the pages read (the
    facts and the whole draft load only if read): the version itself if generated. One query either way
    (plus the texts, if asked for and not loaded yet); none for a generated version without its snapshot."""
    if version.is_generated:
        if with_snapshot:
            version.snapshot  # noqa: B018  (loads the snapshot: one query, as for an edited version)
        return version
    options = [joinedload(ReportVersion.snapshot)] if with_snapshot else []
    if with_texts:
        options.append(selectinload(ReportVersion.texts))
    return db.session.scalar(select(ReportVersion).where(ReportVersion.id == version.derived_from_id)
                             .options(*options))


def last_year_final(report: Report) -> ReportVersion | None:
    """The final version of the same committee's report for the year before, if there is one."""
    previous = db.session.scalar(select(Report).where(Report.administration_id == report.administration_id,
                                                      Report.year == report.year - 1))
    if previous is None or previous.final_number is None:
        return None
    return _version(previous.id, previous.final_number)


def versions_page(report: Report, page: int, per_page: int) -> Pagination:
    """The report's versions, newest first, with their authors (no texts)."""
    stmt = (select(ReportVersion).where(ReportVersion.report_id == report.id)
            .options(joinedload(ReportVersion.author), joinedload(ReportVersion.finalised_by))
            .order_by(ReportVersion.number.desc()))
    return db.paginate(stmt, page=page, per_page=per_page, error_out=False)


def reports_page(page: int, per_page: int) -> Pagination:
    """Every committee's reports, the newest year first, then by administration code."""
    stmt = (select(Report).join(Report.administration).options(joinedload(Report.administration))
            .order_by(Report.year.desc(), Administration.code))
    return db.paginate(stmt, page=page, per_page=per_page, error_out=False)
