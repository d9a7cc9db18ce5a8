"""One walk over every route with every role: each answers what the role may do, and never a 500.

The rules below are the specification: a route missing from them fails the walk, so a new page
cannot be added without saying who may use it.
"""
from __future__ import annotations

import pytest

from tests.seeded_app import ROLES, sign_in
from tracker import create_app

# Pages every signed-in user may read.
READ = {
    "main.index", "areas.area_detail", "organisation.administration_list", "organisation.administration_detail",
    "bodies.body_list", "bodies.body_detail", "bodies.body_history", "initiatives.list_initiatives",
    "initiatives.initiative_detail", "initiatives.initiative_history", "entries.entry_history",
}
# Changes a koordinator may make to what their administration takes part in (the targets are TMF's:
# a TMF-led initiative, an entry on it, the Husum/Tingbjerg forum where TMF has a seat, its meeting).
COORDINATOR_WRITES = {
    "initiatives.new_initiative", "initiatives.edit_initiative", "initiatives.archive_initiative",
    "initiatives.restore_initiative", "entries.new_entry", "entries.edit_entry", "entries.archive_entry",
    "entries.restore_entry", "bodies.new_meeting", "bodies.edit_meeting", "bodies.archive_meeting",
    "bodies.restore_meeting",
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
                     "overlaps.topic_detail"}
FOLLOW_UP_CLOSERS = {"overlaps.close_follow_up": {"admin", "styregruppe", "koordinator"}}
# Every committee's report is read by everyone signed in; it is written (generated, saved, regenerated, marked
# final) by admins and the coordinators of the committee's own administration (the walk's report is TMF's 2013).
REPORT_READS = {
    "reports.report_list", "reports.editor", "reports.versions", "reports.version_detail", "reports.diff_draft",
    "reports.diff_last_year", "reports.download_docx", "reports.download_text", "reports.download_markdown",
}
REPORT_WRITES = {"reports.generate", "reports.save", "reports.regenerate", "reports.mark_final"}
OPEN = {"static", "main.set_language", "auth.login", "auth.logout"}


def allowed_roles(endpoint: str, method: str = "GET") -> set[str]:
    if endpoint in CANDIDATE_READERS:
        return {"admin", "styregruppe", "koordinator"} if method == "GET" else {"admin", "styregruppe"}
    if endpoint in READ or endpoint in REPORT_READS:
        return set(ROLES)
    if endpoint in REPORT_WRITES:
        return {"admin", "koordinator"}
    if endpoint in COORDINATOR_WRITES:
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
    if endpoint == "static":
        return {200}
    if endpoint in ("main.set_language", "auth.logout") or (endpoint == "auth.login"):
        return {302}
    if role not in allowed_roles(endpoint, method):
        return {403}
    if method == "GET":
        # a restore page for a record that is not archived sends the user back to it
        return {200, 302} if endpoint.endswith("restore") else {200}
    # an empty POST from someone allowed: done (302), refused as invalid (400), or, for an edit form
    # without the version it was opened on, the conflict page (409) — never 403 or 500
    if "edit" in endpoint:
        return {302, 400, 409}
    if endpoint in ("comments.archive", "overlaps.close_follow_up"):
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
