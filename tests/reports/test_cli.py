"""`flask report draft` on the seeded data: what a report writer gets on screen, in a file, and when they
mistype."""
from __future__ import annotations

from io import BytesIO

import pytest
from docx import Document

from tracker.extensions import db
from tracker.organisation.services import upsert_administration
from tracker.reports import cli
from tracker.reports.counting import count_characters
from tracker.reports.drafting.drafts import SectionDraft, Sentence
from tracker.reports.template import SECTIONS

TMF_TITLE = "Teknik- og Miljøudvalgets årlige statusredegørelse for inklusionsindsatsen i forvaltningen 2013"


@pytest.fixture
def runner(walk_app):
    app, _targets = walk_app
    return app.test_cli_runner()


def _draft(runner, *args):
    return runner.invoke(args=["report", "draft", "--year", "2013", *args])


def test_section_3_for_tmf_prints_a_danish_draft_within_the_limit_and_nothing_else(runner):
    result = _draft(runner, "--committee", "TMF", "--section", "3")

    assert result.exit_code == 0, result.output
    text = result.stdout.rstrip("\n")
    assert 0 < count_characters(text) <= 1500
    assert "Tværkommunalt Team" in text
    assert not text.startswith("3)") and "[max" not in text  # just the answer, ready to paste
    assert f"Afsnit 3: {count_characters(text):,} af 1.500 anslag".replace(",", ".") in result.stderr


def test_the_committee_code_is_not_case_sensitive(runner):
    upper = _draft(runner, "--committee", "TMF", "--section", "3")
    lower = _draft(runner, "--committee", "tmf", "--section", "3")

    assert lower.exit_code == 0, lower.output
    assert lower.stdout == upper.stdout


def test_markdown_has_the_template_heading_guidance_and_limit(runner):
    result = _draft(runner, "--committee", "TMF", "--section", "3", "--format", "markdown")

    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "## 3) Eventuelt samarbejde på tværs i kommunen\n\n"
        "*Bidrag til strategier og indsatser, der går på tværs af forvaltningerne.*\n\n"
        "*[max 1.500 anslag inkl. mellemrum]*\n\n")


def test_the_whole_report_as_text_has_the_title_and_four_sections(runner):
    result = _draft(runner, "--committee", "TMF")

    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(TMF_TITLE)
    for template in SECTIONS:
        assert f"\n{template.numbered_heading}\n" in result.stdout
        assert f"Afsnit {template.number}:" in result.stderr


def test_docx_writes_a_word_file_with_the_drafted_section_3(runner, tmp_path):
    target = tmp_path / "tmf-2013.docx"
    section_3 = _draft(runner, "--committee", "TMF", "--section", "3").stdout.rstrip("\n")

    result = _draft(runner, "--committee", "TMF", "--format", "docx", "--output", str(target))

    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    paragraphs = [paragraph for paragraph in Document(str(target)).paragraphs]
    assert paragraphs[0].text == TMF_TITLE
    assert [p.text for p in paragraphs if p.style.name == "Heading 2"] == [s.numbered_heading for s in SECTIONS]
    texts = [p.text for p in paragraphs]
    for paragraph in section_3.split("\n\n"):
        assert paragraph in texts


def test_docx_can_go_to_a_pipe_but_needs_output_named(runner):
    piped = _draft(runner, "--committee", "TMF", "--format", "docx", "--output", "-")
    missing = _draft(runner, "--committee", "TMF", "--format", "docx")

    assert piped.exit_code == 0, piped.output
    assert Document(BytesIO(piped.stdout_bytes)).paragraphs[0].text == TMF_TITLE
    assert missing.exit_code == 2
    assert "--output" in missing.stderr


def test_docx_of_one_section_is_refused_with_a_reason(runner):
    result = _draft(runner, "--committee", "TMF", "--section", "3", "--format", "docx", "--output", "x.docx")

    assert result.exit_code == 2
    assert "hele redegørelsen" in result.stderr


def test_text_can_be_saved_to_a_file(runner, tmp_path):
    target = tmp_path / "afsnit-3.txt"
    printed = _draft(runner, "--committee", "TMF", "--section", "3")

    result = _draft(runner, "--committee", "TMF", "--section", "3", "--output", str(target))

    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8") == printed.stdout.rstrip("\n")


def test_an_unknown_committee_is_refused_with_the_valid_codes(runner):
    result = _draft(runner, "--committee", "XYZ", "--section", "3")

    assert result.exit_code == 2
    assert "Ukendt forvaltning 'XYZ'" in result.stderr
    assert all(code in result.stderr for code in ("BIF", "SOF", "TMF", "ØKF"))
    assert result.stdout == ""


def test_a_year_whose_period_has_not_begun_is_refused(runner):
    result = runner.invoke(args=["report", "draft", "--committee", "TMF", "--year", "2999"])

    assert result.exit_code == 2
    assert "ikke begyndt" in result.stderr


def test_a_committee_without_tracked_cooperation_gets_a_draft_and_a_note_on_stderr(runner):
    upsert_administration("NYF", "Ny Forvaltning", "Nyt Udvalg")
    db.session.commit()

    result = _draft(runner, "--committee", "NYF", "--section", "3")

    assert result.exit_code == 0, result.output
    assert count_characters(result.stdout) <= 1500
    assert "Note til skribenten:" in result.stderr
    assert "Note til skribenten" not in result.stdout


def test_sentences_left_out_for_space_and_notes_go_to_stderr_not_into_the_text(runner, monkeypatch):
    draft = SectionDraft(number=3, limit=1500, kept=[Sentence("Den beholdte sætning.")],
                         omitted=[Sentence("Den udeladte sætning.")], notes=["Tjek mødetallene."])
    monkeypatch.setattr(cli, "draft_section", lambda facts, number: draft)

    result = _draft(runner, "--committee", "TMF", "--section", "3")

    assert result.exit_code == 0, result.output
    assert result.stdout == "Den beholdte sætning.\n"
    assert "Udeladt af pladshensyn: Den udeladte sætning." in result.stderr
    assert "Note til skribenten: Tjek mødetallene." in result.stderr
