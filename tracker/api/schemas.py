"""What the API reads and answers, as pydantic models: the OpenAPI document's schemas come from these."""
from __future__ import annotations

from datetime import UTC, datetime
from datetime import date as Date
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, create_model

MAX_ID = 2**31 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
# Bounds that keep one request small; the services apply the real limits with their own messages.
Text = Annotated[str, Field(max_length=10000)]
Code = Annotated[str, Field(max_length=200)]
MAX_ITEMS = 200
# A moment as the API answers it, always with its offset: SQLite gives a stored time back without its zone,
# and a stored time without a zone is UTC (as on the pages, tracker/core/dates.py).
Moment = Annotated[datetime, AfterValidator(lambda value: value if value.tzinfo else value.replace(tzinfo=UTC))]


class Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FieldError(Out):
    field: str
    pointer: str = Field(description="JSON pointer to the field in the request body.")
    detail: str


class Problem(Out):
    """RFC 9457 problem details; `errors` lists each field to correct."""

    type: str
    title: str
    status: int
    detail: str
    errors: list[FieldError] | None = None


class PageQuery(In):
    model_config = ConfigDict(extra="ignore")
    page: int = Field(1, ge=1, le=1_000_000)
    per_page: int = Field(20, ge=1, le=100)


def page_model(item: type[BaseModel], name: str) -> type[BaseModel]:
    """A page of a list: its rows and where it is in the whole list."""
    return create_model(name, __base__=Out, items=(list[item], ...), page=(int, ...), per_page=(int, ...),
                        total=(int, ...), pages=(int, ...))


class AreaOut(Out):
    id: int
    slug: str
    name: str
    bydel: str


class AdministrationOut(Out):
    id: int
    code: str
    name: str
    committee: str


class OrganisationOut(Out):
    id: int
    name: str
    kind: str
    archived: bool


class BodyOut(Out):
    id: int
    name: str
    kind: str
    level: str
    area: str | None = Field(description="The area's slug.")
    start_date: Date | None
    end_date: Date | None
    archived: bool


class KeyFigureOut(Out):
    label: str
    value: str = Field(description="A decimal number with two decimals, as text.")
    unit: str
    year: int


class InitiativeSummary(Out):
    id: int
    version: int
    title: str
    status: str = Field(description="The stored status, which a change sends back.")
    shown_status: str = Field(description="The status as every page shows it: \"expired\" for an active or "
                                          "planned initiative past its end date, otherwise `status`.")
    status_label: str = Field(description="`shown_status` in words, in the request's language (\"Udløbet – "
                                          "skal status opdateres?\").")
    start_date: Date | None
    end_date: Date | None
    lead_administration: str = Field(description="The lead administration's code.")
    partner_administrations: list[str]
    partner_organisations: list[int]
    areas: list[str] = Field(description="Slugs of the areas named directly.")
    archived: bool


class InitiativeOut(InitiativeSummary):
    summary: str
    places: list[int]
    themes: list[str]
    goals: list[int]
    policy_areas: list[int]
    key_figures: list[KeyFigureOut]
    updated_at: Moment


class InitiativeQuery(PageQuery):
    """The initiative list's filters; an unknown value is left out of the filter and named in `notices`."""

    area: Code | None = Field(None, description="Area slug.")
    administration: Code | None = Field(None, description="Administration code.")
    role: Literal["either", "lead", "partner"] = "either"
    theme: Code | None = Field(None, description="Theme slug.")
    status: Code | None = None
    year: Code | None = Field(None, description="Runs in this year.")
    archived: bool = False


class KeyFigureIn(In):
    label: Text
    value: str | int | float
    unit: Code = ""
    year: int | None = None


Codes = Annotated[list[Code], Field(max_length=MAX_ITEMS)]
Ids = Annotated[list[Id], Field(max_length=MAX_ITEMS)]


class InitiativeIn(In):
    title: Text
    lead_administration: Code = Field(description="The lead administration's code.")
    status: Code = "planned"
    summary: Text = ""
    start_date: Date | None = None
    end_date: Date | None = None
    partner_administrations: Codes = []
    partner_organisations: Ids = []
    areas: Codes = Field([], description="Area slugs.")
    places: Ids = []
    themes: Codes = Field([], description="Theme slugs.")
    goals: Ids = []
    policy_areas: Annotated[list[Id], Field(max_length=MAX_ITEMS)] = Field([], description="Numbers.")
    key_figures: Annotated[list[KeyFigureIn], Field(max_length=MAX_ITEMS)] = []


class InitiativePatch(In):
    """Only the fields sent change; the rest stay as they are."""

    title: Text | None = None
    lead_administration: Code | None = None
    status: Code | None = None
    summary: Text | None = None
    start_date: Date | None = None
    end_date: Date | None = None
    partner_administrations: Codes | None = None
    partner_organisations: Ids | None = None
    areas: Codes | None = None
    places: Ids | None = None
    themes: Codes | None = None
    goals: Ids | None = None
    policy_areas: Annotated[list[Id], Field(max_length=MAX_ITEMS)] | None = None
    key_figures: Annotated[list[KeyFigureIn], Field(max_length=MAX_ITEMS)] | None = None


class EntryOut(Out):
    id: int
    version: int
    date: Date
    kind: str
    text: str
    initiative_id: int | None
    body_id: int | None
    meeting_id: int | None
    areas: list[str]
    administrations: list[str]
    author: str | None
    archived: bool
    updated_at: Moment


class EntryQuery(PageQuery):
    initiative_id: Id | None = None
    body_id: Id | None = None
    after: Annotated[str, Field(max_length=30, pattern=r"^\d{4}-\d{2}-\d{2}\.\d{1,10}$")] | None = Field(
        None, description="The previous page's `next_after`: the entries after it, read as fast however deep "
                          "in the log (`page` is then not used).")


class EntryIn(In):
    kind: Code
    date: Date
    text: Text
    initiative_id: Id | None = None
    body_id: Id | None = None
    areas: Codes = Field([], description="Area slugs.")
    administrations: Codes = Field([], description="Administration codes.")


class EntryPatch(In):
    """Only the fields sent change; initiative_id and body_id may be set to null."""

    kind: Code | None = None
    date: Date | None = None
    text: Text | None = None
    initiative_id: Id | None = None
    body_id: Id | None = None
    areas: Codes | None = None
    administrations: Codes | None = None


class OverlapOut(Out):
    first_initiative_id: int
    second_initiative_id: int
    first_title: str
    second_title: str
    strong: bool
    score: float
    similarity: float
    state: str = Field(description="open, changed (since the verdict) or reviewed")
    verdict: str | None
    reasons: list[str]


class OverlapQuery(PageQuery):
    show: Literal["open", "reviewed", "all"] = "open"
    strength: Literal["strong", "all"] = "strong"


class ReportOut(Out):
    id: int
    administration: str
    committee: str
    year: int
    period_start: Date
    period_end: Date
    latest_version: int
    final_version: int | None


class SectionOut(Out):
    section: int
    text: str


class ReportDetail(ReportOut):
    version_origin: str
    sections: list[SectionOut]


AreaPage = page_model(AreaOut, "AreaPage")
AdministrationPage = page_model(AdministrationOut, "AdministrationPage")
OrganisationPage = page_model(OrganisationOut, "OrganisationPage")
BodyPage = page_model(BodyOut, "BodyPage")
EntryPage = create_model(
    "EntryPage", __base__=page_model(EntryOut, "EntryPageBase"),
    next_after=(str | None, Field(None, description="Pass as `after` for the next page; null when this page "
                                                    "is not full (the end of the log).")))
OverlapPage = page_model(OverlapOut, "OverlapPage")
ReportPage = page_model(ReportOut, "ReportPage")


class InitiativePage(Out):
    items: list[InitiativeSummary]
    page: int
    per_page: int
    total: int
    pages: int
    notices: list[str] = Field(description="Filter values that were not used, and why.")
