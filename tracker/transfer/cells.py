"""One row of an import as the preview shows it, and the cells of a file's row by the field they fill."""
from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from tracker.core.errors import ValidationError, render_message
from tracker.transfer.columns import Column, header_key, message, read_int

NEW, CHANGED, UNCHANGED, ERROR = "new", "changed", "unchanged", "error"
# Words of unchanged text the preview keeps on either side of an edit.
CONTEXT = 6
ELLIPSIS = "…"

Piece = tuple[bool, str]  # (changed, text)


@dataclass
class Change:
    header: str
    old: str
    new: str

    def pieces(self) -> tuple[list[Piece], list[Piece]]:
        """The old and the new value as the preview shows them: in a text edited in a few places only
        those words are marked, and long unchanged stretches are cut to a few words either side, so an
        edit at the end of a long summary is seen at a glance. A value replaced as a whole (a code, a
        date, a rewritten text) is marked as a whole."""
        old, new = self.old.split(), self.new.split()
        matcher = SequenceMatcher(None, old, new, autojunk=False)
        if min(len(old), len(new)) < 4 or matcher.ratio() < 0.5:
            return [(True, self.old)], [(True, self.new)]
        old_pieces: list[Piece] = []
        new_pieces: list[Piece] = []
        codes = matcher.get_opcodes()
        for index, (tag, i1, i2, j1, j2) in enumerate(codes):
            if tag == "equal":
                text = _cut(old[i1:i2], first=index == 0, last=index == len(codes) - 1)
                old_pieces.append((False, text))
                new_pieces.append((False, text))
                continue
            if i2 > i1:
                old_pieces.append((True, " ".join(old[i1:i2])))
            if j2 > j1:
                new_pieces.append((True, " ".join(new[j1:j2])))
        if not any(changed for changed, _text in old_pieces + new_pieces):  # only the spacing differs
            return [(True, self.old)], [(True, self.new)]
        return old_pieces, new_pieces


def _cut(words: list[str], first: bool, last: bool) -> str:
    """Unchanged words around an edit: the last few before it, the first few after it, both between two."""
    if first and last:
        return " ".join(words)
    if first:
        return " ".join(([ELLIPSIS] if len(words) > CONTEXT else []) + words[-CONTEXT:])
    if last:
        return " ".join(words[:CONTEXT] + ([ELLIPSIS] if len(words) > CONTEXT else []))
    if len(words) > 2 * CONTEXT:
        return " ".join(words[:CONTEXT] + [ELLIPSIS] + words[-CONTEXT:])
    return " ".join(words)


@dataclass
class Problem:
    header: str
    message: str


@dataclass
class RowPlan:
    number: int
    label: str = ""
    record: object | None = None
    data: object | None = None
    changes: list[Change] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def status(self) -> str:
        if self.problems:
            return ERROR
        if self.record is None:
            return NEW
        return CHANGED if self.changes else UNCHANGED

    def problem(self, header: str, text) -> None:
        self.problems.append(Problem(header, render_message(text)))

    def record_by_id(self, values, cells: Cells, by_id: dict, missing) -> tuple[bool, object | None, int | None]:
        """The row's record by its `id` cell: (found or no id given, the record, the id). A bad or unknown id
        is the row's problem; `missing` says what is not there (a lazy string with %(id)s)."""
        if not cells.has("id"):
            return True, None, None
        try:
            record_id = read_int("id", cells.get(values, "id"))
        except ValidationError as error:
            self.problem(cells.header("id"), message(error))
            return False, None, None
        if record_id is None:
            return True, None, None
        record = by_id.get(record_id)
        if record is None:
            self.problem(cells.header("id"), missing % {"id": record_id})
            return False, None, record_id
        return True, record, record_id


class Cells:
    """One row's cells by field: the code column when the file has it, else its name column."""

    def __init__(self, headers: list[str], columns: tuple[Column, ...]):
        by_key = {header_key(h): index for index, h in enumerate(headers) if h}
        self.index: dict[str, tuple[int, str]] = {}
        for column in columns:
            if column.field and header_key(column.header) in by_key:
                self.index[column.field] = (by_key[header_key(column.header)], column.header)
        for column in columns:
            code = next((c for c in columns if c.header == column.names), None)
            if code is not None and code.field not in self.index and header_key(column.header) in by_key:
                self.index[code.field] = (by_key[header_key(column.header)], column.header)

    def has(self, name: str) -> bool:
        return name in self.index

    def header(self, name: str) -> str:
        return self.index[name][1]

    def get(self, values: list, name: str):
        index = self.index[name][0]
        return values[index] if index < len(values) else None
