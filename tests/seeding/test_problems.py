"""The catalogue of problems realistic synthetic data is made from: owners, themes and wording."""
from __future__ import annotations

from collections import defaultdict
from itertools import combinations, product

from tracker.overlaps.matching.text import build_vocabulary, maximal
from tracker.seeding import SEED_DIR, read_seed_file
from tracker.seeding.problems import AREA_HOUSING, PROBLEMS

REFERENCE = read_seed_file(SEED_DIR / "01-reference.yaml")
THEMES = {t.slug for t in REFERENCE.themes}
CODES = {a.code for a in REFERENCE.administrations}


def test_every_seed_theme_has_three_to_five_problems_with_their_own_keys():
    per_theme = defaultdict(list)
    for problem in PROBLEMS:
        per_theme[problem.theme].append(problem.key)

    assert set(per_theme) == THEMES
    assert all(3 <= len(keys) <= 5 for keys in per_theme.values()), per_theme
    assert len({p.key for p in PROBLEMS}) == len(PROBLEMS)


def test_each_problem_has_a_related_theme_an_owner_and_others_who_are_not_the_owner():
    for problem in PROBLEMS:
        assert problem.related in THEMES and problem.related != problem.theme, problem.key
        assert problem.owner in CODES and problem.others, problem.key
        assert set(problem.others) <= CODES - {problem.owner}, problem.key


def test_administrations_share_a_theme_without_working_on_the_same_problems():
    owners = defaultdict(list)
    for problem in PROBLEMS:
        owners[problem.theme].append(problem.owner)

    assert all(len(set(found)) >= 2 for found in owners.values()), owners
    assert {p.owner for p in PROBLEMS} == CODES


def test_the_areas_housing_associations_are_seed_organisations():
    names = {o.name for o in REFERENCE.organisations}
    assert {a.slug for a in REFERENCE.areas} == set(AREA_HOUSING)
    assert all(set(found) <= names for found in AREA_HOUSING.values())


def _wordings():
    """Every title variant with every summary variant, by problem: as two initiatives could be phrased."""
    keys, texts = [], []
    for problem in PROBLEMS:
        for (t, title), (s, summary) in product(enumerate(problem.titles), enumerate(problem.summaries)):
            keys.append((problem, t, s))
            texts.append(f"{title} i Tingbjerg\n{summary}")
    vocabulary = build_vocabulary(texts)
    by_problem = defaultdict(dict)
    for (problem, t, s), concepts in zip(keys, vocabulary.concepts_by_text, strict=True):
        by_problem[problem.key][t, s] = concepts - {"tingbjerg"}
    return by_problem


def test_two_initiatives_on_one_problem_worded_differently_share_a_word_no_other_problem_of_its_theme_uses():
    by_problem = _wordings()
    for problem in PROBLEMS:
        others = frozenset().union(*(c for q in PROBLEMS if q.theme == problem.theme and q is not problem
                                     for c in by_problem[q.key].values()))
        for (a, first), (b, second) in combinations(by_problem[problem.key].items(), 2):
            if a[0] != b[0] and a[1] != b[1]:  # another title and another summary
                assert maximal(first & second) - others, (problem.key, a, b)


def test_problems_of_one_theme_share_fewer_words_than_two_wordings_of_one_problem():
    by_problem = _wordings()

    def shared(first, second) -> int:
        return len(maximal(first & second))

    same, theme = [], []
    for problem, other in product(PROBLEMS, PROBLEMS):
        if problem.theme != other.theme:
            continue
        for (a, first), (b, second) in product(by_problem[problem.key].items(), by_problem[other.key].items()):
            if problem is not other:
                theme.append(shared(first, second))
            elif a[0] != b[0] and a[1] != b[1]:
                same.append(shared(first, second))
    assert sum(same) / len(same) > 2 * sum(theme) / len(theme)
