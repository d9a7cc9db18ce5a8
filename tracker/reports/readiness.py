"""What a committee's report draft will stand on for a period, and the gaps to mend before generating it.

Read from the same facts the draft is generated from (drafting/facts.py), so the list names exactly what the
draft will leave out or get wrong: a fixed number of queries whatever the amount of data.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from tracker.core.clock import today as clock_today
from tracker.extensions import db
from tracker.reports.drafting.facts import gather_facts
from tracker.reports.models import ReportDeadline

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
    gaps: dict[str, list[Gap]] = field(default_factory=dict)
    deadline: date | None = None

    @property
    def gap_count(self) -> int:
        return sum(len(found) for found in self.gaps.values())

    def sections(self) -> list[tuple[str, tuple, list[Gap]]]:
        """(kind, (heading, advice, link words), gaps) for each kind with gaps."""
        return [(kind, GAP_KINDS[kind], self.gaps[kind]) for kind in GAP_KINDS if self.gaps.get(kind)]


def _years(start: date, end: date) -> set[int]:
    return set(range(start.year, end.year + 1))


def _in_period(iso: str, start: date, end: date) -> bool:
    return start <= date.fromisoformat(iso) <= end


def readiness(administration_id: int, year: int, period_start: date, period_end: date,
              today: date | None = None) -> Readiness:
    """The readiness of the committee's report for `year` over the period; `today` (the app's today unless
    given) decides what is past its end date or due date."""
    today = today or clock_today()
    facts = gather_facts(administration_id, period_start, period_end)
    years = _years(period_start, period_end)
    gaps: dict[str, list[Gap]] = {kind: [] for kind in GAP_KINDS}
    for initiative in facts["initiatives"]:
        joint = bool(initiative["partner_administrations"]) or initiative["lead"]["id"] != administration_id
        has_result = (any(_in_period(r["date"], period_start, period_end) for r in initiative["results"])
                      or any(f["year"] in years for f in initiative["key_figures"]))
        if joint and not has_result:
            gaps["joint_without_result"].append(Gap("joint_without_result", initiative["id"], initiative["title"],
                                                    code=initiative["lead"]["code"]))
        end = initiative["end_date"]
        if initiative["status"] in STILL_RUNNING and end and date.fromisoformat(end) < today:
            gaps["expired"].append(Gap("expired", initiative["id"], initiative["title"], date.fromisoformat(end)))
    for body in facts["bodies"]:
        starts_later = body["start_date"] and date.fromisoformat(body["start_date"]) > period_end
        if not body["meetings_held"] and not starts_later:
            gaps["body_without_meeting"].append(Gap("body_without_meeting", body["id"], body["name"]))
    for entry in facts["entries"]:
        if not entry["administrations"]:
            gaps["entry_without_administration"].append(Gap(
                "entry_without_administration", entry["id"], entry["text"][:120],
                date.fromisoformat(entry["date"])))
        follow_up = entry.get("follow_up") or {}
        due = follow_up.get("due_date")
        if follow_up.get("status") in OPEN_FOLLOW_UPS and due and date.fromisoformat(due) < today:
            gaps["decision_overdue"].append(Gap("decision_overdue", entry["id"], entry["text"][:120],
                                                date.fromisoformat(due), code=follow_up.get("owner") or ""))
    gaps["expired"].sort(key=lambda gap: (gap.day, gap.label))
    gaps["decision_overdue"].sort(key=lambda gap: (gap.day, gap.record_id))
    stands_on = {
        "initiatives": len(facts["initiatives"]),
        "key_figures": sum(len(i["key_figures"]) for i in facts["initiatives"]),
        "bodies": len(facts["bodies"]),
        "meetings": sum(b["meetings_held"] for b in facts["bodies"]),
        "entries": len(facts["entries"]),
    }
    return Readiness(administration=facts["administration"], period_start=period_start, period_end=period_end,
                     stands_on=stands_on, gaps=gaps, deadline=deadline_for(year))


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
