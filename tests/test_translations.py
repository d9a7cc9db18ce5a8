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


def test_templates_follow_a_locale_forced_and_restored_within_one_request():
    """The templates' _() keeps the translations beside the locale chosen; a mail in the recipient's
    language, forced in the middle of a Danish page, gets English, and the page goes on in Danish."""
    from flask import render_template_string
    from flask_babel import force_locale

    from tracker import create_app

    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "test"})
    page = "{{ _('Indsatser') }} · {{ ngettext('%(num)s indsats', '%(num)s indsatser', 2) }}"
    with app.test_request_context("/"):
        before = render_template_string(page)
        with force_locale("en"):
            forced = render_template_string(page)
        after = render_template_string(page)
    with app.test_request_context("/", headers={"Cookie": "tracker_lang=en"}):
        english = render_template_string(page)

    assert before == after == "Indsatser · 2 indsatser"
    assert forced == english == "Initiatives · 2 initiatives"
