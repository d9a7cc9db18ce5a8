"""Frozen facts: a generated version keeps the facts and the draft it was made from, so a final report reads
the same, and shows the same sources, after the initiatives behind it have changed (issue 5, acceptance 7)."""
from __future__ import annotations

from sqlalchemy import select

from tests.seeded_app import sign_in
from tracker.extensions import db
from tracker.initiatives.models import Initiative
from tracker.initiatives.services import InitiativeInput, KeyFigureInput, update_initiative
from tracker.models import Administration, Organisation, User
from tracker.reports import queries, services
from tracker.reports.drafting.report import draft_report
from tracker.reports.models import Report, ReportVersion
from tracker.reports.snapshots import drafts_to_json

NEW_TITLE = "Omdøbt indsats efter den endelige redegørelse"


def _renamed_input(initiative: Initiative, partners: list[Administration],
                   organisations: list[Organisation]) -> InitiativeInput:
    return InitiativeInput(
        title=NEW_TITLE, lead_administration=initiative.lead_administration, status=initiative.status,
        summary=initiative.summary, start_date=initiative.start_date, end_date=initiative.end_date,
        partner_administrations=partners, partner_organisations=organisations, areas=initiative.areas,
        places=initiative.places, themes=initiative.themes, goals=initiative.goals,
        policy_areas=initiative.policy_areas,
        key_figures=[KeyFigureInput(label=f.label, value=f.value, year=f.year, unit=f.unit)
                     for f in initiative.key_figures])


def _initiative_sources(version: ReportVersion) -> dict[int, str]:
    """Initiative id -> label, for every initiative a kept sentence of section 3 points to."""
    return {source["id"]: source["label"] for sentence in version.snapshot.draft["3"]["kept"]
            for source in sentence["sources"] if source["kind"] == "initiative"}


def test_the_stored_snapshot_reproduces_the_stored_draft(walk_app):
    _app, targets = walk_app
    version = queries.latest_version(db.session.get(Report, targets.values["report_id"]))
    again = draft_report(version.snapshot.facts)
    assert drafts_to_json(again) == version.snapshot.draft
    assert {number: draft.text for number, draft in again.items()} == version.text_map()


def test_a_final_version_and_its_snapshot_survive_changes_to_its_initiatives(walk_app):
    app, targets = walk_app
    report = db.session.get(Report, targets.values["report_id"])
    version = queries.latest_version(report)
    koordinator = db.session.scalar(select(User).where(User.email == "koordinator@demo.example"))
    services.mark_final(version, koordinator)
    db.session.commit()
    texts, facts, draft = version.text_map(), version.snapshot.facts, version.snapshot.draft
    initiative_id, old_label = next(iter(_initiative_sources(version).items()))
    assert old_label in texts[3]

    # The initiative is renamed and gets other partners, through the initiatives service.
    initiative = db.session.get(Initiative, initiative_id)
    bif = db.session.scalar(select(Administration).where(Administration.code == "BIF"))
    update_initiative(initiative, _renamed_input(initiative, [bif], []))
    db.session.commit()
    db.session.expire_all()

    reloaded = db.session.get(ReportVersion, version.id)
    assert reloaded.text_map() == texts
    assert reloaded.snapshot.facts == facts
    assert reloaded.snapshot.draft == draft
    assert reloaded.finalised_at is not None and reloaded.report.final_number == version.number

    # The pages show the version's sources with the labels they had, linked to the initiative as it is now.
    client = app.test_client()
    sign_in(client, "koordinator")
    for path in (f"/reports/{report.id}/versions/{version.number}", f"/reports/{report.id}"):
        page = client.get(path).get_data(as_text=True)
        assert old_label in page, path
        assert NEW_TITLE not in page, path
        assert f'href="/initiatives/{initiative_id}"' in page, path
    word = client.get(f"/reports/{report.id}/versions/{version.number}/redegoerelse.txt").get_data(as_text=True)
    assert old_label in word and NEW_TITLE not in word

    # Generating again takes the facts as they are now, in a new version; the final one stays as it was.
    fresh = services.regenerate(report, koordinator)
    db.session.commit()
    assert fresh.number == version.number + 1
    assert _initiative_sources(fresh).get(initiative_id, NEW_TITLE) == NEW_TITLE
    assert db.session.get(ReportVersion, version.id).text_map() == texts
    assert report.final_number == version.number
