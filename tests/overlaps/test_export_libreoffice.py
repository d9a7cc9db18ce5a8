"""The review's exports open in another office suite than the one python-docx and openpyxl are tested against:
LibreOffice converts them to PDF, on A4, with the page numbers filled in.

Skipped, with the reason shown, where LibreOffice is not installed (.ci/run installs it).
"""
from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from tests.overlaps.test_export import FILTERS, TITLE, _row, _sample
from tracker import create_app
from tracker.overlaps.exports.sheet import review_xlsx
from tracker.overlaps.exports.word import review_docx

A4 = (595, 842)  # points
SOFFICE = shutil.which("soffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer "
                            "libreoffice-calc")


@pytest.fixture(scope="module")
def files():
    """A paper long enough for several pages: the sample's topic and pairs, then strong and weak rows."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "export-tests", "TESTING": True})
    rows = _sample() + [_row(n, strong=n % 3 != 0) for n in range(4, 31)]
    with app.test_request_context():
        return {"docx": review_docx(rows, TITLE, FILTERS, today=date(2026, 12, 1)), "xlsx": review_xlsx(rows)}


def _calc_installed() -> bool:
    """Writer converts .docx; .xlsx needs Calc, a separate package (its library lies beside soffice)."""
    program = Path(SOFFICE).resolve().parent
    return any(program.glob("*sclo.*"))


def _to_pdf(tmp_path: Path, name: str, data: bytes) -> bytes:
    source = tmp_path / name
    source.write_bytes(data)
    out = tmp_path / "pdf"
    # A profile of its own: parallel runs (and a desktop LibreOffice) would otherwise share one and clash.
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out), str(source)],
                   check=True, capture_output=True, timeout=120)
    pdf = out / f"{source.stem}.pdf"
    assert pdf.exists(), f"LibreOffice made no PDF of {name}"
    return pdf.read_bytes()


def _page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    boxes = re.findall(rb"/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]", pdf)
    return [(float(x1) - float(x0), float(y1) - float(y0)) for x0, y0, x1, y1 in boxes]


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def _is_a4(size: tuple[float, float], *, landscape_too: bool = False) -> bool:
    shapes = [A4, A4[::-1]] if landscape_too else [A4]
    return any(abs(size[0] - w) <= 2 and abs(size[1] - h) <= 2 for w, h in shapes)


def test_the_word_paper_converts_to_an_a4_portrait_pdf(tmp_path, files):
    pdf = _to_pdf(tmp_path, "overlap.docx", files["docx"])
    assert pdf.startswith(b"%PDF")
    assert _pages(pdf) >= 1
    sizes = _page_sizes(pdf)
    assert sizes and all(_is_a4(size) for size in sizes), sizes


def test_libreoffice_fills_in_the_page_numbers(tmp_path, files):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: cannot read the PDF's text")
    pdf = tmp_path / "overlap.pdf"
    pdf.write_bytes(_to_pdf(tmp_path, "overlap.docx", files["docx"]))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True,
                          timeout=120).stdout
    pages = _pages(pdf.read_bytes())
    assert pages >= 2, "thirty rows and their details take more than one page"
    assert f"Side 1 af {pages}" in text and f"Side {pages} af {pages}" in text
    assert "1. december 2026" in text and "Filtre: Område: Nørrebro" in text


def test_the_workbook_converts_to_an_a4_pdf(tmp_path, files):
    if not _calc_installed():
        pytest.skip("LibreOffice Calc is not installed (libreoffice-calc): soffice cannot open the .xlsx")
    pdf = _to_pdf(tmp_path, "overlap.xlsx", files["xlsx"])
    assert pdf.startswith(b"%PDF")
    assert _pages(pdf) >= 1
    sizes = _page_sizes(pdf)
    # The sheet is set up for A4 landscape: fourteen columns do not fit across a portrait page.
    assert sizes and all(_is_a4(size, landscape_too=True) for size in sizes), sizes
