"""The search page's form: the words, and filters by kind, area and archived; unknown values are dropped."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, Form, SearchField, SelectField
from wtforms.fields.choices import SelectChoice

from tracker.core.web.forms import QuickSelects
from tracker.search.queries import Filters

KIND_LABELS = {
    "initiative": _l("Indsatser"), "entry": _l("Logposter"), "body": _l("Samarbejdsorganer"),
    "meeting": _l("Møder"), "organisation": _l("Organisationer"), "person": _l("Personer"),
}


class SearchForm(Form):
    class Meta(QuickSelects):
        pass

    q = SearchField(_l("Søg efter"), render_kw={"maxlength": 200, "autocomplete": "off"})
    kind = SelectField(_l("Type"), validate_choice=False)
    area = SelectField(_l("Område"), validate_choice=False)
    archived = BooleanField(_l("Medtag arkiverede"), false_values=("", "0", "false"))

    def __init__(self, formdata, kinds: tuple[str, ...], areas):
        super().__init__(formdata)
        self._kinds = kinds
        self._area_ids = {area.slug: area.id for area in areas}
        self.kind.choices = [SelectChoice("", _l("Alle typer"))] + [SelectChoice(k, KIND_LABELS[k]) for k in kinds]
        self.area.choices = [SelectChoice("", _l("Alle områder"))] + [SelectChoice(a.slug, a.name) for a in areas]

    def filters(self) -> Filters:
        """The filters as given, with a kind the user may not search or an unknown area left out."""
        if self.kind.data not in self._kinds:
            self.kind.data = ""
        if self.area.data not in self._area_ids:
            self.area.data = ""
        return Filters(kinds=(self.kind.data,) if self.kind.data else self._kinds,
                       area_id=self._area_ids.get(self.area.data), archived=bool(self.archived.data))

    def params(self) -> dict:
        """The accepted values, for links that keep them (pagination)."""
        return {"q": self.q.data or None, "kind": self.kind.data or None, "area": self.area.data or None,
                "archived": 1 if self.archived.data else None}
