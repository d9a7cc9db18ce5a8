"""Display labels for the stored enum values, in one place, usable from Python and as Jinja filters."""
from __future__ import annotations

from datetime import date, datetime

from flask import Flask
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from tracker.core.clock import today
from tracker.core.dates import format_day, format_moment

LABELS = {
    "status": {
        "planned": _l("Planlagt"),
        "active": _l("Aktiv"),
        "finished": _l("Afsluttet"),
        "stopped": _l("Stoppet"),
    },
    "plan_status": {
        "in_preparation": _l("Under udarbejdelse"),
        "adopted": _l("Vedtaget"),
        "finished": _l("Afsluttet"),
    },
    "body_kind": {
        "tvaerkommunalt_team": _l("Tværkommunalt Team"),
        "tvaerkommunal_styregruppe": _l("Tværkommunal Styregruppe"),
        "boligsocialt_forum": _l("Boligsocialt forum"),
        "omraadefornyelse_styregruppe": _l("Områdefornyelsens styregruppe"),
        "other": _l("Andet samarbejdsorgan"),
    },
    "body_level": {
        "staff": _l("Medarbejderniveau"),
        "leader": _l("Lederniveau"),
        "chief": _l("Chefniveau"),
    },
    "entry_kind": {
        "meeting": _l("Møde"),
        "decision": _l("Beslutning"),
        "joint_activity": _l("Fælles aktivitet"),
        "result": _l("Resultat"),
        "challenge": _l("Udfordring"),
        "recommendation": _l("Anbefaling"),
    },
    "organisation_kind": {
        "housing_association": _l("Boligorganisation"),
        "police": _l("Politi"),
        "local_council": _l("Lokaludvalg"),
        "association": _l("Forening"),
        "business": _l("Virksomhed"),
        "other": _l("Anden organisation"),
    },
    "role": {
        "admin": _l("Administrator"),
        "koordinator": _l("Koordinator"),
        "styregruppe": _l("Styregruppemedlem"),
        "laeser": _l("Læser"),
    },
    "follow_up_status": {
        "open": _l("Åben"),
        "in_progress": _l("I gang"),
        "closed": _l("Lukket"),
    },
    "verdict": {
        "koordineret": _l("Koordineret"),
        "boer_samordnes": _l("Bør samordnes"),
        "sammenlaegges": _l("Sammenlægges"),
        "ikke_overlap": _l("Ikke overlap"),
    },
    "action": {
        "create": _l("Oprettet"),
        "update": _l("Ændret"),
        "archive": _l("Arkiveret"),
        "restore": _l("Genskabt"),
        "delete": _l("Slettet"),
    },
    "entity": {
        "initiatives": _l("Indsats"),
        "key_figures": _l("Nøgletal"),
        "cooperation_entries": _l("Logpost"),
        "bodies": _l("Samarbejdsorgan"),
        "memberships": _l("Plads"),
        "meetings": _l("Møde"),
        "udviklingsplaner": _l("Udviklingsplan"),
        "goals": _l("Mål"),
        "users": _l("Bruger"),
        "persons": _l("Person"),
        "organisations": _l("Organisation"),
        "areas": _l("Område"),
        "places": _l("Sted"),
        "administrations": _l("Forvaltning"),
        "themes": _l("Tema"),
    },
    "field": {
        "title": _l("Titel"),
        "summary": _l("Beskrivelse"),
        "status": _l("Status"),
        "start_date": _l("Startdato"),
        "end_date": _l("Slutdato"),
        "lead_administration": _l("Ansvarlig forvaltning"),
        "partner_administrations": _l("Partnerforvaltninger"),
        "partner_organisations": _l("Eksterne partnere"),
        "areas": _l("Områder"),
        "places": _l("Steder"),
        "themes": _l("Temaer"),
        "goals": _l("Mål i udviklingsplaner"),
        "policy_areas": _l("Indsatsområder"),
        "archived_at": _l("Arkiveret"),
        "initiative": _l("Indsats"),
        "label": _l("Betegnelse"),
        "value": _l("Værdi"),
        "unit": _l("Enhed"),
        "year": _l("År"),
        "date": _l("Dato"),
        "kind": _l("Type"),
        "text": _l("Tekst"),
        "body": _l("Samarbejdsorgan"),
        "meeting": _l("Møde"),
        "author": _l("Forfatter"),
        "administrations": _l("Forvaltninger"),
        "organisations": _l("Organisationer"),
        "role": _l("Rolle"),
        "person": _l("Person"),
        "administration": _l("Forvaltning"),
        "organisation": _l("Organisation"),
        "name": _l("Navn"),
        "email": _l("E-mail"),
        "active": _l("Aktiv"),
        "level": _l("Niveau"),
        "description": _l("Beskrivelse"),
        "area": _l("Område"),
        "place": _l("Sted"),
        "plan": _l("Udviklingsplan"),
        "position": _l("Rækkefølge"),
        "year_adopted": _l("Vedtaget år"),
        "period_start": _l("Periode fra"),
        "period_end": _l("Periode til"),
        "verdict": _l("Vurdering"),
        "comment": _l("Kommentar"),
        "follow_up_administration": _l("Opfølgning hos"),
        "follow_up_due": _l("Frist"),
        "follow_up_closed_at": _l("Opfølgning lukket"),
        "follow_up_status": _l("Opfølgningens status"),
        "follow_up_note": _l("Afslutningsnote"),
        "owner_administration": _l("Ansvarlig forvaltning"),
        "due_date": _l("Frist"),
        "closing_note": _l("Afslutningsnote"),
        "closed_at": _l("Lukket"),
        "reviewer": _l("Vurderet af"),
        "first_initiative": _l("Indsats 1"),
        "second_initiative": _l("Indsats 2"),
        "must_change_password": _l("Skal skifte adgangskode"),
        "password_changed_at": _l("Adgangskode sat"),
        "is_demo": _l("Demokonto"),
    },
    "place_kind": {
        "neighbourhood": _l("Kvarter"),
        "estate": _l("Boligområde"),
        "district": _l("Bydel"),
    },
}


def label(value: str | None, group: str) -> str:
    """The translated label of a stored value; an unknown value is shown as stored rather than hidden."""
    if value is None:
        return ""
    return str(LABELS[group].get(value, value))


# An active or planned initiative whose end date has passed: shown, and counted, as neither until someone
# updates it (tracker/initiatives/queries.py `is_expired` is the same rule in SQL).
EXPIRED = "expired"
EXPIRED_LABEL = _l("Udløbet – skal status opdateres?")
RUNNING_STATUSES = ("planned", "active")


def shown_status(status: str | None, end_date: date | None = None) -> str | None:
    """The status to show: EXPIRED for a running initiative past its end date (the end date itself still
    counts as running), otherwise the stored one."""
    if status in RUNNING_STATUSES and end_date is not None and end_date < today():
        return EXPIRED
    return status


def status_label(status: str | None, end_date: date | None = None) -> str:
    """The one label of an initiative's status, wherever it is shown."""
    shown = shown_status(status, end_date)
    return str(EXPIRED_LABEL) if shown == EXPIRED else label(shown, "status")


def urgency(due: date | None) -> str:
    """A follow-up's urgency today: "overdue", "soon" (within a week) or "open" (see tracker/log/follow_ups)."""
    if due is None:
        return "open"
    days = (due - today()).days
    return "overdue" if days < 0 else "soon" if days <= 7 else "open"


def choices(group: str) -> list[tuple[str, str]]:
    """(value, label) pairs in the order of the dict, for select fields."""
    return [(value, str(text)) for value, text in LABELS[group].items()]


def local_name(obj) -> str:
    """The English name of a theme or indsatsområde when the user reads English and one exists."""
    english = getattr(obj, "name_en", "")
    if english and str(get_locale() or "") == "en":
        return english
    return obj.name


# Which label group translates a stored value, by (table, field), for the history tab.
HISTORY_VALUE_GROUPS = {
    ("initiatives", "status"): "status",
    ("udviklingsplaner", "status"): "plan_status",
    ("cooperation_entries", "kind"): "entry_kind",
    ("organisations", "kind"): "organisation_kind",
    ("bodies", "kind"): "body_kind",
    ("bodies", "level"): "body_level",
    ("places", "kind"): "place_kind",
    ("users", "role"): "role",
    ("overlap_verdicts", "verdict"): "verdict",
    ("cooperation_entries", "follow_up_status"): "follow_up_status",
    ("overlap_verdicts", "follow_up_status"): "follow_up_status",
}
TIMESTAMP_FIELDS = frozenset({"archived_at", "follow_up_closed_at", "password_changed_at", "closed_at"})
DATE_FIELDS = frozenset({"date", "start_date", "end_date", "due_date", "follow_up_due", "due_on"})


def history_value(value, field: str, table: str) -> str:
    """A recorded old or new value as a person reads it: labels for codes, dates formatted, lists joined."""
    if value is None or value == []:
        return "–"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, bool):
        return str(_l("Ja") if value else _l("Nej"))
    group = HISTORY_VALUE_GROUPS.get((table, field))
    if group:
        return label(value, group)
    if field in TIMESTAMP_FIELDS | DATE_FIELDS and isinstance(value, str):
        try:
            if field in DATE_FIELDS:
                return format_day(date.fromisoformat(value))
            return format_moment(datetime.fromisoformat(value))
        except ValueError:
            return value
    return str(value)


def register_labels(app: Flask) -> None:
    app.add_template_filter(history_value, "history_value")
    app.add_template_filter(label, "label")
    app.add_template_filter(shown_status, "shown_status")
    app.add_template_filter(status_label, "status_label")
    app.add_template_filter(urgency, "urgency")
    app.add_template_filter(local_name, "local_name")
