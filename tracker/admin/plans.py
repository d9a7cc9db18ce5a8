"""Admin pages for development plans (udviklingsplaner) and their goals (mål): create, edit, reorder
goals, archive and restore, and the plan's history, which includes the changes of its goals."""
from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from tracker.admin.blueprint import bp
from tracker.admin.common import confirm_then, form_for, opened_form, render_form, show_archived, try_save
from tracker.admin.forms import GoalForm, MoveForm, PlanForm
from tracker.admin.queries import goal_by_id, plan_by_id, plans
from tracker.areas.models import Goal, Udviklingsplan
from tracker.areas.queries import all_areas
from tracker.areas.services import (
    add_goal,
    archive_goal,
    archive_plan,
    create_plan,
    move_goal,
    restore_goal,
    restore_plan,
    update_goal,
    update_plan,
)
from tracker.audit.queries import history_page
from tracker.auth.permissions import can_manage_reference_data, require
from tracker.core.web.conflict import resolve
from tracker.core.web.pagination import page_number
from tracker.extensions import db


def _check() -> None:
    require(can_manage_reference_data(current_user), _("Kun administratorer kan ændre udviklingsplaner."))


def _plan(plan_id: int) -> Udviklingsplan:
    plan = plan_by_id(plan_id)
    if plan is None:
        abort(404)
    return plan


def _goal(goal_id: int) -> Goal:
    goal = goal_by_id(goal_id)
    if goal is None:
        abort(404)
    return goal


def _crumbs(plan: Udviklingsplan | None = None, *tail):
    crumbs = [(_("Administration"), url_for("admin.index")), (_("Udviklingsplaner"), url_for("admin.plan_list"))]
    if plan is not None:
        crumbs.append((plan.title, url_for("admin.plan_detail", plan_id=plan.id)))
    return [*crumbs, *tail]


def _plan_args(form: PlanForm) -> tuple:
    return (form.area.record, form.title.data or "", form.status.data or "", form.year_adopted.data,
            form.period_start.data, form.period_end.data, form.summary.data or "")


def _offer_areas(form: PlanForm) -> None:
    form.area.set_records(all_areas(), lambda a: a.name, None)


# Plans ------------------------------------------------------------------------------------------------

@bp.route("/plans/")
def plan_list():
    _check()
    archived = show_archived()
    return render_template("admin/plans.html", plans=plans(archived), archived=archived)


@bp.route("/plans/new", methods=["GET", "POST"])
def plan_create():
    _check()
    form = PlanForm()
    _offer_areas(form)
    if request.method == "GET":
        form.status.data = "adopted"
        form.area.data = request.args.get("area", "")[:12]
    if form.validate_on_submit():
        saved = try_save(form, lambda: create_plan(*_plan_args(form)), _("Udviklingsplanen er oprettet."),
                         url_for("admin.plan_list"))
        if saved:
            return saved
    title = _("Opret udviklingsplan")
    return render_form(form, title=title, crumbs=_crumbs(None, (title, None)), submit=title,
                       cancel_url=url_for("admin.plan_list"))


@bp.route("/plans/<int:plan_id>")
def plan_detail(plan_id: int):
    _check()
    plan = _plan(plan_id)
    return render_template("admin/plan.html", plan=plan, move_form=MoveForm(),
                           crumbs=_crumbs(None, (plan.title, None)))


@bp.route("/plans/<int:plan_id>/edit", methods=["GET", "POST"])
def plan_edit(plan_id: int):
    _check()
    plan = _plan(plan_id)
    form = form_for(PlanForm, plan)
    _offer_areas(form)
    detail_url = url_for("admin.plan_detail", plan_id=plan.id)
    if form.validate_on_submit():
        conflict = resolve(form, plan, lambda: opened_form(PlanForm, plan), detail_url)
        if conflict is not None:
            return conflict
        saved = try_save(form, lambda: update_plan(plan, *_plan_args(form)), _("Ændringerne er gemt."), detail_url)
        if saved:
            return saved
    title = _("Redigér udviklingsplan")
    return render_form(form, title=title, crumbs=_crumbs(plan, (title, None)), submit=_("Gem ændringer"),
                       cancel_url=detail_url)


@bp.route("/plans/<int:plan_id>/archive", methods=["GET", "POST"])
def plan_archive(plan_id: int):
    _check()
    plan = _plan(plan_id)
    title = _("Arkivér %(title)s?", title=plan.title)
    return confirm_then(
        lambda: archive_plan(plan), title=title,
        message=_("Er du sikker? Planen skjules fra listerne, men intet slettes: mål og indsatsernes "
                  "henvisninger bevares, og du kan genskabe planen."),
        button=_("Arkivér"), done=_("%(title)s er arkiveret.", title=plan.title),
        next_url=url_for("admin.plan_list"), cancel_url=url_for("admin.plan_detail", plan_id=plan.id),
        crumbs=_crumbs(plan, (_("Arkivér"), None)))


@bp.route("/plans/<int:plan_id>/restore", methods=["GET", "POST"])
def plan_restore(plan_id: int):
    _check()
    plan = _plan(plan_id)
    title = _("Genskab %(title)s?", title=plan.title)
    return confirm_then(
        lambda: restore_plan(plan), title=title, message=_("Planen vises igen i listerne og på områdets side."),
        button=_("Genskab"), done=_("%(title)s er genskabt.", title=plan.title), danger=False,
        next_url=url_for("admin.plan_detail", plan_id=plan.id),
        cancel_url=url_for("admin.plan_detail", plan_id=plan.id), crumbs=_crumbs(plan, (_("Genskab"), None)))


@bp.route("/plans/<int:plan_id>/history")
def plan_history(plan_id: int):
    _check()
    plan = _plan(plan_id)
    events = history_page(plan, page_number(request.args.get("page")))
    return render_template("admin/history.html", record=plan, events=events,
                           title=_("Historik for %(title)s", title=plan.title),
                           crumbs=_crumbs(plan, (_("Historik"), None)), endpoint="admin.plan_history",
                           params={"plan_id": plan.id})


# Goals ------------------------------------------------------------------------------------------------

@bp.route("/plans/<int:plan_id>/goals/new", methods=["GET", "POST"])
def goal_create(plan_id: int):
    _check()
    plan = _plan(plan_id)
    form = GoalForm()
    detail_url = url_for("admin.plan_detail", plan_id=plan.id)
    if form.validate_on_submit():
        saved = try_save(form, lambda: add_goal(plan, form.title.data or "", form.description.data or ""),
                         _("Målet er tilføjet."), detail_url)
        if saved:
            return saved
    title = _("Tilføj mål")
    return render_form(form, title=title, crumbs=_crumbs(plan, (title, None)), submit=title, cancel_url=detail_url)


@bp.route("/goals/<int:goal_id>/edit", methods=["GET", "POST"])
def goal_edit(goal_id: int):
    _check()
    goal = _goal(goal_id)
    form = form_for(GoalForm, goal)
    detail_url = url_for("admin.plan_detail", plan_id=goal.plan_id)
    if form.validate_on_submit():
        conflict = resolve(form, goal, lambda: opened_form(GoalForm, goal), detail_url)
        if conflict is not None:
            return conflict
        saved = try_save(form, lambda: update_goal(goal, form.title.data or "", form.description.data or ""),
                         _("Ændringerne er gemt."), detail_url)
        if saved:
            return saved
    title = _("Redigér mål")
    return render_form(form, title=title, crumbs=_crumbs(goal.plan, (title, None)), submit=_("Gem ændringer"),
                       cancel_url=detail_url)


@bp.route("/goals/<int:goal_id>/move", methods=["POST"])
def goal_move(goal_id: int):
    _check()
    goal = _goal(goal_id)
    form = MoveForm()
    if not form.validate_on_submit() or form.direction.data not in ("up", "down"):
        abort(400)
    move_goal(goal, form.direction.data)
    db.session.commit()
    return redirect(url_for("admin.plan_detail", plan_id=goal.plan_id) + f"#goal-{goal.id}")


@bp.route("/goals/<int:goal_id>/archive", methods=["GET", "POST"])
def goal_archive(goal_id: int):
    _check()
    goal = _goal(goal_id)
    detail_url = url_for("admin.plan_detail", plan_id=goal.plan_id)
    title = _("Arkivér målet %(title)s?", title=goal.title)
    return confirm_then(
        lambda: archive_goal(goal), title=title,
        message=_("Er du sikker? Målet skjules, men intet slettes: indsatser, der peger på målet, beholder "
                  "henvisningen, og du kan genskabe det."),
        button=_("Arkivér"), done=_("Målet er arkiveret."), next_url=detail_url, cancel_url=detail_url,
        crumbs=_crumbs(goal.plan, (_("Arkivér mål"), None)))


@bp.route("/goals/<int:goal_id>/restore", methods=["GET", "POST"])
def goal_restore(goal_id: int):
    _check()
    goal = _goal(goal_id)
    detail_url = url_for("admin.plan_detail", plan_id=goal.plan_id)
    title = _("Genskab målet %(title)s?", title=goal.title)
    return confirm_then(
        lambda: restore_goal(goal), title=title, message=_("Målet vises igen under planen."),
        button=_("Genskab"), done=_("Målet er genskabt."), danger=False, next_url=detail_url,
        cancel_url=detail_url, crumbs=_crumbs(goal.plan, (_("Genskab mål"), None)))
