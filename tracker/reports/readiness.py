"""What a committee's report draft will stand on for a period, and the gaps to mend before generating it.

Read by the same rules as the facts the draft is generated from (drafting/facts.py: which initiatives, bodies
and log entries count), so the list names exactly what the draft will leave out or get wrong. Counted and
listed by the database: a fixed number of queries, each returning at most GAPS_SHOWN rows of a kind with the
true number of them, whatever the amount of data.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import Date, String, and_, case, cast, exists, func, not_, null, or_, select

from tracker.bodies.models import BODY_KINDS, Body, Meeting
from tracker.core.clock import today as clock_today
from tracker.core.errors import ValidationError
from tracker.core.lookup import unknown_message
from tracker.extensions import db
from tracker.initiatives.models import Initiative, KeyFigure, initiative_partner_administrations
from tracker.log.models import CooperationEntry, entry_administrations
from tracker.organisation.models import Administration
from tracker.reports.drafting.facts import (
    REPORT_ENTRY_KINDS,
    concerning_entries,
    entry_is_current,
    seated_bodies,
    taking_part,
)
from tracker.reports.models import ReportDeadline

# Gaps of one kind listed by name; the rest are counted ("… og 193 mere").
GAPS_SHOWN = 50

# Initiatives whose status still says the work goes on.
STILL_RUNNING = ("planned", "active")

# Each kind of gap: its heading, what to do, and the words of its link.
GAP_KINDS = {
    "joint_without_result": (
        _l("Fælles indsatser uden resultat i perioden"),
        _l("Udkastet kan ikke fortælle, hvad samarbejdet førte til. Log et resultat, eller tilføj et nøgletal "
           "for et af periodens år."),
        _l("Log et resultat"),
    ),
    "body_without_meeting": (
        _l("Samarbejdsorganer uden registrerede møder i perioden"),
        _l("Udkastet nævner organet uden møder. Registrér periodens møder, hvis der var nogen."),
        _l("Registrér et møde"),
    ),
    "expired": (
        _l("Indsatser efter slutdatoen, som stadig står som planlagt eller aktiv"),
        _l("Udkastet omtaler dem, som om de stadig kører. Ret status eller slutdato."),
        _l("Ret indsatsen"),
    ),
    "entry_without_administration": (
        _l("Logposter uden forvaltning"),
        _l("Udkastet kan ikke sige, hvem der var med. Angiv de forvaltninger, der deltog."),
        _l("Ret logposten"),
    ),
    "decision_overdue": (
        _l("Beslutninger, hvis frist er overskredet"),
        _l("Udkastet omtaler dem som ikke gennemført. Luk dem med en note, hvis de er fulgt op, eller ret fristen."),
        _l("Følg op på beslutningen"),
    ),
}
OPEN_FOLLOW_UPS = ("open", "in_progress")


@dataclass(frozen=True)
class Gap:
    kind: str
    record_id: int
    label: str
    day: date | None = None  # the end date of an expired initiative, the date of an entry
    code: str = ""  # the lead administration of a joint initiative


@dataclass
class Readiness:
    """The facts' counts (what the draft stands on) and the gaps, by kind in GAP_KINDS' order."""

    administration: dict
    period_start: date
    period_end: date
    stands_on: dict[str, int]
    gaps: dict[str, list[Gap]] = field(default_factory=dict)  # the first GAPS_SHOWN of each kind
    totals: dict[str, int] = field(default_factory=dict)  # how many of each kind there are
    deadline: date | None = None

    @property
    def gap_count(self) -> int:
        return sum(self.total(kind) for kind in GAP_KINDS)

    def total(self, kind: str) -> int:
        return self.totals.get(kind, len(self.gaps.get(kind, ())))

    def sections(self) -> list[tuple[str, tuple, list[Gap], int]]:
        """(kind, (heading, advice, link words), gaps listed, how many more) for each kind with gaps."""
        return [(kind, GAP_KINDS[kind], self.gaps[kind], self.total(kind) - len(self.gaps[kind]))
                for kind in GAP_KINDS if self.gaps.get(kind)]


def readiness(administration_id: int, year: int, period_start: date, period_end: date,
              today: date | None = None) -> Readiness:
    """The readiness of the committee's report for `year` over the period; `today` (the app's today unless
    given) decides what is past its end date or due date."""
    today = today or clock_today()
    administration = db.session.get(Administration, administration_id)
    if administration is None:
        raise ValidationError("administration", unknown_message("forvaltning", administration_id))
    initiatives = taking_part(administration_id, period_start)
    bodies = seated_bodies(administration_id, period_start)
    entries = concerning_entries(administration_id, period_start, period_end)
    gaps: dict[str, list[Gap]] = {}
    totals: dict[str, int] = {}
    for kind, rows in (
        ("joint_without_result", _joint_without_result(administration_id, initiatives, period_start, period_end)),
        ("body_without_meeting", _bodies_without_meeting(bodies, period_start, period_end)),
        ("expired", _expired(initiatives, today)),
        ("entry_without_administration", _entries_without_administration(administration_id, period_start,
                                                                          period_end)),
        ("decision_overdue", _decisions_overdue(entries, today)),
    ):
        found = db.session.execute(rows.add_columns(func.count().over().label("total")).limit(GAPS_SHOWN)).all()
        totals[kind] = found[0].total if found else 0
        gaps[kind] = [Gap(kind, row.id, row.label, row.day, row.code or "") for row in found]
    return Readiness(
        administration={"id": administration.id, "code": administration.code, "name": administration.name,
                        "committee": administration.committee},
        period_start=period_start, period_end=period_end,
        stands_on=_stands_on(initiatives, bodies, entries, period_start, period_end),
        gaps=gaps, totals=totals, deadline=deadline_for(year))


def _stands_on(initiatives, bodies, entries, period_start: date, period_end: date) -> dict[str, int]:
    """The facts' counts in one query: initiatives, their key figures, bodies, their meetings in the period
    and log entries."""
    def count(model, *where):
        return select(func.count()).select_from(model).where(*where).scalar_subquery()

    def rows_of(ids):
        # Each id once already: counted as they are, not looked up again in the whole table (500,000 entries).
        return select(func.count()).select_from(ids.subquery()).scalar_subquery()

    row = db.session.execute(select(
        rows_of(initiatives).label("initiatives"),
        count(KeyFigure, KeyFigure.initiative_id.in_(initiatives)).label("key_figures"),
        count(Body, Body.id.in_(bodies)).label("bodies"),
        count(Meeting, _in_period_meeting(bodies, period_start, period_end)).label("meetings"),
        rows_of(entries).label("entries"),
    )).one()
    return dict(row._mapping)


def _in_period_meeting(bodies, period_start: date, period_end: date):
    return and_(Meeting.body_id.in_(bodies), Meeting.archived_at.is_(None), Meeting.date >= period_start,
                Meeting.date <= period_end)


def _no_day():
    return cast(null(), Date)


def _no_code():
    return cast(null(), String)


def _joint_without_result(administration_id: int, initiatives, period_start: date, period_end: date):
    """Joint initiatives (another administration leads it or takes part) with neither a result logged in the
    period nor a key figure for one of its years, by title."""
    link = initiative_partner_administrations.c
    lead = Administration
    result = exists().where(CooperationEntry.initiative_id == Initiative.id, CooperationEntry.kind == "result",
                            CooperationEntry.date >= period_start, CooperationEntry.date <= period_end,
                            entry_is_current())
    figure = exists().where(KeyFigure.initiative_id == Initiative.id,
                            KeyFigure.year.between(period_start.year, period_end.year))
    joint = or_(Initiative.lead_administration_id != administration_id,
                exists().where(link.initiative_id == Initiative.id))
    return (select(Initiative.id, Initiative.title.label("label"), _no_day().label("day"),
                   lead.code.label("code"))
            .join(lead, lead.id == Initiative.lead_administration_id)
            .where(Initiative.id.in_(initiatives), joint, not_(result), not_(figure))
            .order_by(func.lower(Initiative.title), Initiative.title, Initiative.id))


def _expired(initiatives, today: date):
    """Initiatives past their end date whose status still says the work goes on, the longest past first."""
    return (select(Initiative.id, Initiative.title.label("label"), Initiative.end_date.label("day"),
                   _no_code().label("code"))
            .where(Initiative.id.in_(initiatives), Initiative.status.in_(STILL_RUNNING),
                   Initiative.end_date.is_not(None), Initiative.end_date < today)
            .order_by(Initiative.end_date, Initiative.title, Initiative.id))


def _bodies_without_meeting(bodies, period_start: date, period_end: date):
    """Bodies with no meeting registered in the period (a body that starts after it cannot have had one)."""
    held = exists().where(Meeting.body_id == Body.id, _in_period_meeting(bodies, period_start, period_end))
    kind_order = case({kind: index for index, kind in enumerate(BODY_KINDS)}, value=Body.kind, else_=len(BODY_KINDS))
    return (select(Body.id, Body.name.label("label"), _no_day().label("day"), _no_code().label("code"))
            .where(Body.id.in_(bodies), not_(held),
                   or_(Body.start_date.is_(None), Body.start_date <= period_end))
            .order_by(kind_order, func.lower(Body.name), Body.name, Body.id))


def _entries_without_administration(administration_id: int, period_start: date, period_end: date):
    """The period's entries that name no administration: of those that concern the administration, only the
    ones about an initiative it leads or joins can be such (read so, not through the entries that name it)."""
    tagged = exists().where(entry_administrations.c.entry_id == CooperationEntry.id)
    return (select(CooperationEntry.id, func.substr(CooperationEntry.text, 1, 120).label("label"),
                   CooperationEntry.date.label("day"), _no_code().label("code"))
            .where(CooperationEntry.kind.in_(REPORT_ENTRY_KINDS), entry_is_current(),
                   CooperationEntry.date >= period_start, CooperationEntry.date <= period_end,
                   CooperationEntry.initiative_id.in_(taking_part(administration_id, period_start)), not_(tagged))
            .order_by(CooperationEntry.date, CooperationEntry.id))


def _decisions_overdue(entries, today: date):
    """Decisions whose follow-up is still open or in progress after its due date, the earliest due first."""
    owner = Administration
    return (select(CooperationEntry.id, func.substr(CooperationEntry.text, 1, 120).label("label"),
                   CooperationEntry.due_date.label("day"), owner.code.label("code"))
            .outerjoin(owner, owner.id == CooperationEntry.owner_administration_id)
            .where(CooperationEntry.id.in_(entries), CooperationEntry.kind == "decision",
                   CooperationEntry.follow_up_status.in_(OPEN_FOLLOW_UPS),
                   CooperationEntry.due_date.is_not(None), CooperationEntry.due_date < today)
            .order_by(CooperationEntry.due_date, CooperationEntry.id))


def deadline_for(year: int) -> date | None:
    return db.session.scalar(select(ReportDeadline.due_on).where(ReportDeadline.year == year))


def record_url(gap: Gap) -> str:
    """The page of the record the gap is about."""
    if gap.kind == "body_without_meeting":
        return url_for("bodies.body_detail", body_id=gap.record_id, _anchor="moeder")
    if gap.kind in ("entry_without_administration", "decision_overdue"):
        return url_for("entries.entry_history", entry_id=gap.record_id)
    return url_for("initiatives.initiative_detail", initiative_id=gap.record_id)


def mend_url(gap: Gap) -> str:
    """Where the gap is mended: the form that adds or corrects what is missing."""
    if gap.kind == "joint_without_result":
        return url_for("entries.new_entry", initiative=gap.record_id)
    if gap.kind == "body_without_meeting":
        return url_for("bodies.new_meeting", body_id=gap.record_id)
    if gap.kind == "entry_without_administration":
        return url_for("entries.edit_entry", entry_id=gap.record_id)
    if gap.kind == "decision_overdue":
        return url_for("entries.follow_up", entry_id=gap.record_id)
    return url_for("initiatives.edit_initiative", initiative_id=gap.record_id)
