"""Changing a log line: its author (or whoever edits the initiative) may; a stale save shows both versions;
archiving asks first and can be undone; the history shows who changed what, and when."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from tracker.audit.queries import history_page
from tracker.auth.models import User
from tracker.extensions import db
from tracker.log.entry_services import EntryInput, create_entry, update_entry
from tracker.log.models import CooperationEntry


@pytest.fixture
def entry(ref):
    """An entry on the TMF-led safety walks, written by the TMF coordinator."""
    author = db.session.scalar(select(User).where(User.email == "tove@tmf.example"))
    saved = create_entry(EntryInput(kind="joint_activity", date=date(2013, 4, 18), text="Tryghedsvandring i Tingbjerg",
                                    initiative=ref.initiatives["walks"], areas=[ref.areas["husum-tingbjerg"]],
                                    administrations=[ref.administrations["TMF"]]), author)
    db.session.commit()
    return saved


def _form(entry: CooperationEntry, **changes) -> dict:
    data = {"kind": entry.kind, "date": entry.date.isoformat(), "text": entry.text,
            "initiative": str(entry.initiative_id or ""), "body": str(entry.body_id or ""),
            "areas": [str(a.id) for a in entry.areas], "administrations": [str(a.id) for a in entry.administrations],
            "version": str(entry.version)}
    data.update(changes)
    return data


def test_the_author_edits_the_entry_and_the_page_shows_the_new_text(login, ref, entry):
    tmf = login("tmf")
    page = tmf.get(f"/entries/{entry.id}/edit")
    assert page.status_code == 200
    assert "Tryghedsvandring i Tingbjerg" in page.get_data(as_text=True)
    response = tmf.post(f"/entries/{entry.id}/edit", data=_form(entry, text="Tryghedsvandring i Tingbjerg med politiet"))
    assert response.status_code == 302
    assert response.headers["Location"] == f"/initiatives/{ref.initiatives['walks'].id}"
    html = tmf.get(response.headers["Location"]).get_data(as_text=True)
    assert "Tryghedsvandring i Tingbjerg med politiet" in html


def test_a_coordinator_outside_the_initiative_cannot_edit_or_archive_the_entry(login, ref, entry):
    suf = login("suf")
    assert suf.get(f"/entries/{entry.id}/edit").status_code == 403
    assert suf.post(f"/entries/{entry.id}/edit", data=_form(entry, text="Overskrevet")).status_code == 403
    assert suf.post(f"/entries/{entry.id}/archive").status_code == 403
    db.session.expire_all()
    assert entry.text == "Tryghedsvandring i Tingbjerg" and entry.archived_at is None


def test_moving_an_entry_to_an_initiative_the_user_is_not_part_of_is_refused(login, ref, entry):
    response = login("tmf").post(f"/entries/{entry.id}/edit", data=_form(entry, initiative=str(ref.initiatives["lab"].id)))
    assert response.status_code == 403
    db.session.expire_all()
    assert entry.initiative_id == ref.initiatives["walks"].id


def test_a_stale_save_shows_both_versions_and_keeps_the_other_persons_change(login, ref, entry):
    tmf = login("tmf")
    opened = _form(entry, text="Min version af teksten")
    update_entry(entry, EntryInput(kind="joint_activity", date=entry.date, text="Den andens version",
                                   initiative=entry.initiative, areas=entry.areas, administrations=entry.administrations))
    db.session.commit()
    response = tmf.post(f"/entries/{entry.id}/edit", data=opened)
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Den andens version" in html and "Min version af teksten" in html
    db.session.expire_all()
    assert entry.text == "Den andens version"
    # Choosing "Gem min version" resubmits with the current version and wins.
    again = tmf.post(f"/entries/{entry.id}/edit", data=_form(entry, text="Min version af teksten"))
    assert again.status_code == 302
    db.session.expire_all()
    assert entry.text == "Min version af teksten"


def test_invalid_edit_is_400_and_keeps_what_was_typed(login, ref, entry):
    response = login("tmf").post(f"/entries/{entry.id}/edit", data=_form(entry, text="", date="i går"))
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Skriv datoen som åååå-mm-dd" in html and 'value="i går"' in html
    db.session.expire_all()
    assert entry.text == "Tryghedsvandring i Tingbjerg"


def test_archive_asks_first_hides_the_entry_and_restore_brings_it_back(login, ref, entry):
    tmf = login("tmf")
    walks_page = f"/initiatives/{ref.initiatives['walks'].id}"
    confirm = tmf.get(f"/entries/{entry.id}/archive")
    assert confirm.status_code == 200
    assert "Er du sikker" in confirm.get_data(as_text=True)
    assert tmf.get(walks_page).get_data(as_text=True).count("Tryghedsvandring i Tingbjerg") == 1

    assert tmf.post(f"/entries/{entry.id}/archive").status_code == 302
    assert "Tryghedsvandring i Tingbjerg" not in tmf.get(walks_page).get_data(as_text=True)
    assert "Tryghedsvandring i Tingbjerg" not in tmf.get("/areas/husum-tingbjerg").get_data(as_text=True)

    assert tmf.post(f"/entries/{entry.id}/restore").status_code == 302
    assert "Tryghedsvandring i Tingbjerg" in tmf.get(walks_page).get_data(as_text=True)

    history = tmf.get(f"/entries/{entry.id}/history").get_data(as_text=True)
    assert "Arkiveret" in history and "Genskabt" in history


def test_archive_is_post_only_for_the_change(login, ref, entry):
    tmf = login("tmf")
    tmf.get(f"/entries/{entry.id}/archive")
    db.session.expire_all()
    assert entry.archived_at is None
    assert tmf.get(f"/entries/{entry.id}/restore").status_code == 405


def test_history_shows_who_changed_which_fields_and_when(login, ref, entry):
    tmf = login("tmf")
    tmf.post(f"/entries/{entry.id}/edit", data=_form(entry, text="Ny tekst", kind="result",
                                                     administrations=[str(ref.administrations["TMF"].id),
                                                                      str(ref.administrations["SOF"].id)]))
    response = login("laeser").get(f"/entries/{entry.id}/history")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Tove Teknik" in html
    assert "Oprettet" in html and "Ændret" in html
    for field in ("<dt>Tekst</dt>", "<dt>Type</dt>", "<dt>Forvaltninger</dt>"):
        assert field in html
    assert "<del>Tryghedsvandring i Tingbjerg</del> → <ins>Ny tekst</ins>" in html
    assert "<ins>SOF, TMF</ins>" in html
    assert str(date.today().year) in html  # the time of the change
    assert "Redigér" not in html  # a reader sees no buttons


def test_the_entry_changes_also_show_in_the_initiatives_history(ref, entry):
    events = history_page(ref.initiatives["walks"], 1).items
    assert any(e.entity_type == "cooperation_entries" and e.action == "create" for e in events)
