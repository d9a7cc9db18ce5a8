"""Pieces every page shares that belong to no domain: the favicon, and the order of the fields on every
history tab (the order of the form that edits the record, tracker/audit/field_order.py)."""
from __future__ import annotations

from flask import Blueprint, current_app, send_from_directory

from tracker.admin.deadlines import DeadlineForm
from tracker.admin.forms import GoalForm, OrganisationForm, PersonForm, PlanForm, UserCreateForm, UserEditForm
from tracker.audit.field_order import follow_form, in_form_order
from tracker.bodies.forms import MeetingForm, MembershipForm
from tracker.initiatives.forms import InitiativeForm, KeyFigureRowForm
from tracker.log.entry_forms import EntryForm
from tracker.overlaps.forms import VerdictForm

bp = Blueprint("site", __name__)
bp.add_app_template_filter(in_form_order, "in_form_order")

# The table each history tab shows, and the forms (first the one that edits it) whose order its changes follow.
HISTORY_FORMS = {
    "initiatives": (InitiativeForm,),
    "key_figures": (KeyFigureRowForm,),
    "cooperation_entries": (EntryForm,),
    "meetings": (MeetingForm,),
    "memberships": (MembershipForm,),
    "udviklingsplaner": (PlanForm,),
    "goals": (GoalForm,),
    "users": (UserEditForm, UserCreateForm),
    "persons": (PersonForm,),
    "organisations": (OrganisationForm,),
    "overlap_verdicts": (VerdictForm,),
    "report_deadlines": (DeadlineForm,),
}
for _table, _forms in HISTORY_FORMS.items():
    follow_form(_table, *_forms)


@bp.route("/favicon.ico")
def favicon():
    """Browsers ask for /favicon.ico whatever the page says; the pages link the SVG and this one."""
    return send_from_directory(current_app.static_folder, "favicon.ico", mimetype="image/vnd.microsoft.icon",
                               max_age=7 * 24 * 3600)
