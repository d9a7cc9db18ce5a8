"""The user's choice of digest: how often, and in which language."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectChoice, SelectField

from tracker.core.web.forms import WriteForm

FREQUENCY_CHOICES = [
    SelectChoice("daily", _l("Dagligt – når der er noget nyt")),
    SelectChoice("weekly", _l("Ugentligt – højst én e-mail om ugen")),
    SelectChoice("never", _l("Aldrig")),
]
LANGUAGE_CHOICES = [SelectChoice("", _l("Tværs' standardsprog (dansk)")), SelectChoice("da", "Dansk"),
                    SelectChoice("en", "English")]


class DigestSettingsForm(WriteForm):
    # The choices are checked by the service, with its Danish messages.
    frequency = RadioField(_l("Hvor ofte vil du have en e-mail?"), choices=FREQUENCY_CHOICES, validate_choice=False)
    language = SelectField(_l("Sprog i e-mailen"), choices=LANGUAGE_CHOICES, validate_choice=False)
