"""My overview: a koordinator sees their own administration's decisions and expired or quiet initiatives; a
styregruppe member sees overdue decisions across administrations and the overlap review; a reader sees the
table only. The page's queries do not grow with the data."""
from __future__ import annotations

from datetime import date

import pytest

from tests.factories import add_initiatives, make_initiative
from tracker.auth.services import create_user
from tracker.extensions import db
from tracker.log.models import CooperationEntry
from tracker.overlaps.models import OverlapVerdict

TODAY = date(2014, 2, 3)
PASSWORD = "overblik-adgangskode"
USERS = {"tmf": ("tmf@kk.example", "koordinator", "TMF"), "sof": ("sof@kk.example", "koordinator", "SOF"),
         "styregruppe": ("stig@kk.example", "styregruppe", "BIF"), "laeser": ("lise@kk.example", "laeser", None)}


@pytest.fixture
def world(app, ref):
    app.config["TODAY"] = TODAY
    for email, role, code in USERS.values():
        create_user(email, email.split("@")[0], role, PASSWORD, administration_code=code)
    expired = make_initiative(ref, "Udløbet TMF-indsats", "TMF", status="active", end_date=date(2013, 12, 31))
    make_initiative(ref, "Stille TMF-indsats", "TMF", status="active")
    running = make_initiative(ref, "Travl TMF-indsats", "TMF", status="active")
    db.session.add(CooperationEntry(date=date(2014, 1, 10), kind="meeting", text="Møde i januar.",
                                    initiative=running))
    make_initiative(ref, "Udløbet SOF-indsats", "SOF", status="planned", end_date=date(2013, 6, 30))
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
    assert "Stille TMF-indsats" in html and "Travl TMF-indsats" not in html.split('id="stille"')[1].split("</section>")[0]
    assert "De udsatte byområder" in html  # the table stays, below


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


@pytest.mark.parametrize("who", ["tmf", "styregruppe"])
def test_overview_runs_the_same_queries_with_200_and_5000_initiatives(client, app, ref, count_queries, who):
    app.config["TODAY"] = TODAY
    email, role, code = USERS[who]
    create_user(email, who, role, PASSWORD, administration_code=code)
    add_initiatives(ref, 200)
    db.session.commit()
    client.post("/login", data={"email": email, "password": PASSWORD})
    client.get("/")  # the overlap detection's cache is warm from here on
    with count_queries() as small:
        assert client.get("/").status_code == 200
    add_initiatives(ref, 4800, start=200)
    db.session.commit()
    client.get("/")
    with count_queries() as large:
        assert client.get("/").status_code == 200
    assert large.count == small.count
