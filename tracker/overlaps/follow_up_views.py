"""Setting an overlap follow-up's status and note from the candidate's page (beside "Luk opfølgning")."""
from __future__ import annotations

from flask import abort, flash, g, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from tracker.auth.permissions import can_close_follow_up, may_close_follow_ups, require
from tracker.core.errors import ValidationError
from tracker.core.web.conflict import is_stale
from tracker.extensions import db
from tracker.organisation.queries import all_administrations
from tracker.overlaps.blueprint import bp
from tracker.overlaps.forms import VerdictForm
from tracker.overlaps.models import NEEDS_FOLLOW_UP
from tracker.overlaps.review import queries
from tracker.overlaps.review.follow_up_status import FollowUpStatusForm, follow_up_state, set_follow_up_status
from tracker.overlaps.views import _render_candidate, filter_form

NOTE_INPUT_MAX = 10_000  # far above the limit, so an over-long note is refused by the service, not cut


@bp.app_template_global("follow_up_status_form")
def follow_up_status_form(verdict) -> FollowUpStatusForm:
    """The form the candidate's page shows: as just posted when it came back with a problem, else as saved."""
    posted = g.get("follow_up_status_form")
    return posted if posted is not None else FollowUpStatusForm(formdata=None).fill(verdict)


bp.add_app_template_global(follow_up_state, "follow_up_state")
bp.add_app_template_global(can_close_follow_up, "can_close_follow_up")


@bp.route("/<int:first_id>-<int:second_id>/follow-up", methods=["POST"])
def follow_up_status(first_id: int, second_id: int):
    require(may_close_follow_ups(current_user), _("Kun styregruppen, administratorer og koordinatorer kan følge op "
                                                  "på overlap."))
    verdict = queries.verdict_of(first_id, second_id)
    if verdict is None or verdict.verdict != NEEDS_FOLLOW_UP or verdict.follow_up_administration_id is None:
        abort(404)
    require(can_close_follow_up(current_user, verdict),
            _("Kun styregruppen og koordinatorer i den forvaltning, der ejer opfølgningen, kan ændre dens status."))
    form = FollowUpStatusForm()
    page = url_for("overlaps.candidate_detail", first_id=first_id, second_id=second_id, _anchor="opfoelgning")
    if is_stale(verdict, form.version.data):
        form.form_errors.append(_("En kollega har ændret vurderingen eller opfølgningen, mens du havde siden åben. "
                                  "Se den, som den er nu, og gem igen."))
        form.version.data = verdict.version
        return _again(form, first_id, second_id, 409)
    form.validate()
    try:
        set_follow_up_status(verdict, (form.status.data or "")[:20], (form.note.data or "")[:NOTE_INPUT_MAX])
        db.session.commit()
    except ValidationError as error:
        db.session.rollback()
        form.show_error(error)
        return _again(form, first_id, second_id, 400)
    flash(_("Opfølgningens status er gemt."), "success")
    return redirect(page)


def _again(form: FollowUpStatusForm, first_id: int, second_id: int, status: int):
    """The candidate's page with the posted status form and its problem (the page reads it from `g`)."""
    first, second = queries.pair(first_id, second_id)
    verdict = queries.verdict_of(first_id, second_id)
    g.follow_up_status_form = form
    form_filters = filter_form()
    verdict_form = VerdictForm(all_administrations(), formdata=None, data=VerdictForm.initial(verdict))
    return _render_candidate(first, second, verdict, verdict_form, form_filters, form_filters.filters()), status
