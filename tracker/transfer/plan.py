"""An import's preview and its application: what each row of the file would do, and doing exactly that.

The preview (``preview``) reads the file, recognises whether it holds initiatives or log entries, and
compares each row with the record it matches: on ``id`` when the row has one, else on the natural key
(an initiative's title, which is unique; a log entry's date, type, initiative, body and text). Each row is
new, changed (the fields with old and new value), unchanged, or has errors (each naming its column).
Unchanged rows are not checked against the user's rights, so a koordinator may upload the whole list
they downloaded; a row they would change but may not edit is an error.

``apply`` computes the preview again and applies it only when nothing applies differently (the same
fingerprint: the same changes to the same versions of the records), through the same services as the
forms, every audit event marked as this import; a caller commits once, or rolls back.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from tracker.audit.actor import changes_from
from tracker.transfer import entry_rows, initiative_rows
from tracker.transfer.cells import CHANGED, NEW, Cells, Problem, RowPlan
from tracker.transfer.columns import ENTRY_COLUMNS, INITIATIVE_COLUMNS, header_key
from tracker.transfer.reading import FileProblem, Table, read_table


@dataclass
class Plan:
    kind: str  # "initiatives" or "entries"
    filename: str
    digest: str
    rows: list[RowPlan]

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows if row.status == status)

    @property
    def problems(self) -> list[tuple[RowPlan, Problem]]:
        return [(row, problem) for row in self.rows for problem in row.problems]

    @property
    def applicable(self) -> bool:
        return not self.problems and any(row.status in (NEW, CHANGED) for row in self.rows)

    @property
    def fingerprint(self) -> str:
        """The same for two previews exactly when applying them would do the same."""
        rows = [(row.number, row.status, getattr(row.record, "id", None), getattr(row.record, "version", None),
                 [(c.header, c.new) for c in row.changes]) for row in self.rows]
        payload = json.dumps([self.kind, self.digest, rows], ensure_ascii=False, default=str)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def kind_of(table: Table) -> str:
    keys = {header_key(h) for h in table.headers}
    if "titel" in keys:
        return "initiatives"
    if {"dato", "tekst"} <= keys:
        return "entries"
    raise FileProblem(_l("Filen har hverken kolonnen »Titel« (indsatser) eller kolonnerne »Dato« og »Tekst« "
                         "(samarbejdslog) i første række. Hent en fil fra Tværs for at se formatet."))


def preview(filename: str, data: bytes, user) -> Plan:
    """What importing the file would do, for this user; FileProblem when it cannot be read at all."""
    table = read_table(filename, data)
    kind = kind_of(table)
    if kind == "initiatives":
        rows = initiative_rows.plan(table, Cells(table.headers, INITIATIVE_COLUMNS), user)
    else:
        rows = entry_rows.plan(table, Cells(table.headers, ENTRY_COLUMNS), user)
    return Plan(kind=kind, filename=filename, digest=hashlib.sha256(data).hexdigest(), rows=rows)


class PreviewChanged(Exception):
    """The records changed since the preview (or the file has errors now): show the new preview."""

    def __init__(self, plan: Plan):
        super().__init__("the preview no longer holds")
        self.plan = plan


def apply(filename: str, data: bytes, user, fingerprint: str | None, author=None) -> Plan:
    """Apply the file as previewed (fingerprint None: as it previews now); raise PreviewChanged otherwise.

    `author` is who new log entries are written by (the user; None for the system)."""
    plan = preview(filename, data, user)
    if plan.problems or (fingerprint is not None and plan.fingerprint != fingerprint):
        raise PreviewChanged(plan)
    save_all = initiative_rows.save_all if plan.kind == "initiatives" else entry_rows.save_all
    with changes_from(f"import:{filename}"):
        save_all([row for row in plan.rows if row.status in (NEW, CHANGED)], author)
    return plan
