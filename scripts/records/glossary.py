"""The glossary check: every translation writes the field's terms the way data/terms/ says.

For every translated field of every record (a title, a summary, a period's note…):

- when the field's English contains one of a term's English forms, its Spanish must contain one of the term's Spanish
  forms ("detainer" -> "orden de retención", "órdenes de retención", …);
- its Spanish must not contain a form the glossary avoids ("orden de detención"), unless that form is one of the
  Spanish forms of a term the same field's English uses (a field that translates "arrest warrant" may say "orden de
  arresto", which a detainer must never be called).

Matching ignores case, finds whole words only ("ICE" is not found in "notice"), treats any run of spaces and line
breaks as one space and a curly apostrophe as a straight one. Web addresses (a Markdown link's target, a bare
https://… address) are left out first: they stay the same in both languages and are not text. The terms' own
records are checked for the Spanish forms but not for the avoided ones, which their notes name in order to warn
against them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .problems import Problem
from .translations import LANGUAGES, VERSION_FIELD, english_text, translation_of

TERMS = "terms"
_LINK_TARGET = re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_BARE_URL = re.compile(r"<?https?://[^\s>)]+>?")
_SPACE = re.compile(r"\s+")
_APOSTROPHES = str.maketrans("\u2019\u02bc", "''")  # "sheriff’s office" is "sheriff's office"


def plain(text: str) -> str:
    """The text as the check reads it: without web addresses, every run of whitespace one space."""
    text = _LINK_TARGET.sub("]", text)
    text = _BARE_URL.sub(" ", text)
    return _SPACE.sub(" ", text.translate(_APOSTROPHES)).strip()


def _pattern(forms: list[str]) -> re.Pattern | None:
    """One pattern finding any of `forms` as whole words, ignoring case; the longest forms are tried first."""
    if not forms:
        return None
    alternatives = sorted({_SPACE.sub(" ", form.strip().translate(_APOSTROPHES)) for form in forms}, key=len,
                          reverse=True)
    body = "|".join(re.escape(form).replace(r"\ ", r"\s+") for form in alternatives)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class GlossaryTerm:
    id: str
    path: str  # the term's file, as messages name it
    english: tuple[str, ...]
    spanish: tuple[str, ...]
    avoid: tuple[str, ...]

    def __post_init__(self):
        object.__setattr__(self, "_english", _pattern(list(self.english)))
        object.__setattr__(self, "_spanish", _pattern(list(self.spanish)))
        object.__setattr__(self, "_avoid", _pattern(list(self.avoid)))

    def in_english(self, text: str) -> str | None:
        """The first of the term's English forms the (plain) English text uses, as written there."""
        found = self._english.search(text)
        return _SPACE.sub(" ", found.group()) if found else None

    def in_spanish(self, text: str) -> bool:
        return bool(self._spanish.search(text))

    def avoided_in(self, text: str) -> list[str]:
        if self._avoid is None:
            return []
        return [_SPACE.sub(" ", m.group()) for m in self._avoid.finditer(text)]


def glossary_from(files) -> list[GlossaryTerm]:
    """The glossary: the terms among the validated record files (RecordFile with collection "terms")."""
    return [GlossaryTerm(item.record.id, item.loaded.path, tuple(item.record.english), tuple(item.record.spanish),
                         tuple(item.record.avoid))
            for item in files if item.collection == TERMS]


def _quoted(forms) -> str:
    return ", ".join(f'"{form}"' for form in forms)


def field_problems(english: str, spanish: str, glossary: list[GlossaryTerm], check_avoided: bool = True) -> list[str]:
    """What is wrong with one field's Spanish against its English: one message (without the field) per problem."""
    english, spanish = plain(english), plain(spanish)
    found = []
    used = [(term, form) for term in glossary if (form := term.in_english(english)) is not None]
    for term, form in used:
        if not term.in_spanish(spanish):
            found.append(f'the English says "{form}" but the Spanish uses none of {_quoted(term.spanish)} '
                         f"(glossary: {term.path}) — use one of them, or fix the glossary")
    if not check_avoided:
        return found
    allowed = {_SPACE.sub(" ", s).casefold() for term, _ in used for s in term.spanish}
    for term in glossary:
        for avoided in dict.fromkeys(term.avoided_in(spanish)):
            if avoided.casefold() in allowed:
                continue
            found.append(f'the Spanish uses "{avoided}", which the glossary avoids (glossary: {term.path}) — write '
                         f"{_quoted(term.spanish[:3])} or another wording, or fix the glossary")
    return found


def _pairs(english: Any, spanish: Any, loc: tuple = ()):
    """(loc, English text, Spanish text) for every translated text field, groups and aligned lists included."""
    if isinstance(english, dict) and isinstance(spanish, dict):
        for key, value in english.items():
            if key in spanish:
                yield from _pairs(value, spanish[key], loc + (key,))
    elif isinstance(english, list) and isinstance(spanish, list):
        for index, (a, b) in enumerate(zip(english, spanish)):
            yield from _pairs(a, b, loc + (index,))
    elif isinstance(english, str) and isinstance(spanish, str):
        yield loc, english, spanish


def record_problems(item, glossary: list[GlossaryTerm], language: str = "es") -> list[Problem]:
    """The glossary problems of one record file (a RecordFile), each at the line of its Spanish field."""
    translation = translation_of(item.record, language)
    if translation is None or not glossary:
        return []
    spanish = translation.model_dump(exclude={VERSION_FIELD}, exclude_none=True)
    problems = []
    for loc, english, text in _pairs(english_text(item.record), spanish):
        for message in field_problems(english, text, glossary, check_avoided=item.collection != TERMS):
            line, col = item.loaded.locate((language,) + loc)
            problems.append(Problem(item.loaded.path, line, col, f"{item.label}: {_label((language,) + loc)}: "
                                                                 f"{message}"))
    return problems


def _label(loc: tuple) -> str:
    """As validation names fields: es.summary, es.periods[1].note."""
    label = ""
    for part in loc:
        label += f"[{part}]" if isinstance(part, int) else ("." if label else "") + str(part)
    return label


def glossary_problems(files) -> list[Problem]:
    """Every glossary problem in every translated record (see the module's docstring)."""
    glossary = glossary_from(files)
    problems = []
    for item in files:
        for language in LANGUAGES:
            problems.extend(record_problems(item, glossary, language))
    return problems
