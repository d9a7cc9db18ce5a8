"""The review's exports as meeting papers: the Word document a steering group reads and the workbook it filters.

The builders are pure (ExportRows in, bytes out); the files are read back with python-docx and openpyxl.
"""
from __future__ import annotations

from datetime import date, datetime
from io import BytesIO

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Emu, RGBColor
from openpyxl import load_workbook

from tracker import create_app
from tracker.overlaps.exports.rows import ExportRow
from tracker.overlaps.exports.sheet import review_xlsx
from tracker.overlaps.exports.word import review_docx

TITLE = "Overlap til styregruppens møde"
FILTERS = ["Område: Nørrebro", "Vis: åbne", "Styrke: stærke"]
TODAY = date(2026, 12, 1)
FORMULA_LIKE = ['=HYPERLINK("http://x"&D3,"y")', "=1+1", "+45 33 66 33 66", "-1", "@SUM(A1)", "\tTabulator først",
                "\rVognretur først", "#N/A"]


@pytest.fixture(scope="module")
def export_app():
    """The builders need no database, only a request for the language (Danish unless the reader chose English)."""
    return create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "export-tests", "TESTING": True})


@pytest.fixture
def danish(export_app):
    with export_app.test_request_context():
        yield


def _row(position: int, **overrides) -> ExportRow:
    values = dict(
        position=position, areas=["Nørrebro"],
        initiatives=[(f"Lektiehjælp {position}", "BUF"), (f"Lektiecafé på biblioteket {position}", "KFF")],
        strong=True, why="Stærk: teksterne handler om det samme (lektiehjælp, skoleelever) · samme sted",
        reasons=["samme område: Nørrebro", "samme periode: 2025–2026"], evidence=[], uncoordinated=True,
    )
    return ExportRow(**{**values, **overrides})


def _sample() -> list[ExportRow]:
    """A topic of four initiatives, a reviewed strong pair that has changed since, and a weak pair."""
    return [
        _row(1, initiatives=[("Lektiehjælp i Mjølnerparken", "BUF"), ("Lektiecafé på biblioteket", "KFF"),
                             ("Frivillig lektiehjælp", "SOF"), ("Skolestart for nyankomne", "BUF")], pairs=5,
             evidence=["Begge i Områdeforum Nørrebro (møde 3. marts 2025)"], uncoordinated=False),
        _row(2, areas=["Bispebjerg", "Nordvest"], state="changed", verdict="Bør samordnes",
             comment="Tag det op i forummet.", owner="TMF", due=date(2027, 3, 1)),
        _row(3, strong=False, why="Svag: kun et fælles tema (Børn og unge)", state="reviewed",
             verdict="Ikke overlap", initiatives=[("Fritidsjob til unge", "BIF"), ("Sommeraktiviteter", "KFF")]),
    ]


def _docx(rows, filters=FILTERS, title=TITLE):
    return Document(BytesIO(review_docx(rows, title, filters, today=TODAY)))


def _xml_text(element) -> str:
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


# --- Word ------------------------------------------------------------------------------------------------


def test_the_word_paper_is_a4_portrait_with_margins_that_fit_the_summary_table(danish):
    document = _docx(_sample())
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert section.left_margin.cm >= 1.5 and section.right_margin.cm >= 1.5
    table_width = sum(int(col.get(qn("w:w"))) for col in document.tables[0]._tbl.tblGrid.iter(qn("w:gridCol")))
    assert table_width <= Emu(section.page_width - section.left_margin - section.right_margin).twips


def test_every_page_header_has_the_title_the_date_in_danish_and_the_filters(danish):
    header = "\n".join(p.text for p in _docx(_sample()).sections[0].header.paragraphs)
    assert TITLE in header
    assert "1. december 2026" in header
    assert "Filtre: Område: Nørrebro · Vis: åbne · Styrke: stærke" in header


def test_without_filters_the_header_says_so(danish):
    header = "\n".join(p.text for p in _docx(_sample(), filters=[]).sections[0].header.paragraphs)
    assert "Ingen filtre" in header


def test_the_date_follows_the_readers_language(export_app):
    with export_app.test_request_context(headers={"Cookie": "tracker_lang=en"}):
        header = "\n".join(p.text for p in _docx(_sample()).sections[0].header.paragraphs)
    assert "December 1, 2026" in header


def test_the_footer_numbers_the_pages_side_x_af_y(danish):
    footer = _docx(_sample()).sections[0].footer._element
    fields = [instruction.text.strip() for instruction in footer.iter(qn("w:instrText"))]
    assert fields == ["PAGE", "NUMPAGES"]
    assert _xml_text(footer).startswith("Side ")
    assert " af " in _xml_text(footer)


def test_the_word_paper_has_the_house_style_of_the_report_black_headings_in_arial(danish):
    document = _docx(_sample())

    for name in ("Title", "Heading 1", "Heading 2"):
        color = document.styles[name].font.color
        assert (color.rgb, color.theme_color) == (RGBColor(0, 0, 0), None), name
    assert {fonts.get(qn("w:ascii")) for fonts in document.styles.element.iter(qn("w:rFonts"))} == {"Arial"}
    assert document.styles["Title"].element.find(f"{qn('w:pPr')}/{qn('w:pBdr')}") is None, "no blue rule"


def test_the_summary_table_has_one_row_per_list_row_under_a_repeated_shaded_header(danish):
    rows = _sample()
    table = _docx(rows).tables[0]
    header, *body = table.rows
    assert [cell.text for cell in header.cells] == ["Nr.", "Område", "Indsatser", "Hvorfor", "Vurdering"]
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None, "the header row repeats on every page"
    assert all(run.bold for cell in header.cells for p in cell.paragraphs for run in p.runs)
    assert header.cells[0]._tc.tcPr.find(qn("w:shd")) is not None
    assert len(body) == len(rows)
    topic = body[0].cells
    assert topic[0].text == "1" and topic[1].text == "Nørrebro"
    assert [p.text for p in topic[2].paragraphs] == [
        "Lektiehjælp i Mjølnerparken (BUF)", "Lektiecafé på biblioteket (KFF)", "Frivillig lektiehjælp (SOF)",
        "Skolestart for nyankomne (BUF)", "Emne: 4 indsatser, 5 par"]
    assert topic[3].text == rows[0].why
    assert topic[4].text == "Ikke vurderet"
    assert [p.text for p in body[1].cells[1].paragraphs] == ["Bispebjerg", "Nordvest"]
    assert [p.text for p in body[1].cells[3].paragraphs][-1] == "Ingen tegn på koordinering"
    assert [p.text for p in body[1].cells[4].paragraphs] == ["Bør samordnes", "Ændret siden vurdering"]
    assert (body[2].cells[3].text, body[2].cells[4].text) == ("Svag: kun et fælles tema (Børn og unge)\n"
                                                             "Ingen tegn på koordinering", "Ikke overlap")


def _details(document) -> dict[str, list[str]]:
    """The detail section's paragraphs after the summary table, grouped under each Heading 2."""
    sections: dict[str, list[str]] = {}
    current = None
    for paragraph in document.paragraphs:
        if paragraph.style.name == "Heading 2":
            current = sections.setdefault(paragraph.text, [])
        elif current is not None:
            current.append(paragraph.text)
    return sections


def test_details_follow_the_table_for_the_strong_rows_only(danish):
    details = _details(_docx(_sample()))
    assert list(details) == ["1. Lektiehjælp i Mjølnerparken og 3 andre indsatser",
                             "2. Lektiehjælp 2 · Lektiecafé på biblioteket 2"]
    topic, pair = details.values()
    assert "Skolestart for nyankomne (BUF)" in topic and "samme periode: 2025–2026" in topic
    assert "Begge i Områdeforum Nørrebro (møde 3. marts 2025)" in topic
    assert "Vurdering: Ikke vurderet" in topic
    assert "Område: Bispebjerg, Nordvest" in pair
    assert "Ingen tegn på koordinering." in pair
    assert "Vurdering: Bør samordnes – ændret siden vurdering" in pair
    assert "Kommentar: Tag det op i forummet." in pair
    assert "Opfølgning: TMF · frist 1. marts 2027" in pair


def test_a_list_without_strong_rows_says_there_are_no_details(danish):
    document = _docx([_row(1, strong=False, why="Svag: kun et fælles tema")])
    assert len(document.tables[0].rows) == 2
    assert "Ingen stærke kandidater på listen." in [p.text for p in document.paragraphs]


def test_counts_are_written_the_danish_way(danish):
    rows = [_row(n, strong=n <= 2) for n in range(1, 1_202)]
    texts = [p.text for p in _docx(rows).paragraphs]
    assert "Rækker på listen: 1.201 · stærke: 2 · svage: 1.199" in texts


def test_an_empty_list_makes_a_paper_with_a_clear_sentence_and_no_table(danish):
    document = _docx([])
    assert "Ingen kandidater til overlap med de valgte filtre." in [p.text for p in document.paragraphs]
    assert document.tables == []
    assert TITLE in document.sections[0].header.paragraphs[0].text


def test_pasted_texts_keep_their_lines_and_lose_only_what_word_cannot_store(danish):
    awkward = "Første linje & <mere>\r\nAnden linje\tmed tabulator\x0b 😀"
    document = _docx([_row(1, why=awkward, comment=awkward)], title="Overlap & <samordning>")
    why = document.tables[0].rows[1].cells[3].paragraphs[0].text
    assert why == "Første linje & <mere>\nAnden linje\tmed tabulator 😀"
    assert "Overlap & <samordning>" in document.sections[0].header.paragraphs[0].text


# --- XLSX ------------------------------------------------------------------------------------------------

HEADERS = ["Nr.", "Område", "Indsatser", "Forvaltninger", "Styrke", "Hvorfor", "Begrundelser", "Koordinering",
           "Ukoordineret", "Status", "Vurdering", "Kommentar", "Opfølgning hos", "Frist"]


def _sheet(rows):
    return load_workbook(BytesIO(review_xlsx(rows))).active


def _records(sheet) -> list[dict]:
    header = [cell.value for cell in sheet[1]]
    return [dict(zip(header, (cell.value for cell in cells), strict=True)) for cells in sheet.iter_rows(min_row=2)]


def test_the_workbook_has_one_row_per_list_row_under_danish_headers(danish):
    sheet = _sheet(_sample())
    assert [cell.value for cell in sheet[1]] == HEADERS
    topic, changed, weak = _records(sheet)
    assert (topic["Nr."], topic["Område"], topic["Styrke"], topic["Status"]) == (1, "Nørrebro", "Stærk", "Åben")
    assert topic["Indsatser"].split("\n") == ["Lektiehjælp i Mjølnerparken (BUF)", "Lektiecafé på biblioteket (KFF)",
                                              "Frivillig lektiehjælp (SOF)", "Skolestart for nyankomne (BUF)"]
    assert topic["Forvaltninger"] == "BUF, KFF, SOF"
    assert topic["Koordinering"] == "Begge i Områdeforum Nørrebro (møde 3. marts 2025)"
    assert (topic["Ukoordineret"], topic["Vurdering"], topic["Frist"]) == ("Nej", None, None)
    assert changed["Område"].split("\n") == ["Bispebjerg", "Nordvest"]
    assert changed["Begrundelser"].split("\n") == ["samme område: Nørrebro", "samme periode: 2025–2026"]
    assert (changed["Status"], changed["Vurdering"], changed["Kommentar"], changed["Opfølgning hos"]) == (
        "Ændret siden vurdering", "Bør samordnes", "Tag det op i forummet.", "TMF")
    assert changed["Ukoordineret"] == "Ja"
    assert (weak["Styrke"], weak["Status"], weak["Hvorfor"]) == ("Svag", "Vurderet", "Svag: kun et fælles tema "
                                                                                      "(Børn og unge)")


def test_the_header_is_bold_frozen_and_filters_the_whole_list(danish):
    sheet = _sheet(_sample())
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:N4"
    assert sheet.column_dimensions["C"].width > sheet.column_dimensions["A"].width
    assert sheet["C2"].alignment.wrap_text


def test_the_due_date_is_a_date_cell_shown_the_danish_way(danish):
    sheet = _sheet(_sample())
    due = sheet.cell(row=3, column=HEADERS.index("Frist") + 1)
    assert due.is_date and due.value == datetime(2027, 3, 1)
    assert due.number_format == "dd-mm-yyyy"


@pytest.mark.parametrize("text", FORMULA_LIKE)
def test_texts_that_look_like_formulas_stay_text(danish, text):
    row = _row(1, areas=[text], initiatives=[(text, "BUF"), ("Lektiecafé", "KFF")], why=text, comment=text,
               verdict=text, reasons=[text])
    sheet = _sheet([row])
    cells = {header: sheet.cell(row=2, column=number) for number, header in enumerate(HEADERS, start=1)}
    for header in ("Område", "Hvorfor", "Begrundelser", "Vurdering", "Kommentar"):
        assert (cells[header].data_type, cells[header].value) == ("s", text), header
    assert cells["Indsatser"].data_type == "s"
    assert cells["Indsatser"].value == f"{text} (BUF)\nLektiecafé (KFF)"


def test_an_empty_list_makes_a_workbook_with_just_the_header(danish):
    sheet = _sheet([])
    assert sheet.max_row == 1 and [cell.value for cell in sheet[1]] == HEADERS
    assert sheet.auto_filter.ref == "A1:N1"
