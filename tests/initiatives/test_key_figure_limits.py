"""How many key figures an initiative holds, and how large one may be: a clear Danish refusal, never a 500
and never a silent cut; an initiative with the most figures allowed still opens for editing."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.initiatives.conftest import initiative_form, version_in
from tracker.core.errors import ValidationError
from tracker.extensions import db
from tracker.initiatives import services
from tracker.initiatives.models import Initiative, KeyFigure
from tracker.initiatives.services import KEY_FIGURES_MAX, KeyFigureInput


def _rows(count: int, start: int = 0) -> dict:
    form = {}
    for n in range(start, start + count):
        form |= {f"key_figures-{n}-label": f"Deltagere {n}", f"key_figures-{n}-value": str(n),
                 f"key_figures-{n}-unit": "personer", f"key_figures-{n}-year": "2013"}
    return form


def _created(tina, ref, **changes) -> Initiative:
    response = tina.post("/initiatives/new", data=initiative_form(ref, **changes))
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    return db.session.scalar(select(Initiative).where(Initiative.title == "Green Teams"))


def _figures() -> int:
    return db.session.scalar(select(func.count()).select_from(KeyFigure))


def test_an_initiative_with_the_most_key_figures_opens_for_editing_and_saves_unchanged(login, ref):
    tina = login("tmf")
    initiative = _created(tina, ref, **_rows(KEY_FIGURES_MAX))
    assert len(initiative.key_figures) == KEY_FIGURES_MAX

    page = tina.get(f"/initiatives/{initiative.id}/edit")

    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert f'value="Deltagere {KEY_FIGURES_MAX - 1}"' in text
    response = tina.post(f"/initiatives/{initiative.id}/edit",
                         data=initiative_form(ref, version=version_in(text), **_rows(KEY_FIGURES_MAX)))
    assert response.status_code == 302
    assert _figures() == KEY_FIGURES_MAX


def test_one_key_figure_too_many_is_refused_with_a_message(login, ref):
    tina = login("tmf")
    initiative = _created(tina, ref, **_rows(KEY_FIGURES_MAX))
    page = tina.get(f"/initiatives/{initiative.id}/edit").get_data(as_text=True)

    # The form's empty rows filled in: one more figure than allowed.
    response = tina.post(f"/initiatives/{initiative.id}/edit",
                         data=initiative_form(ref, version=version_in(page), **_rows(KEY_FIGURES_MAX + 1)))

    assert response.status_code == 400
    assert f"En indsats kan højst have {KEY_FIGURES_MAX} nøgletal (her er {KEY_FIGURES_MAX + 1})." in \
        response.get_data(as_text=True)
    assert _figures() == KEY_FIGURES_MAX


def test_a_post_with_5000_key_figure_rows_is_refused_not_cut_to_the_first_rows(login, ref):
    tina = login("tmf")

    response = tina.post("/initiatives/new", data=initiative_form(ref, **_rows(5000)))

    assert response.status_code == 400
    assert f"En indsats kan højst have {KEY_FIGURES_MAX} nøgletal (her er 5000)." in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Initiative)) == 0
    assert _figures() == 0


@pytest.mark.parametrize("value", ["1e9999999", "-1e9999999", "1000000000000", "9" * 5000, "NaN", "Infinity",
                                   "-inf", "sNaN"])
def test_a_key_figure_too_large_or_not_a_number_is_refused_with_a_message(login, ref, value):
    tina = login("tmf")

    response = tina.post("/initiatives/new", data=initiative_form(ref, **{"key_figures-0-value": value}))

    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Nøgletallet &#39;Deltagere&#39; er for stort." in page or "er ikke et tal." in page
    assert db.session.scalar(select(func.count()).select_from(Initiative)) == 0


@pytest.mark.parametrize("name", ["key_figures-²-label", "key_figures-" + "9" * 5000 + "-label"])
def test_a_row_name_that_is_no_row_number_is_ignored(login, ref, name):
    tina = login("tmf")

    response = tina.post("/initiatives/new", data=initiative_form(ref, **{name: "Ekstra"}))

    assert response.status_code == 302
    assert _figures() == 1


@pytest.mark.parametrize("year", ["²⁰¹³", "２０１３"])
def test_a_year_in_other_digits_gets_an_answer_not_a_failure(login, ref, year):
    tina = login("tmf")

    response = tina.post("/initiatives/new", data=initiative_form(ref, **{"key_figures-0-year": year}))
    listed = tina.get(f"/initiatives/?year={year}")

    assert response.status_code in (302, 400)
    assert listed.status_code == 200


def test_the_service_refuses_more_key_figures_than_an_initiative_may_have(ref):
    figures = [KeyFigureInput(label=f"Tal {n}", value=n, year=2013, unit="") for n in range(KEY_FIGURES_MAX + 1)]
    data = services.InitiativeInput(title="Mange tal", status="active", lead_administration=ref.administrations["TMF"],
                                    areas=[ref.areas["norrebro"]], key_figures=figures)

    with pytest.raises(ValidationError) as refused:
        services.create_initiative(data)

    assert str(refused.value.message) == f"En indsats kan højst have {KEY_FIGURES_MAX} nøgletal (her er 101)."
