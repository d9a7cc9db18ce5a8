"""The forms of the API token page: create a token, and revoke one."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, RadioField, SelectChoice, SelectField, StringField
from wtforms.validators import InputRequired, Length

from tracker.api.tokens import LIFETIMES_DAYS
from tracker.core.web.forms import WriteForm


class TokenForm(WriteForm):
    name = StringField(_l("Navn"), description=_l("Hvad nøglen bruges til, fx »Udtræk til Excel«."),
                       validators=[InputRequired(_l("Giv nøglen et navn.")), Length(max=100)])
    scope = RadioField(_l("Adgang"), default="read", choices=[
        SelectChoice("read", _l("Kun læse")),
        SelectChoice("read-write", _l("Læse og skrive (oprette og rette indsatser og logposter)"))],
        validators=[InputRequired(_l("Vælg nøglens adgang."))])
    days = SelectField(_l("Gælder i"), default="90", coerce=int,
                       choices=[SelectChoice(days, _l("%(days)s dage", days=days)) for days in LIFETIMES_DAYS])


class RevokeForm(WriteForm):
    token = HiddenField(validators=[InputRequired()])
    confirm = HiddenField()
