"""`_()` and `gettext()` in the site's templates: Jinja's new-style gettext (jinja2.ext's _make_new_gettext, through
its `_` alias), with what a message without variables gives remembered (issue #33). A build calls them about 570,000
times, each, in Jinja's version, through three context calls, a lookup of `gettext` among the globals and a `%`
formatting of a new Markup; a message without variables always gives the same text in a language, so it is worked
out once per message. The results are the same as Jinja's (tests/test_jinja_gettext.py)."""

from __future__ import annotations

from typing import Callable

from jinja2 import pass_context
from markupsafe import Markup


def template_gettext(gettext: Callable[[str], str]):
    """The `gettext` of an Environment with jinja2.ext.i18n installed new-style, for the language whose messages
    `gettext` looks up (a pure function of the message)."""
    remembered: dict[tuple[str, bool], str] = {}

    @pass_context
    def translated(context, message: str, **variables) -> str:
        autoescape = context.eval_ctx.autoescape
        if variables:
            text = gettext(message)
            return (Markup(text) if autoescape else text) % variables
        key = (message, autoescape)
        found = remembered.get(key)
        if found is None:
            text = gettext(message)
            found = remembered[key] = (Markup(text) if autoescape else text) % {}
        return found

    return translated


def install(env, gettext: Callable[[str], str], ngettext: Callable[[str, str, int], str]) -> None:
    """In place of env.install_gettext_callables(gettext, ngettext, newstyle=True): the same, with `_` and
    `gettext` remembering (ngettext stays Jinja's)."""
    env.install_gettext_callables(gettext, ngettext, newstyle=True)
    env.globals["gettext"] = env.globals["_"] = template_gettext(gettext)
