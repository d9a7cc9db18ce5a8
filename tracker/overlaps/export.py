"""The overlap review as files for the steering group: an XLSX workbook and a Word document.

The builders are pure: they take ``ReviewRow`` values (built from detection candidates and their verdicts
by ``rows_from``) in the order the page shows them, and return the file's bytes. No database, no request.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from io import BytesIO

from docx import Document
from flask_babel import lazy_gettext as _l
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from tracker.core.validation import message_date

# One line per reason or piece of evidence inside a cell; reading a cell back splits on it.
LINE = "\n"

COLUMNS = (
    _l("Nr."), _l("Indsats 1"), _l("Ansvarlig 1"), _l("Indsats 2"), _l("Ansvarlig 2"), _l("Score"),
    _l("Ukoordineret"), _l("Begrundelser"), _l("Koordinering"), _l("Vurdering"), _l("Kommentar"),
    _l("Opfølgning hos"), _l("Frist"), _l("Ændret siden vurdering"),
)
WIDTHS = (6, 40, 12, 40, 12, 8, 14, 60, 50, 18, 40, 16, 12, 14)


@dataclass
class ReviewRow:
    """One candidate as the export shows it: plain strings, numbers and dates."""

    position: int
    first_title: str
    first_lead: str
    second_title: str
    second_lead: str
    score: float
    uncoordinated: bool
    reasons: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    verdict: str | None = None
    comment: str = ""
    owner: str | None = None
    due: date | None = None
    changed_since_verdict: bool = False


def candidate_key(candidate) -> tuple[int, int]:
    """How verdicts are looked up: the candidate's ``key`` if it has one, else its two initiative ids."""
    return getattr(candidate, "key", None) or candidate.initiative_ids


def rows_from(candidates: Iterable, verdicts_by_key: Mapping, administration_codes: Mapping[int, str] | None = None,
              ) -> list[ReviewRow]:
    """ReviewRows for detection candidates, in the order given (the page's order).

    ``verdicts_by_key`` maps ``candidate_key(candidate)`` to the candidate's verdict, if any. A verdict is
    duck-typed: any object with ``verdict_label`` (the verdict in words), ``comment``, ``owner_code`` (the
    follow-up owner's administration code, or None), ``due_date`` (date or None) and ``changed`` (whether
    either initiative has changed in a way that matters since the verdict). A candidate without a verdict
    gets an empty verdict. ``administration_codes`` maps lead administration ids to the codes shown.
    """
    codes = administration_codes or {}
    rows = []
    for position, candidate in enumerate(candidates, start=1):
        verdict = verdicts_by_key.get(candidate_key(candidate))
        rows.append(ReviewRow(
            position=position,
            first_title=candidate.first.title,
            first_lead=codes.get(candidate.first.lead_administration_id, str(candidate.first.lead_administration_id)),
            second_title=candidate.second.title,
            second_lead=codes.get(candidate.second.lead_administration_id,
                                  str(candidate.second.lead_administration_id)),
            score=round(candidate.score, 2),
            uncoordinated=candidate.uncoordinated,
            reasons=[str(reason) for reason in candidate.reasons],
            evidence=[str(item) for item in candidate.evidence],
            verdict=str(verdict.verdict_label) if verdict is not None else None,
            comment=(verdict.comment or "") if verdict is not None else "",
            owner=verdict.owner_code if verdict is not None else None,
            due=verdict.due_date if verdict is not None else None,
            changed_since_verdict=bool(verdict.changed) if verdict is not None else False,
        ))
    return rows


def _yes_no(value: bool) -> str:
    return str(_l("Ja")) if value else str(_l("Nej"))


def review_xlsx(rows: list[ReviewRow]) -> bytes:
    """One sheet, one row per candidate under Danish headers; reasons and evidence one per line in their cell."""
    book = Workbook()
    sheet = book.active
    sheet.title = str(_l("Overlap"))
    sheet.append([str(column) for column in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([row.position, row.first_title, row.first_lead, row.second_title, row.second_lead, row.score,
                      _yes_no(row.uncoordinated), LINE.join(row.reasons), LINE.join(row.evidence),
                      row.verdict or "", row.comment, row.owner or "", row.due,
                      _yes_no(row.changed_since_verdict)])
    wrap = Alignment(wrap_text=True, vertical="top")
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            cell.alignment = wrap
        cells[12].number_format = "yyyy-mm-dd"
    for letter, width in zip("ABCDEFGHIJKLMN", WIDTHS, strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def review_docx(rows: list[ReviewRow], title: str, today: date | None = None) -> bytes:
    """A title, the date, and one section per candidate: the pair, the reasons, the evidence and the verdict."""
    document = Document()
    document.add_heading(title, level=0)
    document.add_paragraph(str(_l("Dato: %(date)s", date=message_date(today or date.today()))))
    if not rows:
        document.add_paragraph(str(_l("Ingen kandidater til overlap.")))
    for row in rows:
        document.add_heading(f"{row.position}. {row.first_title} ({row.first_lead}) · "
                             f"{row.second_title} ({row.second_lead})", level=2)
        status = _l("Ukoordineret") if row.uncoordinated else _l("Tegn på koordinering")
        document.add_paragraph(str(_l("Score: %(score)s · %(status)s", score=format(row.score, ".2f"), status=status)))
        document.add_paragraph(str(_l("Begrundelser")), style="Heading 3")
        for reason in row.reasons:
            document.add_paragraph(reason, style="List Bullet")
        if row.evidence:
            document.add_paragraph(str(_l("Koordinering")), style="Heading 3")
            for item in row.evidence:
                document.add_paragraph(item, style="List Bullet")
        document.add_paragraph(str(_l("Vurdering")), style="Heading 3")
        document.add_paragraph(row.verdict or str(_l("Ikke vurderet")))
        details = []
        if row.owner:
            details.append(str(_l("Opfølgning hos: %(owner)s", owner=row.owner)))
        if row.due:
            details.append(str(_l("Frist: %(date)s", date=message_date(row.due))))
        if row.changed_since_verdict:
            details.append(str(_l("Ændret siden vurdering")))
        if row.comment:
            details.append(str(_l("Kommentar: %(comment)s", comment=row.comment)))
        for line in details:
            document.add_paragraph(line)
    out = BytesIO()
    document.save(out)
    return out.getvalue()
