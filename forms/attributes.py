"""WTForms' ``html_params`` and ``<option>``, written the same but faster.

Every field, option and label WTForms renders goes through ``html_params``,
which writes each attribute with ``Markup('{k}="{v}"').format(...)``: a
string.Formatter run per attribute, about a third of the time of a step of
M'inscrire. This one gives the same text (tests/test_form_attributes.py
compares them) by escaping each key and value once, and a field's
attributes but its value (the same for every candidate) once per process.
The options of a list
(the 20 exams of the session, the same for every candidate) are each written
once and kept. ``forms/__init__.py`` puts both in WTForms' place when the
forms are imported.
"""
from functools import lru_cache

from markupsafe import Markup, escape
from wtforms.fields.choices import Choice
from wtforms.fields.core import Flags
from wtforms.widgets import core

# WTForms' own, kept for the test that compares them.
ORIGINAL = core.html_params
ORIGINAL_OPTION = core.Select.render_option
ORIGINAL_DISPATCH = core.Select.__dict__["_dispatch_render_option"]


def html_params(**kwargs):
    """``name="value"`` pairs sorted by name; ``True`` writes the name alone, ``False`` nothing.

    A field's attributes are the same for every candidate but its value: the
    others are written once for each set of them and kept, the value is
    escaped at each call.
    """
    value = kwargs.pop("value", _NO_VALUE)
    try:
        before, after = _written_around_value(tuple(sorted((k, v, type(v)) for k, v in kwargs.items())))
    except TypeError:  # a value that cannot be a key (a list): written at each call
        if value is not _NO_VALUE:
            kwargs["value"] = value
        return Markup(" ".join(_pair(k, v) for k, v in sorted(kwargs.items()) if v is not False))
    written = _pair("value", value) if value is not _NO_VALUE and value is not False else ""
    return Markup(" ".join(part for part in (before, written, after) if part))


_NO_VALUE = object()


@lru_cache(maxsize=4096)
def _written_around_value(params):
    """The attributes named before "value", and those after, each part written."""
    written = [(key, _pair(key, value)) for key, value, _ in params if value is not False]
    return (" ".join(pair for key, pair in written if key < "value"),
            " ".join(pair for key, pair in written if key > "value"))


def _pair(key, value):
    key = escape(core.clean_key(key))
    if value is True:
        return str(key)
    # Markup passes escape() untouched, quotes included: WTForms writes those as &quot;.
    value = str(escape(value)).replace('"', "&quot;")
    return f'{key}="{value}"'


def render_option(choice, **kwargs):
    """``<option>`` of ``choice``, as WTForms writes it; kept when it has no attributes of its own."""
    if kwargs or choice.render_kw or not isinstance(choice.value, str):
        return ORIGINAL_OPTION(choice, **kwargs)
    return _option(choice.value, choice.label, bool(choice.selected))


@lru_cache(maxsize=4096)
def _option(value, label, selected):
    return ORIGINAL_OPTION(Choice(value, label, selected, None))


def flag_names(flags):
    """The flags set on a field (required, maxlength…), which WTForms' widgets look for in ``dir(flags)``:
    without the thirty names every object has, sorted at each field."""
    return list(vars(flags))


def install():
    """Make WTForms' widgets and labels use ``html_params``: they look it up in these two modules, inputs and
    buttons on their class; selects write their options by ``render_option`` (called directly, its signature
    known); ``dir()`` of a field's flags lists the flags."""
    import wtforms.widgets

    core.html_params = wtforms.widgets.html_params = html_params
    core.Input.html_params = core.Button.html_params = staticmethod(html_params)
    core.Select.render_option = staticmethod(render_option)
    # WTForms 3.3 reads render_option's signature (inspect.signature) at every select it renders, to support
    # pre-3.3 overrides: this one takes the choice, so each select calls it directly.
    core.Select._dispatch_render_option = classmethod(lambda cls: cls.render_option)
    Flags.__dir__ = flag_names
