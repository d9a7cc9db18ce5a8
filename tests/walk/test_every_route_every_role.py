"""One walk over every route with every role: each answers what the role may do, and never a 500.

The rules below are the specification: a route missing from them fails the walk, so a new page
cannot be added without saying who may use it.
"""
from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.seeded_app import ROLES, sign_in
from tracker import create_app
from tracker.extensions import db
from tracker.initiatives.forms import InitiativeForm
from tracker.initiatives.models import Initiative

# Pages every signed-in user may read.
READ = {
    "main.index", "areas.area_detail", "organisation.administration_list", "organisation.administration_detail",
    "bodies.body_list", "bodies.body_detail", "bodies.body_history", "initiatives.list_initiatives",
    "initiatives.initiative_detail", "initiatives.initiative_history", "entries.entry_history",
    "transfer.export_initiatives", "transfer.export_log", "search.results",
    "api.list_areas", "api.list_administrations", "api.list_organisations", "api.list_bodies", "api.list_initiatives",
    "api.get_initiative", "api.list_entries", "api.get_entry", "api.list_reports", "api.get_report", "api.openapi",
}
# The API's writes follow the forms' rights; the walk's empty form post is not JSON (415).
API_WRITES = {"api.create_initiative", "api.create_entry"}
# Changes a koordinator may make to what their administration takes part in (the targets are TMF's:
# a TMF-led initiative, an entry on it, the Husum/Tingbjerg forum where TMF has a seat, its meeting).
COORDINATOR_WRITES = {
    "initiatives.new_initiative", "initiatives.edit_initiative", "initiatives.archive_initiative",
    "initiatives.restore_initiative", "entries.new_entry", "entries.edit_entry", "entries.archive_entry",
    "entries.restore_entry", "bodies.new_meeting", "bodies.edit_meeting", "bodies.archive_meeting",
    "bodies.restore_meeting", "transfer.upload", "transfer.apply_import",
    "search.initiative_suggestions",  # the log entry form's initiative picker
    "initiatives.mark_finished",  # the walk's initiative is TMF's
    "entries.follow_up",  # a decision's owner, due date and status (closing it is the owner's)
}
# Seats in bodies are reference data, like everything under /admin/.
ADMIN_WRITES = {
    "bodies.new_membership", "bodies.edit_membership", "bodies.archive_membership", "bodies.restore_membership",
}
# Commenting is for everyone but readers; removing a comment for its author (the koordinator) and admins.
COMMENTERS = {"comments.add": {"admin", "koordinator", "styregruppe"},
              "comments.archive": {"admin", "koordinator"}}
# The overlap matrices are the steering group's (and admins') review pages.
MATRIX_REVIEWERS = {"overlaps.matrix_administrations", "overlaps.matrix_themes"}
# The overlap review and its verdicts are the steering group's (and admins'); a follow-up is closed by a
# reviewer or a coordinator of the owning administration (the walk's pair has no follow-up yet: 404).
# Coordinators read the candidates their own administration is part of (the walk's pair involves TMF) and how
# they are ranked; verdicts (POST) are the reviewers'.
REVIEWERS = {"overlaps.export_xlsx", "overlaps.export_docx"}
CANDIDATE_READERS = {"overlaps.review_list", "overlaps.about_ranking", "overlaps.candidate_detail",
                     "overlaps.topic_detail", "api.list_overlaps"}
FOLLOW_UP_CLOSERS = {"overlaps.close_follow_up": {"admin", "styregruppe", "koordinator"},
                     "overlaps.follow_up_status": {"admin", "styregruppe", "koordinator"}}
# Every committee's report is read by everyone signed in; it is written (generated, saved, regenerated, marked
# final) by admins and the coordinators of the committee's own administration (the walk's report is TMF's 2013).
REPORT_READS = {
    "reports.report_list", "reports.editor", "reports.versions", "reports.version_detail", "reports.diff_draft",
    "reports.diff_last_year", "reports.download_docx", "reports.download_text", "reports.download_markdown",
    "reports.readiness_page",
}
REPORT_WRITES = {"reports.generate", "reports.save", "reports.regenerate", "reports.mark_final"}
OPEN = {"static", "site.favicon", "main.set_language", "auth.login", "auth.logout"}
# Every signed-in user looks after their own account: their password, logging out everywhere, their API tokens,
# the e-mails they get.
OWN_ACCOUNT = {"auth.change_password", "auth.logout_everywhere", "tokens.token_list", "tokens.revoke",
               "notify.settings"}


def allowed_roles(endpoint: str, method: str = "GET") -> set[str]:
    if endpoint in CANDIDATE_READERS:
        return {"admin", "styregruppe", "koordinator"} if method == "GET" else {"admin", "styregruppe"}
    if endpoint in READ or endpoint in REPORT_READS or endpoint in OWN_ACCOUNT:
        return set(ROLES)
    if endpoint in REPORT_WRITES:
        return {"admin", "koordinator"}
    if endpoint in COORDINATOR_WRITES or endpoint in API_WRITES:
        return {"admin", "koordinator"}
    if endpoint in ADMIN_WRITES or endpoint.startswith("admin."):
        return {"admin"}
    if endpoint in COMMENTERS:
        return COMMENTERS[endpoint]
    if endpoint in REVIEWERS:
        return {"admin", "styregruppe"}
    if endpoint in FOLLOW_UP_CLOSERS:
        return FOLLOW_UP_CLOSERS[endpoint]
    if endpoint in MATRIX_REVIEWERS:
        return {"admin", "styregruppe"}
    raise AssertionError(f"route {endpoint} is not in the walk's rules: say who may use it")


def expected(endpoint: str, method: str, role: str) -> set[int]:
    if endpoint in ("static", "site.favicon"):
        return {200}
    if endpoint in ("main.set_language", "auth.logout") or (endpoint == "auth.login"):
        return {302}
    if role not in allowed_roles(endpoint, method):
        return {403}
    if endpoint == "entries.follow_up":
        return {404}  # the walk's entry is no decision, so it has no follow-up
    if method == "GET":
        # a restore page for a record that is not archived sends the user back to it
        return {200, 302} if endpoint.endswith("restore") else {200}
    # an empty POST from someone allowed: done (302), refused as invalid (400), or, for an edit form
    # without the version it was opened on, the conflict page (409) — never 403 or 500
    if endpoint in API_WRITES:
        return {415}
    if "edit" in endpoint:
        return {302, 400, 409}
    if endpoint in ("comments.archive", "overlaps.close_follow_up", "overlaps.follow_up_status"):
        return {302, 404}  # once the first allowed role has removed the comment, it is gone
    if endpoint == "overlaps.topic_detail":
        return {409}  # a topic verdict without the state it was opened on is refused, the topic shown again
    if endpoint == "reports.save":
        return {409}  # a save without the version it was based on shows the saved text beside the sent one
    return {302, 400}


def _rules():
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "route-listing"})
    rules = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        for method in sorted(rule.methods & {"GET", "POST"}):
            rules.append(pytest.param(rule.endpoint, method, sorted(rule.arguments), id=f"{method} {rule.endpoint}"))
    return rules


def test_every_endpoint_has_a_rule():
    for param in _rules():
        endpoint, method = param.values[0], param.values[1]
        if endpoint not in OPEN:
            allowed_roles(endpoint, method)


@pytest.mark.parametrize(("endpoint", "method", "arguments"), _rules())
def test_route_answers_each_role_as_specified(walk_app, endpoint, method, arguments):
    app, targets = walk_app
    url_values = {name: targets.values[name] for name in arguments}
    url = app.url_map.bind("localhost").build(endpoint, url_values)
    # Readers and refused roles first: they change nothing, so the allowed roles meet the seeded state.
    order = sorted(ROLES, key=lambda role: (
        role in allowed_roles(endpoint, method) if endpoint not in OPEN else True, role == "admin"))
    answers = {}
    for role in order:
        client = app.test_client()
        sign_in(client, role)
        response = client.open(url, method=method, data={})
        answers[role] = response.status_code
        response.close()
    wrong = {role: status for role, status in answers.items() if status not in expected(endpoint, method, role)}
    assert not wrong, f"{method} {url}: got {answers}"


# Who steers an initiative (tracker/initiatives/permissions.py). The walk's koordinator (TMF) leads
# LEAD_INITIATIVE and is one of the partners in PARTNER_INITIATIVE (ØKF's). Handing on the lead, removing another
# administration and archiving are the lead's (and admins'): as a partner the koordinator gets the form back with
# an error (400) or a 403, and nothing changes; editing the content is open to every partner.
LEAD_INITIATIVE = "Områdefornyelse Fuglekvarteret"
PARTNER_INITIATIVE = "Sikker By i de udsatte byområder"
STEERING = {
    # (role, the koordinator's part in the initiative, what is tried): the answer
    ("koordinator", "lead", "change_lead"): 302, ("koordinator", "lead", "remove_partner"): 302,
    ("koordinator", "lead", "archive"): 302,
    ("koordinator", "partner", "change_lead"): 400, ("koordinator", "partner", "remove_partner"): 400,
    ("koordinator", "partner", "archive"): 403, ("koordinator", "partner", "edit_content"): 302,
    ("admin", "partner", "change_lead"): 302, ("admin", "partner", "remove_partner"): 302,
    ("admin", "partner", "archive"): 302,
}


def _saved_form(initiative: Initiative) -> dict:
    """The edit form as it opens, as a browser would send it back unchanged."""
    values = InitiativeForm.initial(initiative)
    data = {name: "" if value is None else value for name, value in values.items() if name != "key_figures"}
    data.update({name: value.isoformat() for name in ("start_date", "end_date")
                 if (value := values[name]) is not None})
    for row, figure in enumerate(values["key_figures"]):
        data.update({f"key_figures-{row}-{name}": value for name, value in figure.items()})
    return data


def _state(initiative_id: int) -> tuple:
    db.session.expire_all()
    initiative = db.session.get(Initiative, initiative_id)
    return (initiative.lead_administration.code, sorted(a.code for a in initiative.partner_administrations),
            initiative.summary, initiative.archived_at is not None)


@pytest.mark.parametrize(("role", "part", "action"), list(STEERING), ids=["-".join(key) for key in STEERING])
def test_only_the_lead_hands_on_the_lead_removes_partners_and_archives(walk_app, role, part, action):
    title = LEAD_INITIATIVE if part == "lead" else PARTNER_INITIATIVE
    initiative = db.session.scalar(select(Initiative).where(Initiative.title == title))
    own = "TMF"
    others = [a for a in initiative.partner_administrations if a.code != own]
    assert (initiative.lead_administration.code == own) == (part == "lead") and others
    before = _state(initiative.id)
    data = _saved_form(initiative)
    if action == "change_lead":  # the partner makes itself the lead; the lead hands on to a partner
        new_lead = next((a for a in initiative.partner_administrations if a.code == own), others[0])
        data["lead_administration"] = new_lead.id
        data["partner_administrations"] = [initiative.lead_administration_id, *(
            a.id for a in initiative.partner_administrations if a is not new_lead)]
    elif action == "remove_partner":
        data["partner_administrations"] = [a.id for a in initiative.partner_administrations if a is not others[0]]
    elif action == "edit_content":
        data["summary"] = "Opdateret af en partner."
    url = f"/initiatives/{initiative.id}/" + ("archive" if action == "archive" else "edit")
    client = walk_app[0].test_client()
    sign_in(client, role)

    response = client.post(url, data=data)

    assert response.status_code == STEERING[role, part, action], response.get_data(as_text=True)[:2000]
    after = _state(initiative.id)
    if response.status_code != 302:
        assert after == before  # refused: nothing changed, and the page says who may
        assert "Kun den ansvarlige forvaltnings koordinatorer" in response.get_data(as_text=True) \
            or "som din forvaltning er ansvarlig for" in response.get_data(as_text=True)
        return
    assert after != before
    if action == "change_lead":
        assert after[0] == new_lead.code
    elif action == "remove_partner":
        assert others[0].code not in after[1]
    elif action == "archive":
        assert after[3]
