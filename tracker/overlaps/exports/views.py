"""The review exported for the steering group's meeting papers: the filtered list of topics, in the order shown.

The Word document is the meeting paper: what the page lists with its filters (by default the strong topics
nobody has reviewed). The workbook is the register: the same strength and area filters, with the reviewed
topics too, each with its verdict, so the whole year's review can be filtered in Excel.
"""
from __future__ import annotations

from io import BytesIO

from flask import send_file
from flask_babel import gettext as _

from tracker.overlaps.blueprint import bp, require_reviewer
from tracker.overlaps.exports.rows import ExportRow
from tracker.overlaps.exports.sheet import review_xlsx
from tracker.overlaps.exports.word import review_docx
from tracker.overlaps.matching.detection import collector_paused
from tracker.overlaps.review import queries
from tracker.overlaps.review.queries import SHOW_ALL, SummaryRow
from tracker.overlaps.texts import _l, translating
from tracker.overlaps.views import filter_form

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def export_row(position: int, row: SummaryRow, names) -> ExportRow:
    """A topic as the export builders read it: plain strings, numbers and dates."""
    topic = row.topic
    verdict = row.verdict
    lead = topic.lead
    reasons = [str(r) for r in lead.reasons]
    if topic.pairs == 1:
        evidence = [str(e) if e.strong else str(_l("%(evidence)s (svagt)", evidence=e)) for e in lead.evidence]
    else:
        # A topic may stand for hundreds of pairs: its leading pair's reasons, and coordination in counts
        # with the strong signs found, each once; every pair is on the topic's page.
        reasons.append(str(_l("… og %(count)s par mere om det samme; alle par står på emnets side i Tværs.",
                              count=topic.pairs - 1)))
        evidence = [str(_l("%(uncoordinated)s af %(pairs)s par uden tegn på koordinering.",
                           uncoordinated=topic.uncoordinated_pairs, pairs=topic.pairs)), *topic.signs]
    shown = verdict if verdict is not None else row.first_verdict
    return ExportRow(
        position=position,
        areas=sorted(names.areas[i] for i in topic.area_ids if i in names.areas),
        initiatives=[(r.title, names.administrations.get(r.lead_administration_id, "")) for r in topic.records],
        more_initiatives=None if topic.initiatives is None else topic.initiatives - len(topic.records),
        strong=topic.strong,
        why=str(topic.lead.strength),
        reasons=reasons,
        evidence=evidence,
        uncoordinated=row.show_uncoordinated,
        pairs=topic.pairs,
        state=row.state,
        verdict=(shown.verdict_label if verdict is not None else str(_l("Delvist vurderet"))) if shown else None,
        comment=(shown.comment or "") if shown else "",
        owner=shown.owner if shown else None,
        due=shown.follow_up_due if shown else None,
    )


def _rows(everything_reviewed_too: bool) -> tuple[list[ExportRow], list[str]]:
    require_reviewer()
    form = filter_form()
    filters = form.filters()
    if everything_reviewed_too:
        filters.show = SHOW_ALL
        form.show.data = SHOW_ALL
    review = queries.review(filters, signs=True)
    names = review.names
    return [export_row(n, row, names) for n, row in enumerate(review.rows, start=1)], form.described()


@bp.route("/export.xlsx")
def export_xlsx():
    with translating(), collector_paused():
        rows, _filters = _rows(everything_reviewed_too=True)
        data = review_xlsx(rows)
    return send_file(BytesIO(data), mimetype=XLSX, as_attachment=True, download_name="overlap.xlsx")


@bp.route("/export.docx")
def export_docx():
    with translating(), collector_paused():
        rows, filters = _rows(everything_reviewed_too=False)
        data = review_docx(rows, _("Overlap mellem forvaltninger"), filters)
    return send_file(BytesIO(data), mimetype=DOCX, as_attachment=True, download_name="overlap.docx")


