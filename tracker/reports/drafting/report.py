"""Drafting the committee's report from a facts snapshot: each section within its hard limit.

Pure and deterministic: a draft is made from the snapshot dict alone (see `tracker.reports.drafting.facts`), so the
snapshot stored with a draft reproduces it exactly, after a JSON round trip too. Each section module proposes
candidate sentences with their sources and importance; `tracker.reports.drafting.fitting` keeps what fits.
"""
from __future__ import annotations

from collections.abc import Callable

from tracker.reports.drafting import cooperation, future, status
from tracker.reports.drafting.drafts import SectionDraft
from tracker.reports.drafting.fitting import Line, fit
from tracker.reports.template import SECTION_NUMBERS, section

_SECTIONS: dict[int, Callable[[dict], tuple[list[Line], list]]] = {
    1: status.plan_lines,
    2: status.barometer_lines,
    3: cooperation.draft_lines,
    4: future.draft_lines,
}


def draft_section(facts: dict, number: int) -> SectionDraft:
    """The generated draft of one section: kept sentences within the limit, what was left out, writer's notes."""
    template = section(number)
    lines, notes = _SECTIONS[number](facts)
    return fit(number, template.limit, lines, notes)


def draft_report(facts: dict) -> dict[int, SectionDraft]:
    return {number: draft_section(facts, number) for number in SECTION_NUMBERS}
