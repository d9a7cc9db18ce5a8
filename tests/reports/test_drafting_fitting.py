"""Fitting a draft within its limit, and the Danish it is written in: no database needed."""
from __future__ import annotations

from tracker.reports.counting import count_characters
from tracker.reports.drafting import phrasing
from tracker.reports.drafting.drafts import Source
from tracker.reports.drafting.fitting import Line, fit


def _words(n: int, word: str = "ord") -> str:
    return " ".join([word] * n) + "."


def test_whole_sentences_are_kept_most_important_first_and_the_rest_listed_as_left_out():
    lines = [
        Line("Vigtigst.", priority=0),
        Line(_words(30, "fyld"), priority=5),  # 150 characters: fits alone, not after the two above
        Line("Næstvigtigst.", priority=1),
        Line("Mindst vigtig.", priority=9),
    ]

    draft = fit(3, 160, lines)

    assert draft.text == "Vigtigst. Næstvigtigst."
    assert [s.text for s in draft.omitted] == [_words(30, "fyld"), "Mindst vigtig."]
    assert count_characters(draft.text) <= 160


def test_once_a_sentence_is_left_out_nothing_less_important_slips_in_after_it():
    lines = [Line("A" * 20 + ".", priority=0), Line("B" * 30 + ".", priority=1), Line("Kort.", priority=2)]

    draft = fit(3, 40, lines)

    assert draft.text == "A" * 20 + "."
    assert [s.priority for s in draft.omitted] == [1, 2]


def test_a_sentence_that_only_makes_sense_after_another_is_left_out_with_it():
    lines = [
        Line("Indsatsen " + "x" * 40 + ".", priority=0, key="indsats"),
        Line("Det førte til bedre lys.", priority=0, requires="indsats"),
        Line("Andet.", priority=0),
    ]

    draft = fit(3, 30, lines)

    assert draft.text == "Andet."
    assert [s.text for s in draft.omitted] == [lines[0].text, lines[1].text]


def test_a_sentence_longer_than_the_whole_limit_is_left_out_without_blocking_the_rest():
    lines = [Line(_words(100), priority=0), Line("Kort og godt.", priority=1)]

    draft = fit(3, 100, lines)

    assert draft.text == "Kort og godt."
    assert [s.text for s in draft.omitted] == [_words(100)]


def test_paragraph_breaks_do_not_count_so_a_draft_may_fill_the_limit_exactly():
    lines = [Line("a" * 9 + ".", paragraph=0), Line("b" * 9 + ".", paragraph=1)]

    draft = fit(3, 20, lines)

    assert draft.text == "a" * 9 + ".\n\n" + "b" * 9 + "."
    assert count_characters(draft.text) == 20 and draft.omitted == []


def test_kept_sentences_stay_in_text_order_whatever_their_importance():
    lines = [Line("Først.", priority=3), Line("Så.", priority=0), Line("Til sidst.", priority=1)]

    assert fit(3, 100, lines).text == "Først. Så. Til sidst."


def test_danish_lists_counts_figures_and_periods():
    assert phrasing.join(["fsb"]) == "fsb"
    assert phrasing.join(["fsb", "SAB", "KAB"]) == "fsb, SAB og KAB"
    assert phrasing.number(4) == "fire" and phrasing.number(1, neuter=True) == "et"
    assert phrasing.number(1100) == "1.100"
    assert phrasing.decimal("-10.1") == "-10,1" and phrasing.decimal("1100") == "1.100"
    assert phrasing.period("2012-01-01", "2013-12-31") == "i 2012-2013"
    assert phrasing.period("2012-01-01", "2013-04-15") == "fra 1. januar 2012 til 15. april 2013"
    assert phrasing.years("2010-01-01", "2012-12-31") == "2010-2012"
    assert phrasing.years("2011-09-01", None) == "fra 2011"


def test_places_take_the_preposition_danish_gives_them():
    assert phrasing.where(["Husum/Tingbjerg"], [], 6) == "i Husum/Tingbjerg"
    assert phrasing.where(["Bispebjerg", "Nørrebro"], [], 6) == "på Bispebjerg og Nørrebro"
    assert phrasing.where(["Bispebjerg", "Husum/Tingbjerg"], ["Indre Nørrebro"], 6) == (
        "på Bispebjerg og i Husum/Tingbjerg samt på Indre Nørrebro")
    assert phrasing.where(["A", "B", "C", "D", "E", "F"], [], 6) == "i alle seks udsatte byområder"
    assert phrasing.where(["A", "B", "C", "D"], [], 6) == "i fire af de seks udsatte byområder"


def test_outside_partners_are_grouped_with_the_housing_associations_last():
    partners = [{"name": "fsb", "kind": "housing_association"}, {"name": "Københavns Politi", "kind": "police"},
                {"name": "SAB", "kind": "housing_association"}]
    assert phrasing.with_whom(["Socialforvaltningen"], partners) == (
        "Socialforvaltningen samt Københavns Politi og boligorganisationerne fsb og SAB")
    many = [{"name": n, "kind": "housing_association"} for n in ("fsb", "SAB", "3B", "KAB")]
    assert phrasing.with_whom([], many) == "fire boligorganisationer"


def test_a_summary_gives_its_first_sentence_and_abbreviations_do_not_end_it():
    assert phrasing.first_sentence("Vi går bl.a. ture. Og meget mere.") == "Vi går bl.a. ture."
    assert phrasing.first_sentence("Uden punktum") == "Uden punktum."


def test_the_same_sentence_proposed_twice_is_told_once_with_the_sources_of_both():
    first, second = Source("entry", 1, "Første"), Source("entry", 2, "Anden")
    lines = [Line("Der mangler midler.", (first,), priority=5), Line("Der mangler  midler", (second,), priority=1)]

    draft = fit(4, 100, lines)

    assert draft.text == "Der mangler midler."
    assert draft.kept[0].sources == (first, second) and draft.kept[0].priority == 1
