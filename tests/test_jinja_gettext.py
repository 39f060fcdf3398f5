"""The templates' `_()` and `gettext()` give what Jinja's own new-style gettext gives (issue #33: they remember what a
message without variables gives)."""

from __future__ import annotations

import pytest
from jinja2 import Environment, select_autoescape

from scripts.site.i18n import jinja_gettext

MESSAGES = {"Search": "Buscar", "A <b>bold</b> word": "Una palabra en <b>negrita</b>", "100%% sure": "100%% seguro",
            "%(num)s agencies in %(place)s": "%(num)s agencias en %(place)s"}
TEMPLATES = [
    '{{ _("Search") }} {{ _("Search") }} {{ gettext("Search") }}',
    '{{ _("A <b>bold</b> word") }}|{{ _("Not translated") }}|{{ _("100%% sure") }}',
    '{{ _("%(num)s agencies in %(place)s", num=3, place="<Kings>") }}',
    '{% autoescape false %}{{ _("A <b>bold</b> word") }}{{ _("%(num)s agencies in %(place)s", num=1, place="<K>") }}'
    '{% endautoescape %}{{ _("A <b>bold</b> word") }}',
    '{% set m = "Search" %}{{ _(m) | length }} {{ _("Search") is string }} {{ (_("Search") ~ "<") }}',
]


def _environment(remembering: bool) -> Environment:
    env = Environment(autoescape=select_autoescape(default=True), extensions=["jinja2.ext.i18n"])
    gettext = lambda message: MESSAGES.get(message, message)  # noqa: E731
    ngettext = lambda singular, plural, count: singular if count == 1 else plural  # noqa: E731
    if remembering:
        jinja_gettext.install(env, gettext, ngettext)
    else:
        env.install_gettext_callables(gettext, ngettext, newstyle=True)
    return env


@pytest.mark.parametrize("source", TEMPLATES)
def test_messages_are_what_jinja_gives(source):
    remembering, jinjas = _environment(True), _environment(False)
    template = remembering.from_string(source)
    assert template.render() == template.render() == jinjas.from_string(source).render()


def test_a_missing_variable_fails_as_in_jinja():
    for env in (_environment(True), _environment(False)):
        with pytest.raises(KeyError):
            env.from_string('{{ _("%(num)s agencies in %(place)s") }}').render()
