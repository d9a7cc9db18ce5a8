"""The shape of a seed file, as pydantic models that refuse unknown fields; seed/README.md explains it."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field


class Entry(BaseModel):
    # Strict about field names (a typo must fail loudly); domain rules are left to the services,
    # so the file and the web forms get the same checks and the same Danish messages.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class AdministrationEntry(Entry):
    code: str
    name: str
    committee: str


class PolicyAreaEntry(Entry):
    number: int
    name: str
    name_en: str = ""


class ThemeEntry(Entry):
    slug: str
    name: str
    name_en: str = ""


class AreaEntry(Entry):
    name: str
    slug: str
    aliases: list[str] = []
    bydel: str = ""
    description: str = ""


class PlaceEntry(Entry):
    name: str
    kind: str = "neighbourhood"
    area: str | None = None


class OrganisationEntry(Entry):
    name: str
    kind: str
    description: str = ""


class GoalEntry(Entry):
    title: str
    description: str = ""


class PlanEntry(Entry):
    title: str
    area: str
    status: str
    year_adopted: int | None = None
    period_start: int | None = None
    period_end: int | None = None
    summary: str = ""
    goals: list[GoalEntry] = []


class MembershipEntry(Entry):
    role: str
    administration: str | None = None
    organisation: str | None = None
    start_date: date | None = None
    end_date: date | None = None


class MeetingEntry(Entry):
    date: date
    summary: str = ""
    administrations: list[str] = []
    organisations: list[str] = []


class BodyEntry(Entry):
    name: str
    kind: str
    level: str
    description: str = ""
    area: str | None = None
    place: str | None = None
    start_date: date | None = None
    end_date: date | None = None
    memberships: list[MembershipEntry] = []
    meetings: list[MeetingEntry] = []


class KeyFigureEntry(Entry):
    label: str
    # Any scalar: the service decides whether it is a number, with a Danish message if not.
    value: Decimal | int | float | str
    unit: str = ""
    year: int


class InitiativeEntry(Entry):
    title: str
    lead_administration: str
    status: str
    summary: str = ""
    start_date: date | None = None
    end_date: date | None = None
    partner_administrations: list[str] = []
    partner_organisations: list[str] = []
    areas: list[str] = []
    places: list[str] = []
    themes: list[str] = []
    policy_areas: list[int | str] = []
    goals: list[str] = []
    key_figures: list[KeyFigureEntry] = []


class CooperationEntryEntry(Entry):
    date: date
    kind: str
    text: str
    initiative: str | None = None
    body: str | None = None
    meeting: date | None = Field(default=None, description="date of a meeting of `body`")
    areas: list[str] = []
    administrations: list[str] = []


class SeedFile(Entry):
    """One file: any of these sections, applied in this order (references point backwards)."""

    administrations: list[AdministrationEntry] = []
    policy_areas: list[PolicyAreaEntry] = []
    themes: list[ThemeEntry] = []
    areas: list[AreaEntry] = []
    places: list[PlaceEntry] = []
    organisations: list[OrganisationEntry] = []
    plans: list[PlanEntry] = []
    bodies: list[BodyEntry] = []
    initiatives: list[InitiativeEntry] = []
    entries: list[CooperationEntryEntry] = []


SECTION_ORDER = tuple(SeedFile.model_fields)

# The field that names an entry in messages and must be unique within its section.
NAME_FIELDS = {
    "administrations": "code",
    "policy_areas": "number",
    "themes": "slug",
    "areas": "name",
    "places": "name",
    "organisations": "name",
    "plans": "title",
    "bodies": "name",
    "initiatives": "title",
}


def entry_name(section: str, raw: object) -> str:
    """How an entry is named in a message: its natural key, or date and kind for log entries."""
    if not isinstance(raw, dict):
        return "?"
    if section == "entries":
        return f"{raw.get('date', '?')} {raw.get('kind', '?')}"
    return str(raw.get(NAME_FIELDS.get(section, "name"), "?"))
