"""Admin pages for persons and outside organisations: list, create, edit, archive and restore."""
from __future__ import annotations

from flask import current_app, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from tracker.admin.blueprint import bp
from tracker.admin.common import (
    confirm_then,
    form_for,
    load_or_404,
    opened_form,
    render_form,
    show_archived,
    try_save,
)
from tracker.admin.forms import OrganisationForm, PersonForm
from tracker.admin.queries import current_organisations, organisations_page, persons_page
from tracker.auth.permissions import can_manage_reference_data, require
from tracker.core.web.conflict import resolve
from tracker.core.web.pagination import page_number
from tracker.organisation.models import Organisation, Person
from tracker.organisation.queries import all_administrations
from tracker.organisation.services import (
    archive_organisation,
    archive_person,
    create_organisation,
    create_person,
    restore_organisation,
    restore_person,
    update_organisation,
    update_person,
)


def _check() -> None:
    require(can_manage_reference_data(current_user), _("Kun administratorer kan ændre referencedata."))


def _crumbs(section: str, list_endpoint: str, *tail):
    return [(_("Administration"), url_for("admin.index")), (section, url_for(list_endpoint)), *tail]


# Persons ----------------------------------------------------------------------------------------------

def _person_choices(form: PersonForm, person: Person | None = None) -> None:
    form.administration.set_records(all_administrations(), lambda a: f"{a.code} – {a.name}", _("Ingen forvaltning"))
    form.organisation.set_records(current_organisations(person.organisation if person else None),
                                  lambda o: o.name, _("Ingen organisation"))


def _person_args(form: PersonForm) -> tuple:
    return (form.name.data or "", form.title.data or "", form.email.data or "", form.administration.record,
            form.organisation.record)


@bp.route("/persons/")
def person_list():
    _check()
    archived = show_archived()
    page = persons_page(archived, page_number(request.args.get("page")), current_app.config["PAGE_SIZE"])
    return render_template("admin/persons.html", page=page, archived=archived)


@bp.route("/persons/new", methods=["GET", "POST"])
def person_create():
    _check()
    form = PersonForm()
    _person_choices(form)
    if form.validate_on_submit():
        saved = try_save(form, lambda: create_person(*_person_args(form)),
                         _("Personen er oprettet."), url_for("admin.person_list"))
        if saved:
            return saved
    title = _("Opret person")
    return render_form(form, title=title, crumbs=_crumbs(_("Personer"), "admin.person_list", (title, None)),
                       submit=title, cancel_url=url_for("admin.person_list"))


@bp.route("/persons/<int:person_id>/edit", methods=["GET", "POST"])
def person_edit(person_id: int):
    _check()
    person = load_or_404(Person, person_id)
    form = form_for(PersonForm, person)
    _person_choices(form, person)
    if form.validate_on_submit():
        conflict = resolve(form, person, lambda: opened_form(PersonForm, person), url_for("admin.person_list"))
        if conflict is not None:
            return conflict
        saved = try_save(form, lambda: update_person(person, *_person_args(form)),
                         _("Ændringerne er gemt."), url_for("admin.person_list"))
        if saved:
            return saved
    title = _("Redigér %(name)s", name=person.name)
    return render_form(form, title=title, crumbs=_crumbs(_("Personer"), "admin.person_list", (title, None)),
                       submit=_("Gem ændringer"), cancel_url=url_for("admin.person_list"), record=person)


@bp.route("/persons/<int:person_id>/archive", methods=["GET", "POST"])
def person_archive(person_id: int):
    _check()
    person = load_or_404(Person, person_id)
    title = _("Arkivér %(name)s?", name=person.name)
    return confirm_then(
        lambda: archive_person(person), title=title,
        message=_("Er du sikker? Personen skjules fra listerne, men intet slettes, og du kan genskabe personen."),
        button=_("Arkivér"), done=_("%(name)s er arkiveret.", name=person.name),
        next_url=url_for("admin.person_list"), cancel_url=url_for("admin.person_list"),
        crumbs=_crumbs(_("Personer"), "admin.person_list", (title, None)))


@bp.route("/persons/<int:person_id>/restore", methods=["GET", "POST"])
def person_restore(person_id: int):
    _check()
    person = load_or_404(Person, person_id)
    title = _("Genskab %(name)s?", name=person.name)
    return confirm_then(
        lambda: restore_person(person), title=title, message=_("Personen vises igen i listerne."),
        button=_("Genskab"), done=_("%(name)s er genskabt.", name=person.name), danger=False,
        next_url=url_for("admin.person_list"), cancel_url=url_for("admin.person_list", archived=1),
        crumbs=_crumbs(_("Personer"), "admin.person_list", (title, None)))


# Organisations ----------------------------------------------------------------------------------------

def _organisation_args(form: OrganisationForm) -> tuple:
    return form.name.data or "", form.kind.data or "", form.description.data or ""


@bp.route("/organisations/")
def organisation_list():
    _check()
    archived = show_archived()
    page = organisations_page(archived, page_number(request.args.get("page")), current_app.config["PAGE_SIZE"])
    return render_template("admin/organisations.html", page=page, archived=archived)


@bp.route("/organisations/new", methods=["GET", "POST"])
def organisation_create():
    _check()
    form = OrganisationForm()
    if form.validate_on_submit():
        saved = try_save(form, lambda: create_organisation(*_organisation_args(form)),
                         _("Organisationen er oprettet."), url_for("admin.organisation_list"))
        if saved:
            return saved
    title = _("Opret organisation")
    return render_form(form, title=title,
                       crumbs=_crumbs(_("Organisationer"), "admin.organisation_list", (title, None)),
                       submit=title, cancel_url=url_for("admin.organisation_list"))


@bp.route("/organisations/<int:organisation_id>/edit", methods=["GET", "POST"])
def organisation_edit(organisation_id: int):
    _check()
    organisation = load_or_404(Organisation, organisation_id)
    form = form_for(OrganisationForm, organisation)
    if form.validate_on_submit():
        conflict = resolve(form, organisation, lambda: opened_form(OrganisationForm, organisation),
                           url_for("admin.organisation_list"))
        if conflict is not None:
            return conflict
        saved = try_save(form, lambda: update_organisation(organisation, *_organisation_args(form)),
                         _("Ændringerne er gemt."), url_for("admin.organisation_list"))
        if saved:
            return saved
    title = _("Redigér %(name)s", name=organisation.name)
    return render_form(form, title=title,
                       crumbs=_crumbs(_("Organisationer"), "admin.organisation_list", (title, None)),
                       submit=_("Gem ændringer"), cancel_url=url_for("admin.organisation_list"))


@bp.route("/organisations/<int:organisation_id>/archive", methods=["GET", "POST"])
def organisation_archive(organisation_id: int):
    _check()
    organisation = load_or_404(Organisation, organisation_id)
    title = _("Arkivér %(name)s?", name=organisation.name)
    return confirm_then(
        lambda: archive_organisation(organisation), title=title,
        message=_("Er du sikker? Organisationen skjules fra listerne og valgmulighederne, men intet slettes: "
                  "indsatser og pladser, den indgår i, beholder den, og du kan genskabe den."),
        button=_("Arkivér"), done=_("%(name)s er arkiveret.", name=organisation.name),
        next_url=url_for("admin.organisation_list"), cancel_url=url_for("admin.organisation_list"),
        crumbs=_crumbs(_("Organisationer"), "admin.organisation_list", (title, None)))


@bp.route("/organisations/<int:organisation_id>/restore", methods=["GET", "POST"])
def organisation_restore(organisation_id: int):
    _check()
    organisation = load_or_404(Organisation, organisation_id)
    title = _("Genskab %(name)s?", name=organisation.name)
    return confirm_then(
        lambda: restore_organisation(organisation), title=title, message=_("Organisationen vises igen i listerne."),
        button=_("Genskab"), done=_("%(name)s er genskabt.", name=organisation.name), danger=False,
        next_url=url_for("admin.organisation_list"), cancel_url=url_for("admin.organisation_list", archived=1),
        crumbs=_crumbs(_("Organisationer"), "admin.organisation_list", (title, None)))
