"""Pages of the bodies domain: every body; one body with its seats, meetings and log; its history;
recording meetings (whose decisions become log entries) and managing seats.

A meeting's decisions are cooperation entries, so this web layer uses the initiatives domain's entry
services and queries, as the area page does; the bodies domain's own modules only import downward.
"""
from __future__ import annotations

from datetime import datetime

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_timezone
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from tracker.audit.queries import history_page
from tracker.auth.permissions import require
from tracker.bodies import queries, services
from tracker.bodies.forms import MeetingForm, MembershipForm
from tracker.bodies.models import Body, Meeting, Membership
from tracker.bodies.permissions import can_log_on_body, can_manage_memberships, can_record_meeting
from tracker.core.conflict import resolve
from tracker.core.errors import ValidationError
from tracker.core.forms import show_error
from tracker.core.pagination import page_number
from tracker.extensions import db
from tracker.log import entry_services
from tracker.log.entry_queries import decisions_by_meeting, entries_of_body
from tracker.organisation.models import Organisation, Person
from tracker.organisation.queries import all_administrations

bp = Blueprint("bodies", __name__, url_prefix="/bodies")
for rule in (can_record_meeting, can_log_on_body, can_manage_memberships):
    bp.add_app_template_global(rule)

ENTRIES_SHOWN = 20


def _body_or_404(body_id: int) -> Body:
    body = queries.body_by_id(body_id)
    if body is None:
        abort(404)
    return body


def _part_or_404(model, part_id: int, body: Body):
    part = db.session.get(model, part_id)
    if part is None or part.body_id != body.id:
        abort(404)
    return part


def _organisations() -> list[Organisation]:
    return list(db.session.scalars(select(Organisation).where(Organisation.archived_at.is_(None))
                                   .order_by(Organisation.name)))


def _persons() -> list[Person]:
    return list(db.session.scalars(select(Person).where(Person.archived_at.is_(None)).order_by(Person.name)))


def _confirm(title: str, record_label: str, question: str, action_url: str, cancel_url: str):
    return render_template("entries/confirm.html", title=title, record_label=record_label, question=question,
                           action_url=action_url, button=_("Arkivér"), next_url="", cancel_url=cancel_url)


@bp.route("/")
def body_list():
    return render_template("bodies/list.html", rows=queries.body_overview())


@bp.route("/<int:body_id>")
def body_detail(body_id: int):
    body = _body_or_404(body_id)
    archived = request.args.get("arkiverede") == "1"
    meetings = queries.meetings_page(body.id, page_number(request.args.get("page")),
                                     current_app.config["PAGE_SIZE"], include_archived=archived)
    return render_template("bodies/detail.html", body=body, meetings=meetings, show_archived=archived,
                           decisions=decisions_by_meeting([m.id for m in meetings.items]),
                           groups=queries.member_groups(body.id, include_archived=archived),
                           entries=entries_of_body(body.id, ENTRIES_SHOWN, include_archived=archived))


@bp.route("/<int:body_id>/history")
def body_history(body_id: int):
    body = _body_or_404(body_id)
    return render_template("bodies/history.html", body=body,
                           events=history_page(body, page_number(request.args.get("page"))))


# Meetings ---------------------------------------------------------------------------------------------

def _meeting_form(body: Body, meeting: Meeting | None = None) -> MeetingForm:
    """Attendance is offered among the organisations with a seat (and those already recorded as attending);
    a body without organisation seats offers them all."""
    seated = {m.organisation for m in body.memberships if m.organisation is not None and m.archived_at is None}
    seated |= set(meeting.organisations if meeting is not None else ())
    organisations = sorted(seated, key=lambda o: o.name.casefold()) if seated else _organisations()
    return MeetingForm().set_choices(all_administrations(), organisations)


def _render_meeting(form: MeetingForm, body: Body, meeting: Meeting | None, status: int = 200):
    return render_template("bodies/meeting_form.html", form=form, body=body, meeting=meeting), status


def _opened_meeting(meeting: Meeting, decisions: list[str]) -> MeetingForm:
    """The meeting's form as it opens now (what a stale save is merged with)."""
    form = MeetingForm(formdata=None)
    form.fill(meeting, decisions)
    return form


@bp.route("/<int:body_id>/meetings/new", methods=["GET", "POST"])
def new_meeting(body_id: int):
    body = _body_or_404(body_id)
    require(can_record_meeting(current_user, body),
            _("Kun administratorer og koordinatorer, hvis forvaltning eller organisation har en plads i organet, "
              "kan registrere møder."))
    form = _meeting_form(body)
    if request.method == "GET":
        form.date.data = datetime.now(get_timezone()).date()
        form.administrations.data = [str(current_user.administration_id)] if current_user.administration_id else []
        form.organisations.data = [str(current_user.organisation_id)] if current_user.organisation_id else []
        return _render_meeting(form, body, None)
    if form.validate():
        try:
            entry_services.record_meeting(body, form.to_input(), form.decision_lines(), current_user)
            db.session.commit()
        except ValidationError as error:
            db.session.rollback()
            show_error(form, error)
        else:
            flash(_("Mødet er registreret."), "success")
            return redirect(url_for("bodies.body_detail", body_id=body.id))
    return _render_meeting(form, body, None, 400)


@bp.route("/<int:body_id>/meetings/<int:meeting_id>/edit", methods=["GET", "POST"])
def edit_meeting(body_id: int, meeting_id: int):
    body = _body_or_404(body_id)
    meeting = _part_or_404(Meeting, meeting_id, body)
    require(can_record_meeting(current_user, body), _("Du kan ikke rette møder i dette organ."))
    form = _meeting_form(body, meeting)
    saved_decisions = [e.text for e in entry_services.decisions_of(meeting) if e.archived_at is None]
    if request.method == "GET":
        form.fill(meeting, saved_decisions)
        return _render_meeting(form, body, meeting)
    conflict = resolve(form, meeting, lambda: _opened_meeting(meeting, saved_decisions),
                       url_for("bodies.body_detail", body_id=body.id))
    if conflict is not None:
        return conflict
    if form.validate():
        try:
            entry_services.revise_meeting(meeting, form.to_input(), form.decision_lines(), current_user)
            db.session.commit()
        except ValidationError as error:
            db.session.rollback()
            show_error(form, error)
        else:
            flash(_("Mødet er opdateret."), "success")
            return redirect(url_for("bodies.body_detail", body_id=body.id))
    return _render_meeting(form, body, meeting, 400)


@bp.route("/<int:body_id>/meetings/<int:meeting_id>/archive", methods=["GET", "POST"])
def archive_meeting(body_id: int, meeting_id: int):
    body = _body_or_404(body_id)
    meeting = _part_or_404(Meeting, meeting_id, body)
    require(can_record_meeting(current_user, body), _("Du kan ikke arkivere møder i dette organ."))
    back = url_for("bodies.body_detail", body_id=body.id)
    if request.method == "GET":
        return _confirm(_("Arkivér møde"), _("Mødet %(date)s", date=meeting.date.isoformat()),
                        _("Er du sikker på, at du vil arkivere mødet? Mødet og dets beslutninger forsvinder fra "
                          "listerne, men gemmes og kan genskabes."),
                        url_for("bodies.archive_meeting", body_id=body.id, meeting_id=meeting.id), back)
    entry_services.archive_meeting_with_decisions(meeting)
    db.session.commit()
    flash(_("Mødet er arkiveret."), "success")
    return redirect(back)


@bp.route("/<int:body_id>/meetings/<int:meeting_id>/restore", methods=["POST"])
def restore_meeting(body_id: int, meeting_id: int):
    body = _body_or_404(body_id)
    meeting = _part_or_404(Meeting, meeting_id, body)
    require(can_record_meeting(current_user, body), _("Du kan ikke genskabe møder i dette organ."))
    entry_services.restore_meeting_with_decisions(meeting)
    db.session.commit()
    flash(_("Mødet er genskabt."), "success")
    return redirect(url_for("bodies.body_detail", body_id=body.id))


# Seats ------------------------------------------------------------------------------------------------

def _membership_form() -> MembershipForm:
    return MembershipForm().set_choices(all_administrations(), _organisations(), _persons())


def _render_membership(form: MembershipForm, body: Body, membership: Membership | None, status: int = 200):
    return render_template("bodies/membership_form.html", form=form, body=body, membership=membership), status


def _require_manage(body: Body) -> None:
    require(can_manage_memberships(current_user, body), _("Kun administratorer kan ændre organets pladser."))


def _opened_membership(membership: Membership) -> MembershipForm:
    form = MembershipForm(formdata=None)
    form.fill(membership)
    return form


@bp.route("/<int:body_id>/memberships/new", methods=["GET", "POST"])
def new_membership(body_id: int):
    body = _body_or_404(body_id)
    _require_manage(body)
    form = _membership_form()
    if request.method == "POST" and form.validate():
        try:
            services.add_membership(body, form.to_input())
            db.session.commit()
        except ValidationError as error:
            db.session.rollback()
            show_error(form, error)
        else:
            flash(_("Pladsen er tilføjet."), "success")
            return redirect(url_for("bodies.body_detail", body_id=body.id))
    return _render_membership(form, body, None, 400 if request.method == "POST" else 200)


@bp.route("/<int:body_id>/memberships/<int:membership_id>/edit", methods=["GET", "POST"])
def edit_membership(body_id: int, membership_id: int):
    body = _body_or_404(body_id)
    membership = _part_or_404(Membership, membership_id, body)
    _require_manage(body)
    form = _membership_form()
    if request.method == "GET":
        form.fill(membership)
        return _render_membership(form, body, membership)
    conflict = resolve(form, membership, lambda: _opened_membership(membership),
                       url_for("bodies.body_detail", body_id=body.id))
    if conflict is not None:
        return conflict
    if form.validate():
        try:
            services.update_membership(membership, form.to_input())
            db.session.commit()
        except ValidationError as error:
            db.session.rollback()
            show_error(form, error)
        else:
            flash(_("Pladsen er opdateret."), "success")
            return redirect(url_for("bodies.body_detail", body_id=body.id))
    return _render_membership(form, body, membership, 400)


@bp.route("/<int:body_id>/memberships/<int:membership_id>/archive", methods=["GET", "POST"])
def archive_membership(body_id: int, membership_id: int):
    body = _body_or_404(body_id)
    membership = _part_or_404(Membership, membership_id, body)
    _require_manage(body)
    back = url_for("bodies.body_detail", body_id=body.id)
    if request.method == "GET":
        return _confirm(_("Arkivér plads"), membership.role,
                        _("Er du sikker på, at du vil arkivere pladsen? Den forsvinder fra medlemslisten og giver "
                          "ikke længere ret til at registrere møder, men gemmes og kan genskabes."),
                        url_for("bodies.archive_membership", body_id=body.id, membership_id=membership.id), back)
    services.archive_membership(membership)
    db.session.commit()
    flash(_("Pladsen er arkiveret."), "success")
    return redirect(back)


@bp.route("/<int:body_id>/memberships/<int:membership_id>/restore", methods=["POST"])
def restore_membership(body_id: int, membership_id: int):
    body = _body_or_404(body_id)
    membership = _part_or_404(Membership, membership_id, body)
    _require_manage(body)
    back = url_for("bodies.body_detail", body_id=body.id, arkiverede=1)
    try:
        services.restore_membership(membership)
        db.session.commit()
    except ValidationError as error:
        db.session.rollback()
        flash(error.message, "error")
        return redirect(back)
    flash(_("Pladsen er genskabt."), "success")
    return redirect(back)
