"""The overlap review's forms: the list's filter (plain GET parameters) and the verdict form."""
from __future__ import annotations

import hashlib

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import Form, HiddenField, RadioField, SelectChoice, SelectField, TextAreaField

from tracker.core.labels import local_name
from tracker.core.web.forms import DateInput, QuickSelects, WriteForm
from tracker.core.web.merge import Mergeable
from tracker.overlaps.models import VERDICT_LABELS, VERDICTS
from tracker.overlaps.review.queries import ALL, SHOW_ALL, SHOW_OPEN, SHOW_REVIEWED, STRONG, ReviewFilters
from tracker.overlaps.review.services import VerdictInput


class ReviewFilterForm(Form):
    """Unknown values never fail the page: each is dropped from the filter and named in a message."""

    class Meta(QuickSelects):
        pass

    show = SelectField(_l("Vis"), validate_choice=False,
                       description=_l("Åbne: ikke vurderet endnu, eller ændret siden vurderingen."))
    strength = SelectField(_l("Styrke"), validate_choice=False,
                           description=_l("Svage kandidater deler kun et tema, et mål eller en partner."))
    area = SelectField(_l("Område"), validate_choice=False)
    administration = SelectField(_l("Forvaltning"), validate_choice=False)
    theme = SelectField(_l("Tema"), validate_choice=False)
    NAMES = ("show", "strength", "area", "administration", "theme")

    def __init__(self, formdata, areas, administrations, themes, fixed_administration=None):
        super().__init__(formdata)
        self.fixed_administration = fixed_administration  # a koordinator sees their own administration's
        self._ids = {
            "show": {SHOW_OPEN: SHOW_OPEN, SHOW_REVIEWED: SHOW_REVIEWED, SHOW_ALL: SHOW_ALL},
            "strength": {STRONG: STRONG, ALL: ALL},
            "area": {a.slug: a.id for a in areas},
            "administration": {a.code: a.id for a in administrations},
            "theme": {t.slug: t.id for t in themes},
        }
        self.show.choices = [SelectChoice(SHOW_OPEN, _("Åbne")),
                             SelectChoice(SHOW_REVIEWED, _("Vurderede")), SelectChoice(SHOW_ALL, _("Alle"))]
        self.strength.choices = [SelectChoice(STRONG, _("Kun stærke kandidater")),
                                 SelectChoice(ALL, _("Stærke og svage kandidater"))]
        self.area.choices = [SelectChoice("", _("Alle områder"))] + [SelectChoice(a.slug, a.name) for a in areas]
        self.administration.choices = [SelectChoice("", _("Alle forvaltninger"))] + [
            SelectChoice(a.code, f"{a.code} – {a.name}") for a in administrations]
        self.theme.choices = [SelectChoice("", _("Alle temaer"))] + [
            SelectChoice(t.slug, local_name(t)) for t in themes]
        self.notices: list[str] = []

    def filters(self) -> ReviewFilters:
        problems = {"show": _("Ukendt visning"), "strength": _("Ukendt styrke"), "area": _("Området findes ikke"),
                    "administration": _("Forvaltningen findes ikke"), "theme": _("Temaet findes ikke")}
        values = {name: self._lookup(self[name], self._ids[name], problem) for name, problem in problems.items()}
        self.show.data = self.show.data or SHOW_OPEN  # the defaults, shown as chosen
        self.strength.data = self.strength.data or STRONG
        administration_id = values["administration"]
        if self.fixed_administration is not None:
            administration_id = self.fixed_administration.id
            self.administration.data = self.fixed_administration.code
        return ReviewFilters(area_id=values["area"], administration_id=administration_id,
                             theme_id=values["theme"], show=values["show"] or SHOW_OPEN,
                             strength=values["strength"] or STRONG)

    def params(self) -> dict[str, str]:
        """The accepted filter values that differ from the defaults, for links that keep them. Call after
        filters()."""
        defaults = {"show": SHOW_OPEN, "strength": STRONG}
        values = {name: self[name].data for name in self.NAMES}
        if self.fixed_administration is not None:
            values["administration"] = ""
        return {name: value for name, value in values.items() if value and value != defaults.get(name)}

    def described(self) -> list[str]:
        """The filters in words, for the exports' header ("Område: Nørrebro")."""
        shown = []
        for name in self.NAMES:
            value = self[name].data
            if not value:
                continue
            text = next((str(choice.label) for choice in self[name].choices if choice.value == value), value)
            shown.append(f"{self[name].label.text}: {text}")
        return shown

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


class VerdictForm(Mergeable, WriteForm):
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


class TopicVerdictForm(VerdictForm):
    """One verdict for every pair of a topic. ``token`` is what the topic's verdicts looked like when the
    form was opened (each pair with its verdict's version): a save against another state is refused."""

    token = HiddenField()

    @staticmethod
    def token_of(row) -> str:
        state = ",".join(f"{a}-{b}:{r.verdict.version if r.verdict is not None else 0}"
                         for r in row.rows for a, b in [r.candidate.initiative_ids])
        return hashlib.sha256(state.encode()).hexdigest()[:32]

    @staticmethod
    def initial(row) -> dict:
        verdict = row.verdict  # the verdict all pairs share, if they do
        data = VerdictForm.initial(verdict)
        data["token"] = TopicVerdictForm.token_of(row)
        return data
