"""Issue 5, acceptance 6, in a real browser: TMF's coordinator, as report writer, generates TMF's 2013 report,
shortens section 3 by hand and sees the live counter change (and turn red past the limit), saves, sees the
difference to the generated draft, marks the version final and downloads the Word document, which opens with
python-docx and holds the shortened text. The report list and the editor pass axe-core's WCAG 2.1 AA rules.

The live server is shared with the other browser tests; nothing else there writes reports.
"""
from __future__ import annotations

import re

from axe_playwright_python.sync_playwright import Axe
from docx import Document
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tracker.reports.counting import count_characters

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
TITLE = "Teknik- og Miljøudvalgets årlige statusredegørelse for inklusionsindsatsen i forvaltningen 2013"
SECTION_3 = "3) Eventuelt samarbejde på tværs i kommunen"
ADDED = "Skribentens egen tilføjelse står netop her."


def _assert_accessible(page) -> None:
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    assert results.violations_count == 0, results.generate_report()


def _danish(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def test_report_writer_generates_shortens_saves_compares_finalises_and_downloads(page, tmp_path):
    log_in(page, "koordinator@demo.example", "demo-password")

    # The report list, from the menu: choose TMF's committee and 2013, and generate.
    page.get_by_role("navigation").get_by_role("link", name="Redegørelser", exact=True).first.click()
    expect(page.get_by_role("heading", level=1, name="Redegørelser")).to_be_visible()
    _assert_accessible(page)
    expect(page.get_by_label("Udvalg", exact=True)).to_have_value(re.compile(r"\d+"))
    page.get_by_label("År", exact=True).fill("2013")
    page.get_by_role("button", name="Generér udkast", exact=True).click()

    # The editor: four sections, section 3 drafted within its limit, with sources beside it.
    expect(page.get_by_role("heading", level=1, name=TITLE)).to_be_visible()
    expect(page.get_by_text(re.compile(r"Udkastet er genereret som version \d+"))).to_be_visible()
    _assert_accessible(page)
    section = page.get_by_role("textbox", name=SECTION_3, exact=True)
    counter = page.locator("#text_3-counter")
    draft = section.input_value()
    assert 0 < count_characters(draft) <= 1500
    expect(counter).to_have_text(f"{_danish(count_characters(draft))} af 1.500 anslag")
    expect(page.get_by_role("link", name="Tværkommunalt Team", exact=True).first).to_be_visible()

    # Past the limit the counter says by how much, in red and in words.
    section.fill(draft + " " + "x" * 1500)
    over = count_characters(draft) + 1501 - 1500
    expect(counter).to_have_text(f"{_danish(over + 1500)} af 1.500 anslag – {_danish(over)} for mange")
    expect(counter).to_have_class(re.compile(r"\bis-over\b"))

    # Shortened by hand: the first paragraph and one sentence of the writer's own.
    shortened = draft.split("\n\n")[0] + "\n\n" + ADDED
    section.fill(shortened)
    expect(counter).to_have_text(f"{_danish(count_characters(shortened))} af 1.500 anslag")
    expect(counter).not_to_have_class(re.compile(r"\bis-over\b"))
    page.get_by_role("button", name="Gem som ny version", exact=True).click()
    saved = page.get_by_text(re.compile(r"^Gemt som version (\d+)\.$"))
    expect(saved).to_be_visible()
    number = re.search(r"\d+", saved.text_content()).group(0)
    expect(page.get_by_role("textbox", name=SECTION_3, exact=True)).to_have_value(shortened)

    # The difference to the generated draft: the writer's sentence inserted, the dropped paragraphs deleted.
    page.get_by_role("link", name="Se ændringer i forhold til udkastet", exact=True).click()
    expect(page.get_by_role("heading", level=1, name=f"Version {number} og det genererede udkast")).to_be_visible()
    changes = page.locator("section", has=page.get_by_role("heading", name=SECTION_3))
    expect(changes.locator("ins").filter(has_text=ADDED)).to_have_count(1)
    expect(changes.locator("del").first).to_be_visible()
    _assert_accessible(page)

    # Final: from the editor, then the Word document of the final version.
    page.get_by_role("link", name="TMF 2013", exact=True).click()
    page.get_by_role("button", name=f"Markér version {number} som endelig", exact=True).click()
    expect(page.get_by_text(f"Version {number} er nu den endelige redegørelse.")).to_be_visible()
    expect(page.locator(".badge", has_text="Endelig").first).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Word-dokument (.docx)", exact=True).first.click()
    download = download_info.value
    assert download.suggested_filename == f"redegoerelse-TMF-2013-v{number}.docx"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    paragraphs = [paragraph.text for paragraph in Document(str(path)).paragraphs]
    assert paragraphs[0] == TITLE
    assert SECTION_3 in paragraphs
    assert ADDED in paragraphs and draft.split("\n\n")[0] in paragraphs
    assert not any("KLADDE" in text for text in paragraphs)
