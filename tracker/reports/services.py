"""Writing a committee's report: generating a draft with its frozen facts, saving the writer's edits as new
numbered versions, and marking a version final (flush, never commit).

Versions are append-only. Generating again adds a version and never touches the writer's edits; a final
version always fits every section's limit.
"""
from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass
from datetime import date

from flask import current_app, has_request_context
from flask_babel import force_locale, format_decimal
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from tracker.core.errors import ValidationError
from tracker.core.models import utcnow
from tracker.core.validation import check_date, check_period, check_year
from tracker.extensions import db
from tracker.organisation.models import Administration
from tracker.reports.counting import count_characters, normalise_breaks
from tracker.reports.drafting.facts import default_period, gather_facts
from tracker.reports.drafting.report import draft_report
from tracker.reports.models import Report, ReportSnapshot, ReportText, ReportVersion
from tracker.reports.shown import shown_of
from tracker.reports.snapshots import drafts_to_json, frozen
from tracker.reports.template import SECTION_NUMBERS, Overflow, overflows

# Far beyond any section's limit, and still a text a person could have typed: above it, the input is refused
# rather than stored (a draft may run over its limit; it may not be a novel).
TEXT_MAX = 20_000


@dataclass
class GenerateInput:
    """What the writer chooses before generating: the committee (by its administration), the year and,
    optionally, the reporting period (empty: the default period of that year)."""

    administration: Administration | None
    year: int | None
    period_start: date | None = None
    period_end: date | None = None


class StaleBase(Exception):
    """The writer's text was based on an older version than the latest: someone saved meanwhile."""


# --- reading the rules ---------------------------------------------------------------------------------

def overflow_message(items: list[Overflow]) -> str:
    """"Afsnit 1) Status for handleplan har 2.223 anslag – 223 for mange" for each section over its limit."""
    with _request_or_default_locale():
        return "; ".join(
            str(_l("%(heading)s har %(count)s anslag – %(over)s for mange (grænsen er %(limit)s)",
                   heading=item.template.numbered_heading, count=format_decimal(item.count),
                   over=format_decimal(item.over), limit=format_decimal(item.template.limit)))
            for item in items)


def _request_or_default_locale():
    """The reader's language in a request; the default language (Danish) in the CLI and tests."""
    if has_request_context():
        return nullcontext()
    return force_locale(current_app.config.get("BABEL_DEFAULT_LOCALE", "da"))


def resolved_period(data: GenerateInput) -> tuple[date, date]:
    """The period asked for, with the year's default period filling in what was left empty."""
    default_start, default_end = default_period(data.year)
    return data.period_start or default_start, data.period_end or default_end


def check_generate(data: GenerateInput) -> list[ValidationError]:
    problems = []
    if data.administration is None:
        problems.append(ValidationError("administration", _l("Vælg det udvalg, redegørelsen er for.")))
    if data.year is None:
        problems.append(ValidationError("year", _l("Skriv redegørelsens år, fx 2013.")))
    else:
        try:
            check_year("year", data.year)
        except ValidationError as problem:
            problems.append(problem)
    for name in ("period_start", "period_end"):
        try:
            check_date(name, getattr(data, name))
        except ValidationError as problem:
            problems.append(problem)
    year_known = data.year is not None and not any(problem.field == "year" for problem in problems)
    dates_known = not any(problem.field in ("period_start", "period_end") for problem in problems)
    if dates_known and not year_known and data.period_start and data.period_end:
        try:
            check_period(data.period_start, data.period_end, "period_end")
        except ValidationError as problem:
            problems.append(problem)
    elif dates_known and year_known:
        start, end = resolved_period(data)
        if end < start and data.period_start is None and data.period_end is None:
            problems.append(ValidationError("year", _l(
                "Standardperioden for %(year)s er ikke begyndt endnu. Vælg et andet år, eller skriv perioden.",
                year=data.year)))
        else:
            try:
                check_period(start, end, "period_end")
            except ValidationError as problem:
                problems.append(problem)
    return problems


def check_texts(texts: dict[int, str]) -> list[ValidationError]:
    return [ValidationError(f"text_{number}", _l(
                "Afsnittet er alt for langt til at gemme (%(count)s tegn; højst %(max)s).",
                count=count_characters(text), max=TEXT_MAX))
            for number, text in sorted(texts.items()) if count_characters(text) > TEXT_MAX]


def clean_texts(texts: dict[int, str]) -> dict[int, str]:
    """One line-break convention, no whitespace around the whole text; every section present."""
    return {number: normalise_breaks(texts.get(number, "")).strip() for number in SECTION_NUMBERS}


# --- writing ---------------------------------------------------------------------------------------------

def report_for(administration_id: int, year: int) -> Report | None:
    return db.session.scalar(select(Report).where(Report.administration_id == administration_id,
                                                  Report.year == year))


def generate(data: GenerateInput, author) -> ReportVersion:
    """A new generated version of the committee's report for that year, creating the report the first time.

    A period other than the report's becomes the report's period from now on; earlier versions keep theirs.
    """
    problems = check_generate(data)
    if problems:
        raise problems[0]
    period_start, period_end = resolved_period(data)
    report = report_for(data.administration.id, data.year)
    if report is None:
        report = Report(administration=data.administration, year=data.year, latest_number=0)
        db.session.add(report)
    if (report.period_start, report.period_end) != (period_start, period_end):
        report.period_start, report.period_end = period_start, period_end
    db.session.flush()
    return regenerate(report, author)


def regenerate(report: Report, author) -> ReportVersion:
    """A new generated version from the facts as they are now, for the report's period. Every earlier
    version, the writer's edits included, stays as it was."""
    facts = frozen(gather_facts(report.administration_id, report.period_start, report.period_end))
    drafts = draft_report(facts)
    texts = {number: drafts[number].text if number in drafts else "" for number in SECTION_NUMBERS}
    version = _append(report, "generated", author, texts, derived_from=None)
    draft = drafts_to_json(drafts)
    version.snapshot = ReportSnapshot(facts=facts, draft=draft, shown=shown_of(draft, facts))
    db.session.flush()
    return version


def save_edit(report: Report, base: ReportVersion, texts: dict[int, str], author) -> ReportVersion | None:
    """The writer's texts as a new edited version, based on `base`, which must still be the latest version
    (else StaleBase: nothing is saved, and the caller shows both texts). A text over its limit is saved,
    as a draft; None when nothing changed.
    """
    if base.report_id != report.id or base.number != report.latest_number:
        raise StaleBase()
    texts = clean_texts(texts)
    problems = check_texts(texts)
    if problems:
        raise problems[0]
    if texts == clean_texts(base.text_map()):
        return None
    draft = base if base.is_generated else base.derived_from
    return _append(report, "edited", author, texts, derived_from=draft,
                   period=(base.period_start, base.period_end))


def check_final(version: ReportVersion) -> list[ValidationError]:
    over = overflows(version.text_map())
    if not over:
        return []
    return [ValidationError("final", _l(
        "Version %(number)s kan ikke markeres som endelig, fordi den er over grænsen: %(sections)s. "
        "Forkort teksten, gem den som en ny version, og markér den så som endelig.",
        number=version.number, sections=overflow_message(over)))]


def mark_final(version: ReportVersion, user) -> ReportVersion:
    """Make this version the report's final one. Refused (ValidationError) while any section is over its
    limit: a final version always fits."""
    problems = check_final(version)
    if problems:
        raise problems[0]
    report = version.report
    if report.final_number != version.number or version.finalised_at is None:
        version.finalised_at = utcnow()
        version.finalised_by = user
        report.final_number = version.number
        db.session.flush()
    return version


def _append(report: Report, origin: str, author, texts: dict[int, str], derived_from: ReportVersion | None,
            period: tuple[date, date] | None = None) -> ReportVersion:
    # The report's row is version-locked: if another save took this number first, this flush fails with
    # StaleDataError instead of writing a second version with the same number.
    report.latest_number = (report.latest_number or 0) + 1
    period_start, period_end = period or (report.period_start, report.period_end)
    version = ReportVersion(report=report, number=report.latest_number, origin=origin, author=author,
                            derived_from=derived_from, period_start=period_start, period_end=period_end,
                            texts=[ReportText(section=number, text=text) for number, text in sorted(texts.items())])
    db.session.add(version)
    db.session.flush()
    return version
