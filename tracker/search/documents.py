"""What each searchable record puts into the index: a title (ranked first), a text, a date, whether it is
archived and the areas it belongs to."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tracker.bodies.models import Body, Meeting
from tracker.initiatives.models import Initiative
from tracker.log.models import CooperationEntry
from tracker.organisation.models import Organisation, Person
from tracker.search.models import document_id


@dataclass
class Document:
    kind: str
    record_id: int
    title: str = ""
    text: str = ""
    date: date | None = None
    archived: bool = False
    area_ids: list[int] = field(default_factory=list)

    @property
    def id(self) -> int:
        return document_id(self.kind, self.record_id)

    def row(self) -> dict:
        return {"id": self.id, "kind": self.kind, "record_id": self.record_id, "title": self.title[:300],
                "text": self.text, "date": self.date, "archived": self.archived}


def _initiative(record: Initiative) -> Document:
    return Document("initiative", record.id, record.title, record.summary or "", record.start_date,
                    record.archived_at is not None, [a.id for a in record.areas])


def _entry(record: CooperationEntry) -> Document:
    # An entry has no title: its text is what it says, so a title hit elsewhere ranks above it.
    return Document("entry", record.id, "", record.text or "", record.date, record.archived_at is not None,
                    [a.id for a in record.areas])


def _body(record: Body) -> Document:
    return Document("body", record.id, record.name, record.description or "", None,
                    record.archived_at is not None, [record.area_id] if record.area_id else [])


def _meeting(record: Meeting) -> Document:
    area_id = record.body.area_id if record.body is not None else None
    return Document("meeting", record.id, "", record.summary or "", record.date, record.archived_at is not None,
                    [area_id] if area_id else [])


def _organisation(record: Organisation) -> Document:
    return Document("organisation", record.id, record.name, record.description or "", None,
                    record.archived_at is not None)


def _person(record: Person) -> Document:
    return Document("person", record.id, record.name, " ".join(filter(None, (record.title, record.email))), None,
                    record.archived_at is not None)


BUILDERS = {Initiative: _initiative, CooperationEntry: _entry, Body: _body, Meeting: _meeting,
            Organisation: _organisation, Person: _person}


def document_of(record) -> Document | None:
    builder = BUILDERS.get(type(record))
    return builder(record) if builder else None
