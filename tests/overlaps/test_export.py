"""The review exports: the XLSX workbook and the Word document list the same candidates as the page."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from io import BytesIO

from docx import Document
from openpyxl import load_workbook

from tracker.extensions import db
from tracker.organisation.queries import all_administrations
from tracker.overlaps import detect
from tracker.overlaps.export import candidate_key, review_docx, review_xlsx, rows_from
from tracker.seeding import default_seed_files, load_seed


@dataclass
class FakeVerdict:
    """Anything with these attributes serves as a verdict for the export."""

    verdict_label: str
    comment: str
    owner_code: str | None
    due_date: date | None
    changed: bool


def _seed_rows(app):
    load_seed(default_seed_files())
    db.session.commit()
    candidates = detect().candidates
    assert len(candidates) >= 2, "the seed has overlap candidates"
    verdicts = {
        candidate_key(candidates[0]): FakeVerdict("Bør samordnes", "Tag det op i forummet.", "TMF",
                                                  date(2014, 3, 1), True),
        candidate_key(candidates[1]): FakeVerdict("Ikke overlap", "", None, None, False),
    }
    codes = {admin.id: admin.code for admin in all_administrations()}
    return candidates, rows_from(candidates, verdicts, codes)


def test_rows_follow_the_candidates_order_with_their_reasons_and_verdicts(app):
    with app.test_request_context():
        candidates, rows = _seed_rows(app)
        assert [(r.first_title, r.second_title) for r in rows] == [(c.first.title, c.second.title)
                                                                  for c in candidates]
        assert rows[0].reasons == [str(reason) for reason in candidates[0].reasons]
        assert (rows[0].verdict, rows[0].owner, rows[0].due, rows[0].changed_since_verdict) == (
            "Bør samordnes", "TMF", date(2014, 3, 1), True)
        assert all(row.verdict is None and row.due is None for row in rows[2:])
        assert {rows[0].first_lead, rows[0].second_lead} <= {a.code for a in all_administrations()}


def test_the_workbook_lists_the_candidates_in_order_with_reasons_and_verdicts(app):
    with app.test_request_context():
        _candidates, rows = _seed_rows(app)
        data = review_xlsx(rows)
    sheet = load_workbook(BytesIO(data)).active
    table = list(sheet.iter_rows(values_only=True))
    header, body = table[0], table[1:]
    assert header[:2] == ("Nr.", "Indsats 1") and "Begrundelser" in header and "Vurdering" in header
    column = {name: header.index(name) for name in header}
    assert len(body) == len(rows)
    for row, line in zip(rows, body, strict=True):
        assert line[column["Nr."]] == row.position
        assert (line[column["Indsats 1"]], line[column["Indsats 2"]]) == (row.first_title, row.second_title)
        assert line[column["Begrundelser"]].split("\n") == row.reasons
        assert (line[column["Vurdering"]] or None) == row.verdict
    assert body[0][column["Frist"]].date() == date(2014, 3, 1)
    assert body[0][column["Opfølgning hos"]] == "TMF"


def test_the_word_document_has_a_title_a_date_and_one_section_per_candidate(app):
    with app.test_request_context():
        _candidates, rows = _seed_rows(app)
        data = review_docx(rows, "Overlap til styregruppens møde", today=date(2026, 11, 26))
    document = Document(BytesIO(data))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    assert paragraphs[0] == ("Title", "Overlap til styregruppens møde")
    assert paragraphs[1][1] == "Dato: 2026-11-26"
    headings = [text for style, text in paragraphs if style == "Heading 2"]
    assert headings == [f"{r.position}. {r.first_title} ({r.first_lead}) · {r.second_title} ({r.second_lead})"
                        for r in rows]
    # Each section: its reasons as bullets, then its verdict, in the candidates' order.
    sections, current = [], None
    for style, text in paragraphs[2:]:
        if style == "Heading 2":
            current = {"reasons": [], "verdict": None, "after": None}
            sections.append(current)
        elif style == "Heading 3":
            current["after"] = text
        elif current["after"] == "Begrundelser" and style == "List Bullet":
            current["reasons"].append(text)
        elif current["after"] == "Vurdering" and current["verdict"] is None:
            current["verdict"] = text
    assert [s["reasons"] for s in sections] == [r.reasons for r in rows]
    assert [s["verdict"] for s in sections] == [r.verdict or "Ikke vurderet" for r in rows]


def test_an_empty_review_still_makes_both_files(app):
    with app.test_request_context():
        assert load_workbook(BytesIO(review_xlsx([]))).active.max_row == 1
        document = Document(BytesIO(review_docx([], "Overlap")))
    assert "Ingen kandidater til overlap." in [p.text for p in document.paragraphs]
