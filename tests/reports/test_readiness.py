"""Report readiness: before generating, the committee's page names what the draft stands on and each gap in
the period, with a link to the record and one to where it is mended; a fixed number of queries."""
from __future__ import annotations

import html
import re
from contextlib import contextmanager
from datetime import date

import pytest
from sqlalchemy import event, select

from tests.seeded_app import REPORT_YEAR, sign_in
from tracker.extensions import db
from tracker.models import Administration, Body, CooperationEntry, Initiative, Membership
from tracker.reports.models import ReportDeadline

# The seed's TMF initiatives for 2012–2013 that several administrations share but that have no result logged
# and no key figure for 2012 or 2013.
JOINT_WITHOUT_RESULT = {
    "Aftale om fleksibel udlejning", "Boliger til Socialforvaltningens målgruppe i nye byområder", "Green Teams",
    "Inklusionsbarometret og de årlige redegørelser", "Områdefornyelse Fuglekvarteret",
    "Områdefornyelse Indre Nørrebro", "Sikker By i de udsatte byområder",
}
# Past their end date, still planned or active.
EXPIRED = {
    "Inklusionsbarometret og de årlige redegørelser", "Sikker By i de udsatte byområder",
    "Tryghedsvandringer 2013-2014 med opfølgning på belysning", "Områdefornyelse Fuglekvarteret",
    "Områdefornyelse Indre Nørrebro",
}


@pytest.fixture
def seeded(walk_app):
    app, _targets = walk_app
    client = app.test_client()
    sign_in(client, "koordinator")
    tmf = db.session.scalar(select(Administration).where(Administration.code == "TMF"))
    return client, tmf


def _page(client, tmf, **args):
    administration_id = tmf if isinstance(tmf, int) else tmf.id
    response = client.get("/reports/readiness",
                          query_string={"administration": administration_id, "year": REPORT_YEAR, **args})
    assert response.status_code == 200, response.text[:500]
    return html.unescape(response.text)


def _section(page: str, kind: str) -> str:
    match = re.search(rf'id="mangler-{kind}">(.*?)</ul>', page, re.S)
    return match.group(1) if match else ""


def _linked(section: str, prefix: str) -> dict[str, str]:
    """Link text -> href of the links into `prefix` (the records' pages)."""
    return {text.strip(): href for href, text in re.findall(r'<a href="([^"]+)">([^<]+)</a>', section)
            if href.startswith(prefix)}


def _ids(titles) -> dict[str, int]:
    return dict(db.session.execute(select(Initiative.title, Initiative.id).where(Initiative.title.in_(titles))).all())


def test_tmf_2013_names_joint_initiatives_without_result_each_linking_to_it(seeded):
    client, tmf = seeded
    page = _page(client, tmf)
    assert "Udkastets grundlag for 1. jan. 2012 – 31. dec. 2013" in page
    section = _section(page, "joint_without_result")
    ids = _ids(JOINT_WITHOUT_RESULT)
    assert _linked(section, "/initiatives/") == {title: f"/initiatives/{ids[title]}" for title in JOINT_WITHOUT_RESULT}
    for initiative_id in ids.values():
        assert f'href="/entries/new?initiative={initiative_id}"' in section
    # An initiative with a 2013 result is not a gap.
    assert "Tryghedsvandringer i de udsatte byområder" not in section


def test_tmf_2013_names_initiatives_past_their_end_date_with_a_link_to_edit_each(seeded):
    client, tmf = seeded
    section = _section(_page(client, tmf), "expired")
    ids = _ids(EXPIRED)
    assert _linked(section, "/initiatives/") == {title: f"/initiatives/{ids[title]}" for title in EXPIRED}
    for initiative_id in ids.values():
        assert f'href="/initiatives/{initiative_id}/edit"' in section
    assert "slutdato 31. dec. 2014" in section


def test_an_entry_without_administration_and_a_body_without_meetings_are_named(seeded):
    client, tmf = seeded
    page = _page(client, tmf)
    assert 'id="mangler-entry_without_administration"' not in page  # the seed tags every entry
    assert 'id="mangler-body_without_meeting"' not in page
    initiative = db.session.scalar(select(Initiative).where(Initiative.title == "Green Teams"))
    entry = CooperationEntry(date=date(2013, 5, 1), kind="result", text="Tre nye Green Teams i Tingbjerg.",
                             initiative=initiative)
    body = Body(name="Nyt tryghedsforum", kind="boligsocialt_forum", level="staff")
    db.session.add_all([entry, body])
    db.session.flush()
    db.session.add(Membership(body=body, administration=tmf, role="medlem"))
    db.session.commit()
    page = _page(client, tmf)
    entries = _section(page, "entry_without_administration")
    assert _linked(entries, "/entries/") == {"Tre nye Green Teams i Tingbjerg.": f"/entries/{entry.id}/history"}
    assert f'href="/entries/{entry.id}/edit"' in entries
    bodies = _section(page, "body_without_meeting")
    assert _linked(bodies, "/bodies/") == {"Nyt tryghedsforum": f"/bodies/{body.id}#moeder"}
    assert f'href="/bodies/{body.id}/meetings/new"' in bodies
    # Green Teams now has its 2013 result.
    assert "Green Teams" not in _section(page, "joint_without_result")


def test_tmf_2013_names_decisions_past_their_due_date_each_linking_to_it_and_its_follow_up(seeded, walk_app):
    client, tmf = seeded
    app, _targets = walk_app
    app.config["TODAY"] = date(2014, 2, 3)
    assert 'id="mangler-decision_overdue"' not in _page(client, tmf)  # the seed's decisions have no owner
    decision = db.session.scalar(select(CooperationEntry).where(
        CooperationEntry.kind == "decision", CooperationEntry.text.startswith("Styregruppen prioriterede")))
    decision.owner_administration, decision.due_date, decision.follow_up_status = tmf, date(2013, 9, 1), "open"
    db.session.commit()
    section = _section(_page(client, tmf), "decision_overdue")
    assert _linked(section, "/entries/") == {decision.text: f"/entries/{decision.id}/history"}
    assert f'href="/entries/{decision.id}/follow-up"' in section
    assert "frist 1. sep. 2013, ansvarlig: TMF" in section
    # Closed with a note, it is no longer a gap.
    decision.follow_up_status, decision.closing_note = "closed", "Begge områdefornyelser er i gang."
    db.session.commit()
    assert 'id="mangler-decision_overdue"' not in _page(client, tmf)


def test_the_deadline_set_for_the_year_is_shown(seeded):
    client, tmf = seeded
    db.session.add(ReportDeadline(year=REPORT_YEAR, due_on=date(2013, 3, 15)))
    db.session.commit()
    assert "Frist for redegørelsen: 15. mar. 2013." in _page(client, tmf)  # the one date format


def test_bad_year_is_refused_with_a_danish_message(seeded):
    client, tmf = seeded
    response = client.get("/reports/readiness", query_string={"administration": tmf.id, "year": "20x3"})
    assert response.status_code == 400
    assert "Skriv året med fire cifre, fx 2013." in html.unescape(response.text)


def test_the_list_and_the_editor_link_to_the_readiness_page(seeded, walk_app):
    client, _tmf = seeded
    _app, targets = walk_app
    assert 'href="/reports/readiness"' in client.get("/reports/").text
    editor = html.unescape(client.get(f"/reports/{targets.values['report_id']}").text)
    assert "/reports/readiness?administration=" in editor


@contextmanager
def _counting():
    statements: list[str] = []

    def before(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", before)


def test_readiness_reads_a_fixed_number_of_queries(seeded):
    client, tmf = seeded
    tmf_id = tmf.id
    _page(client, tmf_id)  # warm: the first request loads what every page loads once
    # A change, so the page is worked out afresh rather than kept from the warm-up until the data changes.
    db.session.add(Initiative(title="Første ekstra indsats", lead_administration_id=tmf_id, status="active"))
    db.session.commit()
    with _counting() as before:
        _page(client, tmf_id)
    for number in range(30):
        initiative = Initiative(title=f"Ekstra indsats {number}", lead_administration_id=tmf_id, status="active",
                                end_date=date(2013, 6, 30))
        db.session.add(initiative)
        db.session.add(CooperationEntry(date=date(2013, 2, 1), kind="result", text=f"Resultat {number}",
                                        initiative=initiative))
    db.session.commit()
    with _counting() as after:
        page = _page(client, tmf_id)
    assert "Ekstra indsats 29" in _section(page, "expired")
    assert len(after) == len(before)


def test_many_gaps_of_one_kind_list_the_first_fifty_and_count_the_rest(seeded):
    client, tmf = seeded
    for number in range(60):
        db.session.add(Initiative(title=f"Udløbet indsats {number:02d}", lead_administration_id=tmf.id,
                                  status="active", end_date=date(2012, 6, 30)))
    db.session.commit()
    section = _section(_page(client, tmf), "expired") + "</ul>"
    page = _page(client, tmf)
    total = len(EXPIRED) + 60
    assert f'<span class="count-badge">{total}</span>' in section
    listed = _linked(section, "/initiatives/")
    assert len(listed) == 50
    # The longest past their end date first: the sixty ended before the seed's.
    assert set(listed) == {f"Udløbet indsats {number:02d}" for number in range(50)}
    assert f"… og {total - 50} mere af samme slags" in page
