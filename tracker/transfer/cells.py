"""One row of an import as the preview shows it, and the cells of a file's row by the field they fill."""
from __future__ import annotations

from dataclasses import dataclass, field

from tracker.core.errors import render_message
from tracker.transfer.columns import Column, header_key

NEW, CHANGED, UNCHANGED, ERROR = "new", "changed", "unchanged", "error"


@dataclass
class Change:
    header: str
    old: str
    new: str


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

    def problem(self, header: str, message) -> None:
        self.problems.append(Problem(header, render_message(message)))


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
