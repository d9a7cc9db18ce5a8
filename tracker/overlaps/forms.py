"""The overlap review's forms: the list's filter (plain GET parameters) and the verdict form."""
from __future__ import annotations

from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, Form, HiddenField, RadioField, SelectChoice, SelectField, TextAreaField

from tracker.core.forms import DateInput, WriteForm
from tracker.core.labels import local_name
from tracker.overlaps.models import VERDICT_LABELS, VERDICTS
from tracker.overlaps.queries import ReviewFilters
from tracker.overlaps.services import VerdictInput


class ReviewFilterForm(Form):
    """Unknown values never fail the page: each is dropped from the filter and named in a message."""

    area = SelectField(_l("Område"), validate_choice=False)
    administration = SelectField(_l("Forvaltning"), validate_choice=False)
    theme = SelectField(_l("Tema"), validate_choice=False)
    verdict = SelectField(_l("Vurdering"), validate_choice=False)
    uncoordinated = BooleanField(_l("Kun ukoordinerede"), false_values=("", "0", "false"))
    reviewed = BooleanField(_l("Vis også vurderede"), false_values=("", "0", "false"))

    def __init__(self, formdata, areas, administrations, themes):
        super().__init__(formdata)
        self._ids = {
            "area": {a.slug: a.id for a in areas},
            "administration": {a.code: a.id for a in administrations},
            "theme": {t.slug: t.id for t in themes},
            "verdict": {"none": "none", **{v: v for v in VERDICTS}},
        }
        self.area.choices = [SelectChoice("", _("Alle områder"))] + [SelectChoice(a.slug, a.name) for a in areas]
        self.administration.choices = [SelectChoice("", _("Alle forvaltninger"))] + [
            SelectChoice(a.code, f"{a.code} – {a.name}") for a in administrations]
        self.theme.choices = [SelectChoice("", _("Alle temaer"))] + [
            SelectChoice(t.slug, local_name(t)) for t in themes]
        self.verdict.choices = [SelectChoice("", _("Alle")), SelectChoice("none", _("Ikke vurderet"))] + [
            SelectChoice(v, str(VERDICT_LABELS[v])) for v in VERDICTS]
        self.notices: list[str] = []

    def filters(self) -> ReviewFilters:
        problems = {"area": _("Området findes ikke"), "administration": _("Forvaltningen findes ikke"),
                    "theme": _("Temaet findes ikke"), "verdict": _("Ukendt vurdering")}
        values = {name: self._lookup(self[name], self._ids[name], problem) for name, problem in problems.items()}
        return ReviewFilters(area_id=values["area"], administration_id=values["administration"],
                             theme_id=values["theme"], verdict=values["verdict"],
                             uncoordinated=bool(self.uncoordinated.data), reviewed=bool(self.reviewed.data))

    def params(self) -> dict[str, str]:
        """The accepted filter values, for links that keep them. Call after filters()."""
        values = {name: self[name].data for name in ("area", "administration", "theme", "verdict")}
        values["uncoordinated"] = "1" if self.uncoordinated.data else ""
        values["reviewed"] = "1" if self.reviewed.data else ""
        return {name: value for name, value in values.items() if value}

    @property
    def active(self) -> bool:
        return bool(self.params() or self.notices)

    def _lookup(self, form_field, known: dict, problem: str):
        value = (form_field.data or "").strip()
        form_field.data = ""
        if not value:
            return None
        if value in known:
            form_field.data = value
            return known[value]
        self.notices.append(_("%(problem)s: »%(value)s«. Filteret er ikke brugt.", problem=problem,
                              value=value[:60]))
        return None


class VerdictForm(WriteForm):
    verdict = RadioField(_l("Vurdering"), choices=[SelectChoice(v, VERDICT_LABELS[v]) for v in VERDICTS],
                         validate_choice=False)
    comment = TextAreaField(_l("Kommentar"))
    follow_up_administration = SelectField(_l("Forvaltning der ejer opfølgningen"), validate_choice=False,
                                           description=_l("Kun for »Bør samordnes«."))
    follow_up_due = DateInput(_l("Frist for opfølgningen"), description=_l("Kun for »Bør samordnes«. åååå-mm-dd."))
    version = HiddenField()

    def __init__(self, administrations, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._administrations = {str(a.id): a for a in administrations}
        self.follow_up_administration.choices = [SelectChoice("", _("Ingen"))] + [
            SelectChoice(str(a.id), f"{a.code} – {a.name}") for a in administrations]

    @staticmethod
    def initial(verdict) -> dict:
        if verdict is None:
            return {"version": ""}
        return {"verdict": verdict.verdict, "comment": verdict.comment, "version": verdict.version,
                "follow_up_administration": str(verdict.follow_up_administration_id or ""),
                "follow_up_due": verdict.follow_up_due}

    def to_input(self) -> VerdictInput:
        return VerdictInput(
            verdict=(self.verdict.data or "").strip(), comment=self.comment.data or "",
            follow_up_administration=self._administrations.get((self.follow_up_administration.data or "").strip()),
            follow_up_due=self.follow_up_due.data if not self.follow_up_due.errors else None)

    def describe(self) -> list[tuple[str, str]]:
        """Each field's label and value as text, for the conflict page."""
        owner = self._administrations.get((self.follow_up_administration.data or "").strip())
        due = self.follow_up_due.data
        return [
            (str(self.verdict.label.text), str(VERDICT_LABELS.get(self.verdict.data or "", self.verdict.data or ""))),
            (str(self.comment.label.text), self.comment.data or ""),
            (str(self.follow_up_administration.label.text), owner.code if owner else ""),
            (str(self.follow_up_due.label.text), format_date(due) if due else ""),
        ]
