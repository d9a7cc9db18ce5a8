"""Administrators keep each area's development plans and their goals current; the plan's history shows
the changes of the plan and of its goals, with who and when."""
from __future__ import annotations

from datetime import UTC, datetime
from html import unescape

from sqlalchemy import func, select

from tracker.areas.models import Goal, Udviklingsplan
from tracker.core.dates import format_day
from tracker.extensions import db


def _plan(title: str) -> Udviklingsplan | None:
    db.session.expire_all()
    return db.session.scalar(select(Udviklingsplan).where(Udviklingsplan.title == title))


def _plan_form(plan: Udviklingsplan, **overrides) -> dict:
    return {"version": plan.version, "area": str(plan.area_id), "title": plan.title, "status": plan.status,
            "year_adopted": str(plan.year_adopted or ""), "period_start": str(plan.period_start or ""),
            "period_end": str(plan.period_end or ""), "summary": plan.summary, **overrides}


def test_an_administrator_creates_a_plan_and_its_goals_show_on_the_area_page(admin, ref):
    form = {"area": str(ref.areas["valby-vigerslev"].id), "title": "Udviklingsplan Valby 2025",
            "status": "in_preparation", "year_adopted": "", "period_start": "2025", "period_end": "2028",
            "summary": "Fokus på Folehaven."}
    assert admin.post("/admin/plans/new", data=form).status_code == 302
    plan = _plan("Udviklingsplan Valby 2025")
    for title in ("Tryghed i Folehaven", "Flere unge i uddannelse"):
        assert admin.post(f"/admin/plans/{plan.id}/goals/new", data={"title": title}).status_code == 302
    html = admin.get("/areas/valby-vigerslev").get_data(as_text=True)
    assert "Udviklingsplan Valby 2025" in html and "Under udarbejdelse" in html
    assert html.index("Tryghed i Folehaven") < html.index("Flere unge i uddannelse")


def test_goals_are_reordered_with_up_and_down(admin, ref):
    plan = _plan("Udviklingsplan for Nørrebro")
    first, second = plan.goals
    assert admin.post(f"/admin/goals/{second.id}/move", data={"direction": "up"}).status_code == 302
    assert [g.title for g in _plan("Udviklingsplan for Nørrebro").goals] == [second.title, first.title]
    assert admin.post(f"/admin/goals/{second.id}/move", data={"direction": "sideways"}).status_code == 400


def test_the_area_page_shows_the_current_plans_and_goals_only(admin, ref):
    plan = _plan("Udviklingsplan for Nørrebro")
    kept, archived = plan.goals
    assert admin.post(f"/admin/goals/{archived.id}/archive").status_code == 302
    html = admin.get("/areas/norrebro").get_data(as_text=True)
    assert "Udviklingsplan for Nørrebro" in html and kept.title in html and archived.title not in html
    assert admin.post(f"/admin/plans/{plan.id}/archive").status_code == 302
    admin.get("/admin/plans/")  # the confirmation ("… er arkiveret") is shown here, once
    html = admin.get("/areas/norrebro").get_data(as_text=True)
    assert "Udviklingsplan for Nørrebro" not in html and kept.title not in html
    assert "Udviklingsplan for Bispebjerg" in admin.get("/areas/bispebjerg").get_data(as_text=True)


def test_an_archived_goal_leaves_the_plan_and_can_be_restored(admin, ref):
    plan = _plan("Udviklingsplan for Nørrebro")
    goal = plan.goals[0]
    assert "Er du sikker?" in admin.get(f"/admin/goals/{goal.id}/archive").get_data(as_text=True)
    assert admin.post(f"/admin/goals/{goal.id}/archive").status_code == 302
    html = admin.get(f"/admin/plans/{plan.id}").get_data(as_text=True)
    assert "Arkiverede mål" in html and f"/admin/goals/{goal.id}/restore" in html
    assert f"/admin/goals/{goal.id}/edit" not in html
    assert admin.post(f"/admin/goals/{goal.id}/restore").status_code == 302
    assert db.session.get(Goal, goal.id).archived_at is None


def test_an_archived_plan_is_hidden_from_the_plan_list_unless_asked_for(admin, ref):
    plan = _plan("Udviklingsplan for Bispebjerg")
    assert admin.post(f"/admin/plans/{plan.id}/archive", follow_redirects=True).status_code == 200
    assert "Udviklingsplan for Bispebjerg" not in admin.get("/admin/plans/").get_data(as_text=True)
    assert "Udviklingsplan for Bispebjerg" in admin.get("/admin/plans/?archived=1").get_data(as_text=True)
    assert admin.post(f"/admin/plans/{plan.id}/restore").status_code == 302
    assert _plan("Udviklingsplan for Bispebjerg").archived_at is None


def test_invalid_plan_is_refused_in_danish_and_nothing_saved(admin, ref):
    plan = _plan("Udviklingsplan for Nørrebro")
    cases = [
        ({"period_start": "2016", "period_end": "2012"}, "Perioden kan ikke slutte før den begynder."),
        ({"year_adopted": "tyve"}, "Skriv et årstal med fire cifre, fx 2013."),
        ({"year_adopted": ""}, "En vedtaget udviklingsplan skal have et vedtagelsesår."),
        ({"title": "Udviklingsplan for Bispebjerg"}, "Der findes allerede en udviklingsplan med titlen"),
        ({"area": "999999"}, "Vælg en af mulighederne på listen."),
        ({"title": "x" * 201}, "Teksten må højst have 200 tegn"),
    ]
    for overrides, message in cases:
        response = admin.post(f"/admin/plans/{plan.id}/edit", data=_plan_form(plan, **overrides))
        html = unescape(response.get_data(as_text=True))
        assert response.status_code == 400, overrides
        assert message in html, overrides
        assert f'value="{list(overrides.values())[0]}"' in html or "textarea" in html
    assert _plan("Udviklingsplan for Nørrebro").version == plan.version


def test_a_goal_title_is_unique_within_its_plan(admin, ref):
    plan = _plan("Udviklingsplan for Nørrebro")
    response = admin.post(f"/admin/plans/{plan.id}/goals/new", data={"title": plan.goals[0].title.upper()})
    assert response.status_code == 400
    assert "Planen har allerede målet" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Goal.id)).where(Goal.plan_id == plan.id)) == 2


def test_a_stale_plan_edit_gets_the_conflict_page_with_both_versions(admin, ref):
    plan = _plan("Udviklingsplan for Nørrebro")
    opened = _plan_form(plan)
    plan.summary = "Den gemte beskrivelse."
    db.session.commit()
    response = admin.post(f"/admin/plans/{plan.id}/edit", data={**opened, "summary": "Min beskrivelse."})
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Den gemte beskrivelse." in html and "Min beskrivelse." in html
    assert _plan("Udviklingsplan for Nørrebro").summary == "Den gemte beskrivelse."


def test_plan_history_shows_goal_changes_with_user_time_and_fields(app, admin, ref):
    plan = _plan("Udviklingsplan for Husum/Tingbjerg")
    goal = plan.goals[0]
    edit = {"version": goal.version, "title": "1.100 flere i arbejde", "description": "Frem mod 2020."}
    assert admin.post(f"/admin/goals/{goal.id}/edit", data=edit).status_code == 302
    assert admin.post(f"/admin/plans/{plan.id}/edit", data=_plan_form(plan, status="finished")).status_code == 302

    html = admin.get(f"/admin/plans/{plan.id}/history").get_data(as_text=True)
    with app.test_request_context():
        today = format_day(datetime.now(UTC))
    assert html.count("Ada Administrator") >= 2 and today in html
    assert "Mål: 1.100 flere i arbejde" in html  # which goal the event concerns
    assert "Titel" in html and "Et trygt Husum/Tingbjerg" in html and "1.100 flere i arbejde" in html
    assert "Beskrivelse" in html and "Frem mod 2020." in html
    assert "Status" in html and "Afsluttet" in html


def test_the_area_page_links_administrators_to_the_plan_history(admin, ref):
    plan = _plan("Udviklingsplan for Nørrebro")
    html = admin.get("/areas/norrebro").get_data(as_text=True)
    assert f'href="/admin/plans/{plan.id}/history"' in html
