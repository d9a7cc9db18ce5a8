"""A generated draft as plain JSON and back, so a version keeps the sentences, sources, omissions and notes it
was generated with, whatever later happens to the initiatives or to the drafting code.

Of what was left out for space, a stored draft keeps the most important few per section and how many more
there were: at a city's scale a section leaves out tens of thousands of sentences, which no writer reads and
which the stored facts reproduce exactly (`tracker.reports.drafting.report.draft_report`)."""
from __future__ import annotations

import json

from flask import current_app, has_request_context
from flask_babel import force_locale, gettext
from flask_babel.speaklater import LazyString

from tracker.reports.drafting.drafts import SectionDraft, Sentence, Source

# Sentences left out for space that a stored draft keeps per section, the most important first.
OMITTED_KEPT = 20


def frozen(facts: dict) -> dict:
    """The facts exactly as JSON stores them (tuples become lists, keys strings), so a draft made from the
    result is the draft that the stored snapshot reproduces."""
    return json.loads(json.dumps(facts, ensure_ascii=False, sort_keys=True))


def _sentence_json(sentence: Sentence) -> dict:
    return {
        "text": sentence.text,
        "sources": [{"kind": s.kind, "id": s.id, "label": s.label} for s in sentence.sources],
        "priority": sentence.priority,
        "paragraph": sentence.paragraph,
    }


def drafts_to_json(drafts: dict[int, SectionDraft]) -> dict:
    return {
        str(number): {
            "number": draft.number,
            "limit": draft.limit,
            "kept": [_sentence_json(s) for s in draft.kept],
            "omitted": [_sentence_json(s) for s in draft.omitted[:OMITTED_KEPT]],
            "omitted_more": max(len(draft.omitted) - OMITTED_KEPT, 0) + draft.omitted_more,
            "notes": [_note_json(note) for note in draft.notes],
        }
        for number, draft in sorted(drafts.items())
    }


def _sentence(data: dict) -> Sentence:
    sources = tuple(Source(kind=str(s["kind"]), id=int(s["id"]), label=str(s["label"]))
                    for s in data.get("sources", ()))
    return Sentence(text=str(data["text"]), sources=sources, priority=int(data.get("priority", 0)),
                    paragraph=int(data.get("paragraph", 0)))


def drafts_from_json(data: dict | None) -> dict[int, SectionDraft]:
    drafts = {}
    for key, section in (data or {}).items():
        drafts[int(key)] = SectionDraft(
            number=int(section["number"]), limit=int(section["limit"]),
            kept=[_sentence(s) for s in section.get("kept", ())],
            omitted=[_sentence(s) for s in section.get("omitted", ())],
            omitted_more=int(section.get("omitted_more", 0)),
            notes=[note_text(note) for note in section.get("notes", ())],
        )
    return drafts


def _note_json(note) -> dict:
    """A writer's note in Danish (as the report is), and, for a translatable note, its message and values, so
    the editor shows it in the writer's language."""
    with force_locale(current_app.config.get("BABEL_DEFAULT_LOCALE", "da")):
        entry: dict = {"text": str(note)}
    if isinstance(note, LazyString) and getattr(note._func, "__name__", "") == "gettext" and len(note._args) == 1:
        candidate = {"msgid": str(note._args[0]), "params": dict(note._kwargs)}
        try:
            json.dumps(candidate)
        except (TypeError, ValueError):
            return entry
        entry.update(candidate)
    return entry


def note_text(entry) -> str:
    if isinstance(entry, str):
        return entry
    if "msgid" in entry and has_request_context():
        try:
            return gettext(entry["msgid"], **entry.get("params", {}))
        except (KeyError, TypeError, ValueError):
            pass
    return str(entry.get("text", ""))
