"""Where a draft's sentence comes from, as links for the editor: the label frozen in the snapshot, and the
page of the record today (links only; what the sentence said is what the snapshot said)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import url_for

from tracker.core.dates import format_day
from tracker.core.labels import label
from tracker.reports.drafting.drafts import Source

# Source kind -> the audit trail's entity name, whose label says what kind of record it is.
KIND_ENTITIES = {"initiative": "initiatives", "body": "bodies", "meeting": "meetings",
                 "entry": "cooperation_entries", "administration": "administrations"}


@dataclass(frozen=True)
class SourceLink:
    kind: str
    label: str
    url: str | None
    kind_label: str = ""  # "indsats", "logpost": what kind of record, lower case, in the reader's language


class SourceLinker:
    """Turns (kind, id) into a page, with what the id alone cannot say (the body a meeting belongs to, an
    administration's code) from the page's stored record of the draft (tracker/reports/shown.py); no queries."""

    def __init__(self, shown: dict | None):
        shown = shown or {}
        self._meeting_bodies: dict[int, int] = {}
        self._meeting_labels: dict[int, tuple[str, str]] = {}
        for meeting_id, (body_id, body_name, day) in (shown.get("meetings") or {}).items():
            self._meeting_bodies[int(meeting_id)] = int(body_id)
            if body_name and day:
                self._meeting_labels[int(meeting_id)] = (body_name, day)
        self._codes = {int(key): code for key, code in (shown.get("administrations") or {}).items()}
        self._kind_labels: dict[str, str] = {}

    def url(self, source: Source) -> str | None:
        if source.kind == "initiative":
            return url_for("initiatives.initiative_detail", initiative_id=source.id)
        if source.kind == "body":
            return url_for("bodies.body_detail", body_id=source.id)
        if source.kind == "meeting" and source.id in self._meeting_bodies:
            return url_for("bodies.body_detail", body_id=self._meeting_bodies[source.id], _anchor="moeder")
        if source.kind == "entry":
            return url_for("entries.entry_history", entry_id=source.id)
        if source.kind == "administration" and source.id in self._codes:
            return url_for("organisation.administration_detail", code=self._codes[source.id])
        return None

    def label(self, source: Source) -> str:
        """The snapshot's label; a meeting's with its date as the page writes dates (the snapshot has it in
        the report's Danish prose)."""
        if source.kind == "meeting" and source.id in self._meeting_labels:
            body, day = self._meeting_labels[source.id]
            return f"{body}, {format_day(date.fromisoformat(day))}"
        return source.label

    def kind_label(self, kind: str) -> str:
        """Translated once per kind and page: a draft's panel names hundreds of sources."""
        if kind not in self._kind_labels:
            self._kind_labels[kind] = str(label(KIND_ENTITIES.get(kind, kind), "entity")).lower()
        return self._kind_labels[kind]

    def links(self, sources) -> list[SourceLink]:
        return [SourceLink(kind=s.kind, label=self.label(s), url=self.url(s), kind_label=self.kind_label(s.kind))
                for s in sources]
