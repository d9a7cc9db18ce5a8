"""The live character counter (tracker/static/js/char-counter.js) in Chromium: it counts exactly as the
server's count_characters does, updates while the writer types and turns red past the limit.

The page is built with set_content and the script added from its file, so no server is needed."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.reports.samples import AWKWARD_TEXTS as TEXTS
from tracker.reports.counting import count_characters

STATIC = Path(__file__).resolve().parents[2] / "tracker" / "static"
SCRIPT = STATIC / "js" / "char-counter.js"
DKFDS_CSS = STATIC / "vendor" / "dkfds" / "css" / "dkfds.min.css"
DKFDS_ERROR_RED = "rgb(204, 0, 0)"

PAGE = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>Tæller</title></head>
<body>
  <label for="answer">Afsnit 3</label>
  <textarea id="answer" data-char-limit="{limit}" data-char-counter="answer-counter"
            data-counter-text="{{count}} af {{limit}} anslag"
            data-counter-over-text="{{count}} af {{limit}} anslag – {{over}} for mange">{initial}</textarea>
  <span id="answer-counter" class="form-hint"></span>
</body></html>"""



@pytest.fixture
def counter_page(browser):
    """A page with one text area; `load(limit, initial, lang)` (re)builds it with the counter script."""
    context = browser.new_context()
    tab = context.new_page()

    def load(limit: int = 1500, initial: str = "", lang: str = "da"):
        tab.set_content(PAGE.format(lang=lang, limit=limit, initial=initial))
        tab.add_style_tag(path=str(DKFDS_CSS))
        tab.add_script_tag(path=str(SCRIPT))
        return tab

    yield load
    context.close()


@pytest.mark.parametrize("text", TEXTS)
def test_the_browser_counts_as_the_server_does(counter_page, text):
    page = counter_page()

    assert page.evaluate("text => window.tvaersCountCharacters(text)", text) == count_characters(text)


def test_the_counter_shows_the_count_of_the_text_already_there(counter_page):
    page = counter_page(initial="Grøn 👍🏽")

    assert page.locator("#answer-counter").text_content() == "7 af 1.500 anslag"
    assert page.locator("#answer-counter").get_attribute("aria-live") == "polite"
    assert "answer-counter" in page.locator("#answer").get_attribute("aria-describedby")


def test_typing_updates_the_counter(counter_page):
    page = counter_page()
    answer = page.get_by_label("Afsnit 3")

    answer.press_sequentially("Hej æ")
    assert page.locator("#answer-counter").text_content() == "5 af 1.500 anslag"

    answer.press("Enter")
    answer.press_sequentially("😀")
    assert page.locator("#answer-counter").text_content() == "6 af 1.500 anslag"


def test_past_the_limit_the_counter_turns_red_and_says_how_many_too_many(counter_page):
    page = counter_page(limit=1500)
    answer = page.get_by_label("Afsnit 3")
    counter = page.locator("#answer-counter")

    answer.fill("x" * 1500)
    assert counter.text_content() == "1.500 af 1.500 anslag"
    assert "is-over" not in counter.get_attribute("class")
    assert counter.evaluate("el => getComputedStyle(el).color") != DKFDS_ERROR_RED

    answer.press_sequentially("y")
    assert counter.text_content() == "1.501 af 1.500 anslag – 1 for mange"
    assert "is-over" in counter.get_attribute("class")
    assert counter.evaluate("el => getComputedStyle(el).color") == DKFDS_ERROR_RED

    answer.press("Backspace")
    assert "is-over" not in counter.get_attribute("class")


def test_line_breaks_do_not_count_toward_the_limit(counter_page):
    page = counter_page(limit=10)

    page.get_by_label("Afsnit 3").fill("12345\n\n\n67890")

    assert page.locator("#answer-counter").text_content() == "10 af 10 anslag"


def test_numbers_follow_the_page_language(counter_page):
    page = counter_page(limit=2000, initial="x" * 2001, lang="en")

    assert page.locator("#answer-counter").text_content() == "2,001 af 2,000 anslag – 1 for mange"
