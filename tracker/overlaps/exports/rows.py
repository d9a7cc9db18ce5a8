"""The overlap review as meeting papers for the steering group: the row both files are built from, and
the helpers they share. The Word document is built in word.py, the workbook in sheet.py.

The builders are pure: they take ``ExportRow`` values in the order the page shows them and return the
file's bytes; no database. Their labels are lazy strings, so a request context renders them in the reader's
language (Danish first), and dates and numbers follow the same locale.

An ``ExportRow`` is one line of the list, plain data built by the view:

* a **single candidate**: two initiatives of two administrations, ``pairs == 1``;
* a **topic**: strong candidates about the same problem in the same area, grouped, so one row names
  several initiatives of several administrations and ``pairs`` says how many pairs of them it stands for.

``strong`` and ``why`` are detection's classification and its plain-language explanation, ``reasons`` and
``evidence`` its detailed reasons and the signs of coordination, one line each. ``state`` is the review
state (``open``: no verdict; ``reviewed``: a verdict that still matches; ``changed``: a verdict given
before the initiatives changed in a way that matters); ``verdict`` is the verdict in words.

Word: A4 portrait, the title, date and filters in the page header and "Side X af Y" in the footer; first a
summary table with one row per ExportRow (header row repeated on each page), then details for the strong
rows only. XLSX: one sheet, one row per ExportRow, frozen header and an autofilter; every user text is
stored as a string cell, so a title such as ``=HYPERLINK(...)`` never becomes a formula.

Both files are built in time linear in the rows (2,000 rows in well under a second each): python-docx's
``add_paragraph`` and ``table.add_row`` search the body and recompute the table grid on every call (a
5,000-candidate export took minutes), so the Word body is written as WordprocessingML text straight into
the saved file (``_spliced``); the workbook's data rows likewise (sheet.py).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from flask_babel import format_date, ngettext

from tracker.overlaps.review.queries import CHANGED, OPEN
from tracker.overlaps.texts import _l
from tracker.overlaps.texts import number as texts_number

# One line per reason, piece of evidence or initiative inside an XLSX cell; reading a cell back splits on it.
LINE = "\n"

# Neither Word nor Excel can store these (control characters and unpaired surrogates are not allowed in
# XML). They are invisible and only ever arrive by pasting; dropping them is better than refusing the file.
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
BREAK = re.compile(r"\r\n|\r|\n")

# A light grey-blue that survives a grey-scale printout, for the header rows of both files.
HEADER_FILL = "DCE3EC"
MUTED = "595959"


@dataclass(kw_only=True)
class ExportRow:
    """One row of the list: a topic (several pairs) or a single candidate pair. Plain strings and dates."""

    position: int
    areas: list[str]  # area names
    initiatives: list[tuple[str, str]]  # (title, lead administration code), in display order
    strong: bool
    why: str  # plain words: why strong or weak, e.g. "Stærk: teksterne handler om det samme (...) · samme sted"
    reasons: list[str]  # the detailed reasons (area, period, theme, words ...)
    evidence: list[str]  # signs of coordination, one per item
    uncoordinated: bool
    pairs: int = 1  # pairs of initiatives the row stands for
    more_initiatives: int | None = 0  # initiatives of the topic not in ``initiatives`` (None: some, not counted)
    state: str = OPEN  # OPEN, CHANGED or REVIEWED (tracker.overlaps.review.queries)
    verdict: str | None = None  # the verdict in words
    comment: str = ""
    owner: str | None = None  # the follow-up owner's administration code
    due: date | None = None  # the follow-up's due date

    @property
    def changed_since_verdict(self) -> bool:
        return self.state == CHANGED

    @property
    def initiative_count(self) -> int | None:
        """How many initiatives the row stands for (None when not all were counted)."""
        return None if self.more_initiatives is None else len(self.initiatives) + self.more_initiatives

    def more_line(self, shown: int) -> str | None:
        """The line after the first ``shown`` initiatives, saying how many more there are (None: no more)."""
        count = self.initiative_count
        if count is None:
            return str(_l("… og flere indsatser; alle står på emnets side i Tværs."))
        if count > shown:
            return ngettext("… og %(count)s indsats mere; den står på emnets side i Tværs.",
                            "… og %(count)s indsatser mere; alle står på emnets side i Tværs.",
                            count - shown, count=number(count - shown))
        return None

    @property
    def administrations(self) -> list[str]:
        """The lead administrations' codes, each once, in the initiatives' order."""
        return list(dict.fromkeys(code for _title, code in self.initiatives))


def clean(text: object) -> str:
    return NOT_IN_XML.sub("", str(text))


def long_date(value: date) -> str:
    """"1. december 2026" in Danish; the reader's long form in another language."""
    return format_date(value, "long")


number = texts_number  # "2,50" in Danish (tracker/overlaps/texts.py)


def initiative_line(title: str, code: str) -> str:
    return f"{title} ({code})"


def filters_line(filters: Sequence[str]) -> str:
    if not filters:
        return str(_l("Ingen filtre"))
    return str(_l("Filtre: %(filters)s", filters=" · ".join(str(f) for f in filters)))


def rendered_words(labels: dict) -> dict[str, str]:
    """Fixed words rendered once per file in the request's language, not once per row (gettext is slow
    enough to matter at thousands of rows)."""
    return {key: str(text) for key, text in labels.items()}
