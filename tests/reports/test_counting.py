"""Characters are counted as Word's "Tegn (med mellemrum)": spaces count, paragraph breaks do not."""
import pytest

from tracker.reports.counting import count_characters, fits, normalise_breaks
from tracker.reports.template import SECTIONS, report_title, section


@pytest.mark.parametrize(("text", "expected"), [
    ("", 0),
    ("Tryghedsvandring i Tingbjerg.", 29),
    ("æøå ÆØÅ", 7),
    ("Grøn 👍🏽", 7),  # the skin-tone modifier is a code point of its own, as in Word
    ("a\u00a0b", 3),  # a non-breaking space is a character like any space
    ("Første afsnit.\n\nAndet afsnit.", 27),
    ("Første afsnit.\r\n\r\nAndet afsnit.", 27),
    ("linje\rlinje", 10),
])
def test_every_character_counts_except_paragraph_breaks(text, expected):
    assert count_characters(text) == expected


def test_a_text_fits_at_the_limit_and_not_one_character_past_it():
    assert fits("x" * 1500, 1500)
    assert not fits("x" * 1501, 1500)


def test_breaks_are_normalised_without_changing_the_count():
    text = "a\r\nb\rc\nd"
    assert normalise_breaks(text) == "a\nb\nc\nd"
    assert count_characters(normalise_breaks(text)) == count_characters(text)


def test_the_template_has_four_sections_with_the_printed_limits():
    assert [(s.number, s.limit) for s in SECTIONS] == [(1, 2000), (2, 2000), (3, 1500), (4, 2000)]
    assert section(3).numbered_heading == "3) Eventuelt samarbejde på tværs i kommunen"
    assert section(3).limit_line == "[max 1.500 anslag inkl. mellemrum]"


def test_the_title_names_the_committee_in_the_genitive():
    assert report_title("Teknik- og Miljøudvalget", 2013) == (
        "Teknik- og Miljøudvalgets årlige statusredegørelse for inklusionsindsatsen i forvaltningen 2013")
    assert report_title("Økonomiudvalgets", 2014).startswith("Økonomiudvalgets årlige")
