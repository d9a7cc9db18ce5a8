"""The report exports: the Word document read back with python-docx, plain text and Markdown."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from tests.reports.samples import AWKWARD_TEXTS
from tests.seeded_app import sign_in
from tracker.extensions import db
from tracker.reports import queries
from tracker.reports.counting import count_characters
from tracker.reports.exports.document import ReportDocument, danish_date
from tracker.reports.exports.text import to_markdown, to_text
from tracker.reports.exports.word import GUIDANCE_GREY, to_docx
from tracker.reports.models import Report
from tracker.reports.template import SECTIONS, section

COMMITTEE = "Teknik- og Miljøudvalget"
TITLE = "Teknik- og Miljøudvalgets årlige statusredegørelse for inklusionsindsatsen i forvaltningen 2013"
SECTION_3 = ("Politik for Udsatte Byområder gennemføres på tværs af de syv forvaltninger.\n\n"
             "De boligsociale fora er den praksisnære platform i hvert område.")



@dataclass
class ReadBack:
    """The .docx as a reader sees it: the first page before the sections, and each section's paragraphs."""

    first_page: list = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    sections: dict[int, list] = field(default_factory=dict)

    def answer(self, number: int) -> list[str]:
        """The paragraphs after the guidance and limit lines."""
        return [paragraph.text for paragraph in self.sections[number][2:]]

    def first_page_text(self) -> str:
        return "\n".join(paragraph.text for paragraph in self.first_page)


def read_back(data: bytes) -> ReadBack:
    document = Document(BytesIO(data))
    result = ReadBack()
    current = None
    for paragraph in document.paragraphs:
        if paragraph.style.name == "Heading 2":
            result.headings.append(paragraph.text)
            current = int(paragraph.text.split(")")[0])
            result.sections[current] = []
        elif current is None:
            result.first_page.append(paragraph)
        else:
            result.sections[current].append(paragraph)
    return result


def _report(texts: dict[int, str], *, final: bool = True, label: str | None = None) -> ReportDocument:
    return ReportDocument(committee_name=COMMITTEE, year=2013, texts=texts, is_final=final, version_label=label)


def _is_grey_italic(paragraph) -> bool:
    return bool(paragraph.runs) and all(run.italic and run.font.color.rgb == GUIDANCE_GREY
                                        for run in paragraph.runs)


def test_docx_has_the_title_the_four_headings_and_grey_italic_guidance_and_limit_lines():
    back = read_back(to_docx(_report({3: SECTION_3})))

    assert back.first_page[0].text == TITLE
    assert back.headings == ["1) Status for handleplan", "2) Udvikling på inklusionsbarometret",
                             "3) Eventuelt samarbejde på tværs i kommunen", "4) Fremtidens inklusion"]
    for template in SECTIONS:
        guidance, limit = back.sections[template.number][:2]
        assert guidance.text == template.guidance
        assert limit.text == template.limit_line
        assert _is_grey_italic(guidance) and _is_grey_italic(limit)
    assert back.sections[3][1].text == "[max 1.500 anslag inkl. mellemrum]"


def test_docx_holds_the_saved_texts_one_word_paragraph_per_paragraph():
    texts = {1: "Status.\r\n\r\nMere status.", 2: "", 3: SECTION_3, 4: "Fremtiden."}

    back = read_back(to_docx(_report(texts)))

    assert back.answer(1) == ["Status.", "Mere status."]
    assert back.answer(2) == []
    assert back.answer(3) == SECTION_3.split("\n\n")
    assert back.answer(4) == ["Fremtiden."]
    assert not any(_is_grey_italic(paragraph) for paragraph in back.sections[3][2:])


def test_docx_warns_on_the_first_page_about_every_section_over_its_limit():
    texts = {1: "a" * 2223, 2: "b" * 2000, 3: "c" * 1467, 4: "æ" * 2006}

    first_page = read_back(to_docx(_report(texts))).first_page_text()

    assert "Advarsel" in first_page
    assert "1) Status for handleplan: 2.223 af 2.000 anslag – 223 for mange" in first_page
    assert "4) Fremtidens inklusion: 2.006 af 2.000 anslag – 6 for mange" in first_page
    assert "2) Udvikling" not in first_page and "3) Eventuelt" not in first_page


def test_docx_warning_is_red_and_bold():
    back = read_back(to_docx(_report({3: "x" * 1501})))

    warning = [paragraph for paragraph in back.first_page if "for mange" in paragraph.text]
    assert len(warning) == 1
    assert all(run.bold and run.font.color.rgb != GUIDANCE_GREY and run.font.color.rgb is not None
               for run in warning[0].runs)


def test_a_final_report_that_fits_has_nothing_on_the_first_page_but_the_title():
    texts = {template.number: "x" * template.limit for template in SECTIONS}

    back = read_back(to_docx(_report(texts, final=True)))

    assert [paragraph.text for paragraph in back.first_page] == [TITLE]


def test_a_draft_is_marked_as_such_on_the_first_page():
    first_page = read_back(to_docx(_report({3: SECTION_3}, final=False, label="version 3"))).first_page_text()

    assert "KLADDE (version 3)" in first_page
    assert "Advarsel" not in first_page


def test_docx_properties_name_the_report_and_the_committee():
    data = to_docx(_report({3: SECTION_3}, final=False, label="version 2"))

    properties = Document(BytesIO(data)).core_properties
    assert properties.title == TITLE
    assert properties.author == COMMITTEE
    assert properties.language == "da-DK"
    assert properties.content_status == "Kladde"
    assert properties.version == "version 2"


@pytest.mark.parametrize("text", AWKWARD_TEXTS)
def test_the_word_document_counts_as_the_counter_does(text):
    back = read_back(to_docx(_report({3: text})))

    assert count_characters("".join(back.answer(3))) == count_characters(text)


@pytest.mark.parametrize("text", AWKWARD_TEXTS)
def test_text_and_markdown_keep_the_count(text):
    doc = _report({3: text})

    assert count_characters(to_text(doc, section=3)) == count_characters(text)
    markdown_answer = to_markdown(doc, section=3).split(section(3).limit_line + "*", 1)[1]
    assert count_characters(markdown_answer.strip("\n")) == count_characters(text)


def test_a_pasted_control_character_does_not_break_the_word_export():
    back = read_back(to_docx(_report({3: "Før\x0bmellem\x0cefter\ud800."})))

    assert back.answer(3) == ["Førmellemefter."]


def test_text_of_one_section_is_just_the_answer_ready_to_paste():
    doc = _report({3: "Første afsnit.\r\n\r\nAndet afsnit.\r\n"})

    assert to_text(doc, section=3) == "Første afsnit.\n\nAndet afsnit."


def test_text_of_the_whole_report_has_title_headings_guidance_and_limits():
    text = to_text(_report({3: SECTION_3}, final=False))

    assert text.startswith(TITLE + "\n\nKLADDE")
    for template in SECTIONS:
        assert f"{template.numbered_heading}\n\n{template.guidance}\n\n{template.limit_line}" in text
    assert SECTION_3 in text


def test_markdown_of_one_section_follows_the_template_layout():
    markdown = to_markdown(_report({3: SECTION_3}), section=3)

    assert markdown == (
        "## 3) Eventuelt samarbejde på tværs i kommunen\n\n"
        "*Bidrag til strategier og indsatser, der går på tværs af forvaltningerne.*\n\n"
        "*[max 1.500 anslag inkl. mellemrum]*\n\n"
        f"{SECTION_3}\n"
    )


def test_markdown_of_the_whole_report_has_the_title_and_all_four_sections():
    markdown = to_markdown(_report({3: "y" * 1600}, final=True))

    assert markdown.startswith(f"# {TITLE}\n\n")
    assert [line for line in markdown.splitlines() if line.startswith("## ")] == [
        f"## {template.numbered_heading}" for template in SECTIONS]
    assert "3) Eventuelt samarbejde på tværs i kommunen: 1.600 af 1.500 anslag – 100 for mange" in markdown
    assert "KLADDE" not in markdown


def test_an_unknown_section_is_an_error_not_an_empty_export():
    with pytest.raises(KeyError):
        to_text(_report({}), section=5)
    with pytest.raises(KeyError):
        to_markdown(_report({}), section=0)


# --- the house style: what a committee secretary sends on without reformatting -----------------------


def _document(**overrides) -> Document:
    values = dict(final=False, label="version 3")
    values.update(overrides)
    report = _report({3: SECTION_3, 4: "Fremtiden."}, final=values["final"], label=values["label"])
    report.dated = date(2014, 3, 14)
    return Document(BytesIO(to_docx(report)))


def test_the_word_file_is_a4_portrait_with_margins_of_2_5_cm():
    section = _document().sections[0]

    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert {round(margin.cm, 2) for margin in (section.left_margin, section.right_margin, section.top_margin,
                                               section.bottom_margin)} == {2.5}


def test_every_page_header_names_the_committee_and_the_year():
    header = "\n".join(paragraph.text for paragraph in _document().sections[0].header.paragraphs)

    assert COMMITTEE in header
    assert "2013" in header


def test_the_footer_says_side_x_af_y_with_word_page_fields():
    footer = _document().sections[0].footer._element

    fields = [instruction.text.strip() for instruction in footer.iter(qn("w:instrText"))]
    assert fields == ["PAGE", "NUMPAGES"]
    text = "".join(node.text or "" for node in footer.iter(qn("w:t")))
    assert text == "Side 1 af 1", "the fields' placeholders between 'Side' and 'af'"


def test_headings_are_black_arial_not_the_templates_blue():
    document = _document()

    for name in ("Heading 1", "Heading 2"):
        color = document.styles[name].font.color
        assert (color.rgb, color.theme_color) == (RGBColor(0, 0, 0), None), name
    assert {fonts.get(qn("w:ascii")) for fonts in document.styles.element.iter(qn("w:rFonts"))} == {"Arial"}
    assert document.styles["Normal"].font.size == Pt(11)


def test_a_draft_ends_with_its_version_and_date():
    paragraphs = [paragraph.text for paragraph in _document().paragraphs]

    assert paragraphs[-1] == "Kladde, version 3, 14. marts 2014"
    assert paragraphs[-2] == "Fremtiden."


def test_the_final_version_ends_with_its_last_paragraph_and_no_version_line():
    paragraphs = [paragraph.text for paragraph in _document(final=True).paragraphs]

    assert paragraphs[-1] == "Fremtiden."
    assert not any("version 3" in text for text in paragraphs)


def test_the_guidance_and_limit_lines_stay_on_the_page_of_their_answer():
    back = read_back(to_docx(_report({3: SECTION_3})))

    for template in SECTIONS:
        guidance, limit = back.sections[template.number][:2]
        assert guidance.paragraph_format.keep_with_next and limit.paragraph_format.keep_with_next


def test_a_downloaded_draft_version_ends_with_its_number_and_the_day_it_was_saved(walk_app):
    app, targets = walk_app
    report = db.session.get(Report, targets.values["report_id"])
    version = queries.latest_version(report)
    client = app.test_client()
    sign_in(client, "laeser")

    data = client.get(f"/reports/{report.id}/versions/{version.number}/redegoerelse.docx").data

    saved = version.created_at if version.created_at.tzinfo else version.created_at.replace(tzinfo=UTC)
    day = danish_date(saved.astimezone(ZoneInfo("Europe/Copenhagen")).date())
    assert Document(BytesIO(data)).paragraphs[-1].text == f"Kladde, version {version.number}, {day}"
