"""Overlap review pages: the list of topics, one candidate or topic with its verdict, closing a follow-up,
and how candidates are ranked."""
from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from tracker.areas.queries import all_areas
from tracker.audit.queries import history_page
from tracker.auth.permissions import (
    can_close_follow_up,
    can_read_candidate,
    can_review_overlaps,
    may_close_follow_ups,
    require,
)
from tracker.auth.views import safe_next
from tracker.core.web.conflict import resolve
from tracker.core.web.pagination import page_number
from tracker.extensions import db
from tracker.initiatives.queries import all_themes
from tracker.organisation.queries import all_administrations
from tracker.overlaps.blueprint import bp, require_reader, require_reviewer
from tracker.overlaps.forms import ReviewFilterForm, TopicVerdictForm, VerdictForm
from tracker.overlaps.models import VERDICT_LABELS
from tracker.overlaps.review import queries, services

__all__ = ["bp"]


@bp.app_template_filter("verdict_label")
def verdict_label(value: str | None) -> str:
    return str(VERDICT_LABELS.get(value, value or ""))


def filter_form() -> ReviewFilterForm:
    """The list's filters from the query string; a coordinator's list is their own administration's."""
    fixed = None if can_review_overlaps(current_user) else current_user.administration
    return ReviewFilterForm(request.args, all_areas(), all_administrations(), all_themes(), fixed)


@bp.route("/")
def review_list():
    require_reader()
    form = filter_form()
    review = queries.review(form.filters(), page_number(request.args.get("page")), current_app.config["PAGE_SIZE"])
    return render_template("overlaps/list.html", form=form, review=review, page=review.page, params=form.params(),
                           can_review=can_review_overlaps(current_user))


@bp.route("/om-rangering")
def about_ranking():
    require_reader()
    return render_template("overlaps/about.html")


@bp.route("/<int:first_id>-<int:second_id>", methods=["GET", "POST"])
def candidate_detail(first_id: int, second_id: int):
    initiatives = queries.pair(first_id, second_id)
    if initiatives is None:
        abort(404)
    first, second = initiatives
    _require_candidate_reader(first, second)
    form_filters = filter_form()
    filters = form_filters.filters()
    verdict = queries.verdict_of(first_id, second_id)
    administrations = all_administrations()
    if request.method == "GET":
        form = VerdictForm(administrations, data=VerdictForm.initial(verdict))
        return _render_candidate(first, second, verdict, form, form_filters, filters)
    require_reviewer()
    form = VerdictForm(administrations)
    here = url_for(".candidate_detail", first_id=first_id, second_id=second_id, **form_filters.params())
    if verdict is not None:
        conflict = resolve(form, verdict, lambda: VerdictForm(administrations, formdata=None,
                                                              data=VerdictForm.initial(verdict)), here)
        if conflict is not None:
            return conflict
    form.validate()
    data = form.to_input()
    for problem in services.check_verdict(data):
        form.show_error(problem)
    if form.errors or form.form_errors:
        return _render_candidate(first, second, verdict, form, form_filters, filters), 400
    services.record_verdict(first, second, data, current_user, verdict)
    db.session.commit()
    return _to_next_open(filters, form_filters.params(), {(first_id, second_id)},
                         _("Vurderingen er gemt: %(verdict)s.", verdict=verdict_label(data.verdict)))


@bp.route("/emne/<int:first_id>-<int:second_id>", methods=["GET", "POST"])
def topic_detail(first_id: int, second_id: int):
    """A topic: every strong candidate on one problem in one area, with one verdict for them all."""
    require_reader()
    form_filters = filter_form()
    filters = form_filters.filters()
    row = queries.topic_of(first_id, second_id, filters)
    if row is None:
        abort(404)
    require(can_read_candidate(current_user, row.topic.administration_ids),
            _("Du kan kun se overlap, som din egen forvaltning er part i."))
    administrations = all_administrations()
    if request.method == "GET":
        form = TopicVerdictForm(administrations, data=TopicVerdictForm.initial(row))
        return _render_topic(row, form, form_filters)
    require_reviewer()
    form = TopicVerdictForm(administrations)
    if form.token.data != TopicVerdictForm.token_of(row):
        form.form_errors.append(_("Andre har vurderet eller ændret kandidater i emnet, mens du havde det åbent. "
                                  "Siden viser nu emnet, som det er; se vurderingerne og gem igen."))
        form.token.data = TopicVerdictForm.token_of(row)
        return _render_topic(row, form, form_filters), 409
    form.validate()
    data = form.to_input()
    for problem in services.check_verdict(data):
        form.show_error(problem)
    if form.errors or form.form_errors:
        return _render_topic(row, form, form_filters), 400
    pairs = [(r.candidate, r.verdict) for r in row.rows]
    services.record_topic_verdict(pairs, data, current_user)
    db.session.commit()
    return _to_next_open(filters, form_filters.params(), {c.initiative_ids for c, _v in pairs},
                         _("Vurderingen er gemt for alle %(count)s par i emnet: %(verdict)s.", count=len(pairs),
                           verdict=verdict_label(data.verdict)))


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


def _require_candidate_reader(first, second) -> None:
    require_reader()
    require(can_read_candidate(current_user, (first.lead_administration_id, second.lead_administration_id)),
            _("Du kan kun se overlap, som din egen forvaltning er part i."))


def _to_next_open(filters, params: dict, judged: set, saved_message: str):
    """After a verdict, on to the next open topic of the same list, or back to the list when none is left."""
    following = queries.next_open(filters, judged)
    if following is None:
        flash(f"{saved_message} {_('Der er ikke flere åbne kandidater i listen.')}", "success")
        return redirect(url_for(".review_list", **params))
    flash(f"{saved_message} {_('Her er den næste åbne kandidat.')}", "success")
    first_id, second_id = following.topic.key
    endpoint = ".topic_detail" if following.topic.is_group else ".candidate_detail"
    return redirect(url_for(endpoint, first_id=first_id, second_id=second_id, **params))


def _render_candidate(first, second, verdict, form: VerdictForm, form_filters: ReviewFilterForm,
                      filters: queries.ReviewFilters):
    events = history_page(verdict, page_number(request.args.get("page")), current_app.config["PAGE_SIZE"]) \
        if verdict is not None else None
    candidate = queries.candidate_for(first.id, second.id)
    changed = verdict is not None and candidate is not None and verdict.fingerprint != candidate.fingerprint
    topic = queries.topic_of(first.id, second.id, filters) if candidate is not None else None
    return render_template("overlaps/candidate.html", first=first, second=second, candidate=candidate,
                           verdict=verdict, form=form, events=events, changed=changed, params=form_filters.params(),
                           topic=topic if topic is not None and topic.topic.is_group else None,
                           can_review=can_review_overlaps(current_user),
                           can_close=verdict is not None and verdict.open_follow_up
                           and can_close_follow_up(current_user, verdict))


def _render_topic(row, form: TopicVerdictForm, filters: ReviewFilterForm):
    initiatives = queries.initiatives_by_id(row.topic.initiative_ids)
    return render_template("overlaps/topic.html", row=row, topic=row.topic, form=form, params=filters.params(),
                           initiatives=initiatives, can_review=can_review_overlaps(current_user))

