"""The review exported for the steering group's meeting papers: the filtered list of topics, in the order shown.

The Word document is the meeting paper: what the page lists with its filters (by default the strong topics
nobody has reviewed). The workbook is the register: the same strength and area filters, with the reviewed
topics too, each with its verdict, so the whole year's review can be filtered in Excel.
"""
from __future__ import annotations

from io import BytesIO

from flask import send_file
from flask_babel import gettext as _

from tracker.overlaps import queries
from tracker.overlaps.blueprint import bp, require_reviewer
from tracker.overlaps.exports.rows import ExportRow
from tracker.overlaps.exports.sheet import review_xlsx
from tracker.overlaps.exports.word import review_docx
from tracker.overlaps.queries import SHOW_ALL, TopicRow
from tracker.overlaps.views import filter_form

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SIGNS_SHOWN = 5


def export_row(position: int, row: TopicRow, names) -> ExportRow:
    """A topic as the export builders read it: plain strings, numbers and dates."""
    topic = row.topic
    verdict = row.verdict
    lead = topic.lead
    reasons = [str(r) for r in lead.reasons]
    if len(topic.candidates) == 1:
        evidence = [str(e) if e.strong else _("%(evidence)s (svagt)", evidence=e) for e in lead.evidence]
    else:
        # A topic may stand for hundreds of pairs: its leading pair's reasons, and coordination in counts
        # with the strong signs found, each once; every pair is on the topic's page.
        reasons.append(_("… og %(count)s par mere om det samme; alle par står på emnets side i Tværs.",
                         count=len(topic.candidates) - 1))
        evidence = [_("%(uncoordinated)s af %(pairs)s par uden tegn på koordinering.",
                      uncoordinated=topic.uncoordinated_pairs, pairs=len(topic.candidates))]
        signs: dict[str, None] = {}
        for e in (e for c in topic.candidates for e in c.evidence if e.strong):
            signs.setdefault(str(e))
            if len(signs) == SIGNS_SHOWN:
                break
        evidence += list(signs)
    shown = verdict if verdict is not None else next((r.verdict for r in row.rows if r.verdict is not None), None)
    return ExportRow(
        position=position,
        areas=sorted(names.areas[i] for i in topic.area_ids),
        initiatives=[(r.title, names.administrations.get(r.lead_administration_id, "")) for r in topic.records],
        strong=topic.strong,
        why=str(topic.lead.strength),
        reasons=reasons,
        evidence=evidence,
        uncoordinated=row.show_uncoordinated,
        pairs=len(topic.candidates),
        state=row.state,
        verdict=(shown.verdict_label if verdict is not None else _("Delvist vurderet")) if shown else None,
        comment=(shown.comment or "") if shown else "",
        owner=shown.follow_up_administration.code if shown and shown.follow_up_administration else None,
        due=shown.follow_up_due if shown else None,
    )


def _rows(everything_reviewed_too: bool) -> tuple[list[ExportRow], list[str]]:
    require_reviewer()
    form = filter_form()
    filters = form.filters()
    if everything_reviewed_too:
        filters.show = SHOW_ALL
        form.show.data = SHOW_ALL
    review = queries.review(filters)
    names = review.result.names
    return [export_row(n, row, names) for n, row in enumerate(review.rows, start=1)], form.described()


@bp.route("/export.xlsx")
def export_xlsx():
    rows, _filters = _rows(everything_reviewed_too=True)
    return send_file(BytesIO(review_xlsx(rows)), mimetype=XLSX, as_attachment=True, download_name="overlap.xlsx")


@bp.route("/export.docx")
def export_docx():
    rows, filters = _rows(everything_reviewed_too=False)
    data = review_docx(rows, _("Overlap mellem forvaltninger"), filters)
    return send_file(BytesIO(data), mimetype=DOCX, as_attachment=True, download_name="overlap.docx")


