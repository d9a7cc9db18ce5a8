"""The JSON API's routes: read the reference data, initiatives, overlap candidates and reports; create and
change initiatives through the forms' services and permission rules (the log's routes: entry_views.py)."""
from __future__ import annotations

from flask import jsonify, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload
from werkzeug.datastructures import MultiDict

from tracker.api import schemas as s
from tracker.api.blueprint import References, bp, page_json, paginate, with_etag
from tracker.api.problems import ApiProblem, field_error
from tracker.api.reads import initiative_links
from tracker.api.requests import authenticate_api_request, body_of, query_of, require_if_match
from tracker.api.spec import document, operation
from tracker.areas.models import Area, Goal, Place
from tracker.areas.queries import all_areas
from tracker.auth.permissions import (
    can_create_initiative,
    can_read_candidate,
    can_read_overlaps,
    can_review_overlaps,
    require,
)
from tracker.bodies.models import Body
from tracker.core.labels import shown_status, status_label
from tracker.extensions import db
from tracker.initiatives import queries, services
from tracker.initiatives.forms import InitiativeFilterForm
from tracker.initiatives.models import Initiative, PolicyArea, Theme
from tracker.initiatives.permissions import can_edit_initiative, can_edit_participants, can_leave_initiative
from tracker.initiatives.services import InitiativeInput, KeyFigureInput
from tracker.organisation.models import Administration, Organisation
from tracker.organisation.queries import all_administrations
from tracker.overlaps.review import queries as overlap_queries
from tracker.reports import queries as report_queries
from tracker.reports.models import Report

# Reference data ------------------------------------------------------------------------------------------

@operation(bp, "/areas", "GET", summary="Områderne", tag="reference", response=s.AreaPage, query=s.PageQuery)
def list_areas():
    query = query_of(s.PageQuery)
    return page_json(paginate(select(Area).order_by(Area.name), query), s.AreaPage)


@operation(bp, "/administrations", "GET", summary="Forvaltningerne", tag="reference",
           response=s.AdministrationPage, query=s.PageQuery)
def list_administrations():
    query = query_of(s.PageQuery)
    return page_json(paginate(select(Administration).order_by(Administration.code), query), s.AdministrationPage)


@operation(bp, "/organisations", "GET", summary="Organisationerne", tag="reference",
           response=s.OrganisationPage, query=s.PageQuery)
def list_organisations():
    query = query_of(s.PageQuery)
    page = paginate(select(Organisation).order_by(Organisation.name, Organisation.id), query)
    page.items = [s.OrganisationOut(id=o.id, name=o.name, kind=o.kind, archived=o.archived_at is not None)
                  for o in page.items]
    return page_json(page, s.OrganisationPage)


@operation(bp, "/bodies", "GET", summary="Samarbejdsorganerne", tag="reference", response=s.BodyPage,
           query=s.PageQuery)
def list_bodies():
    query = query_of(s.PageQuery)
    page = paginate(select(Body).options(joinedload(Body.area)).order_by(Body.name, Body.id), query)
    page.items = [s.BodyOut(id=b.id, name=b.name, kind=b.kind, level=b.level, area=b.area.slug if b.area else None,
                            start_date=b.start_date, end_date=b.end_date, archived=b.archived_at is not None)
                  for b in page.items]
    return page_json(page, s.BodyPage)


# Initiatives ---------------------------------------------------------------------------------------------

def _links_of(initiative: Initiative) -> dict[str, list]:
    """What the API shows of an initiative's links, from its loaded relationships."""
    return {
        "partner_administrations": [a.code for a in initiative.partner_administrations],
        "partner_organisations": [o.id for o in initiative.partner_organisations],
        "areas": [a.slug for a in initiative.areas], "places": [p.id for p in initiative.places],
        "themes": [t.slug for t in initiative.themes], "goals": [g.id for g in initiative.goals],
        "policy_areas": [p.number for p in initiative.policy_areas],
    }


def _summary(initiative: Initiative, links: dict[str, list] | None = None) -> dict:
    links = links if links is not None else {
        "partner_administrations": [a.code for a in initiative.partner_administrations],
        "partner_organisations": [o.id for o in initiative.partner_organisations],
        "areas": [a.slug for a in initiative.areas]}
    return {
        "id": initiative.id, "version": initiative.version, "title": initiative.title, "status": initiative.status,
        "shown_status": shown_status(initiative.status, initiative.end_date),
        "status_label": status_label(initiative.status, initiative.end_date), "start_date": initiative.start_date, "end_date": initiative.end_date,
        "lead_administration": initiative.lead_administration.code,
        "partner_administrations": links["partner_administrations"],
        "partner_organisations": links["partner_organisations"],
        "areas": links["areas"], "archived": initiative.archived_at is not None,
    }


def _initiative_out(initiative: Initiative, links: dict[str, list] | None = None) -> s.InitiativeOut:
    links = links if links is not None else _links_of(initiative)
    return s.InitiativeOut(
        **_summary(initiative, links), summary=initiative.summary, places=links["places"],
        themes=links["themes"], goals=links["goals"], policy_areas=links["policy_areas"],
        updated_at=initiative.updated_at,
        key_figures=[s.KeyFigureOut(label=f.label, value=f"{f.value:.2f}", unit=f.unit, year=f.year)
                     for f in initiative.key_figures])


def _initiative_or_404(initiative_id: int, *, shown_only: bool = False) -> Initiative:
    """The initiative as its page loads it, or with only what an answer reads beside its links (the lead and
    the key figures; the links come from initiative_links)."""
    initiative = db.session.scalar(select(Initiative).where(Initiative.id == initiative_id).options(
        joinedload(Initiative.lead_administration), selectinload(Initiative.key_figures))) \
        if shown_only else queries.initiative_by_id(initiative_id)
    if initiative is None:
        raise ApiProblem(404, _("Indsatsen findes ikke."))
    return initiative


@operation(bp, "/initiatives", "GET", summary="Indsatserne, filtreret som listen", tag="initiatives",
           response=s.InitiativePage, query=s.InitiativeQuery, problems=(404,))
def list_initiatives():
    """The filters of the initiative list; a page past the last is 404, as in the list."""
    query = query_of(s.InitiativeQuery)
    values = {name: getattr(query, name) or "" for name in ("area", "administration", "role", "theme", "status",
                                                             "year")}
    values["archived"] = "1" if query.archived else ""
    form = InitiativeFilterForm(MultiDict(values), all_areas(), all_administrations(), queries.all_themes())
    filters = form.filters()
    notices = list(form.notices) + [str(error) for error in form.year.errors]
    page = queries.list_page(filters, query.page, query.per_page)
    page.items = [s.InitiativeSummary(**_summary(i)) for i in page.items]
    return page_json(page, s.InitiativePage, notices=notices)


@operation(bp, "/initiatives/<int:initiative_id>", "GET", summary="Én indsats", tag="initiatives",
           response=s.InitiativeOut, etag=True)
def get_initiative(initiative_id: int):
    """Three queries: the initiative with its lead, its key figures, and its links together."""
    initiative = _initiative_or_404(initiative_id, shown_only=True)
    return with_etag(_initiative_out(initiative, initiative_links(initiative.id)), initiative.version)


def _current_input(initiative: Initiative) -> InitiativeInput:
    return InitiativeInput(
        title=initiative.title, lead_administration=initiative.lead_administration, status=initiative.status,
        summary=initiative.summary, start_date=initiative.start_date, end_date=initiative.end_date,
        partner_administrations=list(initiative.partner_administrations),
        partner_organisations=list(initiative.partner_organisations), areas=list(initiative.areas),
        places=list(initiative.places), themes=list(initiative.themes), goals=list(initiative.goals),
        policy_areas=list(initiative.policy_areas),
        key_figures=[KeyFigureInput(label=f.label, value=f.value, year=f.year, unit=f.unit)
                     for f in initiative.key_figures])


def _initiative_input(sent, base: InitiativeInput | None) -> InitiativeInput:
    """The input with what was sent in place of the current values (all of it, for a new initiative)."""
    given = sent.model_fields_set if base is not None else set(type(sent).model_fields)
    refs = References()
    resolvers = {
        "lead_administration": lambda v: refs.one("lead_administration", Administration, "code", v),
        "partner_administrations": lambda v: refs.many("partner_administrations", Administration, "code", v),
        "partner_organisations": lambda v: refs.many("partner_organisations", Organisation, "id", v),
        "areas": lambda v: refs.many("areas", Area, "slug", v),
        "places": lambda v: refs.many("places", Place, "id", v, joinedload(Place.area)),
        "themes": lambda v: refs.many("themes", Theme, "slug", v),
        "goals": lambda v: refs.many("goals", Goal, "id", v, joinedload(Goal.plan)),
        "policy_areas": lambda v: refs.many("policy_areas", PolicyArea, "number", v),
        "key_figures": lambda v: [KeyFigureInput(label=f.label, value=f.value, year=f.year, unit=f.unit) for f in v],
    }
    data = base or InitiativeInput(title="", lead_administration=None)
    for name in given:
        value = getattr(sent, name)
        if value is None and name not in ("start_date", "end_date"):
            continue  # null leaves a field that cannot be empty as it is
        setattr(data, name, resolvers[name](value) if name in resolvers else value)
    if refs.problems:
        raise ApiProblem(422, errors=refs.problems)
    return data


def _check_initiative(data: InitiativeInput, initiative: Initiative | None) -> None:
    """The form's rules (tracker/initiatives/views.py _checked_input): the service's checks, and that a
    coordinator stays among the participants (or, as a partner, leaves on purpose)."""
    problems = services.check_initiative(data, initiative, current_user)
    errors = [field_error(p.field, p.message) for p in problems]
    administrations = [a.id for a in (data.lead_administration, *data.partner_administrations) if a is not None]
    may_leave = initiative is not None and can_leave_initiative(current_user, initiative)
    if not may_leave and not can_edit_participants(current_user, administrations,
                                                 [o.id for o in data.partner_organisations]):
        errors.append(field_error("lead_administration", _(
            "Din forvaltning eller organisation skal være ansvarlig eller partner – ellers kan du ikke "
            "redigere indsatsen bagefter.")))
    if errors:
        raise ApiProblem(422, errors=errors)


@operation(bp, "/initiatives", "POST", summary="Opret en indsats", tag="initiatives", response=s.InitiativeOut,
           status=201, body=s.InitiativeIn, etag=True)
def create_initiative():
    require(can_create_initiative(current_user), _("Kun koordinatorer og administratorer kan oprette indsatser."))
    data = _initiative_input(body_of(s.InitiativeIn), None)
    _check_initiative(data, None)
    initiative = services.create_initiative(data)
    db.session.commit()
    initiative = _initiative_or_404(initiative.id)
    return with_etag(_initiative_out(initiative), initiative.version, 201,
                      url_for(".get_initiative", initiative_id=initiative.id))


@operation(bp, "/initiatives/<int:initiative_id>", "PATCH", summary="Ret en indsats", tag="initiatives",
           response=s.InitiativeOut, body=s.InitiativePatch, etag=True, if_match=True)
def update_initiative(initiative_id: int):
    """Send the ETag from the last read in If-Match: without it 428, after someone else's change 412."""
    initiative = _initiative_or_404(initiative_id)
    require(can_edit_initiative(current_user, initiative),
            _("Du kan kun redigere indsatser, hvor din forvaltning eller organisation er ansvarlig eller partner."))
    require_if_match(initiative.version)
    data = _initiative_input(body_of(s.InitiativePatch), _current_input(initiative))
    _check_initiative(data, initiative)
    services.update_initiative(initiative, data)
    db.session.commit()  # someone else's save since the If-Match read: 412 (api/blueprint.py)
    initiative = _initiative_or_404(initiative_id)
    return with_etag(_initiative_out(initiative), initiative.version)


# Overlaps and reports ------------------------------------------------------------------------------------

@operation(bp, "/overlaps", "GET", summary="Overlapskandidater", tag="overlaps", response=s.OverlapPage,
           query=s.OverlapQuery)
def list_overlaps():
    """For the steering group and admins; a coordinator sees the candidates of their own administration."""
    require(can_read_overlaps(current_user), _("Kun styregruppen, administratorer og koordinatorer kan se "
                                               "overlapskandidater."))
    query = query_of(s.OverlapQuery)
    own = None if can_review_overlaps(current_user) else current_user.administration_id
    page = overlap_queries.review_pairs(overlap_queries.ReviewFilters(administration_id=own, show=query.show,
                                                                      strength=query.strength),
                                        query.page, query.per_page)
    page.items = [s.OverlapOut(
        first_initiative_id=row.candidate.first.id, second_initiative_id=row.candidate.second.id,
        first_title=row.candidate.first.title, second_title=row.candidate.second.title,
        strong=bool(row.candidate.strength and row.candidate.strength.strong), score=row.candidate.score,
        similarity=row.candidate.similarity, state=row.state,
        verdict=row.verdict.verdict if row.verdict else None,
        reasons=[str(reason.text) for reason in row.candidate.reasons]) for row in page.items
        if can_read_candidate(current_user, row.candidate.leads)]
    return page_json(page, s.OverlapPage)


def _report_out(report: Report) -> dict:
    return {"id": report.id, "administration": report.administration.code,
            "committee": report.administration.committee, "year": report.year,
            "period_start": report.period_start, "period_end": report.period_end,
            "latest_version": report.latest_number, "final_version": report.final_number}


@operation(bp, "/reports", "GET", summary="Redegørelserne", tag="reports", response=s.ReportPage,
           query=s.PageQuery)
def list_reports():
    query = query_of(s.PageQuery)
    page = report_queries.reports_page(query.page, query.per_page)
    page.items = [s.ReportOut(**_report_out(report)) for report in page.items]
    return page_json(page, s.ReportPage)


@operation(bp, "/reports/<int:report_id>", "GET", summary="En redegørelse med den nyeste versions tekst",
           tag="reports", response=s.ReportDetail)
def get_report(report_id: int):
    report = report_queries.report_or_404(report_id)
    latest = report_queries.latest_version(report)
    return jsonify(s.ReportDetail(**_report_out(report), version_origin=latest.origin, sections=[
        s.SectionOut(section=t.section, text=t.text) for t in latest.texts]).model_dump(mode="json"))


@bp.route("/openapi.json")
def openapi():
    return jsonify(document())


def init_api(app) -> None:
    """The API's sign-in runs before the pages' login redirect, which would send an API client to a form."""
    app.before_request_funcs.setdefault(None, []).insert(0, authenticate_api_request)
