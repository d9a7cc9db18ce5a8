"""Pieces every page shares that belong to no domain: the favicon, and the order of the fields on every
history tab (the order of the form that edits the record, tracker/audit/field_order.py)."""
from __future__ import annotations

from functools import cache
from pathlib import Path

from flask import Blueprint, Response, current_app, request

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
    response = Response(_icon(current_app.static_folder), mimetype="image/vnd.microsoft.icon")
    response.cache_control.public = True
    response.cache_control.max_age = 7 * 24 * 3600
    response.add_etag()
    return response.make_conditional(request)


@cache
def _icon(folder: str) -> bytes:
    """The icon's 15 kB, read once: served from memory, no open file is left to a client that goes away."""
    return (Path(folder) / "favicon.ico").read_bytes()
