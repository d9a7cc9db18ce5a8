"""The cooperation log: adding, editing, archiving and restoring entries, and each entry's history."""
from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from tracker.areas.models import Area
from tracker.areas.queries import all_areas, area_by_slug
from tracker.audit.queries import history_page
from tracker.auth.permissions import require
from tracker.auth.views import safe_next
from tracker.bodies.models import Body
from tracker.core.clock import today
from tracker.core.errors import ValidationError
from tracker.core.web.conflict import is_stale, resolve
from tracker.core.web.forms import show_error
from tracker.core.web.pagination import page_number
from tracker.extensions import db
from tracker.initiatives.models import Initiative
from tracker.log import entry_services
from tracker.log.entry_forms import EntryForm, administrations_of
from tracker.log.entry_queries import entry_by_id, loggable_bodies
from tracker.log.follow_up_forms import FollowUpForm
from tracker.log.follow_ups import set_follow_up
from tracker.log.models import CooperationEntry
from tracker.log.permissions import (
    can_add_entries,
    can_archive_entry,
    can_assign_decision,
    can_change_follow_up,
    can_close_decision,
    can_edit_entry,
    can_log_entry,
    can_log_on_initiative,
)
from tracker.organisation.queries import all_administrations
from tracker.search.queries import loggable_matches
from tracker.search.text import parse

bp = Blueprint("entries", __name__)
for rule in (can_add_entries, can_edit_entry, can_archive_entry, can_log_on_initiative, can_assign_decision,
             can_close_decision):
    bp.add_app_template_global(rule)


def _refuse_log() -> str:
    return _("Du kan kun logge på indsatser, som din forvaltning leder eller er partner i, og på "
             "samarbejdsorganer, hvor din forvaltning eller organisation har en plads.")


def _entry_or_404(entry_id: int) -> CooperationEntry:
    entry = entry_by_id(entry_id)
    if entry is None:
        abort(404)
    return entry


def _arg_record(model, raw: str | None):
    """The record a ?initiative= or ?body= link names; a wrong id is a page that does not exist."""
    if not raw:
        return None
    record = db.session.get(model, int(raw)) if raw.isdecimal() and len(raw) < 10 else None
    if record is None:
        abort(404)
    return record


def _arg_area() -> Area | None:
    """The area a ?area= link names (its slug), looked up once per request and without what its own page
    shows (places, plans, goals); None when there is none or it is unknown."""
    raw = request.args.get("area")
    if not raw:
        return None
    if "entry_form_area" not in g:
        g.entry_form_area = area_by_slug(raw[:200], with_contents=False)
    return g.entry_form_area


def _home(entry: CooperationEntry) -> str:
    """The page an entry shows on: its initiative, else its body, else its first area."""
    if entry.initiative_id:
        return url_for("initiatives.initiative_detail", initiative_id=entry.initiative_id)
    if entry.body_id:
        return url_for("bodies.body_detail", body_id=entry.body_id)
    if entry.areas:
        return url_for("areas.area_detail", slug=entry.areas[0].slug)
    return url_for("main.index")


def _back(target: str | None, entry: CooperationEntry | None) -> str:
    """Where the user came from, when that is a page of this app; else the entry's own page."""
    if target and safe_next(target) == target:
        return target
    return _home(entry) if entry is not None else url_for("main.index")


def _searching() -> bool:
    """Whether the post is the picker's "Søg" (find initiatives), not a save."""
    return request.method == "POST" and "find_initiative" in request.form


def _found() -> list[Initiative] | None:
    """What the picker's search found among the initiatives the user may log on; None when not searching."""
    if not _searching():
        return None
    return loggable_matches(current_user, parse(request.form.get("initiative_search")))


def _posted_initiative() -> Initiative | None:
    raw = request.form.get("initiative", "") if request.method == "POST" else ""
    return db.session.get(Initiative, int(raw)) if raw.isdecimal() and len(raw) < 10 else None


def _form(entry: CooperationEntry | None = None, *also, found: list[Initiative] | None = None) -> EntryForm:
    """The entry form with the bodies the user may log on and a short list of initiatives: the one chosen
    (saved, linked to or posted) and what the picker's search found. No page lists every initiative."""
    initiatives = [entry.initiative] if entry and entry.initiative else []
    initiatives += [record for record in (*also, _posted_initiative()) if isinstance(record, Initiative)]
    bodies = loggable_bodies(current_user)
    for record in (entry.body if entry else None, *also):
        if isinstance(record, Body) and record not in bodies:
            bodies.append(record)
    return EntryForm().set_choices([*initiatives, *(found or [])], bodies, all_areas(), all_administrations())


def _trail(entry: CooperationEntry | None) -> list[tuple[str, str]]:
    """The breadcrumb's way back to the page the entry belongs to (a new one: the page it was started from)."""
    if entry is not None:
        initiative, body = entry.initiative, entry.body
        area = entry.areas[0] if not (initiative or body) and entry.areas else None
    else:
        initiative = _arg_record(Initiative, request.args.get("initiative"))
        body = _arg_record(Body, request.args.get("body"))
        area = _arg_area() if not (initiative or body) else None
    if initiative is not None:
        return [(_("Indsatser"), url_for("initiatives.list_initiatives")),
                (initiative.title, url_for("initiatives.initiative_detail", initiative_id=initiative.id))]
    if body is not None:
        return [(_("Samarbejdsorganer"), url_for("bodies.body_list")),
                (body.name, url_for("bodies.body_detail", body_id=body.id))]
    return [(area.name, url_for("areas.area_detail", slug=area.slug))] if area is not None else []


def _render(form: EntryForm, entry: CooperationEntry | None, status: int = 200, found: list | None = None):
    return render_template("entries/form.html", form=form, entry=entry, found=found, trail=_trail(entry),
                           initiative_search=request.form.get("initiative_search", "")[:200],
                           cancel_url=_back(form.next.data, entry)), status


@bp.route("/entries/new", methods=["GET", "POST"])
def new_entry():
    require(can_add_entries(current_user), _("Kun koordinatorer og administratorer fører samarbejdsloggen."))
    initiative = _arg_record(Initiative, request.args.get("initiative"))
    body = _arg_record(Body, request.args.get("body"))
    area = _arg_area()
    if request.args.get("area") and area is None:
        abort(404)
    require(can_log_entry(current_user, initiative, body), _refuse_log())
    found = _found()
    form = _form(None, initiative, body, found=found)
    if found is not None:
        return _render(form, None, found=found)
    if request.method == "GET":
        form.date.data, form.next.data = today(), request.args.get("next", "")
        form.initiative.data = str(initiative.id) if initiative else ""
        form.body.data = str(body.id) if body else ""
        areas = [*(initiative.areas if initiative else []), *([body.area] if body and body.area else []),
                 *([area] if area else [])]
        form.areas.data = list(dict.fromkeys(str(a.id) for a in areas))
        own = [str(current_user.administration_id)] if current_user.administration_id else []
        form.administrations.data = list(dict.fromkeys([*own, *(administrations_of(initiative) if initiative else ())]))
        return _render(form, None)
    if form.validate():
        try:
            data = form.to_input()
            require(can_log_entry(current_user, data.initiative, data.body), _refuse_log())
            entry = entry_services.create_entry(data, current_user)
            db.session.commit()
        except ValidationError as error:
            db.session.rollback()
            show_error(form, error)
        else:
            flash(_("Logposten er gemt."), "success")
            return redirect(_back(form.next.data, entry))
    return _render(form, None, 400)


@bp.route("/entries/<int:entry_id>/edit", methods=["GET", "POST"])
def edit_entry(entry_id: int):
    entry = _entry_or_404(entry_id)
    require(can_edit_entry(current_user, entry),
            _("Du kan kun rette logposter, du selv har skrevet, eller som hører til en indsats, du kan redigere."))
    found = _found()
    form = _form(entry, found=found)
    if found is not None:  # the picker's search: the form again, as posted, with what it found
        return _render(form, entry, found=found)
    if request.method == "GET":
        form.fill(entry)
        form.next.data = request.args.get("next", "")
        return _render(form, entry)
    conflict = resolve(form, entry, lambda: _opened(entry), _back(form.next.data, entry))
    if conflict is not None:
        return conflict
    if form.validate():
        try:
            data = form.to_input()
            changed_initiative = data.initiative if data.initiative is not entry.initiative else None
            changed_body = data.body if data.body is not entry.body else None
            require(can_log_entry(current_user, changed_initiative, changed_body), _refuse_log())
            entry_services.update_entry(entry, data)
            db.session.commit()
        except ValidationError as error:
            db.session.rollback()
            show_error(form, error)
        else:
            flash(_("Logposten er opdateret."), "success")
            return redirect(_back(form.next.data, entry))
    return _render(form, entry, 400)


def _opened(entry: CooperationEntry) -> EntryForm:
    """The entry's form as it opens now (what a stale save is merged with)."""
    form = EntryForm(formdata=None)
    form.fill(entry)
    return form


@bp.route("/entries/<int:entry_id>/archive", methods=["GET", "POST"])
def archive_entry(entry_id: int):
    entry = _entry_or_404(entry_id)
    require(can_archive_entry(current_user, entry), _("Du kan ikke arkivere denne logpost."))
    back = _back(request.values.get("next"), entry)
    if request.method == "GET":
        return render_template(
            "entries/confirm.html", title=_("Arkivér logpost"), record_label=entry.text,
            question=_("Er du sikker på, at du vil arkivere logposten? Den forsvinder fra listerne, "
                       "men gemmes og kan genskabes."),
            action_url=url_for("entries.archive_entry", entry_id=entry.id), button=_("Arkivér"),
            next_url=back, cancel_url=back)
    entry_services.archive_entry(entry)
    db.session.commit()
    flash(_("Logposten er arkiveret."), "success")
    return redirect(back)


@bp.route("/entries/<int:entry_id>/restore", methods=["POST"])
def restore_entry(entry_id: int):
    entry = _entry_or_404(entry_id)
    require(can_archive_entry(current_user, entry), _("Du kan ikke genskabe denne logpost."))
    entry_services.restore_entry(entry)
    db.session.commit()
    flash(_("Logposten er genskabt."), "success")
    return redirect(_back(request.form.get("next"), entry))


@bp.route("/entries/<int:entry_id>/history")
def entry_history(entry_id: int):
    entry = _entry_or_404(entry_id)
    events = history_page(entry, page_number(request.args.get("page")))
    return render_template("entries/history.html", entry=entry, events=events)


@bp.route("/entries/<int:entry_id>/follow-up", methods=["GET", "POST"])
def follow_up(entry_id: int):
    """A decision's owner, due date and status; only the owner (or an admin) may close it."""
    entry = _entry_or_404(entry_id)
    require(can_add_entries(current_user), _("Kun koordinatorer og administratorer følger op på beslutninger."))
    if entry.archived_at is not None or entry.kind != "decision":
        abort(404)
    require(can_assign_decision(current_user, entry) or can_close_decision(current_user, entry),
            _("Du kan ikke følge op på denne beslutning."))
    form = FollowUpForm().set_choices(all_administrations())
    if request.method == "GET":
        form.fill(entry)
        form.next.data = request.args.get("next", "")
        return _render_follow_up(form, entry)
    if is_stale(entry, form.version.data):
        form.form_errors.append(_("En kollega har ændret beslutningen, mens du havde den åben. Hent siden igen."))
        return _render_follow_up(form, entry, 409)
    if form.validate():
        try:
            data = form.to_input()
            require(can_change_follow_up(current_user, entry, data.status, data.owner.id if data.owner else None),
                    _("Kun den ansvarlige forvaltning kan ændre status på beslutningen."))
            set_follow_up(entry, data)
            db.session.commit()
        except ValidationError as error:
            db.session.rollback()
            show_error(form, error)
        else:
            flash(_("Opfølgningen på beslutningen er gemt."), "success")
            return redirect(_back(form.next.data, entry))
    return _render_follow_up(form, entry, 400)


def _render_follow_up(form: FollowUpForm, entry: CooperationEntry, status: int = 200):
    return render_template("entries/follow_up.html", form=form, entry=entry,
                           cancel_url=_back(form.next.data, entry)), status
