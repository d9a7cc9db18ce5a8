"""The review exported for the steering group's meeting papers: the filtered list, in the order shown."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from io import BytesIO

from flask import request, send_file
from flask_babel import gettext as _

from tracker.areas.queries import all_areas
from tracker.core.labels import label
from tracker.initiatives.queries import all_themes
from tracker.organisation.queries import all_administrations
from tracker.overlaps import queries
from tracker.overlaps.blueprint import bp, require_reviewer
from tracker.overlaps.export import review_docx, review_xlsx, rows_from
from tracker.overlaps.forms import ReviewFilterForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass
class ExportedVerdict:
    """A verdict as the export builders read it."""

    verdict_label: str
    comment: str
    owner_code: str | None
    due_date: date | None
    changed: bool


def _review_rows():
    require_reviewer()
    form = ReviewFilterForm(request.args, all_areas(), all_administrations(), all_themes())
    review = queries.review(form.filters())
    verdicts = {
        row.candidate.initiative_ids: ExportedVerdict(
            verdict_label=label(row.verdict.verdict, "verdict"), comment=row.verdict.comment or "",
            owner_code=row.verdict.follow_up_administration.code if row.verdict.follow_up_administration else None,
            due_date=row.verdict.follow_up_due, changed=row.state == queries.CHANGED)
        for row in review.rows if row.verdict is not None
    }
    codes = {administration.id: administration.code for administration in all_administrations()}
    return rows_from([row.candidate for row in review.rows], verdicts, codes)


@bp.route("/export.xlsx")
def export_xlsx():
    data = review_xlsx(_review_rows())
    return send_file(BytesIO(data), mimetype=XLSX, as_attachment=True, download_name="overlap.xlsx")


@bp.route("/export.docx")
def export_docx():
    data = review_docx(_review_rows(), _("Overlap mellem forvaltninger"))
    return send_file(BytesIO(data), mimetype=DOCX, as_attachment=True, download_name="overlap.docx")
