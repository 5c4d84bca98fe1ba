"""forms/attributes.py writes HTML attributes exactly as WTForms does, only faster."""
import pytest
from markupsafe import Markup
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
]


@pytest.mark.parametrize("params", CASES)
def test_the_same_text_as_wtforms(params):
    original = attributes.ORIGINAL(**params)
    ours = attributes.html_params(**params)
    assert ours == original and isinstance(ours, Markup)


def test_wtforms_widgets_and_labels_use_it():
    import wtforms.widgets

    assert core.html_params is attributes.html_params is wtforms.widgets.html_params
    assert core.TextInput.html_params is core.Button.html_params is attributes.html_params
