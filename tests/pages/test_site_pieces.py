"""Pieces every page shares: the favicon (no more 404 on every page), one tab component for the record pages,
and history tabs that list changed fields in the order of the form that edits the record."""
from __future__ import annotations

import re
from datetime import date

from tests.factories import make_initiative
from tracker.audit.field_order import form_field_names, in_form_order
from tracker.core.labels import LABELS
from tracker.extensions import db
from tracker.initiatives.forms import InitiativeForm
from tracker.log.entry_forms import EntryForm
from tracker.models import CooperationEntry


def test_favicon_is_served_to_anyone_and_linked_from_every_page(app, client, reader):
    anonymous = app.test_client()
    response = anonymous.get("/favicon.ico")
    icon, mimetype, status = response.data, response.mimetype, response.status_code
    response.close()
    assert (status, mimetype) == (200, "image/vnd.microsoft.icon")
    assert icon[:4] == b"\x00\x00\x01\x00"  # an icon file, not a page
    again = anonymous.get("/favicon.ico", headers={"If-None-Match": response.headers["ETag"]})
    assert (again.status_code, again.data) == (304, b"")  # a browser that has it is told so
    svg = anonymous.get("/static/favicon.svg")
    svg.close()
    assert svg.status_code == 200
    html = reader.get("/").get_data(as_text=True)
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html
    assert '<link rel="icon" href="/favicon.ico"' in html


def _tab_navigation(html: str) -> str:
    match = re.search(r'<nav class="tab-container record-tabs"[^>]*>.*?</nav>', html, re.S)
    assert match, "the page has the tab component"
    return re.sub(r'href="[^"]*"|aria-label="[^"]*"', "", match.group(0))


def test_body_and_initiative_pages_share_one_tab_component(reader, ref):
    initiative = make_initiative(ref, "Tryghedsvandringer", "TMF", areas=[ref.areas["husum-tingbjerg"]])
    db.session.commit()
    body = ref.bodies["forum-husum-tingbjerg"]
    pages = {path: reader.get(path).get_data(as_text=True)
             for path in (f"/initiatives/{initiative.id}", f"/initiatives/{initiative.id}/history",
                          f"/bodies/{body.id}", f"/bodies/{body.id}/history")}
    tabs = {path: _tab_navigation(html) for path, html in pages.items()}
    # The same markup on all four, apart from where the tabs lead and which one is current.
    assert tabs[f"/initiatives/{initiative.id}"] == tabs[f"/bodies/{body.id}"]
    assert tabs[f"/initiatives/{initiative.id}/history"] == tabs[f"/bodies/{body.id}/history"]
    for path, html in pages.items():
        current = re.findall(r'<a class="tab-button"[^>]*aria-current="page">([^<]+)</a>', html)
        assert current == (["Historik"] if path.endswith("/history") else ["Oversigt"]), path


def _changed_fields(html: str) -> list[list[str]]:
    """The <dt> labels of each event on a history tab, newest event first."""
    return [re.findall(r"<dt>([^<]+)</dt>", changes)
            for changes in re.findall(r'<dl class="history-changes">(.*?)</dl>', html, re.S)]


def _form_order(form_class, table_labels: dict[str, str]) -> list[str]:
    return [str(table_labels[name]) for name in form_field_names(form_class) if name in table_labels]


def test_history_lists_an_initiatives_fields_in_the_forms_order(reader, ref):
    initiative = make_initiative(
        ref, "Tryghedsvandringer", "TMF", summary="Vandringer med beboerne.", status="active",
        start_date=date(2013, 1, 1), end_date=date(2014, 12, 31), areas=[ref.areas["husum-tingbjerg"]],
        themes=[ref.themes["tryghed"]], partner_administrations=[ref.administrations["SOF"]])
    db.session.commit()
    html = reader.get(f"/initiatives/{initiative.id}/history").get_data(as_text=True)
    (created,) = _changed_fields(html)
    expected = _form_order(InitiativeForm, LABELS["field"])
    assert created == [label for label in expected if label in created]
    assert len(created) >= 8
    assert created != sorted(created)  # not alphabetical, as the tab once was
    assert created[0] == "Titel"


def test_history_lists_a_log_entrys_fields_in_the_forms_order(reader, ref):
    initiative = make_initiative(ref, "Tryghedsvandringer", "TMF", areas=[ref.areas["husum-tingbjerg"]])
    entry = CooperationEntry(date=date(2013, 5, 2), kind="result", initiative=initiative,
                             text="Bedre belysning i Tingbjerg.", areas=[ref.areas["husum-tingbjerg"]],
                             administrations=[ref.administrations["TMF"], ref.administrations["SOF"]])
    db.session.add(entry)
    db.session.commit()
    html = reader.get(f"/entries/{entry.id}/history").get_data(as_text=True)
    (created,) = _changed_fields(html)
    expected = _form_order(EntryForm, LABELS["field"])
    assert created == [label for label in expected if label in created]
    assert len(created) >= 5


def test_fields_no_form_has_come_after_the_forms_in_a_fixed_order():
    changes = {"archived_at": {}, "title": {}, "zzz_unknown": {}, "status": {}, "areas": {}}
    ordered = [name for name, _change in in_form_order(changes, "initiatives")]
    form = form_field_names(InitiativeForm)
    assert ordered[:3] == sorted(("title", "status", "areas"), key=form.index)
    assert ordered[3:] == ["archived_at", "zzz_unknown"]
