"""The report template every committee fills in: title, four numbered sections, guidance lines and limits.

The wording follows the template BIF sends out; the limits are counted as "anslag inkl. mellemrum"
(see `tracker.reports.counting`)."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from tracker.reports.counting import count_characters


@dataclass(frozen=True)
class SectionTemplate:
    number: int
    heading: str
    guidance: str
    limit: int

    @property
    def numbered_heading(self) -> str:
        return f"{self.number}) {self.heading}"

    @property
    def limit_line(self) -> str:
        return f"[max {self.limit:,} anslag inkl. mellemrum]".replace(",", ".")


# The printed report is Danish whatever the writer's interface language, so these stay Danish.
SECTIONS: tuple[SectionTemplate, ...] = (
    SectionTemplate(
        1, "Status for handleplan",
        "De væsentligste initiativer i handleplanen, der svarer på inklusionsudfordringerne. Hvad virker, "
        "hvad virker ikke? Er ressourcerne tilstrækkelige? Eventuelle ændringer i handleplanen.",
        2000,
    ),
    SectionTemplate(
        2, "Udvikling på inklusionsbarometret",
        "Status for relevante overordnede mål i inklusionspolitikken samt udviklingen i relevante indikatorer "
        "på Inklusionsbarometret. Hvad kan forklare udviklingen eller mangel på samme? Hvilke udfordringer "
        "udestår? Er indikatorerne tidssvarende?",
        2000,
    ),
    SectionTemplate(
        3, "Eventuelt samarbejde på tværs i kommunen",
        "Bidrag til strategier og indsatser, der går på tværs af forvaltningerne.",
        1500,
    ),
    SectionTemplate(
        4, "Fremtidens inklusion",
        "Hvilke temaer og udfordringer ses som de mest betydende fremadrettet? Både i indeværende "
        "politikperiode og i forhold til udvikling af en ny inklusionspolitik for perioden 2015-2018.",
        2000,
    ),
)

SECTION_NUMBERS: tuple[int, ...] = tuple(section.number for section in SECTIONS)

# Short names for the editor's tabs and messages (interface language).
SECTION_SHORT_NAMES = {
    1: _l("Status for handleplan"),
    2: _l("Inklusionsbarometret"),
    3: _l("Samarbejde på tværs"),
    4: _l("Fremtidens inklusion"),
}


@dataclass(frozen=True)
class Overflow:
    """A section whose text is over its limit, and by how much."""

    template: SectionTemplate
    count: int

    @property
    def over(self) -> int:
        return self.count - self.template.limit


def overflows(texts: dict[int, str]) -> list[Overflow]:
    """The sections whose text (by section number) is over the limit, counted as "anslag inkl. mellemrum"."""
    counted = (Overflow(template, count_characters(texts.get(template.number) or "")) for template in SECTIONS)
    return [item for item in counted if item.over > 0]


def section(number: int) -> SectionTemplate:
    for candidate in SECTIONS:
        if candidate.number == number:
            return candidate
    raise KeyError(number)


def report_title(committee_name: str, year: int) -> str:
    """"Teknik- og Miljøudvalgets årlige statusredegørelse for inklusionsindsatsen i forvaltningen 2013"."""
    genitive = committee_name if committee_name.endswith("s") else f"{committee_name}s"
    return f"{genitive} årlige statusredegørelse for inklusionsindsatsen i forvaltningen {year}"
