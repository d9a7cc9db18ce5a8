"""Reading seed files, checking their shape, and applying them all in one transaction or not at all."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import yaml
from pydantic import ValidationError as SchemaError
from sqlalchemy.exc import SQLAlchemyError

from tracker.core.errors import ValidationError
from tracker.extensions import db
from tracker.seeding import schema
from tracker.seeding.apply import APPLIERS, SeedContext

# Pydantic's messages are English; seed authors read Danish. Unlisted kinds fall back to pydantic's text.
SCHEMA_MESSAGES = {
    "missing": "Feltet mangler.",
    "extra_forbidden": "Ukendt felt.",
    "string_type": "Skal være tekst.",
    "int_type": "Skal være et heltal.",
    "int_parsing": "Skal være et heltal.",
    "int_from_float": "Skal være et heltal.",
    "date_type": "Skal være en dato (ÅÅÅÅ-MM-DD).",
    "date_parsing": "Skal være en dato (ÅÅÅÅ-MM-DD).",
    "date_from_datetime_parsing": "Skal være en dato (ÅÅÅÅ-MM-DD).",
    "date_from_datetime_inexact": "Skal være en dato (ÅÅÅÅ-MM-DD).",
    "list_type": "Skal være en liste.",
    "model_type": "Skal være en samling af felter.",
    "model_attributes_type": "Skal være en samling af felter.",
}


class SeedError(Exception):
    """One or more problems in seed files, each a line `FILE: section[i] 'name': field 'f': message`."""

    def __init__(self, messages: list[str]):
        super().__init__("\n".join(messages))
        self.messages = messages


# Seed files nest a few levels (section, entry, list of meetings ...); far deeper is a broken or hostile file,
# refused before PyYAML's recursive composer runs out of stack.
MAX_DEPTH = 50


class _TooDeep(yaml.YAMLError):
    def __init__(self, line: int):
        super().__init__(line)
        self.line = line


class _BadValue(yaml.YAMLError):
    def __init__(self, line: int, value: str):
        super().__init__(line, value)
        self.line, self.value = line, value


class _SeedLoader(yaml.SafeLoader):
    """PyYAML's safe loader with a bound on nesting and a YAML error (not a ValueError) for a date like
    2013-02-30."""

    def __init__(self, stream):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _TooDeep(self.peek_event().start_mark.line + 1)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_checked_timestamp(self, node):
        try:
            return self.construct_yaml_timestamp(node)
        except ValueError:
            raise _BadValue(node.start_mark.line + 1, node.value) from None


_SeedLoader.add_constructor("tag:yaml.org,2002:timestamp", _SeedLoader.construct_checked_timestamp)


def _parsed(filename: str, data: bytes):
    """The YAML document in the file; SeedError names the line of text that is not UTF-8, nested too deep or
    not a valid date."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise SeedError([f"{filename}: linje {line}: ikke gyldig UTF-8; gem filen som UTF-8"]) from None
    try:
        return yaml.load(text, Loader=_SeedLoader)  # a SafeLoader: plain data, no Python objects
    except _TooDeep as error:
        raise SeedError([f"{filename}: linje {error.line}: mere end {MAX_DEPTH} niveauer inde i hinanden"]) from None
    except _BadValue as error:
        raise SeedError([f"{filename}: linje {error.line}: '{error.value}' er ikke en gyldig dato"]) from None
    except yaml.YAMLError as error:
        raise SeedError([f"{filename}: ugyldig YAML: {error}"]) from error


def _where(filename: str, section: str, index: int, name: str) -> str:
    return f"{filename}: {section}[{index}] '{name}'"


def _field_path(parts: Iterable[object]) -> str:
    path = ""
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def _schema_messages(filename: str, raw: dict, error: SchemaError) -> list[str]:
    messages = []
    for problem in error.errors():
        loc = problem["loc"]
        text = SCHEMA_MESSAGES.get(problem["type"], problem["msg"])
        if len(loc) == 1:
            label = "Ukendt sektion." if problem["type"] == "extra_forbidden" else text
            messages.append(f"{filename}: '{loc[0]}': {label}")
        elif len(loc) == 2:
            messages.append(f"{filename}: {loc[0]}[{loc[1]}]: {text}")
        else:
            section, index = loc[0], loc[1]
            name = schema.entry_name(section, raw[section][index])
            messages.append(f"{_where(filename, section, index, name)}: field '{_field_path(loc[2:])}': {text}")
    return messages


def _duplicate_messages(filename: str, seed: schema.SeedFile) -> list[str]:
    """Two entries with the same natural key in one file: a copy-paste slip, named with both places."""
    messages = []
    for section in schema.SECTION_ORDER:
        seen: dict[str, int] = {}
        for index, entry in enumerate(getattr(seed, section)):
            field, key = _natural_key(section, entry)
            if key in seen:
                first = seen[key]
                first_name = schema.entry_name(section, getattr(seed, section)[first].model_dump())
                messages.append(
                    f"{_where(filename, section, index, schema.entry_name(section, entry.model_dump()))}: "
                    f"field '{field}': står også i {section}[{first}] '{first_name}'"
                )
            else:
                seen[key] = index
        if section == "bodies":
            for index, body in enumerate(seed.bodies):
                messages += _duplicates_in_body(filename, index, body)
    return messages


def _natural_key(section: str, entry: schema.Entry) -> tuple[str, str]:
    if section == "entries":
        return "text", f"{entry.date}|{entry.kind}|{entry.text.casefold()}"
    field = schema.NAME_FIELDS[section]
    return field, str(getattr(entry, field)).casefold()


def _duplicates_in_body(filename: str, index: int, body: schema.BodyEntry) -> list[str]:
    messages = []
    where = _where(filename, "bodies", index, body.name)
    seats: dict[tuple, int] = {}
    for i, m in enumerate(body.memberships):
        key = (m.role.casefold(), (m.administration or "").casefold(), (m.organisation or "").casefold())
        if key in seats:
            messages.append(f"{where}: field 'memberships[{i}].role': samme plads som memberships[{seats[key]}]")
        seats.setdefault(key, i)
    dates: dict[object, int] = {}
    for i, m in enumerate(body.meetings):
        if m.date in dates:
            messages.append(f"{where}: field 'meetings[{i}].date': samme dato som meetings[{dates[m.date]}]")
        dates.setdefault(m.date, i)
    return messages


def read_seed_file(path: Path) -> schema.SeedFile:
    """The file parsed and checked for shape and duplicates; SeedError lists every problem found."""
    filename = path.name
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SeedError([f"{filename}: kan ikke læses: {error.strerror}"]) from error
    raw = _parsed(filename, data)
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise SeedError([f"{filename}: filen skal være en samling af sektioner (fx 'areas:', 'initiatives:')"])
    try:
        seed = schema.SeedFile.model_validate(raw)
    except SchemaError as error:
        raise SeedError(_schema_messages(filename, raw, error)) from error
    duplicates = _duplicate_messages(filename, seed)
    if duplicates:
        raise SeedError(duplicates)
    return seed


def load_seed(paths: Iterable[Path]) -> Counter:
    """Apply the files in the order given, all or nothing; the caller commits.

    Returns how many entries of each kind the files held. On any problem the session is rolled
    back and SeedError is raised, so the database is as it was.
    """
    files: list[tuple[str, schema.SeedFile]] = []
    problems: list[str] = []
    for path in paths:
        try:
            files.append((path.name, read_seed_file(path)))
        except SeedError as error:
            problems += error.messages
    if problems:
        raise SeedError(problems)
    try:
        ctx = SeedContext.from_database(t.title for _, seed in files for t in seed.initiatives)
        for filename, seed in files:
            _apply_file(ctx, filename, seed)
    except BaseException:
        db.session.rollback()
        raise
    return ctx.counts


def _apply_file(ctx: SeedContext, filename: str, seed: schema.SeedFile) -> None:
    for section in schema.SECTION_ORDER:
        apply = APPLIERS[section]
        for index, entry in enumerate(getattr(seed, section)):
            try:
                apply(ctx, entry)
            except ValidationError as error:
                where = _where(filename, section, index, schema.entry_name(section, entry.model_dump()))
                raise SeedError([f"{where}: field '{error.field}': {error.message}"]) from error
            except SQLAlchemyError as error:
                # The services should have caught it; if the database still refuses, say where.
                where = _where(filename, section, index, schema.entry_name(section, entry.model_dump()))
                reason = str(getattr(error, "orig", error)).splitlines()[0]
                raise SeedError([f"{where}: databasen afviste posten: {reason}"]) from error
            ctx.counts[section] += 1
