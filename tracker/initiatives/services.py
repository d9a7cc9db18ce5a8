"""Rules and writes for themes, indsatsområder, initiatives with key figures, and cooperation entries."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache

from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString
from sqlalchemy import Select, and_, bindparam, case, or_, select
from sqlalchemy.orm import contains_eager

from tracker.areas.models import Area, Goal, Place, Udviklingsplan
from tracker.auth.models import User
from tracker.core.errors import ValidationError
from tracker.core.lookup import Lookup
from tracker.core.models import utcnow
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
    INITIATIVE_STATUSES,
    Initiative,
    KeyFigure,
    PolicyArea,
    Theme,
)
from tracker.initiatives.permissions import can_change_lead, can_remove_partner
from tracker.organisation.models import ORGANISATION_KINDS, Administration, Organisation

TITLE_MAX = 200
SUMMARY_MAX = 5000
# Numeric(14, 2) holds twelve digits before the decimal point.
KEY_FIGURE_LIMIT = Decimal("1e12")
# Enough for any initiative's results, few enough that its form stays one page to read and save.
KEY_FIGURES_MAX = 100


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


@dataclass
class InitiativeChoices:
    """What an initiative form offers to choose from, in the order it shows them."""

    administrations: list[Administration]
    organisations: list[Organisation]
    areas: list[Area]
    places: list[Place]
    themes: list[Theme]
    goals: list[Goal]
    policy_areas: list[PolicyArea]


def initiative_choices(initiative: Initiative | None = None) -> InitiativeChoices:
    """The reference data an initiative can link to: archived organisations, plans and goals are left
    out, except those the initiative already links to (so an edit does not drop them unseen)."""
    linked_orgs = [o.id for o in initiative.partner_organisations] if initiative else []
    linked_goals = [g.id for g in initiative.goals] if initiative else []
    stmts = _choice_statements()
    return InitiativeChoices(
        administrations=list(db.session.scalars(stmts["administrations"])),
        organisations=list(db.session.scalars(stmts["organisations"], {"linked": linked_orgs})),
        areas=list(db.session.scalars(stmts["areas"])),
        places=list(db.session.scalars(stmts["places"])),
        themes=list(db.session.scalars(stmts["themes"])),
        goals=list(db.session.scalars(stmts["goals"], {"linked": linked_goals}).unique()),
        policy_areas=list(db.session.scalars(stmts["policy_areas"])),
    )


@cache
def _choice_statements() -> dict[str, Select]:
    """The form's seven reference queries, built once per process: built afresh, their cache keys alone were
    about a tenth of the form's CPU."""
    linked = bindparam("linked", expanding=True)
    kind_order = case({kind: n for n, kind in enumerate(ORGANISATION_KINDS)}, value=Organisation.kind)
    return {
        "administrations": select(Administration).order_by(Administration.code),
        "organisations": select(Organisation).where(or_(Organisation.archived_at.is_(None), Organisation.id.in_(linked)))
        .order_by(kind_order, Organisation.name),
        "areas": select(Area).order_by(Area.name),
        # Places under their area, alphabetically; those outside the six areas last.
        "places": select(Place).outerjoin(Place.area).options(contains_eager(Place.area))
        .order_by(Area.id.is_(None), Area.name, Place.name),
        "themes": select(Theme).order_by(Theme.name),
        "goals": select(Goal).join(Goal.plan).join(Udviklingsplan.area)
        .where(or_(and_(Goal.archived_at.is_(None), Udviklingsplan.archived_at.is_(None)), Goal.id.in_(linked)))
        .options(contains_eager(Goal.plan).contains_eager(Udviklingsplan.area))
        .order_by(Area.name, Udviklingsplan.title, Goal.position, Goal.title),
        "policy_areas": select(PolicyArea).order_by(PolicyArea.number),
    }


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
        raise ValidationError("number", _l("Indsatsområdets nummer skal være mellem 1 og 20."))
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


class KeyFigureError(ValidationError):
    """A key-figure row is wrong: `row` is its position among the figures given, `column` the part to fix
    (label, value, unit or year), so a form can show the message on that row."""

    def __init__(self, message: str | LazyString, row: int, column: str):
        super().__init__("key_figures", message)
        self.row = row
        self.column = column


def check_initiative(data: InitiativeInput, initiative: Initiative | None = None,
                     user: User | None = None, titles: Mapping[str, int] | None = None) -> list[ValidationError]:
    """Every rule the input breaks, in the order of the form; empty when it can be saved.

    `initiative` is the one being edited (None for a new one), so its own title does not count as taken.
    `user` is who saves it: a partner may not change the lead or remove the other partners.
    `titles` (each title's initiative id), when given, stands in for looking the title up: an import
    checks thousands of rows against the titles it read in one query, and a query would flush each row.
    """
    problems = []
    if titles is not None:
        other_id = titles.get((data.title or "").strip())
        taken = other_id is not None and other_id != getattr(initiative, "id", None)
    else:
        other = initiative_by_title(data.title or "")
        taken = other is not None and other is not initiative
    if taken:
        problems.append(ValidationError(
            "title", _l("Der findes allerede en indsats med titlen '%(title)s'.", title=data.title.strip())))
    return problems + input_problems(data, initiative, user)


def input_problems(data: InitiativeInput, initiative: Initiative | None = None,
                   user: User | None = None) -> list[ValidationError]:
    """check_initiative without the title lookup, for checking many initiatives at once (an import
    compares the titles with all of them in one query)."""
    problems = []
    if initiative is not None and user is not None:
        problems += _participant_problems(data, initiative, user)
    return problems + _problems(data)


def _participant_problems(data: InitiativeInput, initiative: Initiative, user: User) -> list[ValidationError]:
    """The changes to who takes part that this user may not make (tracker/initiatives/permissions.py)."""
    problems = []
    lead = data.lead_administration
    if lead is not None and lead.id != initiative.lead_administration_id and not can_change_lead(user, initiative):
        problems.append(ValidationError("lead_administration", _l(
            "Kun den ansvarlige forvaltnings koordinatorer og en administrator kan skifte ansvarlig forvaltning.")))
    for name, kept, name_of in (
        ("partner_administrations", data.partner_administrations, lambda a: a.code),
        ("partner_organisations", data.partner_organisations, lambda o: o.name),
    ):
        kept_ids = {party.id for party in kept}
        refused = [name_of(party) for party in getattr(initiative, name)
                   if party.id not in kept_ids and not can_remove_partner(user, initiative, party)]
        if refused:
            problems.append(ValidationError(name, _l(
                "Kun den ansvarlige forvaltnings koordinatorer og en administrator kan fjerne andre partnere "
                "(%(names)s). Du kan fjerne din egen forvaltning eller organisation.", names=", ".join(refused))))
    return problems


def create_initiative(data: InitiativeInput, titles: Mapping[str, int] | None = None,
                      flush: bool = True) -> Initiative:
    """A new initiative; refused when the title is already taken.

    `titles` as for check_initiative; flush=False leaves the flush to the caller, who saves many at once."""
    _raise_first(check_initiative(data, titles=titles))
    return _apply(Initiative(), data, flush)


def update_initiative(initiative: Initiative, data: InitiativeInput, titles: Mapping[str, int] | None = None,
                      flush: bool = True) -> Initiative:
    _raise_first(check_initiative(data, initiative, titles=titles))
    return _apply(initiative, data, flush)


def save_initiative(data: InitiativeInput) -> Initiative:
    """Create the initiative with this title, or update the one that has it (the seed's upsert)."""
    _raise_first(_problems(data))
    return _apply(initiative_by_title(data.title) or Initiative(), data)


def archive_initiative(initiative: Initiative) -> Initiative:
    """Hide the initiative from lists and area pages; nothing is deleted, and it can be restored."""
    if initiative.archived_at is None:
        initiative.archived_at = utcnow()
        db.session.flush()
    return initiative


def mark_finished(initiative: Initiative) -> Initiative:
    """Set the status to finished (the one-click answer to "Udløbet – skal status opdateres?"); the audit
    trail records the change, and the version check refuses a click on a page older than the record."""
    if initiative.status != "finished":
        initiative.status = "finished"
        db.session.flush()
    return initiative


def restore_initiative(initiative: Initiative) -> Initiative:
    if initiative.archived_at is not None:
        initiative.archived_at = None
        db.session.flush()
    return initiative


def _raise_first(problems: list[ValidationError]) -> None:
    if problems:
        raise problems[0]


def _problems(data: InitiativeInput) -> list[ValidationError]:
    problems: list[ValidationError] = []

    def check(rule, *args) -> None:
        try:
            rule(*args)
        except ValidationError as error:
            problems.append(error)

    check(lambda: clean_text("title", data.title, TITLE_MAX, required=True))
    check(clean_text, "summary", data.summary, SUMMARY_MAX)
    check(check_choice, "status", data.status, INITIATIVE_STATUSES)
    check(check_date, "start_date", data.start_date)
    check(check_date, "end_date", data.end_date)
    check(check_period, data.start_date, data.end_date)
    if data.lead_administration is None:
        problems.append(ValidationError("lead_administration", _l("Vælg den ansvarlige forvaltning.")))
    elif data.lead_administration in data.partner_administrations:
        problems.append(ValidationError(
            "partner_administrations",
            _l("%(code)s er ansvarlig forvaltning og kan ikke også være partner.",
               code=data.lead_administration.code),
        ))
    if not data.areas and not data.places:
        problems.append(ValidationError("areas", _l("Angiv mindst ét område eller sted.")))
    area_ids = {area.id for area in data.areas} | {p.area.id for p in data.places if p.area is not None}
    for goal in dict.fromkeys(data.goals):
        if goal.plan.area_id not in area_ids:
            problems.append(ValidationError(
                "goals", _l("Målet '%(title)s' hører til en udviklingsplan for et område, indsatsen ikke dækker.",
                            title=goal.title)
            ))
    if len(data.key_figures) > KEY_FIGURES_MAX:
        problems.append(too_many_key_figures(len(data.key_figures)))
    for row, item in enumerate(data.key_figures):
        check(_key_figure, item, row)
    return problems


def too_many_key_figures(count: int) -> ValidationError:
    return ValidationError("key_figures", _l("En indsats kan højst have %(max)s nøgletal (her er %(count)s).",
                                             max=KEY_FIGURES_MAX, count=count))


def _apply(initiative: Initiative, data: InitiativeInput, flush: bool = True) -> Initiative:
    """Write input that has passed the checks."""
    initiative.title = clean_text("title", data.title, TITLE_MAX, required=True)
    initiative.summary = clean_text("summary", data.summary, SUMMARY_MAX)
    initiative.status = data.status
    initiative.start_date, initiative.end_date = data.start_date, data.end_date
    initiative.lead_administration = data.lead_administration
    initiative.partner_administrations = list(dict.fromkeys(data.partner_administrations))
    initiative.partner_organisations = list(dict.fromkeys(data.partner_organisations))
    initiative.areas = list(dict.fromkeys(data.areas))
    initiative.places = list(dict.fromkeys(data.places))
    initiative.themes = list(dict.fromkeys(data.themes))
    initiative.goals = list(dict.fromkeys(data.goals))
    initiative.policy_areas = list(dict.fromkeys(data.policy_areas))
    key_figures = [_key_figure(item, row) for row, item in enumerate(data.key_figures)]
    figures_before = _figures_as_saved(initiative.key_figures)
    initiative.key_figures = _merge_key_figures(initiative.key_figures, key_figures)
    if initiative.id is not None and _figures_as_saved(initiative.key_figures) != figures_before:
        # Key figures are rows of their own: touching the initiative makes the save an UPDATE of it, so
        # its version moves on and a stale form that changed only key figures is caught.
        initiative.updated_at = utcnow()
    if initiative.id is None:
        db.session.add(initiative)
    if flush:
        db.session.flush()
    return initiative


def _figures_as_saved(figures: list[KeyFigure]) -> set[tuple]:
    return {(figure.label, figure.year, figure.value, figure.unit) for figure in figures}


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


def _key_figure(item: KeyFigureInput, row: int = 0) -> KeyFigure:
    def fail(column: str, message: str | LazyString):
        return KeyFigureError(message, row, column)

    try:
        label = clean_text("key_figures", item.label, 200, required=True)
    except ValidationError as error:
        raise fail("label", error.message) from None
    if str(item.value if item.value is not None else "").strip() == "":
        raise fail("value", _l("Nøgletallet '%(label)s' mangler en værdi.", label=label))
    try:
        value = to_decimal("key_figures", item.value)
    except ValidationError as error:
        raise fail("value", error.message) from None
    # copy_abs, not abs(): abs() rounds to the context and overflows on a number like 1e9999999.
    if value.copy_abs() >= KEY_FIGURE_LIMIT:
        raise fail("value", _l("Nøgletallet '%(label)s' er for stort.", label=label))
    try:
        unit = clean_text("key_figures", item.unit, 40)
    except ValidationError as error:
        raise fail("unit", error.message) from None
    try:
        check_year("key_figures", item.year)
    except ValidationError as error:
        raise fail("year", error.message) from None
    if item.year is None:
        raise fail("year", _l("Nøgletallet '%(label)s' mangler et år.", label=label))
    return KeyFigure(label=label, value=value.quantize(Decimal("0.01")), year=item.year, unit=unit)
