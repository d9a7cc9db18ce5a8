"""Every form's selects are written by QuickSelect: the same HTML as WTForms' own select (a title with
markup in it shown as text, the chosen option selected, choices in groups), only faster."""
from __future__ import annotations

import pytest
from wtforms import Form, SelectChoice, SelectField, SelectMultipleField
from wtforms.widgets import Select

from tracker.core.web.forms import QuickSelect, WriteForm

CHOICES = [SelectChoice("", "—"), SelectChoice("1", 'Tryghed & trivsel <i>"Tingbjerg"</i>'),
           SelectChoice("2", "Lab2700"), SelectChoice("3", "")]


class Plain(Form):
    one = SelectField(choices=CHOICES)
    many = SelectMultipleField(choices=CHOICES)
    grouped = SelectField(choices=[SelectChoice("1", "Mimersparken", optgroup="Nørrebro"),
                                   SelectChoice("2", "Skolen & <b>", optgroup="Tingbjerg")])
    marked = SelectField(choices=[SelectChoice("1", "Med attribut", render_kw={"data-area": "7"}),
                                  SelectChoice("2", "Uden")])
    yes_no = SelectField(choices=[SelectChoice(True, "Ja"), SelectChoice(False, "Nej")], coerce=bool)


@pytest.mark.parametrize("name", ["one", "many", "grouped", "marked", "yes_no"])
def test_quick_select_writes_what_wtforms_writes(name):
    form = Plain(data={"one": "1", "many": ["1", "3"], "grouped": "2", "marked": "1", "yes_no": True})
    field = form[name]
    expected = Select(multiple=name == "many")(field, class_="form-select")
    assert QuickSelect(multiple=name == "many")(field, class_="form-select") == expected
    assert "<i>" not in expected and "<b>" not in expected


def test_write_forms_use_quick_select_and_keep_a_select_of_their_own(app):
    class Meeting(WriteForm):
        owner = SelectField(choices=CHOICES)
        owners = SelectMultipleField(choices=CHOICES)
        own = SelectField(choices=CHOICES, widget=Select())

    with app.test_request_context():
        form = Meeting(meta={"csrf": False}, data={"owner": "1"})
    assert type(form.owner.widget) is QuickSelect and not form.owner.widget.multiple
    assert type(form.owners.widget) is QuickSelect and form.owners.widget.multiple
    assert type(form.own.widget) is Select
    assert '<option selected value="1">Tryghed &amp; trivsel &lt;i&gt;' in form.owner()


def test_the_filter_forms_selects_are_quick_selects_too(app):
    from tracker.initiatives.forms import InitiativeFilterForm
    from tracker.overlaps.forms import ReviewFilterForm
    from tracker.search.forms import SearchForm

    with app.test_request_context():
        for form in (InitiativeFilterForm(None, [], [], []), ReviewFilterForm(None, [], [], []),
                     SearchForm(None, ("initiative",), [])):
            selects = [field for field in form if field.type == "SelectField"]
            assert selects and all(type(field.widget) is QuickSelect for field in selects), type(form).__name__
