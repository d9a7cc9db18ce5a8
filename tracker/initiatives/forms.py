"""The initiative forms: the list's filter (plain GET parameters) and the create/edit form.

The edit form only parses what was typed (ids, dates, numbers); the domain rules are the service's
(tracker/initiatives/services.py), whose messages the view puts next to the fields. The edit form's inputs have
no browser maxlength, which would cut a longer paste silently: a live counter shows the limit, and the service's
message on the field says what is too long.
"""
from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.utils import unset_value
from wtforms.widgets import CheckboxInput, ListWidget

from tracker.core.clock import today
from tracker.core.errors import ValidationError
from tracker.core.labels import EXPIRED, EXPIRED_LABEL, choices, label, local_name
from tracker.core.web.forms import DateInput, QuickSelects
from tracker.core.web.merge import Mergeable
from tracker.initiatives.choice_groups import ChoiceGroup, goal_groups, kind_groups, where_groups
from tracker.initiatives.models import Initiative
from tracker.initiatives.queries import InitiativeFilters
from tracker.initiatives.services import (
    KEY_FIGURES_MAX,
    SUMMARY_MAX,
    TITLE_MAX,
    InitiativeChoices,
    InitiativeInput,
    KeyFigureError,
    KeyFigureInput,
    too_many_key_figures,
)

FIRST_YEAR, LAST_YEAR = 1990, 2100


class InitiativeFilterForm(Form):
    """Unknown values never fail the page: each is dropped from the filter and named in a message."""

    class Meta(QuickSelects):
        pass

    area = SelectField(_l("Område"), validate_choice=False)
    administration = SelectField(_l("Forvaltning"), validate_choice=False)
    role = SelectField(_l("Forvaltningens rolle"), validate_choice=False, default="either",
                       choices=[SelectChoice("either", _l("Leder eller partner")),
                                SelectChoice("lead", _l("Leder")), SelectChoice("partner", _l("Partner"))])
    theme = SelectField(_l("Tema"), validate_choice=False)
    status = SelectField(_l("Status"), validate_choice=False)
    year = StringField(_l("Kører i året"),
                       render_kw={"inputmode": "numeric", "autocomplete": "off", "maxlength": 4})
    archived = BooleanField(_l("Vis arkiverede"), false_values=("", "0", "false"))

    def __init__(self, formdata, areas, administrations, themes):
        super().__init__(formdata)
        self._area_ids = {area.slug: area.id for area in areas}
        self._administration_ids = {admin.code: admin.id for admin in administrations}
        self._theme_ids = {theme.slug: theme.id for theme in themes}
        self.area.choices = [SelectChoice("", _("Alle områder"))] + [
            SelectChoice(a.slug, a.name) for a in areas]
        self.administration.choices = [SelectChoice("", _("Alle forvaltninger"))] + [
            SelectChoice(a.code, f"{a.code} – {a.name}") for a in administrations]
        self.theme.choices = [SelectChoice("", _("Alle temaer"))] + [
            SelectChoice(t.slug, local_name(t)) for t in themes]
        self.status.choices = [SelectChoice("", _("Alle statusser"))] + [
            SelectChoice(value, text) for value, text in choices("status")] + [
            SelectChoice(EXPIRED, str(EXPIRED_LABEL))]
        self.notices: list[str] = []

    def filters(self) -> InitiativeFilters:
        """The filters to apply; every value that does not exist is left out and explained in `notices`."""
        result = InitiativeFilters()
        result.area_id = self._lookup(self.area, self._area_ids, _("Området findes ikke"))
        result.administration_id = self._lookup(self.administration, self._administration_ids,
                                                _("Forvaltningen findes ikke"))
        if self.role.data in ("lead", "partner"):
            result.role = self.role.data
        else:
            self.role.data = "either"
        result.theme_id = self._lookup(self.theme, self._theme_ids, _("Temaet findes ikke"))
        statuses = [*dict(choices("status")), EXPIRED]
        result.status = self._lookup(self.status, {s: s for s in statuses}, _("Ukendt status"))
        result.year = self._year()
        result.archived = bool(self.archived.data)
        return result

    def params(self) -> dict[str, str]:
        """The accepted filter values, for links that keep them (pagination). Call after filters()."""
        values = {name: self[name].data for name in ("area", "administration", "theme", "status")}
        if not self.year.errors:
            values["year"] = self.year.data
        if values["administration"] and self.role.data != "either":
            values["role"] = self.role.data
        if self.archived.data:
            values["archived"] = "1"
        return {name: value for name, value in values.items() if value}

    @property
    def active(self) -> bool:
        """Whether any filter is in use, so the page can offer to clear them."""
        return bool(self.params() or self.notices or self.year.errors)

    def _lookup(self, form_field, known: dict, problem: str):
        value = (form_field.data or "").strip()
        if not value:
            form_field.data = ""
            return None
        if value in known:
            return known[value]
        self.notices.append(_("%(problem)s: »%(value)s«. Filteret er ikke brugt.", problem=problem,
                              value=value[:60]))
        form_field.data = ""
        return None

    def _year(self) -> int | None:
        value = (self.year.data or "").strip()
        if not value:
            self.year.data = ""
            return None
        if value.isdecimal() and len(value) == 4 and FIRST_YEAR <= int(value) <= LAST_YEAR:
            self.year.data = value
            return int(value)
        self.year.errors = [_("Skriv et årstal mellem %(first)s og %(last)s. Året er ikke brugt som filter.",
                              first=FIRST_YEAR, last=LAST_YEAR)]
        self.year.data = value[:10]
        return None


def _to_id(value) -> int | None:
    """A record id from a form value; anything that is not a plain positive number is None."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = str(value).strip()
    return int(text) if text.isdecimal() and len(text) <= 12 else None


def _clean(value):
    """Text as typed, without NUL characters (no database stores them) and surrounding whitespace."""
    return value.replace("\x00", "").strip() if isinstance(value, str) else value


def _line_breaks(value):
    """One character per line break, as the browser's counter counts them (a browser posts \\r\\n)."""
    return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value


def figure_text(value: Decimal) -> str:
    """A key figure's value as the user writes it: a decimal comma in Danish, no thousands separators."""
    return format_decimal(value, "#0.##")


class IdField(SelectField):
    """One record chosen by id; an unknown id becomes a form error in to_input(), never an exception."""

    def __init__(self, label, **kwargs):
        super().__init__(label, coerce=_to_id, validate_choice=False, **kwargs)


class IdsField(SelectMultipleField):
    """Records chosen by id with checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def __init__(self, label, **kwargs):
        super().__init__(label, coerce=_to_id, validate_choice=False, **kwargs)


class KeyFigureRowForm(Form):
    """One row of results: a row without label and value is left out."""

    label = StringField(_l("Betegnelse"), filters=[_clean])
    value = StringField(_l("Værdi"), filters=[_clean], render_kw={"inputmode": "decimal"})
    unit = StringField(_l("Enhed"), filters=[_clean])
    year = StringField(_l("År"), filters=[_clean], render_kw={"inputmode": "numeric"})

    @property
    def blank(self) -> bool:
        return not self.label.data and not self.value.data


class KeyFigureRows(FieldList):
    """The key-figure rows: a post with more rows than an initiative may have figures (and its empty rows)
    is read only that far and refused in to_input(), never cut silently; saved figures always all open."""

    def __init__(self, *args, most: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.most = most
        self.rows_sent = 0

    def process(self, formdata, data=unset_value, extra_filters=None):
        self.rows_sent = len(set(self._extract_indices(self.name, formdata))) if formdata else 0
        # WTForms' max_entries both cuts posted rows and fails on more saved ones: only the first applies.
        self.max_entries = self.most if formdata else None
        super().process(formdata, data, extra_filters)

    def _extract_indices(self, prefix, formdata):
        """The row numbers in the posted names; WTForms' own takes "key_figures-²-label" for a number."""
        offset = len(prefix) + 1
        for key in formdata:
            if key.startswith(prefix):
                index = key[offset:].split(self._field_separator, 1)[0]
                if index.isascii() and index.isdigit() and len(index) <= 9:
                    yield int(index)


LINK_FIELDS = ("partner_administrations", "partner_organisations", "areas", "places", "themes", "goals",
               "policy_areas")
EMPTY_ROWS = 2  # "Tilføj nøgletal" adds more, in place with JavaScript, else by posting the form back


class InitiativeForm(Mergeable, FlaskForm):
    class Meta(QuickSelects):
        pass

    merge_labels = {"key_figures": _l("Nøgletal")}
    # The text limits the page's counters show (the service refuses longer texts).
    limits = {"title": TITLE_MAX, "summary": SUMMARY_MAX}
    title = StringField(_l("Titel"), filters=[_clean])
    summary = TextAreaField(_l("Beskrivelse"), filters=[_clean, _line_breaks], render_kw={"rows": 4})
    status = SelectField(_l("Status"), validate_choice=False)
    start_date = DateInput(_l("Startdato"))
    end_date = DateInput(_l("Slutdato"), description=_l("Tom, hvis indsatsen ikke har en fast slutdato."))
    lead_administration = IdField(_l("Ansvarlig forvaltning"))
    partner_administrations = IdsField(_l("Partnerforvaltninger"))
    partner_organisations = IdsField(_l("Eksterne partnere"))
    areas = IdsField(_l("Områder"), description=_l("Vælg områderne og eventuelt steder i dem. Angiv mindst ét "
                                                     "område eller ét sted."))
    places = IdsField(_l("Steder"))
    themes = IdsField(_l("Temaer"))
    goals = IdsField(_l("Mål i udviklingsplaner"),
                     description=_l("Kun mål i udviklingsplaner for de områder, indsatsen dækker. Vælger du et "
                                    "mål, vælges dets område også."))
    policy_areas = IdsField(_l("Indsatsområder"))
    key_figures = KeyFigureRows(FormField(KeyFigureRowForm), min_entries=EMPTY_ROWS, most=KEY_FIGURES_MAX + EMPTY_ROWS)
    version = HiddenField()

    def __init__(self, options: InitiativeChoices, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._objects = {
            "lead_administration": {a.id: a for a in options.administrations},
            "partner_administrations": {a.id: a for a in options.administrations},
            "partner_organisations": {o.id: o for o in options.organisations},
            "areas": {a.id: a for a in options.areas},
            "places": {p.id: p for p in options.places},
            "themes": {t.id: t for t in options.themes},
            "goals": {g.id: g for g in options.goals},
            "policy_areas": {p.id: p for p in options.policy_areas},
        }
        administrations = [SelectChoice(a.id, f"{a.code} – {a.name}") for a in options.administrations]
        self.status.choices = [SelectChoice(value, text) for value, text in choices("status")]
        self.lead_administration.choices = [SelectChoice("", _("Vælg forvaltning")), *administrations]
        self.partner_administrations.choices = administrations
        self.partner_organisations.choices = [SelectChoice(o.id, o.name) for o in options.organisations]
        self.areas.choices = [SelectChoice(a.id, a.name) for a in options.areas]
        self.places.choices = [SelectChoice(p.id, p.name) for p in options.places]
        self.themes.choices = [SelectChoice(t.id, local_name(t)) for t in options.themes]
        self.goals.choices = [SelectChoice(g.id, g.title) for g in options.goals]
        self.policy_areas.choices = [SelectChoice(p.id, f"{p.number}. {local_name(p)}")
                                     for p in options.policy_areas]
        self._options = options
        # The area each place and goal belongs to, so the page can narrow the goals to the areas chosen.
        self.area_of = {"places": {p.id: p.area_id for p in options.places},
                        "goals": {g.id: g.plan.area_id for g in options.goals}}
        self.figure_rows: list[int] = []
        self.new_row: str | None = None  # the id of the row "Tilføj nøgletal" just added
        self.fixed_lead: int | None = None
        self.fixed: dict[str, set[int]] = {"partner_administrations": set(), "partner_organisations": set()}

    def fix_participants(self, lead: int | None, administrations: Iterable[int] = (),
                         organisations: Iterable[int] = ()) -> None:
        """Show what this user may not change as fixed (tracker/initiatives/permissions.py decides): the lead
        (its saved id, or None if they may change it) and the partners they may not remove. A browser leaves
        disabled fields out, so the template sends their values hidden; the service refuses a change anyway."""
        self.fixed_lead = lead
        if lead is not None:
            self.lead_administration.render_kw = {"disabled": True}
            self.lead_administration.description = _l(
                "Kun den ansvarlige forvaltnings koordinatorer og en administrator kan skifte ansvarlig forvaltning.")
        self.fixed = {"partner_administrations": set(administrations), "partner_organisations": set(organisations)}
        if self.fixed["partner_administrations"] or self.fixed["partner_organisations"]:
            self.partner_administrations.description = _l(
                "Du kan tilføje partnere og fjerne din egen forvaltning eller organisation. Andre partnere "
                "fjernes af den ansvarlige forvaltning.")

    @staticmethod
    def initial(initiative: Initiative) -> dict:
        """The form's values for an initiative as saved, with empty key-figure rows to add more."""
        return {
            "title": initiative.title, "summary": initiative.summary, "status": initiative.status,
            "start_date": initiative.start_date, "end_date": initiative.end_date,
            "lead_administration": initiative.lead_administration_id,
            **{name: [obj.id for obj in getattr(initiative, name)] for name in LINK_FIELDS},
            "key_figures": [
                {"label": f.label, "value": figure_text(f.value), "unit": f.unit, "year": str(f.year)}
                for f in initiative.key_figures
            ] + [{}] * EMPTY_ROWS,
            "version": initiative.version,
        }

    def grouped(self, name: str) -> list[ChoiceGroup]:
        """The checkboxes of a long list under headings: organisations by kind, goals by plan, and for
        "areas" each area with its places (the places outside the six areas last)."""
        if name == "areas":
            return where_groups(self.areas, self.places, self._options.places, _("Uden for de seks områder"))
        if name == "goals":
            return goal_groups(self.goals, self._options.goals)
        return kind_groups(self.partner_organisations,
                           {o.id: label(o.kind, "organisation_kind") for o in self._options.organisations})

    def add_row(self) -> None:
        """One more empty key-figure row (the "Tilføj nøgletal" button without JavaScript), if there is room."""
        if len(self.key_figures.entries) < self.key_figures.most:
            self.new_row = self.key_figures.append_entry().id

    def to_input(self) -> InitiativeInput:
        """What the user chose, as the service's input; unknown ids and unreadable years become field errors
        (and are left out, so the service reports only the remaining problems)."""
        links = {name: self._chosen(name) for name in LINK_FIELDS}
        lead = self._chosen("lead_administration")
        figures = []
        self.figure_rows = []
        # A figure without a year is of the year the initiative starts (this year, without a start date).
        default_year = (self.start_date.data or today()).year
        too_many = self.key_figures.rows_sent > self.key_figures.most
        if too_many:  # the rows read are only the first ones: none of them is taken as the figures
            self.form_errors.append(too_many_key_figures(self.key_figures.rows_sent).message)
        for index, row in enumerate(entry.form for entry in self.key_figures if not too_many):
            if row.blank:
                continue
            year = row.year.data
            if year and not (year.isdecimal() and len(year) == 4):
                _add_error(row.year, _("Skriv årstallet med fire cifre, fx 2013."))
                continue
            figures.append(KeyFigureInput(label=row.label.data, value=row.value.data or "",
                                          unit=row.unit.data or "", year=int(year) if year else default_year))
            self.figure_rows.append(index)
        return InitiativeInput(
            title=self.title.data or "", summary=self.summary.data or "", status=self.status.data or "",
            start_date=self.start_date.data, end_date=self.end_date.data,
            lead_administration=lead[0] if lead else None, key_figures=figures, **links,
        )

    def add_problem(self, problem: ValidationError) -> None:
        """Show a service's message next to the field it concerns (a key figure: on its row)."""
        if isinstance(problem, KeyFigureError) and problem.row < len(self.figure_rows):
            row = self.key_figures[self.figure_rows[problem.row]].form
            _add_error(row[problem.column], problem.message)
        elif problem.field in self._fields and problem.field not in ("key_figures", "version", "csrf_token"):
            _add_error(self[problem.field], problem.message)
        else:
            self.form_errors.append(problem.message)

    def error_list(self) -> list[tuple[str, str]]:
        """(field id, message) for every error, in the order of the form, for the summary at the top."""
        found = [("", message) for message in self.form_errors]
        for form_field in self:
            if form_field.name == "key_figures":
                for row in form_field:
                    found += [(sub.id, message) for sub in row for message in sub.errors]
            elif form_field.name != "csrf_token":
                found += [(form_field.id, message) for message in form_field.errors]
        return found

    @staticmethod
    def describe_value(name: str, value) -> str | None:
        """Key figures on the conflict page as a person writes them ("Deltagere: 40 personer (2013)");
        every other field as tracker/core/web/formstate.py shows it."""
        if name != "key_figures":
            return None
        return "; ".join(f"{row.get('label', '')}: {row.get('value', '')} {row.get('unit', '')}".rstrip()
                         + f" ({row.get('year', '')})" for row in value) or "–"

    def _chosen(self, name: str) -> list:
        form_field, known = self[name], self._objects[name]
        ids = form_field.data if isinstance(form_field.data, list) else [form_field.data]
        if name == "lead_administration" and not (form_field.raw_data or [""])[0].strip():
            return []
        if any(i not in known for i in ids):
            _add_error(form_field, _("Et af valgene findes ikke (længere). Vælg igen."))
        return [known[i] for i in dict.fromkeys(ids) if i in known]


def _add_error(form_field, message: str) -> None:
    form_field.errors = [*form_field.errors, message]
