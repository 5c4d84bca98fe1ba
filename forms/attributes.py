"""WTForms' ``html_params``, written the same but without ``Markup.format``.

Every field, option and label WTForms renders goes through ``html_params``,
which writes each attribute with ``Markup('{k}="{v}"').format(...)``: a
string.Formatter run per attribute, about a third of the time of a step of
M'inscrire. This one gives the same text (tests/test_form_attributes.py
compares them) by escaping each key and value once. ``forms/__init__.py``
puts it in WTForms' place when the forms are imported.
"""
from markupsafe import Markup, escape
from wtforms.widgets import core

# WTForms' own, kept for the test that compares the two.
ORIGINAL = core.html_params


def html_params(**kwargs):
    """``name="value"`` pairs sorted by name; ``True`` writes the name alone, ``False`` nothing."""
    params = []
    for key, value in sorted(kwargs.items()):
        if value is False:
            continue
        key = escape(core.clean_key(key))
        if value is True:
            params.append(key)
            continue
        # Markup passes escape() untouched, quotes included: WTForms writes those as &quot;.
        value = str(escape(value)).replace('"', "&quot;")
        params.append(f'{key}="{value}"')
    return Markup(" ".join(params))


def install():
    """Make WTForms' widgets and labels use ``html_params``: they look it up in these two modules, inputs and
    buttons on their class."""
    import wtforms.widgets

    core.html_params = wtforms.widgets.html_params = html_params
    core.Input.html_params = core.Button.html_params = staticmethod(html_params)
