"""Overlap review pages: the candidate list, one candidate with its verdict, and closing a follow-up."""
from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from tracker.areas.queries import all_areas
from tracker.audit.queries import history_page
from tracker.auth.permissions import can_close_follow_up, may_close_follow_ups, require
from tracker.auth.views import safe_next
from tracker.core.conflict import is_stale, render_conflict
from tracker.core.pagination import page_number
from tracker.extensions import db
from tracker.initiatives.queries import all_themes
from tracker.organisation.queries import all_administrations
from tracker.overlaps import queries, services
from tracker.overlaps.blueprint import bp, require_reviewer
from tracker.overlaps.forms import ReviewFilterForm, VerdictForm
from tracker.overlaps.models import VERDICT_LABELS

__all__ = ["bp"]


@bp.app_template_filter("verdict_label")
def verdict_label(value: str | None) -> str:
    return str(VERDICT_LABELS.get(value, value or ""))



@bp.route("/")
def review_list():
    require_reviewer()
    form = ReviewFilterForm(request.args, all_areas(), all_administrations(), all_themes())
    review = queries.review(form.filters())
    page = queries.page_of(review.rows, page_number(request.args.get("page")), current_app.config["PAGE_SIZE"])
    return render_template("overlaps/list.html", form=form, review=review, page=page, params=form.params())


@bp.route("/<int:first_id>-<int:second_id>", methods=["GET", "POST"])
def candidate_detail(first_id: int, second_id: int):
    require_reviewer()
    initiatives = queries.pair(first_id, second_id)
    if initiatives is None:
        abort(404)
    first, second = initiatives
    verdict = queries.verdict_of(first_id, second_id)
    administrations = all_administrations()
    if request.method == "GET":
        form = VerdictForm(administrations, data=VerdictForm.initial(verdict))
        return _render_candidate(first, second, verdict, form)
    form = VerdictForm(administrations)
    here = url_for(".candidate_detail", first_id=first_id, second_id=second_id)
    if verdict is not None and is_stale(verdict, form.version.data):
        saved = VerdictForm(administrations, formdata=None, data=VerdictForm.initial(verdict))
        rows = [(label, saved_text, mine) for (label, saved_text), (_label, mine)
                in zip(saved.describe(), form.describe(), strict=True)]
        return render_conflict(verdict, rows, here)
    form.validate()
    data = form.to_input()
    for problem in services.check_verdict(data):
        form.show_error(problem)
    if form.errors or form.form_errors:
        return _render_candidate(first, second, verdict, form), 400
    services.record_verdict(first, second, data, current_user, verdict)
    db.session.commit()
    flash(_("Vurderingen er gemt: %(verdict)s.", verdict=verdict_label(data.verdict)), "success")
    return redirect(here)


@bp.route("/<int:first_id>-<int:second_id>/close", methods=["POST"])
def close_follow_up(first_id: int, second_id: int):
    require(may_close_follow_ups(current_user), _("Kun styregruppen, administratorer og koordinatorer kan lukke "
                                                  "opfølgninger."))
    verdict = queries.verdict_of(first_id, second_id)
    if verdict is None or not verdict.open_follow_up:
        abort(404)
    require(can_close_follow_up(current_user, verdict),
            _("Kun styregruppen og koordinatorer i den forvaltning, der ejer opfølgningen, kan lukke den."))
    services.close_follow_up(verdict)
    db.session.commit()
    flash(_("Opfølgningen er lukket."), "success")
    return redirect(safe_next(request.form.get("next")))


def _render_candidate(first, second, verdict, form: VerdictForm):
    events = history_page(verdict, page_number(request.args.get("page")), current_app.config["PAGE_SIZE"]) \
        if verdict is not None else None
    candidate = queries.candidate_for(first.id, second.id)
    changed = verdict is not None and candidate is not None and verdict.fingerprint != candidate.fingerprint
    return render_template("overlaps/candidate.html", first=first, second=second, candidate=candidate,
                           verdict=verdict, form=form, events=events, changed=changed,
                           can_close=verdict is not None and verdict.open_follow_up
                           and can_close_follow_up(current_user, verdict))
