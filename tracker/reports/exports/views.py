"""A version of the report as a file: Word for BIF, plain text and Markdown of the whole report or one section.

Only the texts go out: the sources, omissions and notes are for the editor. The committee's name is the one
frozen in the draft's snapshot, so a final report downloads the same years later.
"""
from __future__ import annotations

from io import BytesIO

from flask import Response, abort, request, send_file
from flask_babel import to_user_timezone

from tracker.core.changes import cached
from tracker.reports import queries
from tracker.reports.exports.document import ReportDocument
from tracker.reports.exports.text import to_markdown, to_text
from tracker.reports.exports.word import to_docx
from tracker.reports.template import SECTION_NUMBERS
from tracker.reports.web.blueprint import bp

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _document(report_id: int, number: int) -> tuple[ReportDocument, str]:
    report = queries.report_or_404(report_id)
    version = queries.version_or_404(report, number)
    draft = queries.draft_of(version)
    frozen = draft.snapshot.page.get("committee") if draft.snapshot is not None else None
    committee = frozen or report.administration.committee
    document = ReportDocument(committee_name=committee, year=report.year, texts=version.text_map(),
                              is_final=report.final_number == version.number,
                              version_label=f"version {version.number}",
                              dated=to_user_timezone(version.created_at).date())
    return document, f"redegoerelse-{report.administration.code}-{report.year}-v{version.number}"


def _section() -> int | None:
    """?section=3 for one section; anything but a section of the template is a bad request."""
    raw = request.args.get("section")
    if raw is None or raw == "":
        return None
    if not raw.isdecimal() or len(raw) > 2 or int(raw) not in SECTION_NUMBERS:
        abort(400)
    return int(raw)


def _name(stem: str, section: int | None, extension: str) -> str:
    return f"{stem}-afsnit-{section}.{extension}" if section is not None else f"{stem}.{extension}"


@bp.route("/<int:report_id>/versions/<int:number>/redegoerelse.docx")
def download_docx(report_id: int, number: int):
    document, stem = _document(report_id, number)
    # Building the Word file is most of the download's time, and it is the same for everyone until the data
    # changes (the texts, the final mark, the committee).
    content = cached(("reports.docx", report_id, number), lambda: to_docx(document))
    return send_file(BytesIO(content), mimetype=DOCX, as_attachment=True, download_name=f"{stem}.docx")


@bp.route("/<int:report_id>/versions/<int:number>/redegoerelse.txt")
def download_text(report_id: int, number: int):
    section = _section()
    document, stem = _document(report_id, number)
    return _attachment(to_text(document, section=section), "text/plain", _name(stem, section, "txt"))


@bp.route("/<int:report_id>/versions/<int:number>/redegoerelse.md")
def download_markdown(report_id: int, number: int):
    section = _section()
    document, stem = _document(report_id, number)
    return _attachment(to_markdown(document, section=section), "text/markdown", _name(stem, section, "md"))


def _attachment(content: str, mimetype: str, filename: str) -> Response:
    return send_file(BytesIO(content.encode("utf-8")), mimetype=f"{mimetype}; charset=utf-8", as_attachment=True,
                     download_name=filename)
