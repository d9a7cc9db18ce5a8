"""The English catalog covers every user-visible string in the code and templates."""
from __future__ import annotations

from pathlib import Path

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
CATALOG = ROOT / "tracker" / "translations" / "en" / "LC_MESSAGES" / "messages.po"
METHOD_MAP = [("tracker/**.py", "python"), ("templates/**.html", "jinja2")]
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None}


def source_messages() -> set[str]:
    messages = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
        ROOT, METHOD_MAP, keywords=KEYWORDS, directory_filter=lambda d: ".venv" not in d
    ):
        messages.add(message[0] if isinstance(message, tuple) else message)
    return messages


def english_catalog():
    with CATALOG.open("rb") as handle:
        return read_po(handle, locale="en")


def test_every_message_in_the_source_has_an_english_translation():
    catalog = english_catalog()
    missing = sorted(
        message for message in source_messages()
        if message not in catalog or not catalog[message].string or catalog[message].fuzzy
    )
    assert missing == [], f"untranslated (run `make extract-messages` and translate): {missing}"
