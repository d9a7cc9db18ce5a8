"""Acceptance 1: a file downloaded from Tværs and uploaded again changes nothing; three edited cells and a
new row preview as exactly those, apply as one import by the user, and a second upload changes nothing;
one bad row (unknown area, end before start, a row the user may not edit) applies nothing and is named by
row, column and reason. Both formats, both databases, as a koordinator (TMF) on the seeded city."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.seeded_app import TMF_INITIATIVE, sign_in
from tests.transfer.helpers import counts, edited, error_rows, gem_form, upload
from tracker.audit.models import AuditEvent
from tracker.auth.models import User
from tracker.extensions import db
from tracker.initiatives.models import Initiative
from tracker.initiatives.permissions import can_edit_initiative

FORMATS = ["xlsx", "csv"]


@pytest.fixture
def seeded(walk_app, tmp_path):
    app, targets = walk_app
    app.config["IMPORT_FOLDER"] = str(tmp_path / "imports")
    return app


def _coordinator(app):
    client = app.test_client()
    sign_in(client, "koordinator")
    return client, db.session.scalar(select(User).where(User.role == "koordinator"))


def _tmf_titles(user) -> list[str]:
    """Initiatives TMF leads, by title (the koordinator may edit them)."""
    initiatives = db.session.scalars(select(Initiative).where(Initiative.archived_at.is_(None))
                                     .order_by(Initiative.id)).all()
    return [i.title for i in initiatives if i.lead_administration_id == user.administration_id]


@pytest.mark.parametrize("kind", FORMATS)
def test_an_unchanged_download_previews_no_changes(seeded, kind):
    client, _user = _coordinator(seeded)
    data = client.get(f"/initiatives/export.{kind}").data
    page = upload(client, data, f"indsatser.{kind}").get_data(as_text=True)
    assert counts(page) == {"new": 0, "changed": 0, "unchanged": 21, "error": 0}
    assert "Filen ændrer ingenting" in page and 'action="/import/' not in page


@pytest.mark.parametrize("kind", FORMATS)
def test_three_edited_cells_and_a_new_row_preview_and_apply_as_one_import(seeded, kind):
    client, user = _coordinator(seeded)
    first, second, third = _tmf_titles(user)[:3]
    data = edited(client.get(f"/initiatives/export.{kind}").data, kind, {
        first: {"Resumé": "Nyt resumé fra regnearket, med æ, ø og å"},
        second: {"Status": "finished"},
        third: {"Områder (koder)": "husum-tingbjerg | norrebro"},
    }, [{"Titel": "Lektiecafé i Tingbjerg", "Status": "planned", "Ansvarlig forvaltning (kode)": "TMF",
         "Områder (koder)": "husum-tingbjerg", "Startdato": "01-02-2027"}])
    response = upload(client, data, f"retter.{kind}")
    page = response.get_data(as_text=True)
    assert response.status_code == 200, page
    assert counts(page) == {"new": 1, "changed": 3, "unchanged": 18, "error": 0}
    assert "Nyt resumé fra regnearket, med æ, ø og å" in page and "Lektiecafé i Tingbjerg" in page
    action, fields = gem_form(page)

    assert client.post(action, data=fields).status_code == 302
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.source == f"import:retter.{kind}")).all()
    titles = {e.entity_label for e in events}
    assert titles == {first, second, third, "Lektiecafé i Tingbjerg"}
    assert {e.user_id for e in events} == {user.id}
    changed = db.session.scalar(select(Initiative).where(Initiative.title == second))
    assert changed.status == "finished"
    history = client.get(f"/initiatives/{changed.id}/history").get_data(as_text=True)
    assert f"Import af retter.{kind}" in history and user.name in history

    again = upload(client, data, f"retter.{kind}").get_data(as_text=True)
    assert counts(again) == {"new": 0, "changed": 0, "unchanged": 22, "error": 0}


@pytest.mark.parametrize("kind", FORMATS)
def test_a_file_with_bad_rows_applies_nothing_and_names_row_column_and_reason(seeded, kind):
    client, user = _coordinator(seeded)
    own = _tmf_titles(user)
    others = db.session.scalars(select(Initiative).order_by(Initiative.id)).all()
    foreign = next(i.title for i in others if not can_edit_initiative(user, i))
    data = client.get(f"/initiatives/export.{kind}").data
    bad = edited(data, kind, {
        own[0]: {"Resumé": "En god ændring, der ikke må gemmes alene"},
        own[1]: {"Områder (koder)": "atlantis"},
        own[2]: {"Startdato": "01-06-2020", "Slutdato": "01-01-2020"},
        foreign: {"Resumé": "Ikke min indsats"},
    })
    response = upload(client, bad, f"fejl.{kind}")
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    errors = error_rows(page)
    columns = {column for _row, column, _reason in errors}
    assert {"Områder (koder)", "Slutdato", "id"} <= columns
    assert any("Ukendt område &#39;atlantis&#39;" in reason or "atlantis" in reason for _r, _c, reason in errors)
    assert all(row.isdigit() and int(row) >= 2 for row, _c, _r in errors)
    assert 'action="/import/' not in page  # no "Gem"
    assert "Intet bliver gemt" in page

    token = upload(client, data, f"fejl.{kind}")  # a good file's token does not make the bad one apply
    assert token.status_code == 200
    assert db.session.scalar(select(Initiative.summary).where(Initiative.title == own[0])) != \
        "En god ændring, der ikke må gemmes alene"
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.source.like("import:%"))) is None


def test_apply_after_a_colleague_changed_a_record_shows_the_new_preview(seeded):
    client, user = _coordinator(seeded)
    data = edited(client.get("/initiatives/export.xlsx").data, "xlsx",
                  {TMF_INITIATIVE: {"Resumé": "Min version"}})
    action, fields = gem_form(upload(client, data, "min.xlsx").get_data(as_text=True))
    initiative = db.session.scalar(select(Initiative).where(Initiative.title == TMF_INITIATIVE))
    initiative.summary = "Kollegaens version"
    db.session.commit()
    response = client.post(action, data=fields)
    assert response.status_code == 409
    assert "ændret, siden du så forhåndsvisningen" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Initiative, initiative.id).summary == "Kollegaens version"


@pytest.mark.parametrize("kind", FORMATS)
def test_the_log_round_trips(seeded, kind):
    client = seeded.test_client()
    sign_in(client, "admin")
    data = client.get(f"/log/export.{kind}").data
    page = upload(client, data, f"log.{kind}").get_data(as_text=True)
    assert counts(page)["changed"] == 0 and counts(page)["new"] == 0 and counts(page)["unchanged"] > 0
    import csv
    from io import StringIO
    if kind == "csv":
        first_text = list(csv.reader(StringIO(data.decode("utf-8-sig")), delimiter=";"))[1][4]
    else:
        from io import BytesIO

        from openpyxl import load_workbook
        first_text = load_workbook(BytesIO(data)).active.cell(2, 5).value
    changed = edited(data, kind, {first_text: {"Tekst": first_text + " Rettet i Excel."}})
    page = upload(client, changed, f"log.{kind}").get_data(as_text=True)
    assert counts(page)["changed"] == 1, (first_text, counts(page))
    action, fields = gem_form(page)
    assert client.post(action, data=fields).status_code == 302
    assert counts(upload(client, changed, f"log.{kind}").get_data(as_text=True))["changed"] == 0


@pytest.mark.parametrize("role", ["laeser", "styregruppe"])
def test_readers_and_the_steering_group_cannot_import(seeded, role):
    client = seeded.test_client()
    sign_in(client, role)
    assert client.get("/import").status_code == 403
    assert client.get("/initiatives/export.csv").status_code == 200
