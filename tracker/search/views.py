"""The search page (`/search?q=…`) and the initiative suggestions the log entry form's picker asks for."""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from tracker.areas.queries import all_areas
from tracker.auth.permissions import require
from tracker.core.web.pagination import page_number
from tracker.log.permissions import can_add_entries
from tracker.search.forms import KIND_LABELS, SearchForm
from tracker.search.permissions import readable_kinds
from tracker.search.queries import COUNT_CAP, Hit, loggable_matches, search
from tracker.search.text import excerpt, highlight, parse

bp = Blueprint("search", __name__)


def hit_url(hit: Hit) -> str:
    if hit.kind == "initiative":
        return url_for("initiatives.initiative_detail", initiative_id=hit.record_id)
    if hit.kind == "entry":
        return url_for("entries.entry_history", entry_id=hit.record_id)
    if hit.kind == "body":
        return url_for("bodies.body_detail", body_id=hit.record_id)
    if hit.kind == "meeting" and hit.record is not None:
        return url_for("bodies.body_detail", body_id=hit.record.body_id)
    if hit.kind == "organisation":
        return url_for("admin.organisation_edit", organisation_id=hit.record_id)
    return url_for("admin.person_edit", person_id=hit.record_id)


def hit_context(hit: Hit) -> str:
    """Where a log entry or a meeting belongs, as the result names it."""
    record = hit.record
    if record is None:
        return ""
    if hit.kind == "meeting":
        return _("Møde i %(body)s", body=record.body.name)
    if record.initiative is not None:
        return record.initiative.title
    return record.body.name if record.body is not None else ""


@bp.route("/search")
def results():
    form = SearchForm(request.args, readable_kinds(current_user), all_areas())
    filters = form.filters()
    query = parse(form.q.data)
    page = search(query, filters, page_number(request.args.get("page")), current_app.config["PAGE_SIZE"]) \
        if query else None
    return render_template("search/results.html", form=form, query=query, page=page, params=form.params(),
                           kind_labels=KIND_LABELS, count_cap=COUNT_CAP, hit_url=hit_url, hit_context=hit_context,
                           highlight=highlight, excerpt=excerpt)


@bp.route("/search/initiatives")
def initiative_suggestions():
    """At most ten current initiatives the user may log on whose words begin like the typed ones (JSON), each
    with the administrations taking part (lead first), which the entry form ticks when one is chosen."""
    require(can_add_entries(current_user), _("Kun koordinatorer og administratorer fører samarbejdsloggen."))
    found = loggable_matches(current_user, parse(request.args.get("q"), prefix=True))
    return jsonify(initiatives=[{"id": i.id, "title": i.title, "administrations": list(dict.fromkeys(
        [i.lead_administration_id, *(a.id for a in i.partner_administrations)]))} for i in found])
