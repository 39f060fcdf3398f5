"""Which of the inputs pages read (reads.py's keys) differ between two generations' renderers of one language: the
pages that read one of them are rendered again, the others kept (Renderer.kept_or_rendered).

A record whose file did not change is the very same object in the next generation (validate keeps it), so records
are compared only where the English original is another object. In English a record's translation (its es: block) is
not part of what the pages show: an edit to it alone changes only the other languages' keys."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..records.translations import LANGUAGES as TRANSLATED_INTO
from .reads import freeze, view_answer
from .urls import display_name, name_language

if TYPE_CHECKING:
    from .render import Renderer


def changed_keys(keys: set[tuple], old: Renderer, new: Renderer) -> set[tuple]:
    before, after = old.dataset.raw, new.dataset.raw
    first, then = before.english or before, after.english or after
    moved = {record_id for record_id in first.collection_of.keys() | then.collection_of.keys()
             if _original(first, record_id) is not _original(then, record_id)}
    english = new.language.code == "en"

    def record(record_id: str):
        return (_record(first, record_id, english) != _record(then, record_id, english)) if record_id in moved else False

    def name(record_id: str) -> bool:
        if record_id not in moved and not any(_speaker(data, record_id) in moved for data in (before, after)):
            return False
        return _name(before, record_id) != _name(after, record_id)

    def view(name_: str, attribute: str, args) -> bool:
        try:
            return (view_answer(old.views[name_], attribute, args, before)
                    != view_answer(new.views[name_], attribute, args, after))
        except (KeyError, LookupError):
            return True

    check = {
        "record": record,
        "name": name,
        "id": lambda record_id: before.collection_of.get(record_id) != after.collection_of.get(record_id),
        "path": lambda record_id: before.paths.get(record_id) != after.paths.get(record_id),
        "dated": lambda record_id: old.history.last_changed.get(record_id) != new.history.last_changed.get(record_id),
        "backlinks": lambda record_id: before.backlinks.get(record_id) != after.backlinks.get(record_id),
        "collection": lambda collection: list(before.collections[collection]) != list(after.collections[collection]),
        "ids": lambda: before.collection_of != after.collection_of,
        "all": lambda kind: (before.paths != after.paths if kind == "path" else before.backlinks != after.backlinks),
        "redirects": lambda: before.redirects != after.redirects,
        "reviewed": lambda: before.last_reviewed() != after.last_reviewed(),
        "latest": lambda: old.history.latest() != new.history.latest(),
        "chart": lambda chart_id: old.charts.get(chart_id) != new.charts.get(chart_id),
        "charts": lambda: old.charts != new.charts,
        "view": view,
        "global": lambda name_: freeze(old.env.globals[name_]) != freeze(new.env.globals[name_]),
        "tables": lambda: old.tables != new.tables,
    }
    # Kinds whose whole table is equal (compared at C speed) have no key that changed: most keys are never looked at.
    same = {kind for kind, equal in (
        ("id", lambda: before.collection_of == after.collection_of), ("path", lambda: before.paths == after.paths),
        ("dated", lambda: old.history.last_changed == new.history.last_changed),
        ("backlinks", lambda: before.backlinks == after.backlinks),
        ("record", lambda: not moved), ("name", lambda: not moved)) if equal()}
    views = {key for key in keys if key[0] == "view"}
    built_from = set().union(*old.view_inputs.values(), *new.view_inputs.values())
    changed = {key for key in (keys - views) | built_from if key[0] not in same and check[key[0]](*key[1:])}
    stale = {name for name in new.views if not (old.view_inputs[name] | new.view_inputs[name]).isdisjoint(changed)}
    return changed | {key for key in views if key[1] in stale and view(*key[1:])}


def _original(dataset, record_id: str):
    collection = dataset.collection_of.get(record_id)
    return None if collection is None else dataset.collections[collection][record_id]


def _record(dataset, record_id: str, english: bool):
    """What a page can show of the record: in English its fields but its translations, otherwise all of them."""
    record = _original(dataset, record_id)
    if record is None or not english:
        return record
    return {name: getattr(record, name) for name in type(record).model_fields if name not in TRANSLATED_INTO}


def _speaker(dataset, record_id: str) -> str | None:
    """A quote is called by its speaker: its name changes with the speaker's."""
    if dataset.collection_of.get(record_id) != "quotes":
        return None
    return dataset.get(record_id).speaker


def _name(dataset, record_id: str) -> tuple[str, str | None] | None:
    """What a record is called and the language that is in (a title translated since is marked otherwise)."""
    try:
        return display_name(dataset, record_id), name_language(dataset, record_id)
    except KeyError:
        return None
