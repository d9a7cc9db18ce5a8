"""Word-level differences between two versions of the report, section by section, for <ins>/<del> markup."""
from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from tracker.reports.counting import count_characters, normalise_breaks
from tracker.reports.template import SECTIONS, SectionTemplate

# Words (with any punctuation stuck to them) and the whitespace between them, so the pieces join back
# into exactly the texts compared.
_TOKENS = re.compile(r"\s+|\S+")

EQUAL, INSERT, DELETE = "equal", "insert", "delete"
# An unchanged run of at most this many words between two changes is shown as part of the change.
ISLAND_WORDS = 1


@dataclass(frozen=True)
class Piece:
    op: str  # equal | insert | delete
    text: str


@dataclass(frozen=True)
class SectionDiff:
    template: SectionTemplate
    pieces: tuple[Piece, ...]
    old_count: int
    new_count: int

    @property
    def changed(self) -> bool:
        return any(piece.op != EQUAL for piece in self.pieces)

    @property
    def inserted_words(self) -> int:
        return sum(len(piece.text.split()) for piece in self.pieces if piece.op == INSERT)

    @property
    def deleted_words(self) -> int:
        return sum(len(piece.text.split()) for piece in self.pieces if piece.op == DELETE)

    @property
    def over(self) -> int:
        return self.new_count - self.template.limit


def word_diff(old: str, new: str) -> tuple[Piece, ...]:
    """The pieces that turn `old` into `new`: unchanged, deleted and inserted runs of words.

    Whitespace is "junk" to the matcher, so a lone space never anchors a match and a rewritten sentence
    shows as one deletion and one insertion rather than a word salad.
    """
    a, b = _TOKENS.findall(normalise_breaks(old)), _TOKENS.findall(normalise_breaks(new))
    # What both begin and end with is unchanged: matched here, because the matcher's time grows with the
    # square of the words it is given when every other token is junk (a second for an unchanged section).
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[len(a) - 1 - tail] == b[len(b) - 1 - tail]:
        tail += 1
    middle_a, middle_b = a[head:len(a) - tail], b[head:len(b) - tail]
    runs: list[tuple[str, str, str]] = [(EQUAL, "".join(a[:head]), "")] if head else []  # (op, old, new)
    matcher = SequenceMatcher(lambda token: token.isspace(), middle_a, middle_b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        runs.append((EQUAL if tag == "equal" else "change", "".join(middle_a[i1:i2]), "".join(middle_b[j1:j2])))
    if tail:
        runs.append((EQUAL, "".join(a[len(a) - tail:]), ""))
    return _pieces(_absorb_islands(runs))


def _absorb_islands(runs: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """A word left unchanged between two changes (an "og" that happens to be in both texts) reads
    as noise: it becomes part of the change around it, so a rewritten passage shows as one."""
    result = list(runs)
    for index in range(1, len(result) - 1):
        op, text, _same = result[index]
        if (op == EQUAL and len(text.split()) <= ISLAND_WORDS and result[index - 1][0] != EQUAL
                and result[index + 1][0] != EQUAL):
            result[index] = ("change", text, text)
    return result


def _pieces(runs: list[tuple[str, str, str]]) -> tuple[Piece, ...]:
    """Each run of changes as one deletion followed by one insertion."""
    pieces: list[Piece] = []
    deleted, inserted = "", ""
    for op, old_text, new_text in [*runs, (EQUAL, "", "")]:
        if op != EQUAL:
            deleted, inserted = deleted + old_text, inserted + new_text
            continue
        _add(pieces, DELETE, deleted)
        _add(pieces, INSERT, inserted)
        deleted, inserted = "", ""
        _add(pieces, EQUAL, old_text)
    return tuple(pieces)


def _add(pieces: list[Piece], op: str, text: str) -> None:
    if not text:
        return
    if pieces and pieces[-1].op == op:
        pieces[-1] = Piece(op, pieces[-1].text + text)
    else:
        pieces.append(Piece(op, text))


def report_diff(old: dict[int, str], new: dict[int, str]) -> list[SectionDiff]:
    """Every section of the template, old text against new."""
    return [SectionDiff(template=template,
                        pieces=word_diff(old.get(template.number, ""), new.get(template.number, "")),
                        old_count=count_characters(old.get(template.number, "")),
                        new_count=count_characters(new.get(template.number, "")))
            for template in SECTIONS]
