"""Read pages of the initiatives domain: the filtered list and one initiative with its cooperation log."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request

from tracker.areas.queries import all_areas
from tracker.core.pagination import page_number
from tracker.initiatives import queries
from tracker.initiatives.forms import InitiativeFilterForm
from tracker.organisation.queries import all_administrations

bp = Blueprint("initiatives", __name__, url_prefix="/initiatives")


@bp.route("/")
def list_initiatives():
    form = InitiativeFilterForm(request.args, all_areas(), all_administrations(), queries.all_themes())
    filters = form.filters()
    page = queries.list_page(filters, page_number(request.args.get("page")), current_app.config["PAGE_SIZE"])
    return render_template("initiatives/list.html", form=form, page=page, params=form.params())


@bp.route("/<int:initiative_id>")
def initiative_detail(initiative_id: int):
    initiative = queries.initiative_by_id(initiative_id)
    if initiative is None:
        abort(404)
    entries = queries.entries_page(initiative.id, page_number(request.args.get("page")),
                                   current_app.config["PAGE_SIZE"])
    return render_template("initiatives/detail.html", initiative=initiative, entries=entries)
