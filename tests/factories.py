"""Test data builders: reference data through the ORM, and thousands of initiatives through bulk inserts."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import Table, insert, inspect, select, text
from sqlalchemy.orm import make_transient_to_detached
from sqlalchemy.orm.attributes import set_committed_value

from tracker.auth.services import create_user
from tracker.core.changes import change_tokens
from tracker.core.models import utcnow
from tracker.extensions import db
from tracker.initiatives.models import (
    Initiative,
    KeyFigure,
    initiative_areas,
    initiative_goals,
    initiative_organisations,
    initiative_partner_administrations,
    initiative_places,
    initiative_policy_areas,
    initiative_themes,
)
from tracker.log.models import CooperationEntry, entry_administrations, entry_areas
from tracker.models import (
    Administration,
    Area,
    Body,
    Goal,
    Meeting,
    Membership,
    Organisation,
    Person,
    Place,
    PolicyArea,
    Theme,
    Udviklingsplan,
)
from tracker.overlaps.review.changes import PENDING as OVERLAP_CHANGES_PENDING

AREAS = [
    ("Nørrebro", "norrebro", ["Ydre Nørrebro"], "Nørrebro", ["Mjølnerparken", "Blågården"]),
    ("Amager/Sundby", "amager-sundby", ["Amager"], "Amager Øst", ["Urbanplanen", "Hørgården"]),
    ("Bispebjerg", "bispebjerg", ["Bispebjerg/Nordvest"], "Bispebjerg", ["Bispeparken", "Fuglekvarteret"]),
    ("Vesterbro/Sydhavnen", "vesterbro-sydhavnen", ["Vesterbro/Kgs. Enghave"], "Kongens Enghave",
     ["Sydhavnen", "Kongens Enghave"]),
    ("Husum/Tingbjerg", "husum-tingbjerg", ["Tingbjerg/Husum"], "Brønshøj-Husum", ["Tingbjerg", "Husum"]),
    ("Valby/Vigerslev", "valby-vigerslev", [], "Valby", ["Folehaven", "Akacieparken"]),
]
ADMINISTRATIONS = [
    ("ØKF", "Økonomiforvaltningen", "Økonomiudvalget"),
    ("BUF", "Børne- og Ungdomsforvaltningen", "Børne- og Ungdomsudvalget"),
    ("KFF", "Kultur- og Fritidsforvaltningen", "Kultur- og Fritidsudvalget"),
    ("SUF", "Sundheds- og Omsorgsforvaltningen", "Sundheds- og Omsorgsudvalget"),
    ("SOF", "Socialforvaltningen", "Socialudvalget"),
    ("TMF", "Teknik- og Miljøforvaltningen", "Teknik- og Miljøudvalget"),
    ("BIF", "Beskæftigelses- og Integrationsforvaltningen", "Beskæftigelses- og Integrationsudvalget"),
]
THEMES = [("tryghed", "Tryghed", "Safety"), ("beskaeftigelse", "Beskæftigelse", "Employment"),
          ("boern-og-unge", "Børn og unge", "Children and young people")]
STATUSES = ("active", "planned", "finished", "stopped")


@dataclass
class Reference:
    """The reference data a test builds on, by the keys a test would use."""

    areas: dict[str, Area] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    administrations: dict[str, Administration] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    themes: dict[str, Theme] = field(default_factory=dict)
    policy_areas: list[PolicyArea] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    bodies: dict[str, Body] = field(default_factory=dict)


def reference_data() -> Reference:
    """Six areas with places and plans, seven administrations, partners, themes and the bodies, flushed.

    Built through the ORM the first time on each database; after that, when the tables it writes are empty
    (as every test starts), the same rows are copied in by one INSERT a table and the records returned are
    the same ones, attached to the session as a commit leaves them: the 65 ORM inserts cost 40 to 80 ms,
    which most tests of the suite pay, the copy about 10."""
    url = db.engine.url.render_as_string(hide_password=False)
    recorded = _RECORDED.get(url)
    if recorded is None:
        if _any_rows([table.name for table in db.metadata.sorted_tables if table is not change_tokens]):
            return _built_reference_data()
        started = utcnow()
        ref = _built_reference_data()
        _RECORDED[url] = _record(ref, started)
        return ref
    if _any_rows(recorded.tables):
        return _built_reference_data()  # a test's own rows came first: build after them, as before
    return recorded.copy_in()


def _built_reference_data() -> Reference:
    ref = Reference()
    for name, slug, aliases, bydel, places in AREAS:
        area = Area(name=name, slug=slug, aliases=aliases, bydel=bydel, description=f"Beskrivelse af {name}.")
        plan = Udviklingsplan(area=area, title=f"Udviklingsplan for {name}", status="adopted", year_adopted=2012,
                              period_start=2012, period_end=2016)
        plan.goals = [Goal(position=1, title=f"Et trygt {name}"), Goal(position=2, title=f"Flere i job i {name}")]
        ref.goals.extend(plan.goals)
        ref.areas[slug] = area
        for place in places:
            ref.places[place] = Place(name=place, kind="estate", area=area)
    ref.places["Indre Nørrebro"] = Place(name="Indre Nørrebro", kind="neighbourhood")  # outside the six areas
    for code, name, committee in ADMINISTRATIONS:
        ref.administrations[code] = Administration(code=code, name=name, committee=committee)
    ref.organisations = {
        "fsb": Organisation(name="fsb", kind="housing_association"),
        "SAB": Organisation(name="SAB", kind="housing_association"),
        "Københavns Politi": Organisation(name="Københavns Politi", kind="police"),
    }
    ref.themes = {slug: Theme(slug=slug, name=name, name_en=name_en) for slug, name, name_en in THEMES}
    ref.policy_areas = [PolicyArea(number=1, name="Alle børn og unge skal have en god start på livet"),
                        PolicyArea(number=2, name="Inklusion på arbejdsmarkedet")]
    db.session.add_all([*ref.areas.values(), *ref.places.values(), *ref.administrations.values(),
                        *ref.organisations.values(), *ref.themes.values(), *ref.policy_areas])
    _bodies(ref)
    db.session.flush()
    return ref


# Tables whose copied rows take the next ids the database gives, in their order, as the build's would: nothing
# refers to an audit event by its id, and a test may have written some before (creating a user records one).
NUMBERED_BY_THE_DATABASE = frozenset({"audit_events"})

# reference_data()'s rows as the ORM first wrote them, by database URL.
_RECORDED: dict[str, _Recorded] = {}


@dataclass
class _Since:
    """A timestamp the build wrote (created_at, updated_at, an audit event's time), as its distance from the
    build's start: a copy is stamped with its own time, as a build would be."""

    after: timedelta
    naive: bool


@dataclass
class _Copy:
    """One table's rows as one INSERT run many times, in the driver's own terms: compiled and converted when
    recorded (a test's app has a new engine, which would compile every statement again), only the timestamps
    converted for each copy."""

    sql: str
    rows: list[dict | tuple]
    timed: list[tuple[str | int, object]]  # (where in a row, the column's conversion) of each _Since

    def parameters(self, now: datetime) -> list[dict | tuple]:
        if not self.timed:
            return self.rows
        copies = []
        for row in self.rows:
            copy = list(row) if isinstance(row, tuple) else dict(row)
            for place, convert in self.timed:
                if isinstance(copy[place], _Since):
                    moment = now + copy[place].after
                    moment = moment.replace(tzinfo=None) if copy[place].naive else moment
                    copy[place] = convert(moment) if convert else moment
            copies.append(tuple(copy) if isinstance(row, tuple) else copy)
        return copies


@dataclass
class _Recorded:
    """Every row reference_data() wrote: its records and what the app's flush listeners wrote beside them
    (audit events, search documents, overlap changes; on SQLite the FTS5 search table, which no model
    describes), and which record each entry of the Reference is."""

    tables: list[str]  # those that must be empty for a copy: their rows keep the ids they were built with
    copies: list[_Copy]  # in the order foreign keys need
    keys: dict[str, dict | list]  # the Reference's fields, with (class, primary key) for each record
    sequences: str | None  # PostgreSQL: keeps each id sequence past the copied ids
    overlap_changes: bool  # whether the build left overlap changes for the session to commit

    def copy_in(self) -> Reference:
        now = utcnow()
        connection = db.session.connection()
        for copy in self.copies:  # INSERT INTO …: the change token sees each, and the commit moves it
            connection.exec_driver_sql(copy.sql, copy.parameters(now))
        if self.sequences:
            connection.exec_driver_sql(self.sequences)
        if self.overlap_changes:
            db.session.info[OVERLAP_CHANGES_PENDING] = True  # as the build's flush leaves it (overlaps/review)
        ref = Reference()
        for name, records in self.keys.items():
            if isinstance(records, dict):
                setattr(ref, name, {key: _attached(*record) for key, record in records.items()})
            else:
                setattr(ref, name, [_attached(*record) for record in records])
        return ref


def _attached(cls, identity: tuple):
    """The record with this primary key as a commit leaves it: in the session, every attribute expired."""
    mapper = inspect(cls)
    record = db.session.identity_map.get(mapper.identity_key_from_primary_key(identity))
    if record is not None:  # a record of this session's, deleted with the rows since
        db.session.expire(record)
        return record
    record = mapper.class_manager.new_instance()
    for column, value in zip(mapper.primary_key, identity, strict=True):
        set_committed_value(record, mapper.get_property_by_column(column).key, value)
    make_transient_to_detached(record)
    db.session.add(record)
    db.session.expire(record)
    return record


def _virtual_tables() -> list[str]:
    if db.engine.dialect.name != "sqlite":
        return []
    return list(db.session.scalars(text(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'")))


def _any_rows(tables: list[str]) -> bool:
    """Whether any of these tables holds a row (one statement)."""
    names = tables + [name for name in _virtual_tables() if name not in tables]
    probe = "SELECT " + " OR ".join(f"EXISTS (SELECT 1 FROM {name})" for name in names)
    return bool(db.session.connection().exec_driver_sql(probe).scalar())


def _timed(row: dict, started: datetime, finished: datetime) -> dict:
    """The row with each timestamp written during the build as a _Since."""
    for name, value in row.items():
        if isinstance(value, datetime):
            moment = value if value.tzinfo else value.replace(tzinfo=UTC)
            if started <= moment <= finished:
                row[name] = _Since(after=moment - started, naive=value.tzinfo is None)
    return row


def _compiled_copy(table: Table, rows: list[dict]) -> _Copy:
    dialect = db.engine.dialect
    names = list(rows[0])
    compiled = insert(table).compile(dialect=dialect, column_keys=names)
    assert set(compiled.bind_names.values()) == set(names) and not compiled.escaped_bind_names, table.name
    order = list(compiled.positiontup) if compiled.positional else names
    converts = {name: table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names}

    def converted(row: dict) -> list:
        return [row[name] if isinstance(row[name], _Since) or converts[name] is None else converts[name](row[name])
                for name in order]

    timed_names = [name for name in order if any(isinstance(row[name], _Since) for row in rows)]
    if compiled.positional:
        return _Copy(sql=compiled.string, rows=[tuple(converted(row)) for row in rows],
                     timed=[(order.index(name), converts[name]) for name in timed_names])
    return _Copy(sql=compiled.string, rows=[dict(zip(order, converted(row), strict=True)) for row in rows],
                 timed=[(name, converts[name]) for name in timed_names])


def _record(ref: Reference, started: datetime) -> _Recorded:
    """Read back what the build of `ref` wrote into empty tables."""
    finished = utcnow()
    tables, copies, highest = [], [], {}
    for table in db.metadata.sorted_tables:
        if table is change_tokens:  # moved on by every commit, by the app itself
            continue
        numbered = table.name in NUMBERED_BY_THE_DATABASE
        columns = [column for column in table.c  # the database computes the generated ones
                   if column.computed is None and not (numbered and column.name == "id")]
        rows = [_timed(dict(row._mapping), started, finished)
                for row in db.session.execute(select(*columns).order_by(*table.primary_key))]
        if rows:
            copies.append(_compiled_copy(table, rows))
            if not numbered:
                tables.append(table.name)
                if "id" in table.c:
                    highest[table.name] = max(row["id"] for row in rows)
    for name in _virtual_tables():
        rows = [tuple(row) for row in db.session.execute(text(f"SELECT rowid, * FROM {name}"))]
        if rows:
            columns = ["rowid", *(row[1] for row in db.session.execute(text(f"PRAGMA table_info({name})")))]
            tables.append(name)
            copies.append(_Copy(sql=f"INSERT INTO {name} ({', '.join(columns)}) "
                                    f"VALUES ({', '.join('?' for _ in columns)})", rows=rows, timed=[]))
    return _Recorded(tables=tables, copies=copies, keys=_keys(ref), sequences=_sequences(highest),
                     overlap_changes=bool(db.session.info.get(OVERLAP_CHANGES_PENDING)))


def _keys(ref: Reference) -> dict[str, dict | list]:
    def key(record) -> tuple:
        return type(record), inspect(record).identity

    keys: dict[str, dict | list] = {}
    for name in Reference.__dataclass_fields__:
        records = getattr(ref, name)
        keys[name] = ({k: key(record) for k, record in records.items()} if isinstance(records, dict)
                      else [key(record) for record in records])
    return keys


def _sequences(highest: dict[str, int]) -> str | None:
    """PostgreSQL: one statement that moves each copied table's id sequence to the copied ids at least (a
    restore of the walk's seed may have set it lower), so the test's own rows never get one of them."""
    if db.engine.dialect.name != "postgresql":
        return None
    moves = []
    for name, top in highest.items():
        sequence = db.session.scalar(text("SELECT pg_get_serial_sequence(:table, 'id')"), {"table": name})
        if sequence:
            moves.append(f"setval('{sequence}', GREATEST({top}, (SELECT last_value FROM {sequence})))")
    return "SELECT " + ", ".join(moves) if moves else None


def _bodies(ref: Reference) -> None:
    team = Body(name="Tværkommunalt Team", kind="tvaerkommunalt_team", level="staff")
    team.memberships = [Membership(role="Medarbejderrepræsentant", administration=admin)
                        for admin in ref.administrations.values()]
    team.memberships[5].person = Person(name="Tove Teknik", title="Specialkonsulent")
    team.meetings = [Meeting(date=date(2013, 3, 1), summary="Status på tryghedsvandringer",
                             administrations=[ref.administrations["TMF"], ref.administrations["BIF"]],
                             organisations=[ref.organisations["fsb"]])]
    ref.bodies["team"] = team
    ref.bodies["styregruppe"] = Body(name="Den Tværkommunale Styregruppe", kind="tvaerkommunal_styregruppe",
                                     level="chief")
    for slug, area in ref.areas.items():
        forum = Body(name=f"Boligsocialt forum {area.name}", kind="boligsocialt_forum", level="leader", area=area)
        forum.memberships = [Membership(role="Koordinator", organisation=ref.organisations["fsb"]),
                             Membership(role="Leder", administration=ref.administrations["SOF"])]
        ref.bodies[f"forum-{slug}"] = forum
    ref.bodies["fuglekvarteret"] = Body(name="Områdefornyelsen Fuglekvarteret", kind="omraadefornyelse_styregruppe",
                                        level="staff", place=ref.places["Fuglekvarteret"],
                                        start_date=date(2013, 1, 1), end_date=date(2018, 12, 31))
    ref.bodies["indre-norrebro"] = Body(name="Områdefornyelsen Indre Nørrebro",
                                        kind="omraadefornyelse_styregruppe", level="staff",
                                        place=ref.places["Indre Nørrebro"])
    db.session.add_all(ref.bodies.values())


def add_initiatives(ref: Reference, count: int, start: int = 0) -> list[int]:
    """`count` initiatives spread over areas, administrations, themes and statuses, by bulk insert.

    Every 50th is archived and every 40th lies only outside the six areas. Each has two key figures
    and one cooperation entry. Returns the new ids in order.
    """
    admins = list(ref.administrations.values())
    areas = list(ref.areas.values())
    places = list(ref.places.values())
    orgs = list(ref.organisations.values())
    themes = list(ref.themes.values())
    rows = []
    for n in range(start, start + count):
        begin = date(2010 + n % 6, 1 + n % 12, 1)
        rows.append({
            "title": f"Indsats {n:05d}", "summary": f"Resumé af indsats {n}.", "status": STATUSES[n % 4],
            "start_date": begin, "end_date": None if n % 3 == 0 else begin + timedelta(days=365 * (1 + n % 4)),
            "lead_administration_id": admins[n % 7].id, "version": 1,
            "archived_at": datetime(2014, 1, 1, tzinfo=UTC) if n % 50 == 49 else None,
        })
    ids = list(db.session.scalars(insert(Initiative).returning(Initiative.id, sort_by_parameter_order=True), rows))
    links: dict = {table: [] for table in (initiative_partner_administrations, initiative_organisations,
                                           initiative_areas, initiative_places, initiative_themes,
                                           initiative_goals, initiative_policy_areas)}
    figures, entries = [], []
    for n, initiative_id in zip(range(start, start + count), ids, strict=True):
        for partner in (admins[(n + 1) % 7], admins[(n + 3) % 7]):
            links[initiative_partner_administrations].append(
                {"initiative_id": initiative_id, "administration_id": partner.id})
        links[initiative_organisations].append({"initiative_id": initiative_id, "organisation_id": orgs[n % 3].id})
        if n % 40 == 39:
            links[initiative_places].append({"initiative_id": initiative_id,
                                             "place_id": ref.places["Indre Nørrebro"].id})
        else:
            links[initiative_areas].append({"initiative_id": initiative_id, "area_id": areas[(n // 4) % 6].id})
            links[initiative_places].append({"initiative_id": initiative_id,
                                             "place_id": places[(n // 4) % 6 * 2].id})
            links[initiative_goals].append({"initiative_id": initiative_id,
                                            "goal_id": ref.goals[(n // 4) % 6 * 2].id})
        links[initiative_themes].append({"initiative_id": initiative_id, "theme_id": themes[n % 3].id})
        links[initiative_policy_areas].append({"initiative_id": initiative_id,
                                               "policy_area_id": ref.policy_areas[n % 2].id})
        figures += [{"initiative_id": initiative_id, "label": "Deltagere", "value": Decimal(n % 300),
                     "unit": "personer", "year": 2012},
                    {"initiative_id": initiative_id, "label": "Beboere på overførselsindkomst",
                     "value": Decimal("-10.1"), "unit": "procentpoint", "year": 2013}]
        entries.append({"initiative_id": initiative_id, "date": date(2013, 1 + n % 12, 1 + n % 28),
                        "kind": "joint_activity", "text": f"Fælles aktivitet i indsats {n}.", "version": 1})
    for table, link_rows in links.items():
        if link_rows:
            db.session.execute(insert(table), link_rows)
    db.session.execute(insert(KeyFigure), figures)
    entry_ids = list(db.session.scalars(
        insert(CooperationEntry).returning(CooperationEntry.id, sort_by_parameter_order=True), entries))
    db.session.execute(insert(entry_administrations), [
        {"entry_id": entry_id, "administration_id": admins[n % 7].id}
        for n, entry_id in zip(range(start, start + count), entry_ids, strict=True)])
    db.session.execute(insert(entry_areas), [
        {"entry_id": entry_id, "area_id": areas[(n // 4) % 6].id}
        for n, entry_id in zip(range(start, start + count), entry_ids, strict=True)])
    return ids


def add_meetings(body: Body, administrations: list[Administration], count: int, start: int = 0) -> None:
    """`count` meetings of one body, each attended by the given administrations, by bulk insert."""
    rows = [{"body_id": body.id, "date": date(2010, 1, 1) + timedelta(days=7 * n), "summary": f"Møde {n}"}
            for n in range(start, start + count)]
    ids = list(db.session.scalars(insert(Meeting).returning(Meeting.id, sort_by_parameter_order=True), rows))
    db.session.execute(insert(Meeting.administrations.property.secondary), [
        {"meeting_id": meeting_id, "administration_id": admin.id} for meeting_id in ids for admin in administrations])


def make_initiative(ref: Reference, title: str, lead: str, **fields) -> Initiative:
    """One initiative through the ORM, for tests that look at a particular one."""
    initiative = Initiative(title=title, lead_administration=ref.administrations[lead],
                            status=fields.pop("status", "active"), **fields)
    db.session.add(initiative)
    db.session.flush()
    return initiative


def add_entries(initiative_id: int, administrations: list[Administration], count: int) -> None:
    """`count` cooperation entries about one initiative, by bulk insert."""
    rows = [{"initiative_id": initiative_id, "date": date(2011, 1, 1) + timedelta(days=n), "kind": "meeting",
             "text": f"Møde om indsatsen {n}.", "version": 1} for n in range(count)]
    ids = list(db.session.scalars(
        insert(CooperationEntry).returning(CooperationEntry.id, sort_by_parameter_order=True), rows))
    db.session.execute(insert(entry_administrations), [
        {"entry_id": entry_id, "administration_id": admin.id} for entry_id in ids for admin in administrations])


def sign_in_new_user(client, email: str, role: str = "laeser") -> None:
    """A new account with this role (its name from the address), signed in through the login form."""
    create_user(email, email.split("@")[0].title(), role, "adgangskode-til-test")
    db.session.commit()
    assert client.post("/login", data={"email": email, "password": "adgangskode-til-test"}).status_code == 302
