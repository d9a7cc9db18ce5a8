"""Pages of the bodies domain: every body, a body's history, and managing its seats.

The body page itself and recording meetings (whose decisions are entries in the cooperation log) compose
the log with this domain, so they live in tracker/pages/bodies.py, on this blueprint.
"""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from tracker.audit.queries import history_page
from tracker.auth.permissions import require
from tracker.bodies import queries, services
from tracker.bodies.forms import MembershipForm
from tracker.bodies.models import Body, Membership
from tracker.bodies.permissions import can_log_on_body, can_manage_memberships, can_record_meeting
from tracker.core.errors import ValidationError
from tracker.core.web.conflict import resolve
from tracker.core.web.forms import show_error
from tracker.core.web.pagination import page_number
from tracker.extensions import db
from tracker.organisation.models import Organisation, Person
from tracker.organisation.queries import all_administrations

bp = Blueprint("bodies", __name__, url_prefix="/bodies")
for rule in (can_record_meeting, can_log_on_body, can_manage_memberships):
    bp.add_app_template_global(rule)


def body_or_404(body_id: int) -> Body:
    body = queries.body_by_id(body_id)
    if body is None:
        abort(404)
    return body


def part_or_404(model, part_id: int, body: Body):
    part = db.session.get(model, part_id)
    if part is None or part.body_id != body.id:
        abort(404)
    return part


def active_organisations() -> list[Organisation]:
    return list(db.session.scalars(select(Organisation).where(Organisation.archived_at.is_(None))
                                   .order_by(Organisation.name)))


def _persons() -> list[Person]:
    return list(db.session.scalars(select(Person).where(Person.archived_at.is_(None)).order_by(Person.name)))


def confirm(title: str, record_label: str, question: str, action_url: str, cancel_url: str):
    return render_template("entries/confirm.html", title=title, record_label=record_label, question=question,
                           action_url=action_url, button=_("Arkivér"), next_url="", cancel_url=cancel_url)


@bp.route("/")
def body_list():
    return render_template("bodies/list.html", rows=queries.body_overview())


@bp.route("/<int:body_id>/history")
def body_history(body_id: int):
    body = body_or_404(body_id)
    return render_template("bodies/history.html", body=body,
                           events=history_page(body, page_number(request.args.get("page"))))


# Seats ------------------------------------------------------------------------------------------------

def _membership_form() -> MembershipForm:
    return MembershipForm().set_choices(all_administrations(), active_organisations(), _persons())


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
    body = body_or_404(body_id)
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
    body = body_or_404(body_id)
    membership = part_or_404(Membership, membership_id, body)
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
    body = body_or_404(body_id)
    membership = part_or_404(Membership, membership_id, body)
    _require_manage(body)
    back = url_for("bodies.body_detail", body_id=body.id)
    if request.method == "GET":
        return confirm(_("Arkivér plads"), membership.role,
                        _("Er du sikker på, at du vil arkivere pladsen? Den forsvinder fra medlemslisten og giver "
                          "ikke længere ret til at registrere møder, men gemmes og kan genskabes."),
                        url_for("bodies.archive_membership", body_id=body.id, membership_id=membership.id), back)
    services.archive_membership(membership)
    db.session.commit()
    flash(_("Pladsen er arkiveret."), "success")
    return redirect(back)


@bp.route("/<int:body_id>/memberships/<int:membership_id>/restore", methods=["POST"])
def restore_membership(body_id: int, membership_id: int):
    body = body_or_404(body_id)
    membership = part_or_404(Membership, membership_id, body)
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
