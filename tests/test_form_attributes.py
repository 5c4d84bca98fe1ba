"""forms/attributes.py writes HTML attributes exactly as WTForms does, only faster."""
import pytest
from markupsafe import Markup
from wtforms.fields.choices import Choice
from wtforms.widgets import core

import forms  # noqa: F401  (installs the replacement)
from forms import attributes

CASES = [
    {},
    {"name": "email", "id": "email", "type": "email", "value": "léa@exemple.fr"},
    {"class_": "field", "for_": "x", "required": True, "disabled": False},
    {"data_hx_post": "/inscription/verifier/1", "data_hx_vals": '{"_field": "birth_name"}',
     "aria_describedby": "a-hint a-feedback", "aria_invalid": "true"},
    {"value": '<script>alert("x") & \'y\'</script>'},
    {"value": Markup('déjà "sûr" <b>')},
    {"value": 42, "maxlength": 100, "checked": True},
    {"label": "Services, alimentation & hôtellerie"},
    {"value": "après", "width": 10, "zoom": True, "aria_label": "avant"},
    {"value": False, "name": "x", "checked": False},
    {"name": "x", "data_choices": ["a", "b&c"]},  # a list cannot be kept: written at each call
    {"value": None, "type": "text"},
]


@pytest.mark.parametrize("params", CASES)
def test_the_same_text_as_wtforms(params):
    original = attributes.ORIGINAL(**params)
    ours = attributes.html_params(**params)
    assert ours == original and isinstance(ours, Markup)


def test_what_is_kept_is_not_the_value():
    common = {"id": "birth_name", "name": "birth_name", "aria_describedby": "birth_name-feedback"}
    first = attributes.html_params(value="DUPONT", **common)
    second = attributes.html_params(value="<MARTIN>", **common)
    assert 'value="DUPONT"' in first and 'value="&lt;MARTIN&gt;"' in second
    # The same text as a string or as Markup is not written the same: each is kept apart.
    assert attributes.html_params(title='"a"') == attributes.ORIGINAL(title='"a"')
    assert attributes.html_params(title=Markup('"a"')) == attributes.ORIGINAL(title=Markup('"a"'))


OPTIONS = [("CAP-CUIS", "CAP Cuisine", True), ("", "Choisissez un examen", False),
           ("a&b", "Services, alimentation & <hôtellerie>", False), ("x\"y", "« guillemets »", True)]


@pytest.mark.parametrize("value, label, selected", OPTIONS)
def test_an_option_is_written_as_wtforms_writes_it_and_kept(value, label, selected):
    choice = Choice(value, label, selected, None)
    assert attributes.render_option(choice) == attributes.ORIGINAL_OPTION(choice)
    assert attributes.render_option(choice) is attributes.render_option(choice)  # written once


def test_an_option_with_attributes_of_its_own_is_written_each_time():
    choice = Choice("oui", "Oui", False, {"disabled": True})
    assert attributes.render_option(choice) == attributes.ORIGINAL_OPTION(choice)
    assert 'disabled' in attributes.render_option(choice)


def test_wtforms_widgets_and_labels_use_it():
    import wtforms.widgets

    assert core.html_params is attributes.html_params is wtforms.widgets.html_params
    assert core.TextInput.html_params is core.Button.html_params is attributes.html_params
    assert core.Select.render_option is attributes.render_option


def test_a_select_is_written_as_wtforms_writes_it_without_reading_a_signature_each_time(monkeypatch):
    from wtforms import Form, SelectField
    from wtforms.fields.choices import SelectChoice

    class Choose(Form):
        exam = SelectField("Examen", choices=[SelectChoice(v, label) for v, label, _ in OPTIONS])

    form = Choose(data={"exam": "a&b"})
    written = form.exam()
    # WTForms' own dispatch, which reads the signature of render_option, gives the same text.
    monkeypatch.setattr(core.Select, "_dispatch_render_option", attributes.ORIGINAL_DISPATCH)
    assert form.exam() == written and '<option selected value="a&amp;b">' in written


def test_a_field_still_says_what_its_validators_ask():
    from wtforms import Form, StringField
    from wtforms.validators import InputRequired, Length

    class Identity(Form):
        birth_name = StringField("Nom de naissance", validators=[InputRequired(), Length(max=60)])
        usage_name = StringField("Nom d'usage", validators=[Length(min=2)])

    form = Identity()
    assert dir(form.birth_name.flags) == ["maxlength", "required"]
    assert form.birth_name() == Markup('<input id="birth_name" maxlength="60" name="birth_name" required '
                                       'type="text" value="">')
    assert 'minlength="2"' in form.usage_name() and "required" not in form.usage_name()
