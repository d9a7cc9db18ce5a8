"""Every read page runs the same number of SQL queries with 200 initiatives as with 5,000.

A page that loads a relationship per row (N+1) shows up here as a count that grows with the data.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import func, insert, select

from tests.factories import add_entries, add_initiatives, add_meetings, make_initiative
from tracker.areas.models import Place
from tracker.auth.services import create_user
from tracker.bodies.models import Meeting
from tracker.extensions import db
from tracker.initiatives.models import Initiative
from tracker.log.models import CooperationEntry
from tracker.reports import queries as report_queries
from tracker.reports import services as report_services
from tracker.search.index import rebuild as rebuild_search_index

# Queries per page request; each includes the one that loads the signed-in user.
EXPECTED = {
    "/": 3,  # change token, areas (the counts and the rendered areas table are kept until the data changes)
    "/areas/norrebro": 11,  # area, places, plans, goals, bodies, change token, initiatives (2), entries (2)
    "/administrations/": 4,  # change token, administrations, body counts (lead and partner counts kept)
    "/administrations/TMF": 8,  # administration, change token, led (2), joined (2), seats (counts kept)
    "/bodies/": 4,  # bodies, member counts, latest meetings
    "/bodies/{body}": 11,  # body, memberships, meetings (count, rows, administrations, organisations), change
    # token, entries (rows, administrations: a reader's "Redigér" does not depend on the initiatives' partners)
    "/initiatives/": 7,  # areas, administrations, themes (filter choices), change token, rows, their links
    "/initiatives/?area=norrebro&administration=TMF&role=partner&theme=tryghed&status=active&year=2013": 7,
    "/initiatives/?page=3": 7,
    "/initiatives/{initiative}": 14,  # initiative with 8 relationships, change token, entries (2), comments
    "/reports/": 3,  # count, reports with their administrations
    "/reports/{report}": 6,  # report, latest version (texts), the change token (the draft's panels are kept),
    # whether last year has a final text
    "/reports/{report}/versions": 5,  # report, count, versions with authors, whether last year has a final text
    "/reports/{report}/versions/1": 6,  # report, version (texts), change token, whether last year has a final text
    "/reports/{report}/versions/1/diff-draft": 4,  # report, version (texts): the draft is itself, no snapshot read
    "/reports/{report}/versions/1/diff-last-year": 5,  # report, version (texts), last year's report
}


# The pages an admin sees besides the read pages: the forms (the log entry form lists no initiatives, its
# picker searches), the search page, the administration, the histories (thirty more versions of the
# initiative at 5,000), the readiness page and the API's lists and records.
ADMIN_EXPECTED = {
    "/entries/new": 5,  # bodies with seats, areas, administrations: no initiatives
    "/entries/new?initiative={initiative}": 8,  # the chosen initiative (with its areas) only
    "/entries/{entry}/edit": 10,  # the entry, its initiative (and its partners) and its administrations, bodies, areas, administrations
    "/initiatives/new": 8,  # the choices: administrations, organisations, areas, places, themes ...
    "/initiatives/{initiative}/edit": 17,  # the initiative with its links, and the choices
    "/bodies/{body}/meetings/new": 9,  # and the decisions' initiatives: count, rows, their two partner loads
    # Areas (filter) and the change token: the hits and their count (capped at 1,000) are kept until the data
    # changes (the first, warming request reads them: tests/search/test_search.py counts that one).
    "/search?q=indsats": 3,
    "/search?q=indsats&kind=initiative&archived=1&page=2": 3,
    "/search?q=m%C3%B8de&kind=entry": 4,  # and the entries behind the hits, with their initiatives and bodies
    "/search?q=indsats&area=norrebro": 3,
    "/search/initiatives?q=inds": 5,  # ten ids, those initiatives with their partners (2)
    "/admin/": 5,
    "/admin/persons/": 3,
    "/admin/organisations/": 3,
    "/admin/users/": 3,
    "/admin/plans/": 3,
    "/initiatives/{initiative}/history": 6,  # the initiative with its lead and partners, events (count, rows)
    "/entries/{entry}/history": 8,
    "/bodies/{body}/history": 4,
    "/bodies/{body}/meetings/{meeting}/edit": 12,
    "/reports/readiness": 2,
    "/api/v1/initiatives?area=norrebro&page=2": 7,  # the filter choices, change token, rows, their links
    "/api/v1/initiatives/{initiative}": 4,  # the user, the initiative with its lead, key figures, all links
    "/api/v1/entries": 5,  # change token, rows, areas, administrations (the count is kept)
    "/api/v1/entries?initiative_id={initiative}": 5,
    "/api/v1/bodies": 3,
}


# A coordinator's pages where each log line's "Redigér" depends on its initiative's partners: loaded once for
# all the lines (2 more than a reader's body page), not per line; and the seats of the body a shown decision
# was made in (here one body), which decide whether the coordinator may follow it up (1 more on both pages).
COORDINATOR_EXPECTED = {
    "/bodies/{body}": 14,
    "/initiatives/{initiative}": 15,
    "/areas/norrebro": 11,  # the area's log table has no actions
}


def _count_every_page(reader, count_queries, ids, pages=EXPECTED) -> dict[str, int]:
    counts = {}
    for template in pages:
        path = template.format(**ids)
        assert reader.get(path).status_code == 200, path  # warm up: first connection, caches
        # The test holds one app context, so its session would outlive the request and serve the
        # next one from memory; expire it so each counted request loads everything, as in production.
        db.session.expire_all()
        with count_queries() as queries:
            response = reader.get(path)
        assert response.status_code == 200, path
        counts[template] = queries.count
    return counts


def test_every_read_page_runs_a_fixed_number_of_queries(app, reader, ref, count_queries):
    team = ref.bodies["team"]
    admins = list(ref.administrations.values())
    initiatives = add_initiatives(ref, 200)
    first = initiatives[0]
    add_meetings(team, admins, 10)
    add_entries(first, admins[:2], 10)
    _body_entries(team, initiatives[:3])
    report = _tmf_report(ref)
    db.session.commit()
    rebuild_search_index()
    db.session.commit()
    ids = {"body": team.id, "initiative": first, "report": report.id,
           "entry": db.session.scalar(select(func.min(CooperationEntry.id))),
           "meeting": db.session.scalar(select(func.min(Meeting.id)).where(Meeting.body_id == team.id))}
    small = _count_every_page(reader, count_queries, ids)
    admin = _admin_client(app)
    small_admin = _count_every_page(admin, count_queries, ids, ADMIN_EXPECTED) | _picker_search(admin, count_queries)
    coordinator = _coordinator_client(app)
    small_coordinator = _count_every_page(coordinator, count_queries, ids, COORDINATOR_EXPECTED)

    add_initiatives(ref, 4800, start=200)
    add_meetings(team, admins, 300, start=10)
    add_entries(first, admins, 300)
    _body_entries(team, initiatives[3:60])
    _more_versions(report)
    _more_history(first)
    rebuild_search_index()
    db.session.commit()
    large = _count_every_page(reader, count_queries, ids)
    large_admin = _count_every_page(admin, count_queries, ids, ADMIN_EXPECTED) | _picker_search(admin, count_queries)
    large_coordinator = _count_every_page(coordinator, count_queries, ids, COORDINATOR_EXPECTED)

    assert large == small, "a page's query count grows with the data (N+1?)"
    assert large == EXPECTED
    assert large_admin == small_admin, "an admin page's query count grows with the data (N+1?)"
    assert large_admin == _with_search_planning(ADMIN_EXPECTED | {"picker search": PICKER_EXPECTED})
    assert large_coordinator == small_coordinator == COORDINATOR_EXPECTED


PICKER_EXPECTED = 9  # the form's choices, ten matching ids, those initiatives with their partners
SEARCHES = ("/search/initiatives", "picker search")  # the search page's hits, when kept, need no planning
SEARCH_PLANNING = 2  # PostgreSQL: the search's planning settings, set before its statements and back after


def _with_search_planning(expected: dict[str, int]) -> dict[str, int]:
    """The counts on this database: on PostgreSQL each search sets its planning before and after."""
    if db.engine.dialect.name != "postgresql":
        return expected
    return {page: count + SEARCH_PLANNING if page.startswith(SEARCHES) else count for page, count in expected.items()}


def _body_entries(body, initiative_ids: list[int]) -> None:
    """Entries at the body about different initiatives: the body page decides each one's "Redigér" from its
    initiative's partners."""
    db.session.execute(insert(CooperationEntry), [
        {"body_id": body.id, "initiative_id": initiative_id, "date": date(2013, 6, 1), "kind": "decision",
         "text": f"Beslutning om indsats {initiative_id}.", "version": 1} for initiative_id in initiative_ids])


def _more_history(initiative_id: int) -> None:
    """Thirty saved versions of the initiative, each a page's worth of its history more."""
    initiative = db.session.get(Initiative, initiative_id)
    for n in range(30):
        initiative.summary = f"Resumé, udgave {n}."
        db.session.flush()


def _admin_client(app):
    create_user("ada@kk.example", "Ada Admin", "admin", "admin-adgangskode")
    db.session.commit()
    client = app.test_client()
    assert client.post("/login", data={"email": "ada@kk.example", "password": "admin-adgangskode"}).status_code == 302
    return client


def _coordinator_client(app):
    create_user("tove@kk.example", "Tove Teknik", "koordinator", "koordinator-adgangskode", administration_code="TMF")
    db.session.commit()
    client = app.test_client()
    assert client.post("/login", data={"email": "tove@kk.example",
                                       "password": "koordinator-adgangskode"}).status_code == 302
    return client


def _picker_search(client, count_queries) -> dict[str, int]:
    """The log entry form's "Søg" step: the form again with the matching initiatives."""
    db.session.expire_all()
    with count_queries() as queries:
        response = client.post("/entries/new", data={"initiative_search": "indsats", "find_initiative": "1",
                                                     "kind": "meeting", "text": "Noget"})
    assert response.status_code == 200
    return {"picker search": queries.count}


# The overlap list, for a reviewer: user, filter choices (3), the change token the page is kept under (and, when
# that was not seen, the stored review's state). When initiatives have changed, bringing the stored review up to
# date first (the state read twice: was it seen current under this token, is it now; here a full run: claim,
# changes, new ids (2), detection's places, initiatives with links, names and evidence (5), and the writes with
# what each candidate shows and the list's stored topics with their initiatives in the list's order, and the
# planner's statistics (15)), then the change token its commit gave, the names, the page's topics with the
# list's counts, their leading pairs, their initiatives, the verdicts and the seats (unchanged: the review seen
# current, the names, the page's rows and counts are kept, and read instead of them).
OVERLAPS_EXPECTED = {"changed": 43, "unchanged": 5}


def test_the_overlap_list_runs_a_fixed_number_of_queries(app, client, ref, count_queries):
    create_user("styregruppe@kk.example", "Sigrid Styregruppe", "styregruppe", "styregruppe-adgangskode")
    db.session.commit()
    assert client.post("/login", data={"email": "styregruppe@kk.example",
                                       "password": "styregruppe-adgangskode"}).status_code == 302

    def counts() -> dict[str, int]:
        found = {}
        for state in OVERLAPS_EXPECTED:  # the first request after new data detects; the second reuses it
            db.session.expire_all()
            with count_queries() as queries:
                assert client.get("/overlaps/").status_code == 200
            found[state] = queries.count
        return found

    # A pair in a place of its own stays a candidate however crowded the areas get, so evidence is read.
    harbour = Place(name="Nordhavn", kind="neighbourhood")
    for title, lead in (("Havnebad for unge", "TMF"), ("Svømmeskole ved havnen", "KFF")):
        make_initiative(ref, title, lead, places=[harbour], themes=[ref.themes["tryghed"]])
    add_initiatives(ref, 200)
    db.session.commit()
    small = counts()
    add_initiatives(ref, 4800, start=200)
    db.session.commit()
    large = counts()
    assert large == small, "the overlap list's query count grows with the data (N+1?)"
    assert large == OVERLAPS_EXPECTED


# The report editor, for a writer: user, report, latest version (texts, author), the change token (the draft's
# panels are kept until the data changes), the newest versions (count, rows), whether last year has a final text.
REPORT_EDITOR_EXPECTED = 8


def _tmf_report(ref):
    """TMF's 2013 report, generated from the data as it is."""
    data = report_services.GenerateInput(administration=ref.administrations["TMF"], year=2013)
    return report_services.generate(data, None).report


def _more_versions(report) -> None:
    """A draft generated from all the data, thirty edits of it and a final version."""
    latest = report_services.regenerate(report, None)
    for n in range(30):
        latest = report_services.save_edit(report, latest, {**latest.text_map(), 3: f"Redigeret {n}."}, None)
    report_services.mark_final(latest, None)


def test_the_report_editor_runs_a_fixed_number_of_queries(app, client, ref, count_queries):
    create_user("anna@kk.example", "Anna Admin", "admin", "admin-adgangskode")
    report = _tmf_report(ref)
    db.session.commit()
    assert client.post("/login", data={"email": "anna@kk.example", "password": "admin-adgangskode"}).status_code == 302
    editor = f"/reports/{report.id}"

    def count() -> int:
        assert client.get(editor).status_code == 200  # warm up: the draft's panels are kept until data changes
        db.session.expire_all()
        with count_queries() as queries:
            assert client.get(editor).status_code == 200
        return queries.count

    small = count()
    add_initiatives(ref, 2000)
    _more_versions(report)
    assert report_queries.latest_version(report).origin == "edited"
    db.session.commit()
    assert count() == small == REPORT_EDITOR_EXPECTED
