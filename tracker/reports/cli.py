"""`flask report draft`: a committee's report drafted from tracked cooperation, printed or saved as a file;
`flask report check`: whether every sentence of a draft, new or stored, is true of its sources.

The draft goes to standard output (or --output) and nothing else does: notes for the writer, what was left
out for space and the character counts go to standard error, so `> afsnit3.txt` holds only the text.
"""
from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from flask_babel import force_locale, format_decimal, gettext
from sqlalchemy import select

from tracker.core.errors import ValidationError
from tracker.extensions import db
from tracker.organisation.models import Administration
from tracker.organisation.queries import administration_by_code, all_administrations
from tracker.reports.counting import count_characters
from tracker.reports.drafting.checker import check_draft
from tracker.reports.drafting.drafts import SectionDraft
from tracker.reports.drafting.facts import default_period, gather_facts
from tracker.reports.drafting.report import draft_report, draft_section
from tracker.reports.exports.document import ReportDocument
from tracker.reports.exports.text import to_markdown, to_text
from tracker.reports.exports.word import to_docx
from tracker.reports.models import Report, ReportVersion
from tracker.reports.queries import draft_of
from tracker.reports.snapshots import drafts_from_json
from tracker.reports.template import SECTION_NUMBERS

STDOUT = "-"
FORMATS = ("text", "markdown", "docx")
ALL_SECTIONS = "all"

report_group = AppGroup("report", help="Udvalgets årlige statusredegørelse.")


def _administration(code: str) -> Administration:
    administration = administration_by_code(code.strip())
    if administration is not None:
        return administration
    codes = [known.code for known in all_administrations()]
    if not codes:
        raise click.BadParameter(gettext("Der er ingen forvaltninger. Kør først 'flask --app tracker seed'."),
                                 param_hint="--committee")
    raise click.BadParameter(gettext("Ukendt forvaltning '%(code)s'. Gyldige koder: %(codes)s.",
                                     code=code, codes=", ".join(codes)), param_hint="--committee")


def _drafts(administration: Administration, year: int, section: int | None) -> dict[int, SectionDraft]:
    period_start, period_end = default_period(year)
    if period_end < period_start:
        raise click.BadParameter(gettext("Perioden for redegørelsen for %(year)s er ikke begyndt endnu.",
                                         year=year), param_hint="--year")
    try:
        facts = gather_facts(administration.id, period_start, period_end)
    except ValidationError as error:
        raise click.ClickException(gettext("Intet udkast: %(reason)s", reason=error.message)) from error
    if section is None:
        return draft_report(facts)
    return {section: draft_section(facts, section)}


def _tell_the_writer(drafts: dict[int, SectionDraft]) -> None:
    """What the writer needs beside the text: its count, the notes, and the sentences that did not fit."""
    for number, draft in sorted(drafts.items()):
        click.echo(gettext("Afsnit %(number)s: %(count)s af %(limit)s anslag inkl. mellemrum.",
                           number=number, count=format_decimal(count_characters(draft.text)),
                           limit=format_decimal(draft.limit)), err=True)
        for note in draft.notes:
            click.echo(gettext("Note til skribenten: %(note)s", note=note), err=True)
        for sentence in draft.omitted:
            click.echo(gettext("Udeladt af pladshensyn: %(sentence)s", sentence=sentence.text), err=True)


def _write_text(content: str, output: Path | None) -> None:
    if output is None or str(output) == STDOUT:
        click.echo(content.rstrip("\n"))
        return
    try:
        output.write_text(content, encoding="utf-8")
    except OSError as error:
        raise click.ClickException(gettext("Kunne ikke skrive %(path)s: %(reason)s",
                                           path=output, reason=error.strerror or error)) from error
    click.echo(gettext("Gemt i %(path)s.", path=output), err=True)


def _write_docx(content: bytes, output: Path | None) -> None:
    if output is None:
        raise click.UsageError(gettext("Word-formatet kræver --output FIL (eller --output - for at skrive "
                                       "til standard-output)."))
    if str(output) == STDOUT:
        with click.open_file(STDOUT, "wb") as stdout:
            if stdout.isatty():
                # A .docx is a zip file: printed to a terminal it is noise and can garble the terminal.
                raise click.UsageError(gettext("Et Word-dokument kan ikke skrives til terminalen. Brug "
                                               "--output FIL, eller send standard-output videre til en fil."))
            stdout.write(content)
        return
    try:
        output.write_bytes(content)
    except OSError as error:
        raise click.ClickException(gettext("Kunne ikke skrive %(path)s: %(reason)s",
                                           path=output, reason=error.strerror or error)) from error
    click.echo(gettext("Gemt i %(path)s.", path=output), err=True)


@report_group.command("draft")
@click.option("--committee", "committee_code", required=True,
              help="Forvaltningens kode, fx TMF (store eller små bogstaver).")
@click.option("--year", type=click.IntRange(1900, 2999), required=True, help="Redegørelsens år, fx 2013.")
@click.option("--section", "section_choice", type=click.Choice([*map(str, SECTION_NUMBERS), ALL_SECTIONS]),
              default=ALL_SECTIONS, show_default=True, help="Et afsnit (1-4) eller hele redegørelsen.")
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text: kun teksten (ét afsnit) eller hele redegørelsen; markdown; docx: Word.")
@click.option("--output", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path), default=None,
              help="Skriv til FIL i stedet for standard-output (krævet for docx).")
def draft_command(committee_code: str, year: int, section_choice: str, output_format: str,
                  output: Path | None) -> None:
    """Lav et udkast til udvalgets redegørelse ud fra det registrerede samarbejde."""
    # Without a request there is no language to choose: messages are in the default language (Danish), as
    # in the other commands. The report itself is Danish whatever the language.
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
        section = None if section_choice == ALL_SECTIONS else int(section_choice)
        if output_format == "docx" and section is not None:
            raise click.UsageError(gettext("Word-dokumentet er altid hele redegørelsen; udelad --section."))
        administration = _administration(committee_code)
        drafts = _drafts(administration, year, section)
        document = ReportDocument(committee_name=administration.committee, year=year,
                                  texts={number: draft.text for number, draft in drafts.items()})
        _tell_the_writer(drafts)
        if output_format == "docx":
            _write_docx(to_docx(document), output)
        elif output_format == "markdown":
            _write_text(to_markdown(document, section=section), output)
        else:
            _write_text(to_text(document, section=section), output)


@report_group.command("check")
@click.option("--committee", "committee_code", required=True,
              help="Forvaltningens kode, fx TMF (store eller små bogstaver).")
@click.option("--year", type=click.IntRange(1900, 2999), required=True, help="Redegørelsens år, fx 2013.")
@click.option("--version", "version_number", type=click.IntRange(1, 2**31 - 1), default=None,
              help="Tjek en gemt versions udkast (ud fra dens øjebliksbillede) i stedet for et nyt udkast.")
def check_command(committee_code: str, year: int, version_number: int | None) -> None:
    """Tjek, at hver sætning i udkastet kun siger, hvad dens kilder understøtter."""
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
        administration = _administration(committee_code)
        if version_number is None:
            period_start, period_end = default_period(year)
            if period_end < period_start:
                raise click.BadParameter(gettext("Perioden for redegørelsen for %(year)s er ikke begyndt endnu.",
                                                 year=year), param_hint="--year")
            facts = gather_facts(administration.id, period_start, period_end)
            drafts = draft_report(facts)
        else:
            facts, drafts = _stored_draft(administration, year, version_number)
        problems = check_draft(facts, drafts)
        sentences = sum(len(d.kept) + len(d.omitted) for d in drafts.values())
        for problem in problems:
            where = gettext("udeladt") if not problem.kept else gettext("i teksten")
            click.echo(gettext("Afsnit %(number)s (%(where)s): %(message)s: %(sentence)s", number=problem.section,
                               where=where, message=problem.message, sentence=problem.sentence))
        if problems:
            raise click.ClickException(gettext("%(count)s af %(total)s sætninger siger mere, end kilderne "
                                               "understøtter.", count=len({p.sentence for p in problems}),
                                               total=sentences))
        click.echo(gettext("Alle %(total)s sætninger er understøttet af deres kilder.", total=sentences))


def _stored_draft(administration: Administration, year: int, number: int) -> tuple[dict, dict[int, SectionDraft]]:
    """The facts and the generated draft a stored version derives from (its snapshot)."""
    report = db.session.scalar(select(Report).where(Report.administration_id == administration.id,
                                                    Report.year == year))
    version = None if report is None else db.session.scalar(
        select(ReportVersion).where(ReportVersion.report_id == report.id, ReportVersion.number == number))
    if version is None:
        raise click.BadParameter(gettext("%(code)s har ingen version %(number)s af redegørelsen for %(year)s.",
                                         code=administration.code, number=number, year=year),
                                 param_hint="--version")
    generated = draft_of(version)
    if generated is None or generated.snapshot is None:
        raise click.ClickException(gettext("Versionen har intet gemt øjebliksbillede at tjekke."))
    return generated.snapshot.facts, drafts_from_json(generated.snapshot.draft)
