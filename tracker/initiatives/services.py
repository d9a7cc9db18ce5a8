"""Rules and writes for themes, indsatsområder, initiatives with key figures, and cooperation entries."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from tracker.areas.models import Area, Goal, Place
from tracker.auth.models import User
from tracker.bodies.models import Body, Meeting
from tracker.core.errors import ValidationError
from tracker.core.lookup import Lookup
from tracker.core.validation import (
    check_choice,
    check_date,
    check_period,
    check_year,
    clean_text,
    to_decimal,
)
from tracker.extensions import db
from tracker.initiatives.models import (
    ENTRY_KINDS,
    INITIATIVE_STATUSES,
    CooperationEntry,
    Initiative,
    KeyFigure,
    PolicyArea,
    Theme,
)
from tracker.organisation.models import Administration, Organisation

TITLE_MAX = 200
SUMMARY_MAX = 5000
ENTRY_TEXT_MAX = 5000
# Numeric(14, 2) holds twelve digits before the decimal point.
KEY_FIGURE_LIMIT = Decimal("1e12")


@dataclass(frozen=True)
class KeyFigureInput:
    label: str
    value: object
    year: int
    unit: str = ""


@dataclass
class InitiativeInput:
    """Everything a person states about an initiative; the same shape for forms, seed and API."""

    title: str
    lead_administration: Administration
    status: str = "planned"
    summary: str = ""
    start_date: date | None = None
    end_date: date | None = None
    partner_administrations: Sequence[Administration] = ()
    partner_organisations: Sequence[Organisation] = ()
    areas: Sequence[Area] = ()
    places: Sequence[Place] = ()
    themes: Sequence[Theme] = ()
    goals: Sequence[Goal] = ()
    policy_areas: Sequence[PolicyArea] = ()
    key_figures: Sequence[KeyFigureInput] = field(default_factory=tuple)


def theme_lookup() -> Lookup[Theme]:
    lookup: Lookup[Theme] = Lookup("tema", "theme")
    for theme in db.session.scalars(select(Theme)):
        lookup.add(theme, theme.slug, theme.name, theme.name_en)
    return lookup


def policy_area_lookup() -> Lookup[PolicyArea]:
    lookup: Lookup[PolicyArea] = Lookup("indsatsområde", "policy_area")
    for policy_area in db.session.scalars(select(PolicyArea)):
        lookup.add(policy_area, policy_area.number, policy_area.name)
    return lookup


def upsert_theme(slug: str, name: str, name_en: str = "") -> Theme:
    slug = clean_text("slug", slug, 60, required=True)
    theme = db.session.scalar(select(Theme).where(Theme.slug == slug))
    if theme is None:
        theme = Theme(slug=slug)
        db.session.add(theme)
    theme.name = clean_text("name", name, 100, required=True)
    theme.name_en = clean_text("name_en", name_en, 100)
    db.session.flush()
    return theme


def upsert_policy_area(number: int, name: str, name_en: str = "") -> PolicyArea:
    if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= 20:
        raise ValidationError("number", "Indsatsområdets nummer skal være mellem 1 og 20.")
    policy_area = db.session.scalar(select(PolicyArea).where(PolicyArea.number == number))
    if policy_area is None:
        policy_area = PolicyArea(number=number)
        db.session.add(policy_area)
    policy_area.name = clean_text("name", name, 200, required=True)
    policy_area.name_en = clean_text("name_en", name_en, 200)
    db.session.flush()
    return policy_area


def initiative_by_title(title: str) -> Initiative | None:
    return db.session.scalar(select(Initiative).where(Initiative.title == title.strip()))


def create_initiative(data: InitiativeInput) -> Initiative:
    """A new initiative; refused when the title is already taken."""
    if initiative_by_title(data.title) is not None:
        raise ValidationError("title", f"Der findes allerede en indsats med titlen '{data.title.strip()}'.")
    return _apply(Initiative(), data)


def update_initiative(initiative: Initiative, data: InitiativeInput) -> Initiative:
    other = initiative_by_title(data.title)
    if other is not None and other is not initiative:
        raise ValidationError("title", f"Der findes allerede en indsats med titlen '{data.title.strip()}'.")
    return _apply(initiative, data)


def save_initiative(data: InitiativeInput) -> Initiative:
    """Create the initiative with this title, or update the one that has it (the seed's upsert)."""
    return _apply(initiative_by_title(data.title) or Initiative(), data)


def _apply(initiative: Initiative, data: InitiativeInput) -> Initiative:
    title = clean_text("title", data.title, TITLE_MAX, required=True)
    summary = clean_text("summary", data.summary, SUMMARY_MAX)
    check_choice("status", data.status, INITIATIVE_STATUSES)
    check_date("start_date", data.start_date)
    check_date("end_date", data.end_date)
    check_period(data.start_date, data.end_date)
    if data.lead_administration is None:
        raise ValidationError("lead_administration", "Vælg den ansvarlige forvaltning.")
    partners = list(dict.fromkeys(data.partner_administrations))
    if data.lead_administration in partners:
        raise ValidationError(
            "partner_administrations",
            f"{data.lead_administration.code} er ansvarlig forvaltning og kan ikke også være partner.",
        )
    if not data.areas and not data.places:
        raise ValidationError("areas", "Angiv mindst ét område eller sted.")
    goals = list(dict.fromkeys(data.goals))
    area_ids = {area.id for area in data.areas} | {p.area.id for p in data.places if p.area is not None}
    for goal in goals:
        if goal.plan.area_id not in area_ids:
            raise ValidationError(
                "goals", f"Målet '{goal.title}' hører til en udviklingsplan for et område, indsatsen ikke dækker."
            )
    key_figures = [_key_figure(item) for item in data.key_figures]

    initiative.title = title
    initiative.summary = summary
    initiative.status = data.status
    initiative.start_date, initiative.end_date = data.start_date, data.end_date
    initiative.lead_administration = data.lead_administration
    initiative.partner_administrations = partners
    initiative.partner_organisations = list(dict.fromkeys(data.partner_organisations))
    initiative.areas = list(dict.fromkeys(data.areas))
    initiative.places = list(dict.fromkeys(data.places))
    initiative.themes = list(dict.fromkeys(data.themes))
    initiative.goals = goals
    initiative.policy_areas = list(dict.fromkeys(data.policy_areas))
    initiative.key_figures = _merge_key_figures(initiative.key_figures, key_figures)
    if initiative.id is None:
        db.session.add(initiative)
    db.session.flush()
    return initiative


def _merge_key_figures(current: list[KeyFigure], wanted: list[KeyFigure]) -> list[KeyFigure]:
    """Keep the rows of figures that stay (matched by label and year), so saving the same figures
    again changes nothing and a figure's history stays with its row."""
    existing = {(figure.label, figure.year): figure for figure in current}
    merged = []
    for figure in wanted:
        kept = existing.get((figure.label, figure.year))
        if kept is None:
            merged.append(figure)
            continue
        if kept.value != figure.value:
            kept.value = figure.value
        if kept.unit != figure.unit:
            kept.unit = figure.unit
        merged.append(kept)
    return merged


def _key_figure(item: KeyFigureInput) -> KeyFigure:
    label = clean_text("key_figures", item.label, 200, required=True)
    value = to_decimal("key_figures", item.value)
    if abs(value) >= KEY_FIGURE_LIMIT:
        raise ValidationError("key_figures", f"Nøgletallet '{label}' er for stort.")
    check_year("key_figures", item.year)
    if item.year is None:
        raise ValidationError("key_figures", f"Nøgletallet '{label}' mangler et år.")
    return KeyFigure(label=label, value=value.quantize(Decimal("0.01")), year=item.year,
                     unit=clean_text("key_figures", item.unit, 40))


def save_entry(entry_date: date, kind: str, text: str, initiative: Initiative | None = None,
               body: Body | None = None, meeting: Meeting | None = None, areas: Sequence[Area] = (),
               administrations: Sequence[Administration] = (), author: User | None = None,
               entry: CooperationEntry | None = None) -> CooperationEntry:
    """Record a line of the cooperation log, or update `entry`.

    Without `entry`, an entry with the same date, kind and text is updated instead of repeated.
    """
    if entry_date is None:
        raise ValidationError("date", "Angiv en dato.")
    check_date("date", entry_date)
    check_choice("kind", kind, ENTRY_KINDS)
    text = clean_text("text", text, ENTRY_TEXT_MAX, required=True)
    if meeting is not None:
        if body is not None and meeting.body is not body:
            raise ValidationError("meeting", "Mødet hører til et andet samarbejdsorgan.")
        body = meeting.body
    if entry is None:
        entry = db.session.scalar(select(CooperationEntry).where(
            CooperationEntry.date == entry_date, CooperationEntry.kind == kind, CooperationEntry.text == text,
        ))
    if entry is None:
        entry = CooperationEntry()
        db.session.add(entry)
    entry.date, entry.kind, entry.text = entry_date, kind, text
    entry.initiative, entry.body, entry.meeting = initiative, body, meeting
    entry.areas = list(dict.fromkeys(areas))
    entry.administrations = list(dict.fromkeys(administrations))
    if author is not None:
        entry.author = author
    db.session.flush()
    return entry
