"""A coordinator logs cooperation from an initiative, a body or an area page in a minute; the entry shows
where it belongs; nobody logs where they have no part; bad input is explained in Danish and saves nothing."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from tracker.auth.models import User
from tracker.core.clock import today
from tracker.extensions import db
from tracker.log.models import CooperationEntry


def checked(html: str, name: str) -> set[str]:
    """The values of the ticked checkboxes of one group on a rendered form."""
    inputs = re.findall(r"<input [^>]*>", html)
    return {re.search(r'value="([^"]*)"', tag).group(1) for tag in inputs
            if f'name="{name}"' in tag and " checked" in tag}


def _entries() -> int:
    return db.session.scalar(select(func.count()).select_from(CooperationEntry))


def _form(ref, **changes) -> dict:
    data = {"kind": "joint_activity", "date": "2013-04-18", "text": "Fælles tryghedsvandring i Tingbjerg med beboerne",
            "initiative": str(ref.initiatives["walks"].id), "body": "",
            "areas": [str(ref.areas["husum-tingbjerg"].id)], "administrations": [str(ref.administrations["TMF"].id),
                                                                                 str(ref.administrations["SOF"].id)]}
    data.update(changes)
    return data


def test_coordinator_logs_an_entry_from_an_initiative_their_administration_leads(login, ref):
    tmf = login("tmf")
    walks = ref.initiatives["walks"]
    page = tmf.get(f"/entries/new?initiative={walks.id}&next=/initiatives/{walks.id}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert checked(html, "initiative") == {str(walks.id)}
    assert '>Tryghedsvandringer</label>' in html
    assert f'value="{today().isoformat()}"' in html  # the date defaults to today in Copenhagen
    assert checked(html, "administrations") == {str(ref.administrations["TMF"].id), str(ref.administrations["SOF"].id)}

    response = tmf.post(f"/entries/new?initiative={walks.id}", data=_form(ref, next=f"/initiatives/{walks.id}"))
    assert response.status_code == 302
    assert response.headers["Location"] == f"/initiatives/{walks.id}"
    assert "Fælles tryghedsvandring i Tingbjerg med beboerne" in tmf.get(f"/initiatives/{walks.id}").get_data(as_text=True)
    assert "Fælles tryghedsvandring i Tingbjerg med beboerne" in tmf.get("/areas/husum-tingbjerg").get_data(as_text=True)
    entry = db.session.scalar(select(CooperationEntry))
    assert entry.author.name == "Tove Teknik"
    assert [a.code for a in entry.administrations] == ["SOF", "TMF"]


def test_new_entry_form_prefills_the_initiatives_areas_and_administrations_and_the_users_own(login, ref):
    walks = ref.initiatives["walks"]  # led by TMF with SOF
    html = login("tmf").get(f"/entries/new?initiative={walks.id}").get_data(as_text=True)
    assert checked(html, "areas") == {str(ref.areas["husum-tingbjerg"].id), str(ref.areas["bispebjerg"].id)}
    assert checked(html, "administrations") == {str(ref.administrations["TMF"].id), str(ref.administrations["SOF"].id)}

    # an admin (no administration of their own) gets the initiative's; without an initiative, only the own
    admin_html = login("admin").get(f"/entries/new?initiative={walks.id}").get_data(as_text=True)
    assert checked(admin_html, "administrations") == {str(ref.administrations["TMF"].id),
                                                      str(ref.administrations["SOF"].id)}
    assert checked(login("tmf").get("/entries/new").get_data(as_text=True), "administrations") == {
        str(ref.administrations["TMF"].id)}


def test_each_initiative_offered_says_which_administrations_take_part_for_the_page_to_tick(login, ref):
    walks = ref.initiatives["walks"]
    html = login("tmf").get(f"/entries/new?initiative={walks.id}").get_data(as_text=True)
    tmf, sof = ref.administrations["TMF"].id, ref.administrations["SOF"].id
    assert re.search(rf'<input checked class="form-radio" data-administrations="{tmf} {sof}" id="initiative-\d+" '
                     rf'name="initiative" type="radio" value="{walks.id}">', html)


def test_the_date_comes_first_and_is_named_as_the_day_it_happened(login, ref):
    html = login("tmf").get(f"/entries/new?initiative={ref.initiatives['walks'].id}").get_data(as_text=True)
    form = html[html.index("<h1>"):]
    assert '<label class="form-label" for="date">Dato for mødet/aktiviteten</label>' in form
    assert "Den dag, det skete – ikke den dag, du skriver logposten." in form
    assert form.index('name="date"') < form.index('name="kind"') < form.index('name="text"')


def _crumbs(html: str) -> list[str]:
    trail = html[html.index('class="breadcrumbs"'):]
    trail = trail[:trail.index("</nav>")]
    return [re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li[^>]*>(.*?)</li>", trail, re.S)]


def test_the_breadcrumb_keeps_the_way_back_to_where_the_entry_belongs(login, ref):
    tmf = login("tmf")
    walks, forum = ref.initiatives["walks"], ref.bodies["forum-husum-tingbjerg"]
    assert _crumbs(tmf.get(f"/entries/new?initiative={walks.id}").get_data(as_text=True)) == [
        "Forside", "Indsatser", "Tryghedsvandringer", "Tilføj logpost"]
    assert _crumbs(tmf.get(f"/entries/new?body={forum.id}").get_data(as_text=True)) == [
        "Forside", "Samarbejdsorganer", forum.name, "Tilføj logpost"]
    assert _crumbs(tmf.get("/entries/new?area=bispebjerg").get_data(as_text=True)) == [
        "Forside", "Bispebjerg", "Tilføj logpost"]
    assert _crumbs(tmf.get("/entries/new").get_data(as_text=True)) == ["Forside", "Tilføj logpost"]
    html = tmf.get(f"/entries/new?initiative={walks.id}").get_data(as_text=True)
    assert f'<a class="breadcrumbs__link" href="/initiatives/{walks.id}">Tryghedsvandringer</a>' in html

    assert tmf.post(f"/entries/new?initiative={walks.id}", data=_form(ref)).status_code == 302
    entry = db.session.scalar(select(CooperationEntry))
    assert _crumbs(tmf.get(f"/entries/{entry.id}/edit").get_data(as_text=True)) == [
        "Forside", "Indsatser", "Tryghedsvandringer", "Ret logpost"]


def test_coordinator_cannot_log_on_an_initiative_their_administration_is_not_part_of(login, ref):
    tmf = login("tmf")
    lab = ref.initiatives["lab"]
    page = tmf.get(f"/entries/new?initiative={lab.id}")
    assert page.status_code == 403
    assert "leder eller er partner i" in page.get_data(as_text=True)
    assert tmf.post("/entries/new", data=_form(ref, initiative=str(lab.id))).status_code == 403
    assert _entries() == 0


def test_the_initiative_search_offers_only_initiatives_the_coordinator_may_log_on(login, ref):
    def found(who: str, words: str) -> str:
        return login(who).post("/entries/new", data=_form(ref, initiative="", initiative_search=words,
                                                           find_initiative="1")).get_data(as_text=True)

    assert ">Tryghedsvandringer</label>" in found("tmf", "tryghedsvandring")
    assert ">Lab2700</label>" not in found("tmf", "lab2700")
    assert ">Lab2700</label>" in found("admin", "lab2700")


def test_coordinator_logs_on_a_body_where_their_administration_has_a_seat(login, ref):
    tmf = login("tmf")
    forum, styregruppe = ref.bodies["forum-husum-tingbjerg"], ref.bodies["styregruppe"]
    assert tmf.get(f"/entries/new?body={forum.id}").status_code == 200
    response = tmf.post("/entries/new", data=_form(ref, initiative="", body=str(forum.id), kind="recommendation",
                                                      text="Forummet anbefaler en fælles kalender"))
    assert response.status_code == 302
    assert response.headers["Location"] == f"/bodies/{forum.id}"
    html = tmf.get(f"/bodies/{forum.id}").get_data(as_text=True)
    assert "Forummet anbefaler en fælles kalender" in html and "Anbefaling" in html
    assert tmf.get(f"/entries/new?body={styregruppe.id}").status_code == 403
    assert tmf.post("/entries/new", data=_form(ref, initiative="", body=str(styregruppe.id))).status_code == 403
    assert _entries() == 1


def test_an_entry_about_an_area_only_goes_back_to_the_area_page(login, ref):
    tmf = login("tmf")
    assert tmf.get("/entries/new?area=bispebjerg").status_code == 200
    response = tmf.post("/entries/new", data=_form(ref, initiative="", areas=[str(ref.areas["bispebjerg"].id)],
                                                      text="Møde med lokaludvalget om Stærevej"))
    assert response.headers["Location"] == "/areas/bispebjerg"
    assert "Møde med lokaludvalget om Stærevej" in tmf.get("/areas/bispebjerg").get_data(as_text=True)


def test_an_entry_without_initiative_or_body_needs_an_area(login, ref):
    response = login("tmf").post("/entries/new", data=_form(ref, initiative="", areas=[], text="Noget skete"))
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "En logpost uden indsats og samarbejdsorgan skal have mindst ét område." in html
    assert "Noget skete" in html  # what was typed is kept
    assert _entries() == 0


@pytest.mark.parametrize(("changes", "message"), [
    ({"text": "   "}, "Feltet skal udfyldes."),
    ({"text": "x" * 5001}, "Teksten må højst have 5000 tegn"),
    ({"date": "18-04-2013"}, "Skriv datoen som åååå-mm-dd"),
    ({"date": ""}, "Angiv en dato."),
    ({"date": "1850-01-01"}, "Datoen skal ligge mellem 1990 og 2100."),
    ({"kind": "rygte"}, "Ugyldig værdi"),
    ({"areas": ["999999"]}, "Ukendt område."),
    ({"administrations": ["abc"]}, "Ukendt forvaltning."),
    ({"initiative": "999999"}, "Indsatsen findes ikke."),
    ({"initiative": "'; DROP TABLE initiatives; --"}, "Indsatsen findes ikke."),
    ({"body": "12345678901234567890"}, "Samarbejdsorganet findes ikke."),
])
def test_invalid_input_is_explained_in_danish_and_saves_nothing(login, ref, changes, message):
    response = login("tmf").post("/entries/new", data=_form(ref, **changes))
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert "Logposten er ikke gemt" in response.get_data(as_text=True)
    assert _entries() == 0


def test_hostile_text_is_shown_escaped_and_nul_is_dropped(login, ref):
    tmf = login("tmf")
    response = tmf.post("/entries/new", data=_form(ref, text="<script>alert(1)</script>\x00 virker"))
    assert response.status_code == 302
    html = tmf.get(f"/initiatives/{ref.initiatives['walks'].id}").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; virker" in html


@pytest.mark.parametrize("who", ["laeser", "styregruppe"])
def test_readers_and_steering_group_members_do_not_keep_the_log(login, ref, who):
    client = login(who)
    assert client.get("/entries/new").status_code == 403
    assert client.post("/entries/new", data=_form(ref, initiative="", body="")).status_code == 403
    assert "Tilføj logpost" not in client.get("/areas/husum-tingbjerg").get_data(as_text=True)
    assert _entries() == 0


def test_the_quick_add_button_shows_only_where_the_user_may_log(login, ref):
    tmf, suf = login("tmf"), login("suf")
    forum = ref.bodies["forum-husum-tingbjerg"]
    assert "Tilføj logpost" in tmf.get("/areas/husum-tingbjerg").get_data(as_text=True)
    assert "Tilføj logpost" in tmf.get(f"/bodies/{forum.id}").get_data(as_text=True)
    assert "Tilføj logpost" not in suf.get(f"/bodies/{forum.id}").get_data(as_text=True)


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "javascript:alert(1)"])
def test_after_saving_only_pages_of_this_app_are_followed(login, ref, target):
    response = login("tmf").post("/entries/new", data=_form(ref, next=target))
    assert response.headers["Location"] == f"/initiatives/{ref.initiatives['walks'].id}"


def test_unknown_prefill_ids_are_pages_that_do_not_exist(login, ref):
    tmf = login("tmf")
    for query in ("initiative=999999", "initiative=abc", "body=999999", "area=atlantis"):
        assert tmf.get(f"/entries/new?{query}").status_code == 404
    assert tmf.get("/entries/999999/edit").status_code == 404
    assert tmf.get("/entries/999999/history").status_code == 404


def test_the_author_is_the_signed_in_user_whatever_the_form_says(login, ref):
    login("tmf").post("/entries/new", data=_form(ref, author="1", author_id="1"))
    entry = db.session.scalar(select(CooperationEntry))
    assert entry.author_id == db.session.scalar(select(User.id).where(User.email == "tove@tmf.example"))
