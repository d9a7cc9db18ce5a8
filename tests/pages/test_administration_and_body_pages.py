"""Administration pages show what each leads, joins and sits in; body pages show members and meetings."""
from __future__ import annotations

from datetime import UTC, date, datetime

from tests.factories import add_initiatives, add_meetings, make_initiative
from tracker.extensions import db
from tracker.models import CooperationEntry, Membership, Person


def test_administration_list_shows_the_seven_with_their_committees(reader, ref):
    html = reader.get("/administrations/").get_data(as_text=True)
    for admin in ref.administrations.values():
        assert admin.name in html and admin.committee in html


def test_administration_page_separates_what_it_leads_from_what_it_joins(reader, ref):
    led = make_initiative(ref, "Green Teams", "TMF")
    joined = make_initiative(ref, "Lab2700", "BIF")
    joined.partner_administrations = [ref.administrations["TMF"]]
    other = make_initiative(ref, "Fleksibel udlejning", "SOF")
    db.session.commit()

    html = reader.get("/administrations/TMF").get_data(as_text=True)

    assert "Teknik- og Miljøudvalget" in html
    leads_section = html[html.index("Indsatser forvaltningen leder"):html.index("Indsatser forvaltningen er partner i")]
    partner_section = html[html.index("Indsatser forvaltningen er partner i"):]
    assert led.title in leads_section and joined.title not in leads_section
    assert joined.title in partner_section
    assert other.title not in html
    assert "Tværkommunalt Team" in html  # its seat
    assert "Tove Teknik" in html


def test_administration_code_is_matched_without_regard_to_case(reader, ref):
    assert reader.get("/administrations/tmf").status_code == 200
    assert reader.get("/administrations/økf").status_code == 200


def test_administration_page_caps_long_lists_with_links_to_the_filtered_list(reader, ref):
    add_initiatives(ref, 200)
    db.session.commit()
    html = reader.get("/administrations/TMF").get_data(as_text=True)
    assert 'href="/initiatives/?administration=TMF&amp;role=lead"' in html
    assert 'href="/initiatives/?administration=TMF&amp;role=partner"' in html


def test_unknown_administration_is_404(reader, ref):
    assert reader.get("/administrations/XYZ").status_code == 404


def test_body_list_shows_every_body_with_kind_and_place(reader, ref):
    html = reader.get("/bodies/").get_data(as_text=True)
    assert "Tværkommunalt Team" in html and "Den Tværkommunale Styregruppe" in html
    assert "Boligsocialt forum Tingbjerg" not in html
    assert "Boligsocialt forum Husum/Tingbjerg" in html
    assert "Områdefornyelsens styregruppe" in html  # the kind, in Danish
    assert "Fuglekvarteret" in html


def test_body_page_groups_members_by_whom_they_represent(reader, ref):
    forum = ref.bodies["forum-husum-tingbjerg"]
    forum.memberships.append(Membership(role="Boligsocial koordinator", organisation=ref.organisations["SAB"],
                                        person=Person(name="Søren Sabsen")))
    db.session.commit()
    html = reader.get(f"/bodies/{forum.id}").get_data(as_text=True)
    assert "Boligsocialt forum" in html and "Lederniveau" in html
    assert 'href="/areas/husum-tingbjerg"' in html
    assert "SOF – Socialforvaltningen" in html
    assert "Søren Sabsen" in html and "Boligsocial koordinator" in html
    # administrations first, then the outside organisations by name, whatever their case
    assert html.index("SOF – Socialforvaltningen") < html.index(">fsb<") < html.index(">SAB<")


def test_body_page_lists_meetings_newest_first_with_who_attended(reader, ref):
    team = ref.bodies["team"]
    html = reader.get(f"/bodies/{team.id}").get_data(as_text=True)
    assert "Status på tryghedsvandringer" in html
    assert "1. mar. 2013" in html


def test_body_page_paginates_many_meetings(reader, ref, app):
    team = ref.bodies["team"]
    add_meetings(team, [ref.administrations["BIF"]], 60)
    db.session.commit()
    first = reader.get(f"/bodies/{team.id}").get_data(as_text=True)
    second = reader.get(f"/bodies/{team.id}?page=2").get_data(as_text=True)
    assert "Møde 59<" in first and "Møde 59<" not in second  # the newest is on page 1
    assert "Møde 0<" not in first
    assert f'href="/bodies/{team.id}?page=2"' in first
    assert reader.get(f"/bodies/{team.id}?page=abc").status_code == 200
    assert reader.get(f"/bodies/{team.id}?page=999").status_code == 404


def test_renewal_body_shows_its_period(reader, ref):
    html = reader.get(f"/bodies/{ref.bodies['fuglekvarteret'].id}").get_data(as_text=True)
    assert "1. jan. 2013 – 31. dec. 2018" in html


def test_unknown_body_is_404(reader, ref):
    assert reader.get("/bodies/99999").status_code == 404
    assert reader.get("/bodies/abc").status_code == 404


def test_a_body_without_members_or_meetings_says_so(reader, ref):
    html = reader.get(f"/bodies/{ref.bodies['styregruppe'].id}").get_data(as_text=True)
    assert "Der er ikke registreret medlemmer" in html
    assert "Der er ikke registreret møder" in html


def test_a_body_page_shown_before_shows_a_new_log_entry_and_drops_an_archived_one(reader, ref):
    """Which entries the body page shows first is kept until the data changes: a change shows at once."""
    team = ref.bodies["team"]
    old = CooperationEntry(date=date(2013, 3, 1), kind="meeting", text="Teamet drøftede lektiehjælp.", body=team)
    db.session.add(old)
    db.session.commit()
    before = reader.get(f"/bodies/{team.id}").get_data(as_text=True)
    assert "Teamet drøftede lektiehjælp." in before

    db.session.add(CooperationEntry(date=date(2013, 4, 1), kind="decision", text="Teamet besluttede en fælles plan.",
                                    body=team))
    old.archived_at = datetime(2013, 5, 1, tzinfo=UTC)
    db.session.commit()
    after = reader.get(f"/bodies/{team.id}").get_data(as_text=True)
    assert "Teamet besluttede en fælles plan." in after
    assert "Teamet drøftede lektiehjælp." not in after
