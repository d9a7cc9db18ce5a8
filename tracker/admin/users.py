"""Admin pages for user accounts: list, create, change name, role and affiliation, give a one-time password,
deactivate, activate."""
from __future__ import annotations

from flask import current_app, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from tracker.admin.blueprint import bp
from tracker.admin.common import confirm_then, form_for, load_or_404, opened_form, render_form, try_save
from tracker.admin.forms import ROLE_LABELS, OneTimePasswordForm, UserCreateForm, UserEditForm, role_choices
from tracker.admin.queries import USER_STATUSES, current_organisations, users_page
from tracker.audit.queries import history_page
from tracker.auth.models import User
from tracker.auth.permissions import can_manage_users, require
from tracker.auth.services import (
    activate_user,
    create_user,
    deactivate_user,
    set_one_time_password,
    update_user,
)
from tracker.core.web.conflict import resolve
from tracker.core.web.pagination import page_number
from tracker.organisation.queries import all_administrations


def _check() -> None:
    require(can_manage_users(current_user), _("Kun administratorer kan administrere brugere."))


def _offer_choices(form, user: User | None = None) -> None:
    form.role.choices = ([] if user else [("", _("Vælg rolle"))]) + role_choices()
    form.administration.set_records(all_administrations(), lambda a: f"{a.code} – {a.name}", _("Ingen forvaltning"))
    form.organisation.set_records(current_organisations(user.organisation if user else None), lambda o: o.name,
                                  _("Ingen organisation"))


def _crumbs(*tail):
    return [(_("Administration"), url_for("admin.index")), (_("Brugere"), url_for("admin.user_list")), *tail]


@bp.route("/users/")
def user_list():
    _check()
    status = request.args.get("status", "active")
    if status not in USER_STATUSES:
        status = "active"
    page = users_page(status, page_number(request.args.get("page")), current_app.config["PAGE_SIZE"])
    return render_template("admin/users.html", page=page, status=status, role_labels=ROLE_LABELS)


@bp.route("/users/new", methods=["GET", "POST"])
def user_create():
    _check()
    form = UserCreateForm()
    _offer_choices(form)
    if form.validate_on_submit():
        administration, organisation = form.administration.record, form.organisation.record
        saved = try_save(form, lambda: create_user(
            form.email.data or "", form.name.data or "", form.role.data or "", form.password.data or "",
            administration_code=administration.code if administration else None,
            organisation_name=organisation.name if organisation else None),
            _("Brugeren %(name)s er oprettet og kan logge ind.", name=(form.name.data or "").strip()),
            url_for("admin.user_list"))
        if saved:
            return saved
    return render_form(form, title=_("Opret bruger"), crumbs=_crumbs((_("Opret bruger"), None)),
                       submit=_("Opret bruger"), cancel_url=url_for("admin.user_list"))


@bp.route("/users/<int:user_id>/edit", methods=["GET", "POST"])
def user_edit(user_id: int):
    _check()
    user = load_or_404(User, user_id)
    form = form_for(UserEditForm, user)
    _offer_choices(form, user)
    if form.validate_on_submit():
        conflict = resolve(form, user, lambda: opened_form(UserEditForm, user), url_for("admin.user_list"))
        if conflict is not None:
            return conflict
        saved = try_save(form, lambda: update_user(
            user, form.name.data or "", form.role.data or "", form.administration.record,
            form.organisation.record, acting_user=current_user),
            _("Ændringerne af %(name)s er gemt.", name=(form.name.data or "").strip()), url_for("admin.user_list"))
        if saved:
            return saved
    title = _("Redigér %(name)s", name=user.name)
    return render_form(form, title=title, crumbs=_crumbs((title, None)), submit=_("Gem ændringer"),
                       cancel_url=url_for("admin.user_list"), intro=_("E-mail: %(email)s", email=user.email),
                       history_url=url_for("admin.user_history", user_id=user.id),
                       links=_password_link(user))


def _password_link(user: User) -> list[tuple[str, str]]:
    if user.id == current_user.id:  # one's own password is changed on the change-password page
        return [(url_for("auth.change_password"), _("Skift din adgangskode"))]
    return [(url_for("admin.user_password", user_id=user.id), _("Giv engangsadgangskode"))]


@bp.route("/users/<int:user_id>/password", methods=["GET", "POST"])
def user_password(user_id: int):
    _check()
    user = load_or_404(User, user_id)
    form = OneTimePasswordForm()
    if form.validate_on_submit():
        saved = try_save(form, lambda: set_one_time_password(user, form.password.data or "", acting_user=current_user),
                         _("%(name)s har fået en engangsadgangskode og er logget ud alle steder. Ved næste login "
                           "skal brugeren vælge sin egen adgangskode.", name=user.name),
                         url_for("admin.user_list"))
        if saved:
            return saved
    title = _("Engangsadgangskode til %(name)s", name=user.name)
    return render_form(form, title=title, crumbs=_crumbs((title, None)), submit=_("Giv engangsadgangskode"),
                       cancel_url=url_for("admin.user_edit", user_id=user.id),
                       intro=_("E-mail: %(email)s", email=user.email))


@bp.route("/users/<int:user_id>/deactivate", methods=["GET", "POST"])
def user_deactivate(user_id: int):
    _check()
    user = load_or_404(User, user_id)
    title = _("Deaktivér %(name)s?", name=user.name)
    return confirm_then(
        lambda: deactivate_user(user, acting_user=current_user), title=title,
        message=_("%(name)s kan ikke længere logge ind og bliver logget ud. Brugerens historik bevares, og du "
                  "kan aktivere brugeren igen senere.", name=user.name),
        button=_("Deaktivér"), done=_("%(name)s er deaktiveret.", name=user.name),
        next_url=url_for("admin.user_list", status="all"), cancel_url=url_for("admin.user_list"),
        crumbs=_crumbs((title, None)))


@bp.route("/users/<int:user_id>/activate", methods=["GET", "POST"])
def user_activate(user_id: int):
    _check()
    user = load_or_404(User, user_id)
    title = _("Aktivér %(name)s?", name=user.name)
    return confirm_then(
        lambda: activate_user(user), title=title,
        message=_("%(name)s kan igen logge ind med sin hidtidige adgangskode.", name=user.name),
        button=_("Aktivér"), done=_("%(name)s er aktiveret.", name=user.name), danger=False,
        next_url=url_for("admin.user_list", status="all"), cancel_url=url_for("admin.user_list", status="inactive"),
        crumbs=_crumbs((title, None)))


@bp.route("/users/<int:user_id>/history")
def user_history(user_id: int):
    _check()
    user = load_or_404(User, user_id)
    events = history_page(user, page_number(request.args.get("page")))
    title = _("Historik for %(name)s", name=user.name)
    return render_template("admin/history.html", record=user, events=events, title=title,
                           crumbs=_crumbs((title, None)), endpoint="admin.user_history",
                           params={"user_id": user.id})
