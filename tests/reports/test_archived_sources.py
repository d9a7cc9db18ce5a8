"""A report draft never quotes archived work: once an initiative, a body or a meeting is archived, a draft
generated again leaves out the log entries hanging off it, as it leaves out archived entries themselves."""
from __future__ import annotations

from datetime import date

import pytest

from tests.factories import make_initiative
from tracker.auth.services import create_user
from tracker.bodies.models import Meeting, Membership
from tracker.core.models import utcnow
from tracker.extensions import db
from tracker.initiatives.services import archive_initiative
from tracker.log.entry_services import archive_meeting_with_decisions
from tracker.log.models import CooperationEntry
from tracker.reports.models import ReportVersion
from tracker.reports.services import GenerateInput, generate, regenerate

RECOMMENDATION = "Beboerne bør inddrages tidligere i planlægningen af byrummene."
RESULT = "Otte nye lygtepæle i stisystemet blev sat op efter vandringerne."


@pytest.fixture
def writer(ref):
    user = create_user("tina@kk.example", "Tina Teknik", "koordinator", "adgangskode-til-test",
                       administration_code="TMF")
    db.session.commit()
    return user


def _says(version: ReportVersion, entry: CooperationEntry) -> bool:
    """Whether the draft's text quotes the entry."""
    return any(entry.text.rstrip(".") in text.text for text in version.texts)


def _quotes(version: ReportVersion, entry: CooperationEntry) -> bool:
    """Whether the draft quotes the entry, names it among any sentence's sources or draws on it at all."""
    in_text = _says(version, entry)
    sentences = [s for section in version.snapshot.draft.values() for s in section["kept"] + section["omitted"]]
    in_sources = any(source == {"kind": "entry", "id": entry.id, "label": source["label"]}
                     for sentence in sentences for source in sentence["sources"])
    in_facts = any(e["id"] == entry.id for e in version.snapshot.facts["entries"]) or any(
        r["id"] == entry.id for i in version.snapshot.facts["initiatives"] for r in i["results"])
    return in_text or in_sources or in_facts


def _first_draft(ref, writer) -> ReportVersion:
    version = generate(GenerateInput(administration=ref.administrations["TMF"], year=2013), writer)
    db.session.commit()
    return version


def _regenerated(version: ReportVersion, writer) -> ReportVersion:
    again = regenerate(version.report, writer)
    db.session.commit()
    return again


def test_a_draft_no_longer_quotes_the_log_of_an_initiative_once_it_is_archived(ref, writer):
    walks = make_initiative(ref, "Tryghedsvandringer", "TMF", start_date=date(2012, 3, 1),
                            partner_administrations=[ref.administrations["BIF"]], areas=[ref.areas["norrebro"]])
    # Named on TMF too, so it would count for TMF's report even without the initiative.
    recommendation = CooperationEntry(date=date(2013, 5, 1), kind="recommendation", text=RECOMMENDATION,
                                      initiative=walks, administrations=[ref.administrations["TMF"]])
    result = CooperationEntry(date=date(2013, 6, 1), kind="result", text=RESULT, initiative=walks,
                              administrations=[ref.administrations["TMF"]])
    db.session.add_all([recommendation, result])
    db.session.commit()
    first = _first_draft(ref, writer)
    assert _says(first, recommendation) and _says(first, result)

    archive_initiative(walks)
    db.session.commit()
    again = _regenerated(first, writer)

    assert not _quotes(again, recommendation) and not _quotes(again, result)
    assert "Tryghedsvandringer" not in " ".join(text.text for text in again.texts)
    assert _says(first, recommendation)  # the earlier version keeps what it said then


def test_a_draft_no_longer_quotes_what_was_recorded_at_an_archived_bodys_meeting(ref, writer):
    forum = ref.bodies["forum-norrebro"]
    forum.memberships.append(Membership(role="Leder", administration=ref.administrations["TMF"]))
    meeting = Meeting(body=forum, date=date(2013, 4, 10), summary="Byrummene",
                      administrations=[ref.administrations["TMF"]])
    recorded = CooperationEntry(date=date(2013, 4, 10), kind="recommendation", text=RECOMMENDATION, body=forum,
                                meeting=meeting, administrations=[ref.administrations["TMF"]])
    decision = CooperationEntry(date=date(2013, 4, 10), kind="decision", text="Forummet samler byrumsønskerne.",
                                body=forum, meeting=meeting, administrations=[ref.administrations["TMF"]])
    db.session.add_all([meeting, recorded, decision])
    db.session.commit()
    first = _first_draft(ref, writer)
    assert _says(first, recorded)
    assert any(body["id"] == forum.id for body in first.snapshot.facts["bodies"])

    forum.archived_at = utcnow()
    db.session.commit()
    again = _regenerated(first, writer)

    assert not _quotes(again, recorded) and not _quotes(again, decision)
    assert all(body["id"] != forum.id for body in again.snapshot.facts["bodies"])
    assert forum.name not in " ".join(text.text for text in again.texts)


def test_a_draft_no_longer_quotes_what_was_recorded_at_an_archived_meeting(ref, writer):
    team = ref.bodies["team"]  # TMF has a seat; the body itself stays
    meeting = team.meetings[0]
    recorded = CooperationEntry(date=meeting.date, kind="challenge", text=RECOMMENDATION, body=team,
                                meeting=meeting, administrations=[ref.administrations["TMF"]])
    db.session.add(recorded)
    db.session.commit()
    first = _first_draft(ref, writer)
    assert _says(first, recorded)

    archive_meeting_with_decisions(meeting)
    db.session.commit()
    again = _regenerated(first, writer)

    assert not _quotes(again, recorded)
    assert any(body["id"] == team.id for body in again.snapshot.facts["bodies"])
