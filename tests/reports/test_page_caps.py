"""A draft with far more material than room: the editor lists the most important sentences left out for space
and says truly how many more there are, names a sentence's first sources and counts the rest, and the stored
snapshot keeps only what is shown of the unused material while its facts reproduce all of it."""
from __future__ import annotations

import html
import re
from datetime import date

import pytest

from tests.factories import reference_data
from tracker.auth.services import create_user
from tracker.extensions import db
from tracker.models import Meeting, Membership
from tracker.reports import services
from tracker.reports.drafting.report import draft_report
from tracker.reports.shown import SOURCES_SHOWN
from tracker.reports.snapshots import OMITTED_KEPT, drafts_to_json
from tracker.seeding.synth import synthesise


def _danish(n: int) -> str:
    return f"{n:,}".replace(",", ".")


@pytest.fixture
def big(app, client):
    data = reference_data()
    tmf = data.administrations["TMF"]
    for key in ("styregruppe", "forum-norrebro", "forum-bispebjerg"):
        data.bodies[key].memberships.append(Membership(role="Repræsentant", administration=tmf))
    data.bodies["styregruppe"].meetings.append(Meeting(date=date(2013, 5, 1), administrations=[tmf]))
    synthesise(initiatives=400, entries=1500, seed=3)
    create_user("anna@kk.example", "Anna Admin", "admin", "admin-adgangskode")
    db.session.commit()
    with app.test_request_context():
        version = services.generate(services.GenerateInput(administration=tmf, year=2013), None)
        db.session.commit()
        full = draft_report(version.snapshot.facts)
    assert client.post("/login", data={"email": "anna@kk.example", "password": "admin-adgangskode"}).status_code == 302
    return client, version, full


def _panel(page: str, number: int) -> str:
    start = page.index(f'id="udkast-{number}"')
    end = page.find('id="udkast-', start + 1)
    return page[start:end if end != -1 else len(page)]


def test_the_editor_lists_the_most_important_left_out_sentences_and_counts_the_rest(big):
    client, version, full = big
    page = html.unescape(client.get(f"/reports/{version.report_id}").get_data(as_text=True))
    capped = [number for number, draft in full.items() if len(draft.omitted) > OMITTED_KEPT]
    assert capped, "the synthetic volume leaves out more than a section lists"
    for number in capped:
        panel = _panel(page, number)
        total = len(full[number].omitted)
        assert f"Udeladt af pladshensyn: {_danish(total)} sætninger" in panel
        listed = re.findall(r'<ul class="report-omitted">(.*?)</ul>', panel, re.S)[0]
        texts = re.findall(r'<span class="report-prose" lang="da">(.*?)</span>', listed)
        assert texts == [s.text for s in full[number].omitted[:OMITTED_KEPT]]
        more = total - OMITTED_KEPT
        assert f"… og {_danish(more)} {'sætning' if more == 1 else 'sætninger'} mere, der ikke er med" in panel


def test_a_sentence_standing_on_many_records_names_the_first_and_counts_the_rest(big):
    client, version, full = big
    page = html.unescape(client.get(f"/reports/{version.report_id}/versions/{version.number}").get_data(as_text=True))
    many = [s for s in full[1].kept if len(s.sources) > SOURCES_SHOWN]
    assert many, "the overview sentence stands on every initiative"
    panel = _panel(page, 1)
    for sentence in many:
        assert sentence.sources[SOURCES_SHOWN - 1].label in panel
        more = len(sentence.sources) - SOURCES_SHOWN
        assert f"og {_danish(more)} {'kilde' if more == 1 else 'kilder'} mere" in panel


def test_the_stored_draft_keeps_the_most_important_left_out_and_the_facts_reproduce_it(big, app):
    _client, version, full = big
    stored = version.snapshot.draft
    for number, draft in full.items():
        section = stored[str(number)]
        assert [s["text"] for s in section["omitted"]] == [s.text for s in draft.omitted[:OMITTED_KEPT]]
        assert len(section["omitted"]) + section["omitted_more"] == len(draft.omitted)
        assert [s["text"] for s in section["kept"]] == [s.text for s in draft.kept]  # every kept sentence, whole
    with app.test_request_context():
        assert drafts_to_json(draft_report(version.snapshot.facts)) == stored
