"""Pages of the initiatives domain: the filtered list, one initiative with its cooperation log and history,
and creating, editing, archiving and restoring initiatives."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError

from tracker.areas.queries import all_areas
from tracker.audit.queries import history_page
from tracker.auth.permissions import can_create_initiative, require
from tracker.auth.views import safe_next
from tracker.core.clock import today
from tracker.core.web.conflict import conflict_page, is_stale, resolve
from tracker.core.web.pagination import page_number
from tracker.extensions import db
from tracker.initiatives import queries, services
from tracker.initiatives.forms import InitiativeFilterForm, InitiativeForm
from tracker.initiatives.models import Initiative
from tracker.initiatives.permissions import (
    can_archive_initiative,
    can_change_lead,
    can_edit_initiative,
    can_edit_participants,
    can_leave_initiative,
    can_mark_finished,
    can_remove_partner,
)
from tracker.initiatives.services import InitiativeInput
from tracker.log.comment_forms import CommentForm
from tracker.log.comment_services import comments_on
from tracker.log.entry_queries import entries_page
from tracker.log.permissions import can_comment_on_initiative
from tracker.organisation.queries import all_administrations

bp = Blueprint("initiatives", __name__, url_prefix="/initiatives")


@bp.route("/")
def list_initiatives():
    form = InitiativeFilterForm(request.args, all_areas(), all_administrations(), queries.all_themes())
    filters = form.filters()
    page = queries.list_page(filters, page_number(request.args.get("page")), current_app.config["PAGE_SIZE"])
    return render_template("initiatives/list.html", form=form, page=page, params=form.params(),
                           can_create=can_create_initiative(current_user))


@bp.route("/<int:initiative_id>")
def initiative_detail(initiative_id: int):
    initiative = _load(initiative_id)
    entries = entries_page(initiative.id, page_number(request.args.get("page")),
                           current_app.config["PAGE_SIZE"])
    comment_form = CommentForm() if can_comment_on_initiative(current_user, initiative) else None
    return render_template("initiatives/detail.html", initiative=initiative, entries=entries,
                           comments=comments_on(initiative), comment_form=comment_form, **_actions(initiative))


@bp.route("/<int:initiative_id>/history")
def initiative_history(initiative_id: int):
    initiative = _load(initiative_id, queries.initiative_with_participants)
    events = history_page(initiative, page_number(request.args.get("page")), current_app.config["PAGE_SIZE"])
    return render_template("initiatives/history.html", initiative=initiative, events=events,
                           **_actions(initiative))


@bp.route("/new", methods=["GET", "POST"])
def new_initiative():
    require(can_create_initiative(current_user), _("Kun koordinatorer og administratorer kan oprette indsatser."))
    if request.method == "GET":
        # Most initiatives are recorded once they run: active from today, led by the user's administration.
        form = InitiativeForm(services.initiative_choices(), data={
            "status": "active", "start_date": today(), "lead_administration": current_user.administration_id})
        return render_template("initiatives/form.html", form=form, initiative=None)
    form = InitiativeForm(services.initiative_choices())
    if _adding_row():
        return _with_one_more_row(form, None)
    data = _checked_input(form)
    if data is not None:
        initiative = services.create_initiative(data)
        db.session.commit()
        flash(_("Indsatsen »%(title)s« er oprettet.", title=initiative.title), "success")
        # "saved" asks the page to show overlaps the new initiative forms (templates/initiatives/detail.html)
        return redirect(url_for(".initiative_detail", initiative_id=initiative.id, saved=1))
    return render_template("initiatives/form.html", form=form, initiative=None), 400


@bp.route("/<int:initiative_id>/edit", methods=["GET", "POST"])
def edit_initiative(initiative_id: int):
    initiative = _load(initiative_id)
    require(can_edit_initiative(current_user, initiative),
            _("Du kan kun redigere indsatser, hvor din forvaltning eller organisation er ansvarlig eller partner."))
    options = services.initiative_choices(initiative)
    if request.method == "GET":
        form = InitiativeForm(options, data=InitiativeForm.initial(initiative))
        _fix_what_user_may_not_change(form, initiative)
        return render_template("initiatives/form.html", form=form, initiative=initiative)
    form = InitiativeForm(options)
    _fix_what_user_may_not_change(form, initiative)
    if _adding_row():
        return _with_one_more_row(form, initiative)
    detail_url = url_for(".initiative_detail", initiative_id=initiative.id)
    conflict = resolve(form, initiative, lambda: InitiativeForm(options, formdata=None,
                                                               data=InitiativeForm.initial(initiative)), detail_url)
    if conflict is not None:
        return conflict
    data = _checked_input(form, initiative)
    if data is not None:
        try:
            services.update_initiative(initiative, data)
            db.session.commit()
        except StaleDataError:
            # A colleague's save got in between the check and this one: show the merge, keep what was typed.
            db.session.rollback()
            initiative = _load(initiative_id)
            return conflict_page(form, initiative, lambda: InitiativeForm(
                options, formdata=None, data=InitiativeForm.initial(initiative)), detail_url)
        flash(_("Ændringerne i »%(title)s« er gemt.", title=initiative.title), "success")
        return redirect(url_for(".initiative_detail", initiative_id=initiative.id, saved=1))
    return render_template("initiatives/form.html", form=form, initiative=initiative), 400


@bp.route("/<int:initiative_id>/archive", methods=["GET", "POST"])
def archive_initiative(initiative_id: int):
    initiative = _load(initiative_id, queries.initiative_with_participants)
    require(can_archive_initiative(current_user, initiative),
            _("Du kan kun arkivere indsatser, som din forvaltning er ansvarlig for."))
    if request.method == "GET":
        return render_template("initiatives/archive.html", initiative=initiative)
    services.archive_initiative(initiative)
    db.session.commit()
    flash(_("Indsatsen »%(title)s« er arkiveret. Den vises ikke længere i listerne.", title=initiative.title),
          "success")
    return redirect(url_for(".initiative_detail", initiative_id=initiative.id))


@bp.route("/<int:initiative_id>/restore", methods=["POST"])
def restore_initiative(initiative_id: int):
    initiative = _load(initiative_id)
    require(can_archive_initiative(current_user, initiative),
            _("Du kan kun genskabe indsatser, som din forvaltning er ansvarlig for."))
    services.restore_initiative(initiative)
    db.session.commit()
    flash(_("Indsatsen »%(title)s« er genskabt.", title=initiative.title), "success")
    return redirect(url_for(".initiative_detail", initiative_id=initiative.id))


@bp.route("/<int:initiative_id>/finish", methods=["POST"])
def mark_finished(initiative_id: int):
    """One click from the initiative page or the overview; back where the click came from."""
    initiative = _load(initiative_id)
    require(can_mark_finished(current_user, initiative),
            _("Kun den ansvarlige forvaltnings koordinatorer og administratorer kan afslutte indsatsen."))
    back = safe_next(request.form.get("next")) if request.form.get("next") else \
        url_for(".initiative_detail", initiative_id=initiative.id)
    if is_stale(initiative, request.form.get("version")):
        flash(_("Indsatsen er ændret, siden du åbnede siden. Se den nye udgave, og prøv igen."), "error")
        return redirect(url_for(".initiative_detail", initiative_id=initiative.id))
    try:
        services.mark_finished(initiative)
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        flash(_("Indsatsen er ændret, siden du åbnede siden. Se den nye udgave, og prøv igen."), "error")
        return redirect(url_for(".initiative_detail", initiative_id=initiative_id))
    flash(_("Indsatsen »%(title)s« er markeret som afsluttet.", title=initiative.title), "success")
    return redirect(back)


def _adding_row() -> bool:
    """Whether the post is "Tilføj nøgletal" without JavaScript (one more row), not a save."""
    return "add_key_figure" in request.form


def _with_one_more_row(form: InitiativeForm, initiative: Initiative | None):
    """The form as posted, with one more empty key-figure row and nothing saved or checked yet."""
    form.add_row()
    return render_template("initiatives/form.html", form=form, initiative=initiative)


def _load(initiative_id: int, loader=queries.initiative_by_id) -> Initiative:
    initiative = loader(initiative_id)
    if initiative is None:
        abort(404)
    return initiative


def _actions(initiative: Initiative) -> dict[str, bool]:
    """Which buttons the current user sees on the initiative's pages."""
    return {"can_edit": can_edit_initiative(current_user, initiative),
            "can_archive": can_archive_initiative(current_user, initiative),
            "can_finish": can_mark_finished(current_user, initiative)}


def _fix_what_user_may_not_change(form: InitiativeForm, initiative: Initiative) -> None:
    """The form shows the lead and the partners this user may not change as fixed (the service checks)."""
    form.fix_participants(
        None if can_change_lead(current_user, initiative) else initiative.lead_administration_id,
        [a.id for a in initiative.partner_administrations if not can_remove_partner(current_user, initiative, a)],
        [o.id for o in initiative.partner_organisations if not can_remove_partner(current_user, initiative, o)])


def _checked_input(form: InitiativeForm, initiative: Initiative | None = None) -> InitiativeInput | None:
    """The submitted initiative if it can be saved; if not, None, with every problem next to its field.

    A coordinator must keep their own administration (or organisation) among the participants: otherwise
    they could not edit the initiative after saving it. A partner may leave on purpose, though.
    """
    form.validate()
    data = form.to_input()
    for problem in services.check_initiative(data, initiative, current_user):
        form.add_problem(problem)
    administrations = [a.id for a in (data.lead_administration, *data.partner_administrations) if a is not None]
    may_leave = initiative is not None and can_leave_initiative(current_user, initiative)
    if not may_leave and not can_edit_participants(current_user, administrations,
                                                 [o.id for o in data.partner_organisations]):
        form.lead_administration.errors = [*form.lead_administration.errors, _(
            "Din forvaltning eller organisation skal være ansvarlig eller partner – ellers kan du ikke "
            "redigere indsatsen bagefter.")]
    return None if form.error_list() else data
