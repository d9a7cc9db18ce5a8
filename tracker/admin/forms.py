"""The admin forms: users, persons, organisations, development plans and goals.

They only turn input into values; the rules (required fields, lengths, one affiliation, unique names)
are the services', whose ValidationError `show_error` puts next to the field.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, HiddenField, PasswordField, SelectField, StringField, TextAreaField

from tracker.admin.formtools import AdminForm, RecordSelectField, YearField
from tracker.auth.models import ROLES
from tracker.core.labels import LABELS, choices
from tracker.core.web.merge import Mergeable

ROLE_LABELS = LABELS["role"]


def role_choices() -> list[tuple[str, str]]:
    return [(role, str(ROLE_LABELS[role])) for role in ROLES]


def _id(record) -> str:
    return "" if record is None else str(record.id)


class ConfirmForm(AdminForm):
    """The POST form behind "Arkivér", "Genskab", "Deaktivér" and "Aktivér": only the CSRF token."""


class MoveForm(AdminForm):
    direction = HiddenField()


class UserCreateForm(AdminForm):
    email = EmailField(_l("E-mail"), render_kw={"autocomplete": "off"})
    name = StringField(_l("Navn"))
    role = SelectField(_l("Rolle"), validate_choice=False)
    administration = RecordSelectField(_l("Forvaltning"),
                                       description=_l("Brugerens forvaltning – eller vælg en organisation."))
    organisation = RecordSelectField(_l("Organisation"),
                                     description=_l("Kun for brugere fra en boligorganisation eller anden partner."))
    password = PasswordField(_l("Første adgangskode"), description=_l("Mindst 10 tegn. Giv den til brugeren "
                                                                         "på en sikker måde."),
                             render_kw={"autocomplete": "new-password"})


class OneTimePasswordForm(AdminForm):
    password = PasswordField(_l("Engangsadgangskode"),
                             description=_l("Mindst 10 tegn. Giv den til brugeren på en sikker måde. Brugeren skal "
                                            "vælge sin egen adgangskode, første gang der logges ind med den."),
                             render_kw={"autocomplete": "new-password"})


class UserEditForm(Mergeable, AdminForm):
    version = HiddenField()
    name = StringField(_l("Navn"))
    role = SelectField(_l("Rolle"), validate_choice=False)
    administration = RecordSelectField(_l("Forvaltning"))
    organisation = RecordSelectField(_l("Organisation"))

    @staticmethod
    def record_data(user) -> dict:
        return {"name": user.name, "role": user.role, "administration": _id(user.administration),
                "organisation": _id(user.organisation)}


class PersonForm(Mergeable, AdminForm):
    version = HiddenField()
    name = StringField(_l("Navn"))
    title = StringField(_l("Stillingsbetegnelse"))
    email = EmailField(_l("E-mail"))
    administration = RecordSelectField(_l("Forvaltning"))
    organisation = RecordSelectField(_l("Organisation"), description=_l("Udfyld enten forvaltning eller "
                                                                        "organisation."))

    @staticmethod
    def record_data(person) -> dict:
        return {"name": person.name, "title": person.title, "email": person.email or "",
                "administration": _id(person.administration), "organisation": _id(person.organisation)}


class OrganisationForm(Mergeable, AdminForm):
    version = HiddenField()
    name = StringField(_l("Navn"))
    kind = SelectField(_l("Type"), validate_choice=False)
    description = TextAreaField(_l("Beskrivelse"), render_kw={"rows": 5})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = choices("organisation_kind")

    @staticmethod
    def record_data(organisation) -> dict:
        return {"name": organisation.name, "kind": organisation.kind, "description": organisation.description}


class PlanForm(Mergeable, AdminForm):
    version = HiddenField()
    area = RecordSelectField(_l("Område"))
    title = StringField(_l("Titel"))
    status = SelectField(_l("Status"), validate_choice=False)
    year_adopted = YearField(_l("Vedtaget år"), description=_l("Skal udfyldes, når planen er vedtaget."),
                             render_kw={"inputmode": "numeric", "maxlength": 4})
    period_start = YearField(_l("Periode fra (år)"), render_kw={"inputmode": "numeric", "maxlength": 4})
    period_end = YearField(_l("Periode til (år)"), render_kw={"inputmode": "numeric", "maxlength": 4})
    summary = TextAreaField(_l("Resumé"), render_kw={"rows": 5})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.status.choices = choices("plan_status")

    @staticmethod
    def record_data(plan) -> dict:
        return {"area": _id(plan.area), "title": plan.title, "status": plan.status,
                "year_adopted": plan.year_adopted, "period_start": plan.period_start,
                "period_end": plan.period_end, "summary": plan.summary}


class GoalForm(Mergeable, AdminForm):
    version = HiddenField()
    title = StringField(_l("Mål"))
    description = TextAreaField(_l("Beskrivelse"), render_kw={"rows": 4})

    @staticmethod
    def record_data(goal) -> dict:
        return {"title": goal.title, "description": goal.description}
