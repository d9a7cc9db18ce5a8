"""Two people editing one initiative at once: a change to only its key figures is caught like any other,
a colleague's change to another field is kept without asking, and only a field both changed is put to the
user, field by field. Sets (places, partners, themes, goals) compare as sets."""
from __future__ import annotations

import re
from decimal import Decimal

import pytest

from tests.browser_form import form_data
from tracker.extensions import db
from tracker.initiatives.models import Initiative, KeyFigure


@pytest.fixture
def walks(ref):
    initiative = Initiative(title="Tryghedsvandringer", lead_administration=ref.administrations["TMF"],
                            status="active", summary="Vandringer med beboere og politi.")
    initiative.areas = [ref.areas["husum-tingbjerg"]]
    initiative.places = [ref.places["Mjølnerparken"], ref.places["Tingbjerg"]]
    initiative.key_figures = [KeyFigure(label="Vandringer", value=Decimal(12), unit="", year=2012)]
    db.session.add(initiative)
    db.session.commit()
    return initiative


def _open(client, initiative) -> str:
    return client.get(f"/initiatives/{initiative.id}/edit").get_data(as_text=True)


def _edit(client, initiative, page: str, **changes):
    return client.post(f"/initiatives/{initiative.id}/edit",
                       data=form_data(page, f"/initiatives/{initiative.id}/edit", **changes))


def _reload(initiative_id: int) -> Initiative:
    db.session.expire_all()
    return db.session.get(Initiative, initiative_id)


def _fieldset(page: str, legend: str) -> str:
    match = re.search(rf"<fieldset>\s*<legend class=\"form-label\">{legend}</legend>(.*?)</fieldset>", page, re.S)
    assert match, f"no choice for {legend}"
    return match.group(1)


def test_two_stale_forms_that_change_only_key_figures_end_in_the_conflict_page(login, walks):
    tina, anna = login("tmf"), login("admin")
    tina_page, anna_page = _open(tina, walks), _open(anna, walks)
    assert _edit(tina, walks, tina_page, **{"key_figures-0-value": "111"}).status_code == 302
    assert _reload(walks.id).version == 2  # the key figure alone moved the initiative's version

    response = _edit(anna, walks, anna_page, **{"key_figures-0-value": "222"})
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    choice = _fieldset(page, "Nøgletal")
    assert "Vandringer: 111 (2012)" in choice and "Vandringer: 222 (2012)" in choice
    assert [f.value for f in _reload(walks.id).key_figures] == [Decimal("111.00")]


def test_a_stale_form_cannot_remove_a_key_figure_a_colleague_just_added(login, walks):
    tina, anna = login("tmf"), login("admin")
    tina_page, anna_page = _open(tina, walks), _open(anna, walks)
    added = {"key_figures-1-label": "Deltagere", "key_figures-1-value": "40", "key_figures-1-year": "2012"}
    assert _edit(tina, walks, tina_page, **added).status_code == 302
    response = _edit(anna, walks, anna_page, **{"key_figures-0-value": "13"})
    assert response.status_code == 409
    assert sorted(f.label for f in _reload(walks.id).key_figures) == ["Deltagere", "Vandringer"]


def test_a_colleagues_title_is_kept_when_i_change_only_the_summary(login, walks):
    tina, anna = login("tmf"), login("admin")
    tina_page, anna_page = _open(tina, walks), _open(anna, walks)
    assert _edit(tina, walks, tina_page, title="Tryghedsvandringer i Tingbjerg").status_code == 302

    response = _edit(anna, walks, anna_page, summary="Vandringer hver måned.")
    assert response.status_code == 302
    saved = _reload(walks.id)
    assert (saved.title, saved.summary) == ("Tryghedsvandringer i Tingbjerg", "Vandringer hver måned.")
    detail = anna.get(response.headers["Location"]).get_data(as_text=True)
    assert "Mens du redigerede, gemte en kollega ændringer i: Titel." in detail


def test_when_both_change_the_title_only_the_title_is_asked_and_each_choice_is_kept(login, walks):
    tina, anna = login("tmf"), login("admin")
    tina_page, anna_page = _open(tina, walks), _open(anna, walks)
    assert _edit(tina, walks, tina_page, title="Tinas titel", status="finished").status_code == 302

    response = _edit(anna, walks, anna_page, title="Annas titel", summary="Annas beskrivelse.")
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert page.count("<fieldset>") == 1
    choice = _fieldset(page, "Titel")
    assert re.search(r'<input type="radio"[^>]*name="choose-title" value="saved" required>\s*'
                     r'<label class="form-label" for="choose-title-saved">Behold den gemte: '
                     r'<span class="conflict-value">Tinas titel</span>', choice)
    assert "Brug min: <span class=\"conflict-value\">Annas titel</span>" in choice
    assert re.search(r"Kollegaens ændringer, som bevares</h2>\s*<dl[^>]*>\s*<dt>Status</dt>\s*"
                     r"<dd[^>]*>Afsluttet</dd>", page)
    assert re.search(r"Dine ændringer, som gemmes</h2>\s*<dl[^>]*>\s*<dt>Beskrivelse</dt>\s*"
                     r"<dd[^>]*>Annas beskrivelse.</dd>", page)
    assert _reload(walks.id).title == "Tinas titel"  # nothing of Anna's saved yet

    chosen = anna.post(f"/initiatives/{walks.id}/edit", data=form_data(page, "conflict-actions",
                                                                        **{"choose-title": "mine"}))
    assert chosen.status_code == 302
    saved = _reload(walks.id)
    assert (saved.title, saved.status, saved.summary) == ("Annas titel", "finished", "Annas beskrivelse.")


def test_keeping_the_saved_title_still_saves_my_other_changes(login, walks):
    tina, anna = login("tmf"), login("admin")
    tina_page, anna_page = _open(tina, walks), _open(anna, walks)
    _edit(tina, walks, tina_page, title="Tinas titel")
    page = _edit(anna, walks, anna_page, title="Annas titel", summary="Annas beskrivelse.").get_data(as_text=True)
    chosen = anna.post(f"/initiatives/{walks.id}/edit", data=form_data(page, "conflict-actions",
                                                                        **{"choose-title": "saved"}))
    assert chosen.status_code == 302
    saved = _reload(walks.id)
    assert (saved.title, saved.summary) == ("Tinas titel", "Annas beskrivelse.")


def test_a_choice_left_out_asks_again_and_saves_nothing(login, walks):
    tina, anna = login("tmf"), login("admin")
    tina_page, anna_page = _open(tina, walks), _open(anna, walks)
    _edit(tina, walks, tina_page, title="Tinas titel")
    page = _edit(anna, walks, anna_page, title="Annas titel").get_data(as_text=True)
    again = anna.post(f"/initiatives/{walks.id}/edit", data=form_data(page, "conflict-actions"))
    assert again.status_code == 409
    assert "Vælg for hvert felt, om den gemte værdi eller din skal gælde." in again.get_data(as_text=True)
    assert _reload(walks.id).title == "Tinas titel"


def test_a_colleague_who_saved_again_meanwhile_is_merged_with_my_choice(login, walks):
    tina, anna = login("tmf"), login("admin")
    tina_page, anna_page = _open(tina, walks), _open(anna, walks)
    _edit(tina, walks, tina_page, title="Tinas titel")
    conflict = _edit(anna, walks, anna_page, title="Annas titel").get_data(as_text=True)
    _edit(tina, walks, _open(tina, walks), status="finished")  # while Anna decides
    chosen = anna.post(f"/initiatives/{walks.id}/edit", data=form_data(conflict, "conflict-actions",
                                                                        **{"choose-title": "mine"}))
    assert chosen.status_code == 302
    saved = _reload(walks.id)
    assert (saved.title, saved.status) == ("Annas titel", "finished")


def test_places_sent_in_another_order_are_no_change(login, ref, walks):
    tina, anna = login("tmf"), login("admin")
    tina_page, anna_page = _open(tina, walks), _open(anna, walks)
    _edit(tina, walks, tina_page, places=[ref.places["Mjølnerparken"].id])  # Tina takes Tingbjerg off
    mine = form_data(anna_page, f"/initiatives/{walks.id}/edit", summary="Annas beskrivelse.")
    assert len(mine["places"]) == 2
    mine["places"].reverse()  # the same two places, sent the other way round
    response = anna.post(f"/initiatives/{walks.id}/edit", data=mine)
    assert response.status_code == 302
    saved = _reload(walks.id)
    assert [p.name for p in saved.places] == ["Mjølnerparken"]
    assert saved.summary == "Annas beskrivelse."


def test_a_forged_opened_at_snapshot_counts_as_none(login, walks):
    tina, anna = login("tmf"), login("admin")
    tina_page, anna_page = _open(tina, walks), _open(anna, walks)
    _edit(tina, walks, tina_page, title="Tinas titel")
    response = _edit(anna, walks, anna_page, summary="Annas beskrivelse.", base="forged")
    assert response.status_code == 409  # without a trustworthy base, every difference is asked
    assert _reload(walks.id).title == "Tinas titel"
