"""The body page and recording meetings: a meeting's decisions are entries in the cooperation log, so
these routes compose the bodies domain with the log (they sit on the bodies blueprint, so the endpoints
keep their names)."""
from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from tracker.auth.permissions import require
from tracker.bodies import queries
from tracker.bodies.forms import MeetingForm
from tracker.bodies.models import Body, Meeting
from tracker.bodies.permissions import can_record_meeting
from tracker.bodies.services import DecisionInput
from tracker.bodies.views import active_organisations, body_or_404, bp, confirm, part_or_404
from tracker.core.clock import today
from tracker.core.dates import format_day
from tracker.core.errors import ValidationError
from tracker.core.web.conflict import resolve
from tracker.core.web.pagination import page_number
from tracker.extensions import db
from tracker.log import entry_services
from tracker.log.entry_queries import decisions_by_meeting, entries_of_body, rows_need_partners
from tracker.log.follow_ups import DECISION_INITIATIVES_MAX, decision_initiatives
from tracker.organisation.queries import all_administrations

ENTRIES_SHOWN = 20
ADD_ROW = "add_decision"  # the name of the form's "Tilføj beslutning" button


@bp.route("/<int:body_id>")
def body_detail(body_id: int):
    body = body_or_404(body_id)
    archived = request.args.get("arkiverede") == "1"
    meetings = queries.meetings_page(body.id, page_number(request.args.get("page")),
                                     current_app.config["PAGE_SIZE"], include_archived=archived)
    return render_template("bodies/detail.html", body=body, meetings=meetings, show_archived=archived,
                           decisions=decisions_by_meeting([m.id for m in meetings.items]),
                           groups=queries.member_groups(body.id, include_archived=archived),
                           entries=entries_of_body(body.id, ENTRIES_SHOWN, include_archived=archived,
                                                   partners=rows_need_partners(current_user)))


# Meetings ---------------------------------------------------------------------------------------------

def _meeting_body(body_id: int) -> Body:
    """A meeting form's body with its seats and their organisations (who may record, who may attend)."""
    body = body_or_404(body_id)
    queries.load_seats(body)
    return body


def _body_area_id(body: Body) -> int | None:
    return body.area_id if body.area_id is not None else (body.place.area_id if body.place is not None else None)


def _choices(body: Body, meeting: Meeting | None, saved: list[DecisionInput]):
    """Attendance is offered among the organisations with a seat (and those already recorded as attending);
    a body without organisation seats offers them all. A decision may be about one of the initiatives the
    user may log on in the body's area (or any area), or the one it is about already."""
    seated = {m.organisation for m in body.memberships if m.organisation is not None and m.archived_at is None}
    seated |= set(meeting.organisations if meeting is not None else ())
    organisations = sorted(seated, key=lambda o: o.name.casefold()) if seated else active_organisations()
    initiatives = decision_initiatives(current_user, _body_area_id(body), [d.initiative for d in saved])
    return all_administrations(), organisations, initiatives


def _meeting_form(choices, opened: bool = False) -> MeetingForm:
    """The form as posted, or (opened) as it opens, without the request's data."""
    administrations, organisations, initiatives = choices
    form = MeetingForm(formdata=None) if opened else MeetingForm()
    form.initiative_total = initiatives.total
    return form.set_choices(administrations, organisations, initiatives.items)


def _render_meeting(form: MeetingForm, body: Body, meeting: Meeting | None, status: int = 200, new_row=None):
    return render_template("bodies/meeting_form.html", form=form, body=body, meeting=meeting,
                           new_row=new_row, initiatives_shown=DECISION_INITIATIVES_MAX), status


def _saved_decisions(meeting: Meeting) -> list[DecisionInput]:
    return [entry_services.decision_input(e) for e in entry_services.decisions_of(meeting) if e.archived_at is None]


def _opened_meeting(meeting: Meeting, decisions: list[DecisionInput], choices) -> MeetingForm:
    """The meeting's form as it opens now (what a stale save is merged with)."""
    form = _meeting_form(choices, opened=True)
    form.fill(meeting, decisions)
    return form


def _more_rows(form: MeetingForm, body: Body, meeting: Meeting | None):
    """"Tilføj beslutning" without JavaScript: the form again, as typed, with one more empty row."""
    return _render_meeting(form, body, meeting, new_row=form.add_row())


@bp.route("/<int:body_id>/meetings/new", methods=["GET", "POST"])
def new_meeting(body_id: int):
    body = _meeting_body(body_id)
    require(can_record_meeting(current_user, body),
            _("Kun administratorer og koordinatorer, hvis forvaltning eller organisation har en plads i organet, "
              "kan registrere møder."))
    form = _meeting_form(_choices(body, None, []))
    if request.method == "GET":
        form.date.data = today()
        form.administrations.data = [str(current_user.administration_id)] if current_user.administration_id else []
        form.organisations.data = [str(current_user.organisation_id)] if current_user.organisation_id else []
        return _render_meeting(form, body, None)
    if ADD_ROW in request.form:
        return _more_rows(form, body, None)
    if form.validate():
        try:
            entry_services.record_meeting(body, form.to_input(), form.decision_inputs(), current_user)
            db.session.commit()
        except ValidationError as error:
            db.session.rollback()
            form.show_error(error)
        else:
            flash(_("Mødet er registreret."), "success")
            return redirect(url_for("bodies.body_detail", body_id=body.id))
    return _render_meeting(form, body, None, 400)


@bp.route("/<int:body_id>/meetings/<int:meeting_id>/edit", methods=["GET", "POST"])
def edit_meeting(body_id: int, meeting_id: int):
    body = _meeting_body(body_id)
    meeting = part_or_404(Meeting, meeting_id, body)
    require(can_record_meeting(current_user, body), _("Du kan ikke rette møder i dette organ."))
    saved_decisions = _saved_decisions(meeting)
    choices = _choices(body, meeting, saved_decisions)
    form = _meeting_form(choices)
    if request.method == "GET":
        form.fill(meeting, saved_decisions)
        return _render_meeting(form, body, meeting)
    if ADD_ROW in request.form:
        return _more_rows(form, body, meeting)
    conflict = resolve(form, meeting, lambda: _opened_meeting(meeting, saved_decisions, choices),
                       url_for("bodies.body_detail", body_id=body.id))
    if conflict is not None:
        return conflict
    if form.validate():
        try:
            entry_services.revise_meeting(meeting, form.to_input(), form.decision_inputs(), current_user)
            db.session.commit()
        except ValidationError as error:
            db.session.rollback()
            form.show_error(error)
        else:
            flash(_("Mødet er opdateret."), "success")
            return redirect(url_for("bodies.body_detail", body_id=body.id))
    return _render_meeting(form, body, meeting, 400)


@bp.route("/<int:body_id>/meetings/<int:meeting_id>/archive", methods=["GET", "POST"])
def archive_meeting(body_id: int, meeting_id: int):
    body = body_or_404(body_id)
    meeting = part_or_404(Meeting, meeting_id, body)
    require(can_record_meeting(current_user, body), _("Du kan ikke arkivere møder i dette organ."))
    back = url_for("bodies.body_detail", body_id=body.id)
    if request.method == "GET":
        return confirm(_("Arkivér møde"), _("Mødet %(date)s", date=format_day(meeting.date)),
                        _("Er du sikker på, at du vil arkivere mødet? Mødet og dets beslutninger forsvinder fra "
                          "listerne, men gemmes og kan genskabes."),
                        url_for("bodies.archive_meeting", body_id=body.id, meeting_id=meeting.id), back)
    entry_services.archive_meeting_with_decisions(meeting)
    db.session.commit()
    flash(_("Mødet er arkiveret."), "success")
    return redirect(back)


@bp.route("/<int:body_id>/meetings/<int:meeting_id>/restore", methods=["POST"])
def restore_meeting(body_id: int, meeting_id: int):
    body = body_or_404(body_id)
    meeting = part_or_404(Meeting, meeting_id, body)
    require(can_record_meeting(current_user, body), _("Du kan ikke genskabe møder i dette organ."))
    entry_services.restore_meeting_with_decisions(meeting)
    db.session.commit()
    flash(_("Mødet er genskabt."), "success")
    return redirect(url_for("bodies.body_detail", body_id=body.id))
