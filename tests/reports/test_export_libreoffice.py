"""The report's Word file laid out by a real word processor: LibreOffice converts it to PDF once for the module,
and poppler's pdfinfo and pdftotext read the pages back (A4, page count, header, "Side X af Y", headings).

Skipped, with the reason shown, where LibreOffice or poppler is not installed (.ci/run installs both).
"""
from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from tracker.reports.counting import count_characters
from tracker.reports.exports.document import ReportDocument
from tracker.reports.exports.word import to_docx
from tracker.reports.template import SECTIONS

SOFFICE = shutil.which("soffice")
POPPLER = shutil.which("pdfinfo") and shutil.which("pdftotext")
pytestmark = [
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: apt-get install "
                                               "libreoffice-writer"),
    pytest.mark.skipif(not POPPLER, reason="pdfinfo/pdftotext are not installed: apt-get install poppler-utils"),
]

COMMITTEE = "Teknik- og Miljøudvalget"
TITLE = "Teknik- og Miljøudvalgets årlige statusredegørelse for inklusionsindsatsen i forvaltningen 2013"
SENTENCE = ("Forvaltningen har sammen med Børne- og Ungdomsforvaltningen og boligorganisationerne gennemført "
            "tryghedsvandringer i Tingbjerg, hvor belysning, beplantning og affald blev gennemgået med beboerne. ")
# Every section filled to its limit, as the longest report the template allows: three A4 pages.
FULL_PAGES = 3


def _full(limit: int) -> str:
    """Paragraphs of whole sentences, up to the limit and not over it."""
    text = ""
    while count_characters(text + "\n\n" + SENTENCE * 3) <= limit:
        text = f"{text}\n\n{(SENTENCE * 3).strip()}" if text else (SENTENCE * 3).strip()
    return text


@pytest.fixture(scope="module")
def pdf(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("report-pdf")
    document = ReportDocument(committee_name=COMMITTEE, year=2013, is_final=False, version_label="version 4",
                              dated=date(2014, 3, 14),
                              texts={template.number: _full(template.limit) for template in SECTIONS})
    source = folder / "redegoerelse.docx"
    source.write_bytes(to_docx(document))
    # A profile of its own: parallel runs (and a desktop LibreOffice) would otherwise share one and clash.
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{folder / 'lo-profile'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder), str(source)],
                   check=True, capture_output=True, timeout=120)
    out = folder / "redegoerelse.pdf"
    assert out.exists(), "LibreOffice made no PDF of the report"
    return out


def _info(pdf: Path) -> dict[str, str]:
    lines = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True, timeout=60).stdout
    return {key.strip(): value.strip() for key, _, value in (line.partition(":") for line in lines.splitlines())}


def _text(pdf: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", *pages, str(pdf), "-"], check=True, capture_output=True, text=True,
                          timeout=60).stdout


def test_a_report_at_every_limit_is_three_a4_pages_titled_and_authored_by_the_committee(pdf):
    info = _info(pdf)

    assert int(info["Pages"]) == FULL_PAGES
    assert "(A4)" in info["Page size"], info["Page size"]
    assert (info["Title"], info["Author"]) == (TITLE, COMMITTEE)


def test_the_pdf_holds_the_title_and_the_four_headings_in_the_templates_order(pdf):
    text = " ".join(_text(pdf).split())

    places = [text.find(heading) for heading in (TITLE, *(template.numbered_heading for template in SECTIONS))]
    assert -1 not in places, places
    assert places == sorted(places)
    assert text.count("[max 2.000 anslag inkl. mellemrum]") == 3 and "[max 1.500 anslag inkl. mellemrum]" in text


def test_every_page_has_the_committee_and_year_above_and_side_x_af_y_below(pdf):
    for page in range(1, FULL_PAGES + 1):
        lines = [line.strip() for line in _text(pdf, page).splitlines() if line.strip()]
        assert COMMITTEE in lines[0] and "2013" in " ".join(lines[:2]), lines[:2]
        assert lines[-1] == f"Side {page} af {FULL_PAGES}"


def test_the_draft_ends_with_its_version_and_date_on_the_last_page(pdf):
    last = _text(pdf, FULL_PAGES)

    assert re.search(r"Kladde, version 4, 14\. marts 2014\s+Side 3 af 3\s*$", last), last[-200:]
