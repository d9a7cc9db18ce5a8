"""What the initiative form does to make recording quick, without JavaScript too: required fields marked,
limits counted and refused with a message instead of cut, "Tilføj nøgletal" that posts the form back with
one more row and everything kept, a key figure without a year taken as of the start year, and a goal of an
area the initiative does not cover refused on the server."""
from __future__ import annotations

import re

from sqlalchemy import func, select

from tests.initiatives.conftest import initiative_form, is_checked
from tracker.extensions import db
from tracker.initiatives.models import Initiative


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(Initiative))


def _input(page: str, name: str) -> str:
    return re.search(rf'<(?:input|textarea)[^>]*name="{name}"[^>]*>', page).group(0)


def test_required_fields_are_marked_and_no_field_cuts_what_is_typed(login, ref):
    page = login("tmf").get("/initiatives/new").get_data(as_text=True)

    for label in ("Titel</label>", "Status</label>", "Ansvarlig forvaltning</label>", "Områder"):
        assert re.search(rf'>{label}<span class="weight-normal" aria-hidden="true"> \(\*skal udfyldes\)</span>',
                         page), label
    assert 'aria-required="true"' in _input(page, "title")
    assert "(*skal udfyldes)" not in page[page.index(">Beskrivelse<"):][:120]
    form = page[page.index('class="initiative-form"'):]
    assert "maxlength" not in form[:form.index("</form>")]
    assert 'data-char-limit="200"' in _input(page, "title") and 'data-char-limit="5000"' in _input(page, "summary")
    assert '<span class="form-hint" id="title-counter" aria-live="polite">0 af 200 tegn</span>' in page
    assert '<span class="form-hint" id="summary-counter" aria-live="polite">0 af 5.000 tegn</span>' in page


def test_a_title_over_the_limit_comes_back_whole_with_the_counter_red_and_nothing_is_saved(login, ref):
    title = "Grønne gårde " * 20  # 260 characters

    response = login("tmf").post("/initiatives/new", data=initiative_form(ref, title=title))

    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Teksten må højst have 200 tegn (har 259)." in page
    assert f'value="{title.strip()}"' in page  # as typed, not cut to 200
    assert re.search(r'class="form-hint is-over form-error-message" id="title-counter" aria-live="polite">'
                     r'259 af 200 tegn – 59 for mange<', page)
    assert _count() == 0


def test_line_breaks_in_the_description_count_as_one_character_each(login, ref):
    client = login("tmf")
    text = "Linje\r\n" * 714 + "x"  # 714 × 6 + 1 = 4,285 characters with the breaks counted once

    assert client.post("/initiatives/new", data=initiative_form(ref, summary=text)).status_code == 302
    saved = db.session.scalar(select(Initiative.summary))
    assert "\r" not in saved and len(saved) == 4285

    too_long = "Linje\r\n" * 834  # 5,004 as the counter counts, 5,838 as the browser posts it
    response = client.post("/initiatives/new", data=initiative_form(ref, title="Anden", summary=too_long))
    assert "Teksten må højst have 5000 tegn (har 5003)." in response.get_data(as_text=True)  # the last break trimmed


def test_adding_a_key_figure_row_without_javascript_keeps_every_value_and_saves_nothing(login, ref):
    form = initiative_form(ref, summary="Mit resumé skal ikke gå tabt.", add_key_figure="1",
                           **{"key_figures-1-label": "Kurser", "key_figures-1-value": "3"})

    response = login("tmf").post("/initiatives/new", data=form)

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert page.count('name="key_figures-') == 4 * 4  # the two rows sent and one more
    assert 'value="Deltagere"' in page and 'value="Kurser"' in page
    assert "Mit resumé skal ikke gå tabt." in page
    assert is_checked(page, "places", ref.places["Mjølnerparken"].id)
    assert re.search(r'<input autofocus class="form-input" id="key_figures-3-label"', page)
    assert "fejl i formularen" not in page  # nothing is checked until the form is saved
    assert _count() == 0


def test_adding_a_row_to_an_edit_form_is_no_save_and_no_conflict(login, ref):
    client = login("tmf")
    assert client.post("/initiatives/new", data=initiative_form(ref)).status_code == 302
    initiative = db.session.scalar(select(Initiative))
    page = client.get(f"/initiatives/{initiative.id}/edit").get_data(as_text=True)
    version = re.search(r'name="version" type="hidden" value="(\d+)"', page).group(1)

    response = client.post(f"/initiatives/{initiative.id}/edit", data=initiative_form(
        ref, title="Green Teams 2", version=version, add_key_figure="1"))

    assert response.status_code == 200
    assert 'value="Green Teams 2"' in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Initiative, initiative.id).title == "Green Teams"


def test_a_key_figure_without_a_year_is_of_the_year_the_initiative_starts(login, ref):
    form = initiative_form(ref, start_date="2013-05-01", **{"key_figures-0-year": ""})

    assert login("tmf").post("/initiatives/new", data=form).status_code == 302

    assert [(f.label, f.year) for f in db.session.scalar(select(Initiative)).key_figures] == [("Deltagere", 2013)]


def test_a_goal_of_an_area_the_initiative_does_not_cover_is_refused_and_nothing_is_saved(login, ref):
    amager_goal = next(goal for goal in ref.goals if goal.plan.area.slug == "amager-sundby")
    norrebro_goal = next(goal for goal in ref.goals if goal.plan.area.slug == "norrebro")
    form = initiative_form(ref, goals=[norrebro_goal.id, amager_goal.id])

    response = login("tmf").post("/initiatives/new", data=form)

    page = response.get_data(as_text=True)
    assert response.status_code == 400
    message = (f"Målet &#39;{amager_goal.title}&#39; hører til en udviklingsplan for et område, "
               "indsatsen ikke dækker.")
    assert message in page[page.index('id="goals-error"'):][:400]
    assert is_checked(page, "goals", amager_goal.id)  # as chosen, to untick or to add Amager
    assert _count() == 0


def test_places_are_listed_under_their_area_and_goals_carry_their_area(login, ref):
    page = login("tmf").get("/initiatives/new").get_data(as_text=True)
    norrebro = ref.areas["norrebro"]
    group = page[page.index(f'name="areas" type="checkbox" value="{norrebro.id}"'):]
    group = group[:group.index("</fieldset>")]  # the area's places

    assert f'value="{ref.places["Mjølnerparken"].id}"' in group
    assert f'value="{ref.places["Tingbjerg"].id}"' not in group
    goal = next(goal for goal in ref.goals if goal.plan.area_id == norrebro.id)
    assert re.search(rf'data-area="{norrebro.id}">\s*<input class="form-checkbox" id="goals-\d+" name="goals" '
                     rf'type="checkbox" value="{goal.id}"', page)
