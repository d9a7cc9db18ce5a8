"""The filter form of the initiative list: plain GET parameters, checked against the reference data."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import Form, SelectChoice, SelectField, StringField

from tracker.core.labels import choices, local_name
from tracker.initiatives.queries import InitiativeFilters

FIRST_YEAR, LAST_YEAR = 1990, 2100


class InitiativeFilterForm(Form):
    """Unknown values never fail the page: each is dropped from the filter and named in a message."""

    area = SelectField(_l("Område"), validate_choice=False)
    administration = SelectField(_l("Forvaltning"), validate_choice=False)
    role = SelectField(_l("Forvaltningens rolle"), validate_choice=False, default="either",
                       choices=[SelectChoice("either", _l("Leder eller partner")),
                                SelectChoice("lead", _l("Leder")), SelectChoice("partner", _l("Partner"))])
    theme = SelectField(_l("Tema"), validate_choice=False)
    status = SelectField(_l("Status"), validate_choice=False)
    year = StringField(_l("Kører i året"),
                       render_kw={"inputmode": "numeric", "autocomplete": "off", "maxlength": 4})

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
            SelectChoice(value, text) for value, text in choices("status")]
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
        statuses = dict(choices("status"))
        result.status = self._lookup(self.status, {s: s for s in statuses}, _("Ukendt status"))
        result.year = self._year()
        return result

    def params(self) -> dict[str, str]:
        """The accepted filter values, for links that keep them (pagination). Call after filters()."""
        values = {name: self[name].data for name in ("area", "administration", "theme", "status")}
        if not self.year.errors:
            values["year"] = self.year.data
        if values["administration"] and self.role.data != "either":
            values["role"] = self.role.data
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
        if value.isdigit() and FIRST_YEAR <= int(value) <= LAST_YEAR:
            self.year.data = value
            return int(value)
        self.year.errors = [_("Skriv et årstal mellem %(first)s og %(last)s. Året er ikke brugt som filter.",
                              first=FIRST_YEAR, last=LAST_YEAR)]
        self.year.data = value[:10]
        return None
