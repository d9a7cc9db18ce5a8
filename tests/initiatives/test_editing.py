"""Editing, archiving and restoring initiatives: only those whose administration takes part may change one,
two people editing at once never overwrite each other silently, and every change is in the history."""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest

from tests.browser_form import form_data
from tests.factories import make_initiative
from tests.initiatives.conftest import conflict_resubmission, initiative_form, version_in
from tracker.extensions import db
from tracker.initiatives.models import Initiative, KeyFigure


@pytest.fixture
def walks(ref):
    """Safety walks: led by TMF, with BIF as partner (SOF takes no part)."""
    initiative = make_initiative(ref, "Tryghedsvandringer", "TMF", start_date=date(2010, 3, 1),
                                 end_date=date(2012, 11, 30), summary="Vandringer med beboere og politi.")
    initiative.areas = [ref.areas["husum-tingbjerg"]]
    initiative.partner_administrations = [ref.administrations["BIF"]]
    initiative.key_figures = [KeyFigure(label="Vandringer", value=Decimal(12), unit="", year=2012)]
    db.session.commit()
    return initiative


def _form_for(ref, initiative, page, **changes) -> dict:
    """The edit form of the safety walks as opened (`page`), with the user's changes."""
    opened = {
        "title": "Tryghedsvandringer", "summary": "Vandringer med beboere og politi.", "status": "active",
        "start_date": "2010-03-01", "end_date": "2012-11-30",
        "partner_administrations": [ref.administrations["BIF"].id], "partner_organisations": [],
        "areas": [ref.areas["husum-tingbjerg"].id], "places": [], "themes": [], "policy_areas": [],
        "version": version_in(page), "key_figures-0-label": "Vandringer", "key_figures-0-value": "12",
        "key_figures-0-unit": "", "key_figures-0-year": "2012",
    }
    return initiative_form(ref, **(opened | changes))


def _reload(initiative_id: int) -> Initiative:
    db.session.expire_all()
    return db.session.get(Initiative, initiative_id)


def test_the_edit_form_shows_the_saved_values_and_two_empty_key_figure_rows(login, ref, walks):
    page = login("tmf").get(f"/initiatives/{walks.id}/edit").get_data(as_text=True)
    assert "<h1>Redigér indsats</h1>" in page
    assert 'value="Tryghedsvandringer"' in page and "Vandringer med beboere og politi." in page
    assert 'value="2010-03-01"' in page
    assert 'name="key_figures-0-label" type="text" value="Vandringer"' in page
    assert page.count('name="key_figures-') == 3 * 4


def test_a_coordinator_of_sof_cannot_edit_a_tmf_initiative_until_sof_becomes_partner(login, ref, walks):
    sof, admin = login("sof"), login("admin")
    detail = sof.get(f"/initiatives/{walks.id}").get_data(as_text=True)
    assert "Redigér" not in detail and "Arkivér" not in detail
    for method, url in (("GET", "edit"), ("POST", "edit"), ("GET", "archive"), ("POST", "archive"),
                        ("POST", "restore")):
        response = sof.open(f"/initiatives/{walks.id}/{url}", method=method, data={"title": "Overtaget"})
        assert response.status_code == 403, (method, url)
        assert "Du kan kun" in response.get_data(as_text=True)
    assert _reload(walks.id).title == "Tryghedsvandringer"

    page = admin.get(f"/initiatives/{walks.id}/edit").get_data(as_text=True)
    form = _form_for(ref, walks, page, partner_administrations=[ref.administrations["BIF"].id,
                                                                ref.administrations["SOF"].id])
    assert admin.post(f"/initiatives/{walks.id}/edit", data=form).status_code == 302

    detail = sof.get(f"/initiatives/{walks.id}").get_data(as_text=True)
    assert f'href="/initiatives/{walks.id}/edit"' in detail and "Redigér" in detail
    assert sof.get(f"/initiatives/{walks.id}/edit").status_code == 200


@pytest.mark.parametrize("who", ["laeser", "styregruppe"])
def test_readers_and_steering_group_members_cannot_create_or_change(login, ref, walks, who):
    client = login(who)
    assert "Ny indsats" not in client.get("/initiatives/").get_data(as_text=True)
    detail = client.get(f"/initiatives/{walks.id}").get_data(as_text=True)
    assert "Redigér" not in detail and "Arkivér" not in detail
    assert client.get("/initiatives/new").status_code == 403
    assert client.post("/initiatives/new", data=initiative_form(ref, title="Ny")).status_code == 403
    assert client.get(f"/initiatives/{walks.id}/edit").status_code == 403
    assert client.post(f"/initiatives/{walks.id}/edit", data={"title": "Ny"}).status_code == 403
    assert client.post(f"/initiatives/{walks.id}/archive").status_code == 403
    assert db.session.query(Initiative).count() == 1


def test_the_list_offers_a_new_initiative_to_coordinators(login, ref):
    page = login("tmf").get("/initiatives/").get_data(as_text=True)
    assert 'href="/initiatives/new"' in page and "Ny indsats" in page


def test_unknown_initiative_gives_404_on_every_page(login, ref):
    client = login("admin")
    for url in ("/initiatives/999/edit", "/initiatives/999/archive", "/initiatives/999/history"):
        assert client.get(url).status_code == 404
    assert client.post("/initiatives/999/restore").status_code == 404


def test_a_coordinator_cannot_remove_their_own_administration_from_an_initiative(login, ref, walks):
    client = login("tmf")
    page = client.get(f"/initiatives/{walks.id}/edit").get_data(as_text=True)
    form = _form_for(ref, walks, page, lead_administration=ref.administrations["BIF"].id,
                     partner_administrations=[])
    response = client.post(f"/initiatives/{walks.id}/edit", data=form)
    assert response.status_code == 400
    assert "ellers kan du ikke redigere indsatsen bagefter" in response.get_data(as_text=True)
    assert _reload(walks.id).lead_administration.code == "TMF"


def test_two_people_editing_at_once_get_the_conflict_page_and_nothing_is_lost(login, ref, walks):
    tina, anna = login("tmf"), login("admin")
    tina_page = tina.get(f"/initiatives/{walks.id}/edit").get_data(as_text=True)
    anna_page = anna.get(f"/initiatives/{walks.id}/edit").get_data(as_text=True)

    first = tina.post(f"/initiatives/{walks.id}/edit", data=_form_for(ref, walks, tina_page, status="finished"))
    assert first.status_code == 302

    # Anna changes the title, which only she changed, and the status, which Tina changed too.
    mine = _form_for(ref, walks, anna_page, title="Tryghedsvandringer 2010-2012", status="planned",
                     base=form_data(anna_page, f"/initiatives/{walks.id}/edit")["base"])
    conflict = anna.post(f"/initiatives/{walks.id}/edit", data=mine)
    page = conflict.get_data(as_text=True)
    assert conflict.status_code == 409
    assert "Nogen har gemt før dig" in page
    status_choice = re.search(r"<legend class=\"form-label\">Status</legend>(.*?)</fieldset>", page, re.S).group(1)
    assert "Behold den gemte: <span class=\"conflict-value\">Afsluttet</span>" in status_choice
    assert "Brug min: <span class=\"conflict-value\">Planlagt</span>" in status_choice
    assert "<legend class=\"form-label\">Titel</legend>" not in page  # only Anna changed it: no question
    assert re.search(r"<dt>Titel</dt>\s*<dd[^>]*>Tryghedsvandringer 2010-2012</dd>", page)
    assert _reload(walks.id).title == "Tryghedsvandringer"  # nothing saved yet

    resubmit = conflict_resubmission(page)  # the page's form, as the browser sends it, with Anna's choice
    stored_version = _reload(walks.id).version
    assert resubmit["version"] == [str(stored_version)]
    resubmit["choose-status"] = ["mine"]
    assert anna.post(f"/initiatives/{walks.id}/edit", data=resubmit).status_code == 302
    saved = _reload(walks.id)
    assert (saved.title, saved.status, saved.version) == ("Tryghedsvandringer 2010-2012", "planned",
                                                          stored_version + 1)
    assert [f.label for f in saved.key_figures] == ["Vandringer"]

    history = anna.get(f"/initiatives/{walks.id}/history").get_data(as_text=True)
    rows = re.findall(r"<tr>\s*<td>(.*?)</td>\s*<td>(.*?)</td>\s*<td>(.*?)</td>\s*<td>(.*?)</td>\s*</tr>",
                      history, re.S)
    (anna_at, anna_name, anna_action, anna_changes), (tina_at, tina_name, tina_action, tina_changes) = rows[:2]
    assert (anna_name, anna_action.strip()) == ("Anna Admin", "Ændret")
    assert (tina_name, tina_action.strip()) == ("Tina Teknik", "Ændret")
    assert "<dt>Titel</dt>" in anna_changes and "Tryghedsvandringer 2010-2012" in anna_changes
    assert "<dt>Status</dt>" in anna_changes  # from finished to planned, as Anna chose
    assert "<dt>Status</dt>" in tina_changes and "Afsluttet" in tina_changes
    for at in (anna_at, tina_at):
        assert re.fullmatch(r"\d{1,2}\. \w+\.? \d{4} kl\. \d{2}\.\d{2}", at.strip()), at  # the one format
        assert str(date.today().year) in at


def test_keeping_the_saved_version_changes_nothing(login, ref, walks):
    tina, anna = login("tmf"), login("admin")
    tina_page = tina.get(f"/initiatives/{walks.id}/edit").get_data(as_text=True)
    anna_page = anna.get(f"/initiatives/{walks.id}/edit").get_data(as_text=True)
    tina.post(f"/initiatives/{walks.id}/edit", data=_form_for(ref, walks, tina_page, status="finished"))
    page = anna.post(f"/initiatives/{walks.id}/edit",
                     data=_form_for(ref, walks, anna_page, title="Andet")).get_data(as_text=True)
    assert f'href="/initiatives/{walks.id}">Behold den gemte version</a>' in page
    assert _reload(walks.id).title == "Tryghedsvandringer"


def test_history_shows_links_and_key_figures_that_changed(login, ref, walks):
    client = login("tmf")
    page = client.get(f"/initiatives/{walks.id}/edit").get_data(as_text=True)
    form = _form_for(ref, walks, page, partner_administrations=[ref.administrations["BIF"].id,
                                                                ref.administrations["SOF"].id],
                     **{"key_figures-0-value": "14,5",
                        "key_figures-1-label": "Lamper udskiftet", "key_figures-1-value": "30",
                        "key_figures-1-unit": "stk.", "key_figures-1-year": "2012"})
    assert client.post(f"/initiatives/{walks.id}/edit", data=form).status_code == 302
    history = client.get(f"/initiatives/{walks.id}/history").get_data(as_text=True)
    assert "Tina Teknik" in history
    assert re.search(r"<dt>Partnerforvaltninger</dt>\s*<dd><del>BIF</del> → <ins>BIF, SOF</ins></dd>", history)
    assert "Nøgletal: Vandringer" in history
    assert re.search(r"<dt>Værdi</dt>\s*<dd><del>12</del> → <ins>14.5</ins></dd>", history)
    assert "Nøgletal: Lamper udskiftet" in history and "Oprettet" in history


def test_archive_asks_first_hides_the_initiative_and_restore_brings_it_back(login, ref, walks):
    client = login("tmf")
    detail = client.get(f"/initiatives/{walks.id}").get_data(as_text=True)
    assert f'href="/initiatives/{walks.id}/archive"' in detail

    confirm = client.get(f"/initiatives/{walks.id}/archive")
    assert confirm.status_code == 200 and "Er du sikker?" in confirm.get_data(as_text=True)
    assert _reload(walks.id).archived_at is None  # asking changes nothing

    response = client.post(f"/initiatives/{walks.id}/archive")
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "er arkiveret" in page and ">Genskab</button>" in page
    assert "Tryghedsvandringer" not in client.get("/initiatives/").get_data(as_text=True)
    assert "Tryghedsvandringer" not in client.get("/areas/husum-tingbjerg").get_data(as_text=True)
    shown = client.get("/initiatives/?archived=1").get_data(as_text=True)
    assert "Tryghedsvandringer" in shown and "Arkiveret</span>" in shown
    assert is_checked_filter(shown)

    assert client.post(f"/initiatives/{walks.id}/restore").status_code == 302
    assert _reload(walks.id).archived_at is None
    assert "Tryghedsvandringer" in client.get("/initiatives/").get_data(as_text=True)

    history = client.get(f"/initiatives/{walks.id}/history").get_data(as_text=True)
    assert history.count("Tina Teknik") >= 2
    assert "Arkiveret</td>" in history.replace("\n", "") or ">Arkiveret" in history
    assert "Genskabt" in history


def is_checked_filter(page: str) -> bool:
    tag = re.search(r'<input[^>]*name="archived"[^>]*>', page).group(0)
    return "checked" in tag


def test_restore_is_post_only(login, ref, walks):
    assert login("tmf").get(f"/initiatives/{walks.id}/restore").status_code == 405


def test_the_history_tab_is_on_the_initiative_page(login, ref, walks):
    client = login("laeser")
    page = client.get(f"/initiatives/{walks.id}").get_data(as_text=True)
    assert f'href="/initiatives/{walks.id}/history"' in page and ">Historik</a>" in page
    history = client.get(f"/initiatives/{walks.id}/history")
    assert history.status_code == 200


def test_history_shows_a_removed_key_figure(login, ref, walks):
    client = login("tmf")
    page = client.get(f"/initiatives/{walks.id}/edit").get_data(as_text=True)
    form = _form_for(ref, walks, page, **{"key_figures-0-label": "", "key_figures-0-value": ""})
    assert client.post(f"/initiatives/{walks.id}/edit", data=form).status_code == 302
    assert _reload(walks.id).key_figures == []
    history = client.get(f"/initiatives/{walks.id}/history").get_data(as_text=True)
    assert "Slettet" in history and "Nøgletal: Vandringer" in history
