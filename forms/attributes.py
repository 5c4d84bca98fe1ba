"""WTForms' ``html_params`` and ``<option>``, written the same but faster.

Every field, option and label WTForms renders goes through ``html_params``,
which writes each attribute with ``Markup('{k}="{v}"').format(...)``: a
string.Formatter run per attribute, about a third of the time of a step of
M'inscrire. This one gives the same text (tests/test_form_attributes.py
compares them) by escaping each key and value once. The options of a list
(the 20 exams of the session, the same for every candidate) are each written
once and kept. ``forms/__init__.py`` puts both in WTForms' place when the
forms are imported.
"""
from functools import lru_cache

from markupsafe import Markup, escape
from wtforms.fields.choices import Choice
from wtforms.widgets import core

# WTForms' own, kept for the test that compares them.
ORIGINAL = core.html_params
ORIGINAL_OPTION = core.Select.render_option


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


def render_option(choice, **kwargs):
    """``<option>`` of ``choice``, as WTForms writes it; kept when it has no attributes of its own."""
    if kwargs or choice.render_kw or not isinstance(choice.value, str):
        return ORIGINAL_OPTION(choice, **kwargs)
    return _option(choice.value, choice.label, bool(choice.selected))


@lru_cache(maxsize=4096)
def _option(value, label, selected):
    return ORIGINAL_OPTION(Choice(value, label, selected, None))


def install():
    """Make WTForms' widgets and labels use ``html_params``: they look it up in these two modules, inputs and
    buttons on their class; and selects write their options by ``render_option``."""
    import wtforms.widgets

    core.html_params = wtforms.widgets.html_params = html_params
    core.Input.html_params = core.Button.html_params = staticmethod(html_params)
    core.Select.render_option = staticmethod(render_option)
