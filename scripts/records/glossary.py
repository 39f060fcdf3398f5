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

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .problems import Problem
from .translations import LANGUAGES, VERSION_FIELD, english_text, translation_of

TERMS = "terms"
_LINK_TARGET = re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_BARE_URL = re.compile(r"<?https?://[^\s>)]+>?")
_SPACE = re.compile(r"\s+")
_APOSTROPHES = str.maketrans("\u2019\u02bc", "''")  # "sheriff’s office" is "sheriff's office"
_WORD = re.compile(r"\w+")
# Where casefolding and a case-blind regex part: "İ" and "ı" match "i" but fold otherwise ("İ" to "i" and a
# combining dot), and the combining ypogegrammeni, not a letter (so it ends a word), matches "ι". Found by comparing
# the two on every code point (tests/test_glossary.py keeps that comparison).
_AS_REGEX_FOLDS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u0345": " \u03b9 "})


def plain(text: str) -> str:
    """The text as the check reads it: without web addresses, every run of whitespace one space."""
    text = _LINK_TARGET.sub("]", text)
    text = _BARE_URL.sub(" ", text)
    return _SPACE.sub(" ", text.translate(_APOSTROPHES)).strip()


def _words(text: str) -> set[str]:
    """The words of a text as the index compares them: case folded, so that a form's pattern can only match a text
    holding each of the form's words (a shortcut: the pattern still decides)."""
    return set(_WORD.findall(text.translate(_AS_REGEX_FOLDS).casefold()))


def _anchor(form: str) -> str:
    """The word of a form that a text must contain for the form to be found in it (the longest: the rarest, as a
    rule); "" for a form with no word, which every text must then be searched for."""
    return max(_words(form), key=lambda word: (len(word), word), default="")


def _trie_regex(forms: list[str]) -> str:
    """The forms as one regular expression shaped like a trie: forms sharing a start share it in the pattern, so
    the search does at each position of a text at most the work of the longest form, not of every form (an
    alternation of 100 long forms made one long field take seconds). Longer continuations are tried first."""
    trie: dict = {}
    for form in forms:
        node = trie
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}  # a form ends here

    def chain(char: str, node: dict) -> str:
        """The characters from `char` down to the next fork or form end (a loop, not a call per character)."""
        text = []
        while True:
            text.append(r"\s+" if char == " " else re.escape(char))
            if len(node) != 1 or "" in node:
                return "".join(text) + pattern(node)
            (char, node), = node.items()

    def pattern(node: dict) -> str:
        branches = [chain(char, child) for char, child in node.items() if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return pattern(trie)


def _pattern(forms: list[str]) -> re.Pattern | None:
    """One pattern finding any of `forms` as whole words, ignoring case; the longest form that ends a word wins."""
    if not forms:
        return None
    alternatives = sorted({_SPACE.sub(" ", form.strip().translate(_APOSTROPHES)) for form in forms if form.strip()})
    if not alternatives:
        return None
    return re.compile(rf"(?<!\w)(?:{_trie_regex(alternatives)})(?!\w)", re.IGNORECASE)


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


class Glossary:
    """The terms, with an index from words to the terms whose forms hold them: a field is searched for the terms
    whose words it holds, not for all of them (the check would otherwise grow with terms × fields)."""

    def __init__(self, terms: Iterable[GlossaryTerm]):
        self.terms = tuple(terms)
        self._english = self._index(lambda term: term.english)
        self._avoid = self._index(lambda term: term.avoid)

    def _index(self, forms_of) -> tuple[dict[str, set[int]], set[int]]:
        by_word: dict[str, set[int]] = {}
        always: set[int] = set()
        for position, term in enumerate(self.terms):
            for form in forms_of(term):
                anchor = _anchor(form)
                (by_word.setdefault(anchor, set()) if anchor else always).add(position)
        return by_word, always

    @staticmethod
    def _candidates(index: tuple[dict[str, set[int]], set[int]], words: set[str]) -> set[int]:
        by_word, always = index
        found = set(always)
        for word in words & by_word.keys():
            found |= by_word[word]
        return found

    def used_in(self, english: str) -> list[tuple[GlossaryTerm, str]]:
        """(term, the form found) for every term the (plain) English text uses, in the glossary's order."""
        candidates = self._candidates(self._english, _words(english))
        return [(term, form) for position, term in enumerate(self.terms)
                if position in candidates and (form := term.in_english(english)) is not None]

    def avoided_in(self, spanish: str) -> list[tuple[GlossaryTerm, list[str]]]:
        """(term, the avoided forms found) for every term with an avoided form in the (plain) Spanish text."""
        candidates = self._candidates(self._avoid, _words(spanish))
        return [(term, found) for position, term in enumerate(self.terms)
                if position in candidates and (found := term.avoided_in(spanish))]

    def __iter__(self) -> Iterator[GlossaryTerm]:
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    def __eq__(self, other) -> bool:
        return isinstance(other, Glossary) and self.terms == other.terms

    __hash__ = None


@functools.lru_cache(maxsize=4)
def _glossary(entries: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...]) -> Glossary:
    return Glossary(GlossaryTerm(*entry) for entry in entries)


def glossary_of_terms(terms: Iterable[tuple[str, Any]]) -> Glossary:
    """The glossary of (file path, term record) pairs, made once while the terms are the same (validation, every
    briefing's definition and `serve` after each edit ask for it again; its patterns take a while to compile)."""
    return _glossary(tuple((term.id, path, tuple(term.english), tuple(term.spanish), tuple(term.avoid))
                           for path, term in terms))


def glossary_from(files) -> Glossary:
    """The glossary: the terms among the validated record files (RecordFile with collection "terms")."""
    return glossary_of_terms((item.loaded.path, item.record) for item in files if item.collection == TERMS)


def _quoted(forms) -> str:
    return ", ".join(f'"{form}"' for form in forms)


def field_problems(english: str, spanish: str, glossary: Glossary | Iterable[GlossaryTerm],
                   check_avoided: bool = True) -> list[str]:
    """What is wrong with one field's Spanish against its English: one message (without the field) per problem."""
    if not isinstance(glossary, Glossary):
        glossary = Glossary(glossary)
    english, spanish = plain(english), plain(spanish)
    found = []
    used = glossary.used_in(english)
    for term, form in used:
        if not term.in_spanish(spanish):
            found.append(f'the English says "{form}" but the Spanish uses none of {_quoted(term.spanish)} '
                         f"(glossary: {term.path}) — use one of them, or fix the glossary")
    if not check_avoided:
        return found
    allowed = {_SPACE.sub(" ", s).casefold() for term, _ in used for s in term.spanish}
    for term, avoided_forms in glossary.avoided_in(spanish):
        for avoided in dict.fromkeys(avoided_forms):
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


def record_problems(item, glossary: Glossary | list[GlossaryTerm], language: str = "es") -> list[Problem]:
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


# The last run's glossary and, per record file, (its record, its loaded file, its problems): `serve` checks again after
# every edit, and a record whose file did not change is the same object (validate keeps it), so its problems stand.
_last_run: tuple[Glossary, dict[str, tuple[object, object, list[Problem]]]] | None = None


def glossary_problems(files) -> list[Problem]:
    """Every glossary problem in every translated record (see the module's docstring)."""
    global _last_run
    glossary = glossary_from(files)
    before = _last_run[1] if _last_run is not None and _last_run[0] == glossary else {}
    now: dict[str, tuple[object, object, list[Problem]]] = {}
    problems = []
    for item in files:
        kept = before.get(item.loaded.path)
        if kept is not None and kept[0] is item.record and kept[1] is item.loaded:
            found = kept[2]
        else:
            found = [problem for language in LANGUAGES for problem in record_problems(item, glossary, language)]
        now[item.loaded.path] = (item.record, item.loaded, found)
        problems.extend(found)
    _last_run = (glossary, now)
    return problems
