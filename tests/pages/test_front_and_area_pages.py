"""The front page shows each area's active initiatives per administration; an area page shows its plan,
places, bodies, initiatives and latest cooperation."""
from __future__ import annotations

from datetime import UTC, date, datetime

from tests.factories import add_initiatives, make_initiative
from tracker.extensions import db
from tracker.models import CooperationEntry


def test_front_page_links_every_area(reader, ref):
    html = reader.get("/").get_data(as_text=True)
    for area in ref.areas.values():
        assert area.name in html
        assert f'href="/areas/{area.slug}"' in html


def test_front_page_counts_active_initiatives_per_administration_and_area(reader, ref):
    tingbjerg = ref.areas["husum-tingbjerg"]
    walks = make_initiative(ref, "Tryghedsvandringer", "TMF", status="active")
    walks.areas = [tingbjerg]
    walks.partner_administrations = [ref.administrations["SOF"]]
    teams = make_initiative(ref, "Green Teams", "TMF", status="active")
    teams.areas = [tingbjerg]
    finished = make_initiative(ref, "Afsluttet indsats", "BIF", status="finished")
    finished.areas = [tingbjerg]
    db.session.commit()

    html = reader.get("/").get_data(as_text=True)

    # TMF leads two active ones in Husum/Tingbjerg, SOF joins one; the finished one does not count.
    assert "?area=husum-tingbjerg&amp;administration=TMF&amp;status=active" in html
    assert "2 aktive indsatser med TMF i Husum/Tingbjerg" in html
    assert "1 aktiv indsats med SOF i Husum/Tingbjerg" in html
    assert "2 aktive indsatser i Husum/Tingbjerg i alt" in html
    assert "administration=BIF" not in html


def test_front_page_survives_initiatives_only_outside_the_areas(reader, ref):
    renewal = make_initiative(ref, "Områdefornyelse Indre Nørrebro", "TMF")
    renewal.places = [ref.places["Indre Nørrebro"]]
    db.session.commit()
    assert reader.get("/").status_code == 200


def test_area_page_shows_plan_goals_places_and_bodies(reader, ref):
    html = reader.get("/areas/bispebjerg").get_data(as_text=True)
    assert "<h1>Bispebjerg</h1>" in html
    assert "Bispebjerg/Nordvest" in html  # alias
    assert "Udviklingsplan for Bispebjerg" in html
    assert "Et trygt Bispebjerg" in html and "Flere i job i Bispebjerg" in html
    assert "Bispeparken" in html
    assert "Boligsocialt forum Bispebjerg" in html
    # The renewal's steering group belongs to the area through its place, Fuglekvarteret.
    assert "Områdefornyelsen Fuglekvarteret" in html
    assert "Områdefornyelsen Indre Nørrebro" not in html


def test_area_page_lists_initiatives_in_the_area_directly_or_through_a_place(reader, ref):
    direct = make_initiative(ref, "Lab2700", "BIF")
    direct.areas = [ref.areas["bispebjerg"]]
    via_place = make_initiative(ref, "Green Teams i Bispeparken", "TMF")
    via_place.places = [ref.places["Bispeparken"]]
    elsewhere = make_initiative(ref, "Urbanplanen-indsats", "SOF")
    elsewhere.areas = [ref.areas["amager-sundby"]]
    db.session.commit()
    html = reader.get("/areas/bispebjerg").get_data(as_text=True)
    assert "Lab2700" in html and "Green Teams i Bispeparken" in html
    assert "Urbanplanen-indsats" not in html


def test_area_page_caps_its_initiatives_and_links_to_the_filtered_list(reader, ref):
    add_initiatives(ref, 120)
    db.session.commit()
    html = reader.get("/areas/norrebro").get_data(as_text=True)
    assert html.count('href="/initiatives/') - html.count('href="/initiatives/?') >= 10
    assert 'href="/initiatives/?area=norrebro"' in html
    assert "Se alle" in html


def test_area_page_shows_the_latest_cooperation_in_the_area(reader, ref):
    initiative = make_initiative(ref, "Tryghedsvandring i Tingbjerg", "TMF")
    initiative.areas = [ref.areas["husum-tingbjerg"]]
    db.session.add(CooperationEntry(date=date(2013, 5, 2), kind="result", initiative=initiative,
                                    text="Bedre belysning i Tingbjerg efter vandringen."))
    db.session.add(CooperationEntry(date=date(2013, 6, 1), kind="meeting", text="Forum mødtes om skolen.",
                                    areas=[ref.areas["husum-tingbjerg"]]))
    db.session.add(CooperationEntry(date=date(2013, 6, 1), kind="meeting", text="Møde på Amager.",
                                    areas=[ref.areas["amager-sundby"]]))
    db.session.commit()
    html = reader.get("/areas/husum-tingbjerg").get_data(as_text=True)
    assert "Bedre belysning i Tingbjerg efter vandringen." in html
    assert "Forum mødtes om skolen." in html
    assert "Møde på Amager." not in html
    assert html.index("Forum mødtes om skolen.") < html.index("Bedre belysning")  # newest first
    assert "Resultat" in html  # the entry kind, in Danish


def test_unknown_area_is_404(reader, ref):
    response = reader.get("/areas/indre-norrebro")
    assert response.status_code == 404
    assert 'href="/"' in response.get_data(as_text=True)


def test_an_area_page_shown_before_shows_a_new_initiative_and_entry_and_an_archived_one_goes(reader, ref):
    """Which initiatives and entries the area page shows is kept until the data changes: a change shows at
    the next look."""
    tingbjerg = ref.areas["husum-tingbjerg"]
    first = make_initiative(ref, "Lektiecafé i Tingbjerg", "BUF", areas=[tingbjerg])
    db.session.add(CooperationEntry(date=date(2013, 5, 2), kind="meeting", text="Første møde i forummet.",
                                    areas=[tingbjerg]))
    db.session.commit()
    before = reader.get("/areas/husum-tingbjerg").get_data(as_text=True)
    assert "Lektiecafé i Tingbjerg" in before and "Første møde i forummet." in before

    make_initiative(ref, "Jobcafé i Tingbjerg", "BIF", areas=[tingbjerg])
    db.session.add(CooperationEntry(date=date(2013, 6, 1), kind="meeting", text="Andet møde i forummet.",
                                    areas=[tingbjerg]))
    first.archived_at = datetime(2013, 7, 1, tzinfo=UTC)
    db.session.commit()
    after = reader.get("/areas/husum-tingbjerg").get_data(as_text=True)
    assert "Jobcafé i Tingbjerg" in after and "Andet møde i forummet." in after
    assert "Lektiecafé i Tingbjerg" not in after
