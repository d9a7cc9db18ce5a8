"""My overview: a koordinator sees their own administration's decisions, its expired, quiet and result-less
initiatives, its committee's report with the deadline and the latest cooperation in the areas it works in; a
styregruppe member sees overdue decisions across administrations, the overlap review and the areas' activity;
a reader sees the table only. Each empty list says what to do. The page's queries do not grow with the data."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from tests.factories import add_initiatives, make_initiative
from tracker.auth.services import create_user
from tracker.extensions import db
from tracker.initiatives.models import Initiative, KeyFigure
from tracker.log.models import CooperationEntry
from tracker.overlaps.models import OverlapVerdict
from tracker.reports.models import Report, ReportDeadline

TODAY = date(2014, 2, 3)
PASSWORD = "overblik-adgangskode"
USERS = {"tmf": ("tmf@kk.example", "koordinator", "TMF"), "sof": ("sof@kk.example", "koordinator", "SOF"),
         "styregruppe": ("stig@kk.example", "styregruppe", "BIF"), "laeser": ("lise@kk.example", "laeser", None)}


@pytest.fixture
def world(app, ref):
    app.config["TODAY"] = TODAY
    for email, role, code in USERS.values():
        create_user(email, email.split("@")[0], role, PASSWORD, administration_code=code)
    tingbjerg, norrebro = ref.areas["husum-tingbjerg"], ref.areas["norrebro"]
    expired = make_initiative(ref, "Udløbet TMF-indsats", "TMF", status="active", end_date=date(2013, 12, 31))
    make_initiative(ref, "Stille TMF-indsats", "TMF", status="active")
    running = make_initiative(ref, "Travl TMF-indsats", "TMF", status="active", areas=[tingbjerg])
    db.session.add(CooperationEntry(date=date(2014, 1, 10), kind="meeting", text="Møde i januar.",
                                    initiative=running))
    with_result = make_initiative(ref, "TMF-indsats med resultat", "TMF", status="active")
    db.session.add(CooperationEntry(date=date(2013, 5, 1), kind="result", text="Lysene er sat op.",
                                    initiative=with_result))
    with_figure = make_initiative(ref, "TMF-indsats med nøgletal", "TMF", status="finished",
                                  end_date=date(2013, 6, 30))
    db.session.add(KeyFigure(initiative=with_figure, label="Deltagere", value=40, year=2012))
    make_initiative(ref, "Afsluttet TMF-indsats før perioden", "TMF", status="finished", end_date=date(2011, 6, 30))
    make_initiative(ref, "Udløbet SOF-indsats", "SOF", status="planned", end_date=date(2013, 6, 30))
    sof_work = make_initiative(ref, "SOF-indsats på Nørrebro", "SOF", status="active", areas=[norrebro])
    db.session.add(CooperationEntry(date=date(2014, 1, 20), kind="joint_activity", text="Fælles dag i Mjølnerparken.",
                                    initiative=sof_work))
    db.session.add(ReportDeadline(year=2013, due_on=date(2014, 1, 31)))
    forum = ref.bodies["forum-husum-tingbjerg"]
    db.session.add_all([
        CooperationEntry(date=date(2013, 12, 10), kind="decision", text="Belysning ved skolen", body=forum,
                         owner_administration=ref.administrations["TMF"], due_date=date(2014, 1, 31),
                         follow_up_status="open"),
        CooperationEntry(date=date(2013, 12, 10), kind="decision", text="Fælles kalender", body=forum,
                         owner_administration=ref.administrations["SOF"], due_date=date(2014, 2, 7),
                         follow_up_status="in_progress"),
    ])
    db.session.commit()
    return expired


def _front(client, who: str) -> str:
    response = client.post("/login", data={"email": USERS[who][0], "password": PASSWORD})
    assert response.status_code == 302
    return client.get("/").get_data(as_text=True)


def test_koordinator_sees_their_administrations_decisions_and_initiatives_needing_attention(client, world):
    html = _front(client, "tmf")
    assert "Mit overblik" in html
    assert "Belysning ved skolen" in html and "Forfalden" in html and "Fælles kalender" not in html
    assert "Udløbet TMF-indsats" in html and "Marker som afsluttet" in html
    assert "Udløbet SOF-indsats" not in html
    assert "Stille TMF-indsats" in _list(html, "stille") and "Travl TMF-indsats" not in _list(html, "stille")
    assert "De udsatte byområder" in html  # the table stays, below


def _list(html: str, anchor: str) -> str:
    """The overview's list under the heading with this id, up to the next heading."""
    return html.split(f'id="{anchor}"')[1].split("<h2")[0]


def test_koordinator_sees_initiatives_without_a_result_in_the_report_period(client, world):
    section = _list(_front(client, "tmf"), "uden-resultat")
    assert "Perioden for redegørelsen 2013: 1. jan. 2012 – 31. dec. 2013." in section
    assert "Stille TMF-indsats" in section and "Travl TMF-indsats" in section
    assert "TMF-indsats med resultat" not in section and "TMF-indsats med nøgletal" not in section
    assert "Afsluttet TMF-indsats før perioden" not in section and "Udløbet SOF-indsats" not in section
    quiet = db.session.scalar(select(Initiative.id).where(Initiative.title == "Stille TMF-indsats"))
    assert f'href="/entries/new?initiative={quiet}"' in section


def test_koordinator_sees_the_committees_report_status_with_its_overdue_deadline(client, world):
    section = _list(_front(client, "tmf"), "redegoerelse")
    assert "Udvalgets redegørelse for 2013" in section and "Ikke påbegyndt" in section
    assert "Fristen er overskredet" in section and "Frist: 31. jan. 2014." in section
    tmf = world.lead_administration
    assert f'href="/reports/readiness?administration={tmf.id}&amp;year=2013"' in section


def test_a_final_report_shows_as_final_and_links_to_it(client, ref, world):
    report = Report(administration=world.lead_administration, year=2013, period_start=date(2012, 1, 1),
                    period_end=date(2013, 12, 31), latest_number=2, final_number=2)
    db.session.add(report)
    db.session.commit()
    section = _list(_front(client, "tmf"), "redegoerelse")
    assert "Endelig" in section and "Fristen er overskredet" not in section
    assert f'href="/reports/{report.id}"' in section


def test_koordinator_sees_the_latest_cooperation_in_the_areas_it_works_in_only(client, world):
    tmf = _list(_front(client, "tmf"), "seneste-samarbejde")
    assert "Møde i januar." in tmf and "Fælles dag i Mjølnerparken." not in tmf
    client.post("/logout")
    sof = _list(_front(client, "sof"), "seneste-samarbejde")  # SOF has a seat in every forum
    assert "Fælles dag i Mjølnerparken." in sof and "Møde i januar." in sof


def test_styregruppe_sees_the_areas_activity(client, world):
    section = _list(_front(client, "styregruppe"), "aktivitet")
    rows = {row.split("</a>")[0].rsplit(">", 1)[1]: row for row in section.split("<tr>")[2:]}
    assert set(rows) == {"Nørrebro", "Amager/Sundby", "Bispebjerg", "Vesterbro/Sydhavnen", "Husum/Tingbjerg",
                         "Valby/Vigerslev"}
    cells = lambda area: [c.split("</td>")[0].strip() for c in rows[area].split("<td")[1:]]  # noqa: E731
    assert [c.split(">", 1)[1] for c in cells("Husum/Tingbjerg")] == ["1", "1", "10. jan. 2014"]
    assert [c.split(">", 1)[1] for c in cells("Nørrebro")] == ["1", "1", "20. jan. 2014"]
    assert [c.split(">", 1)[1] for c in cells("Valby/Vigerslev")] == ["0", "0", "Intet logget"]


def test_another_koordinator_sees_their_own_and_the_due_soon_mark(client, world):
    html = _front(client, "sof")
    assert "Fælles kalender" in html and "Frist inden for en uge" in html and "Belysning ved skolen" not in html
    assert "Udløbet SOF-indsats" in html and "Udløbet TMF-indsats" not in html


def test_styregruppe_sees_overdue_decisions_across_administrations(client, ref, world):
    other = make_initiative(ref, "Anden tryghedsindsats", "SOF", status="active")
    first, second = sorted((world, other), key=lambda i: i.id)
    db.session.add(OverlapVerdict(first_initiative=first, second_initiative=second, verdict="boer_samordnes",
                                  follow_up_administration=ref.administrations["SOF"],
                                  follow_up_due=date(2014, 1, 15)))
    db.session.commit()
    html = _front(client, "styregruppe")
    assert f"Samordning af {first.title} og {second.title}" in html
    assert "Forfaldne beslutninger og opfølgninger på tværs af forvaltninger" in html
    assert "Belysning ved skolen" in html and "Fælles kalender" not in html
    assert "Gå til overlapsgennemgangen" in html
    assert "Marker som afsluttet" not in html


def test_reader_sees_the_table_only(client, world):
    html = _front(client, "laeser")
    assert "Mit overblik" not in html and "Belysning ved skolen" not in html


def test_empty_lists_say_what_to_do(client, app, ref):
    app.config["TODAY"] = TODAY
    create_user(USERS["tmf"][0], "tmf", "koordinator", PASSWORD, administration_code="TMF")
    db.session.commit()
    html = _front(client, "tmf")
    assert "Ingen åbne beslutninger." in html and "giver den, der registrerer mødet" in html
    assert "Ingen. Alle indsatser, din forvaltning leder i perioden, har et resultat" in html
    assert "Der er ikke lavet et udkast endnu." in html and "Der er ikke sat en frist for 2014 endnu" in html
    assert "Der er ikke logget samarbejde i de områder, din forvaltning arbejder i." in html
    client.post("/logout")
    create_user(USERS["styregruppe"][0], "stig", "styregruppe", PASSWORD, administration_code="BIF")
    db.session.commit()
    html = _front(client, "styregruppe")
    assert "Der er ikke logget samarbejde i nogen af områderne de seneste 6 måneder." in html


# Queries the overview adds to a reader's front page (the table): for both roles the open overlap follow-ups
# their administration owns; then for a koordinator the report's deadline and report, its decisions, the rows
# of its expired, quiet and result-less initiatives lists (one query for the three, when any has rows) and
# the latest entries in its areas (1: the entries with their initiatives and bodies, which are all the list
# names; which entries is kept until the data changes); for the steering group the overdue decisions and
# follow-ups (2) and the areas table with each administration's part in it (4: the counts per area and
# administration and per area, the areas, the administrations). The three lists' counts, the areas a
# koordinator works in, the areas' activity, the reader's rendered areas table and, for the steering group,
# the stored overlap review (whether it is up to date, its names, the first topics with the counts, their
# pairs, initiatives and verdicts) are kept until the data changes: the steering group's first look brings
# the review up to date, a write, and what it reads after that write is kept under the token the write gave.
OVERVIEW_QUERIES = {"tmf": 6, "styregruppe": 6}


def _decisions_and_entries(ref, count: int, start: int) -> None:
    """Open decisions owned by TMF and SOF, some overdue, on the Tingbjerg forum."""
    forum = ref.bodies["forum-husum-tingbjerg"]
    owners = [ref.administrations["TMF"], ref.administrations["SOF"]]
    db.session.add_all(CooperationEntry(date=date(2013, 12, 1), kind="decision", text=f"Beslutning {n}", body=forum,
                                        areas=[forum.area], owner_administration=owners[n % 2],
                                        due_date=date(2014, 1, 1 + n % 28), follow_up_status="open")
                       for n in range(start, start + count))


def test_overview_runs_the_same_queries_with_200_and_5000_initiatives(app, ref, count_queries):
    """Both roles in one test, so the 5,000 initiatives are built once."""
    app.config["TODAY"] = TODAY
    clients = {}
    for who in (*OVERVIEW_QUERIES, "laeser"):
        email, role, code = USERS[who]
        create_user(email, who, role, PASSWORD, administration_code=code)
    db.session.add(ReportDeadline(year=2013, due_on=date(2014, 3, 1)))
    add_initiatives(ref, 200)
    _decisions_and_entries(ref, 20, 0)
    db.session.commit()
    for who in (*OVERVIEW_QUERIES, "laeser"):
        clients[who] = app.test_client()
        clients[who].post("/login", data={"email": USERS[who][0], "password": PASSWORD})

    def counts() -> dict[str, int]:
        """Each role's queries beyond the reader's, whose front page is the table alone."""
        found = {}
        for who, client in clients.items():
            client.get("/")  # the overlap detection's cache is warm from here on
            db.session.expire_all()
            with count_queries() as queries:
                assert client.get("/").status_code == 200
            found[who] = queries.count
        table = found.pop("laeser")
        return {who: count - table for who, count in found.items()}

    small = counts()
    add_initiatives(ref, 4800, start=200)
    _decisions_and_entries(ref, 200, 20)
    db.session.commit()
    assert counts() == small == OVERVIEW_QUERIES
