"""Translations of a record's text, kept in the record's own file under a language key (`es:`).

Each model names its translatable fields once, in a `TRANSLATED` class attribute (and `SHOWN_BESIDE` for text that
must stay verbatim, a quote's words, whose translation is shown next to it, marked as one). From that,
`with_translations` gives the model an `es` field whose group of fields mirrors the translatable ones (lists of
groups, like a program's periods, aligned item by item), typed and checked like the English.

A translation records which English it translates: `english_version`, a fingerprint of the English text of the
translatable fields. When the English changes, the fingerprint no longer matches and the translation is shown as
older than the English until a translator updates it (`./site.sh translated FILE` writes the current fingerprint
after checking the Spanish against the English)."""

from __future__ import annotations

import functools
import hashlib
import json
import typing
from types import MappingProxyType
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

LANGUAGES = ("es",)  # the languages records are translated into; English is the original
LANGUAGE_NAMES = {"en": "English", "es": "Spanish"}
VERSION_FIELD = "english_version"
VERSION_PATTERN = r"^[0-9a-f]{12}$"

Status = Literal["translated", "outdated", "partial", "missing", "nothing"]


class _TranslationBase(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# What a model translates depends on its class alone; asked for every record of every page, so it is kept per class.
@functools.cache
def translated_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The model's translatable field names, in the model's field order (TRANSLATED of every class in its MRO)."""
    names: set[str] = set()
    for cls in model.__mro__:
        names.update(cls.__dict__.get("TRANSLATED", ()))
        names.update(cls.__dict__.get("SHOWN_BESIDE", ()))
    return tuple(name for name in model.model_fields if name in names)


@functools.cache
def shown_beside(model: type[BaseModel]) -> tuple[str, ...]:
    names: set[str] = set()
    for cls in model.__mro__:
        names.update(cls.__dict__.get("SHOWN_BESIDE", ()))
    return tuple(name for name in model.model_fields if name in names)


def _group(annotation: Any) -> tuple[type[BaseModel] | None, bool]:
    """(the group of fields inside list[...] / Optional[...], whether it is a list)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, False
    origin = typing.get_origin(annotation)
    for arg in typing.get_args(annotation):
        found, many = _group(arg)
        if found is not None:
            return found, many or origin is list
    return None, False


@functools.cache
def grouped_fields(model: type[BaseModel]) -> MappingProxyType[str, tuple[type[BaseModel], bool]]:
    """Fields holding groups of fields that have translatable text themselves: name -> (group model, is a list)."""
    found = {}
    for name, field in model.model_fields.items():
        group, many = _group(field.annotation)
        if group is not None and translated_fields(group):
            found[name] = (group, many)
    return MappingProxyType(found)


def _optional(annotation: Any) -> Any:
    args = typing.get_args(annotation)
    if type(None) in args:
        return annotation
    return annotation | None


_translation_models: dict[tuple[type[BaseModel], str], type[BaseModel]] = {}


def translation_model(model: type[BaseModel], language: str = "es", top: bool = True) -> type[BaseModel]:
    """The group of fields a record's `es:` holds: every translatable field, optional, with the English field's type
    and checks; groups of fields with text of their own; and, at the top, the English version it translates."""
    key = (model, language)
    if key in _translation_models and top:
        return _translation_models[key]
    name = LANGUAGE_NAMES[language]
    fields: dict[str, Any] = {}
    for field_name in translated_fields(model):
        field = model.model_fields[field_name]
        what = (f"A translation into {name} of: {field.description} (shown beside the original, marked as a "
                "translation)") if field_name in shown_beside(model) else f"In {name}: {field.description}"
        # pydantic keeps an Annotated field's checks (not blank, safe Markdown, lengths) apart from its type: put
        # them back, so the Spanish is checked like the English.
        checked = typing.Annotated[(field.annotation, *field.metadata)] if field.metadata else field.annotation
        fields[field_name] = (_optional(checked), Field(None, description=what))
    for field_name, (group, many) in grouped_fields(model).items():
        inner = translation_model(group, language, top=False)
        if many:
            fields[field_name] = (list[inner], Field(default_factory=list, description=(
                f"{name} text of each item of {field_name}, in the same order as the English list (one entry per "
                "item; {} for an item with nothing to translate).")))
        else:
            fields[field_name] = (inner | None, Field(None, description=f"{name} text of {field_name}."))
    if top:
        fields[VERSION_FIELD] = (str | None, Field(None, pattern=VERSION_PATTERN, description=(
            "The fingerprint of the English text this translates (`./site.sh translated FILE` writes it once the "
            f"{name} matches the English); when the English changes, the page says the translation is older.")))
    built = create_model(f"{model.__name__}{name}", __base__=_TranslationBase, **fields)
    if top:
        _translation_models[key] = built
    return built


def with_translations(model: type[BaseModel]) -> type[BaseModel]:
    """The record model with an optional field per translation language (`es:`)."""
    fields = {language: (translation_model(model, language) | None, Field(None, description=(
        f"The record's text in {LANGUAGE_NAMES[language]}: the translatable fields, under the same names.")))
        for language in LANGUAGES}
    built = create_model(model.__name__, __base__=model, __module__=model.__module__, **fields)
    built.__doc__ = model.__doc__
    return built


# --- What a translation covers and whether it is current ---------------------------------------------------------

def english_text(record: BaseModel) -> dict:
    """The English text of the record's translatable fields (and of its groups of fields), as plain data."""
    model = type(record)
    text: dict[str, Any] = {}
    for name in translated_fields(model):
        value = getattr(record, name)
        if value is not None:
            text[name] = value
    for name, (_group_model, many) in grouped_fields(model).items():
        value = getattr(record, name)
        if many:
            items = [english_text(item) for item in value]
            if any(items):
                text[name] = items
        elif value is not None and (inner := english_text(value)):
            text[name] = inner
    return text


def english_version(record: BaseModel) -> str:
    """The fingerprint a translation of this record's current English records in `english_version`."""
    payload = json.dumps(english_text(record), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode()).hexdigest()[:12]


def translation_of(record: BaseModel, language: str = "es") -> BaseModel | None:
    return getattr(record, language, None)


def _missing(english: Any, translated: Any, loc: tuple = ()) -> list[tuple]:
    """Where the English has text that the translation lacks."""
    if isinstance(english, dict):
        found = []
        for key, value in english.items():
            other = translated.get(key) if isinstance(translated, dict) else None
            found += _missing(value, other, loc + (key,))
        return found
    if isinstance(english, list) and english and isinstance(english[0], dict):
        others = translated if isinstance(translated, list) else []
        found = []
        for index, item in enumerate(english):
            found += _missing(item, others[index] if index < len(others) else None, loc + (index,))
        return found
    return [] if translated not in (None, "", []) else [loc]


def status(record: BaseModel, language: str = "es") -> Status:
    """translated (every text field, for the current English), outdated (the English changed since), partial (some
    fields lack a translation), missing (none), or nothing (the record has no text to translate)."""
    english = english_text(record)
    if not english:
        return "nothing"
    translation = translation_of(record, language)
    if translation is None:
        return "missing"
    done = translation.model_dump(exclude={VERSION_FIELD}, exclude_none=True)
    if not any(value not in ({}, []) for value in done.values()):
        return "missing"
    if _missing(english, done):
        return "partial"
    if translation.english_version != english_version(record):
        return "outdated"
    return "translated"


def untranslated_fields(record: BaseModel, language: str = "es") -> list[str]:
    """The dotted names of the fields whose text has no translation ('summary', 'periods.1.note')."""
    translation = translation_of(record, language)
    done = translation.model_dump(exclude={VERSION_FIELD}, exclude_none=True) if translation is not None else {}
    return [".".join(str(part) for part in loc) for loc in _missing(english_text(record), done)]


_in_language: dict[tuple[int, str], tuple[BaseModel, BaseModel]] = {}  # (id(record), language) -> (it, translated)
MAX_REMEMBERED_TRANSLATIONS = 100_000


def in_language(record: BaseModel, language: str = "es") -> BaseModel:
    """The record with its translatable fields in `language` where translated (the English where not). Text shown
    beside the original (a quote's words) stays as it is: templates read its translation with translation_of.
    Made once per record object (a validated record is read-only; `serve` validates again after each edit and gets
    the same objects for the files that did not change), so the translated records are the same objects too."""
    known = _in_language.get((id(record), language))
    if known is not None and known[0] is record:
        return known[1]
    translation = translation_of(record, language)
    translated = record if translation is None else _replaced(record, translation)
    if len(_in_language) >= MAX_REMEMBERED_TRANSLATIONS:
        _in_language.clear()
    _in_language[(id(record), language)] = (record, translated)
    return translated


def _replaced(item: BaseModel, translation: BaseModel) -> BaseModel:
    model = type(item)
    beside = set(shown_beside(model))
    update: dict[str, Any] = {}
    for name in translated_fields(model):
        value = getattr(translation, name, None)
        if name not in beside and value is not None and getattr(item, name) is not None:
            update[name] = value
    for name, (_group_model, many) in grouped_fields(model).items():
        value, other = getattr(item, name), getattr(translation, name, None)
        if many and other:
            update[name] = [_replaced(a, other[index]) if index < len(other) else a for index, a in enumerate(value)]
        elif not many and value is not None and other is not None:
            update[name] = _replaced(value, other)
    return item.model_copy(update=update) if update else item
