"""What a page reads of the data while it renders, recorded, so that after an edit (`serve`) exactly the pages whose
inputs changed are rendered again (Renderer.kept_or_rendered; changed_inputs.py tells which inputs changed).

A page renders inside `recording()`. Templates and views reach the data only through the objects made here (the
Renderer hands them out: `data`, `places`, `laws`, `federal`, `charts`, `last_changed`, and the globals computed from
the data), and each read notes a key:

    ("record", id)              the record as this language's pages show it (None when there is none)
    ("name", id)                what it is called (urls.display_name)
    ("id", id)                  which collection has it, if any
    ("path", id)                its data file
    ("dated", id)               when it last changed (history)
    ("backlinks", id)           which records name it
    ("collection", name)        which records a collection has, in order
    ("ids",) ("redirects",)     every id; the renamed ids
    ("reviewed",) ("latest",)   the latest last_reviewed of any record; the latest change in the history
    ("chart", id)               a chart's spec
    ("view", view, name, args)  a view's answer (places_view, laws_view, sanctuary_lists_view): args and answer with
                                each record in them written as its id (freeze), the records' content read apart
    ("global", name)            a value the Renderer computed from the data before any page (newest_event, ...)
    ("tables",)                 the ingested tables (data/datasets/), as a whole: what a page reads of them other
                                than through records, views or charts (an agency's 287(g) story, a law's changes)

Outside recording() nothing is noted: what is computed before a page and handed to it must be handed as an argument,
which Renderer.kept_or_rendered compares by value."""

from __future__ import annotations

import inspect
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar

from jinja2.runtime import Context

from ..records.schema import Record

_open: ContextVar[tuple[set, ...]] = ContextVar("pages_reading", default=())


@contextmanager
def recording() -> Iterator[set]:
    """The keys read until the block ends (a recording inside another one adds to both)."""
    keys: set = set()
    token = _open.set((*_open.get(), keys))
    try:
        yield keys
    finally:
        _open.reset(token)


def read(key: tuple) -> None:
    for keys in _open.get():
        keys.add(key)


def noted(value):
    """value, after noting ("record", id) for every record in it (in lists, tuples and dicts): whoever gets it reads
    those records' fields."""
    if isinstance(value, Record):
        read(("record", value.id))
    elif isinstance(value, (list, tuple)):
        for item in value:
            noted(item)
    elif isinstance(value, dict):
        for item in value.values():
            noted(item)
    return value


_RECORD = "\0record"


def freeze(value):
    """A comparable, hashable form of a view's arguments or answer: each record as its id."""
    if isinstance(value, Record):
        return (_RECORD, value.id)
    if isinstance(value, (list, tuple)):
        return tuple(freeze(item) for item in value)
    if isinstance(value, dict):
        return (dict, tuple((key, freeze(item)) for key, item in value.items()))
    if isinstance(value, (set, frozenset)):
        return frozenset(freeze(item) for item in value)
    return value


def thaw(frozen, dataset):
    """freeze's arguments back, with each record taken from `dataset` (KeyError when it has none by that id)."""
    if isinstance(frozen, tuple):
        if len(frozen) == 2 and frozen[0] == _RECORD:
            return dataset.get(frozen[1])
        if len(frozen) == 2 and frozen[0] is dict:
            return {key: thaw(item, dataset) for key, item in frozen[1]}
        return [thaw(item, dataset) for item in frozen]
    return frozen


class TrackedDataset:
    """A Dataset (records.model) that notes what is read of it; the same questions, the same answers."""

    def __init__(self, dataset):
        self.raw = dataset
        self.language = dataset.language
        self.collections = _Collections(dataset.collections)
        self.collection_of = _Keyed(dataset.collection_of, "id")
        self.paths = _Keyed(dataset.paths, "path")
        self.backlinks = _Keyed(dataset.backlinks, "backlinks")
        self.english = TrackedDataset(dataset.english) if dataset.english is not None else None

    @property
    def redirects(self) -> dict[str, str]:
        read(("redirects",))
        return self.raw.redirects

    def get(self, record_id: str):
        read(("record", record_id))
        return self.raw.get(record_id)

    def original(self, record_id: str):
        read(("record", record_id))  # in another language the key covers the English and its translation
        return self.raw.original(record_id)

    def sorted(self, collection: str) -> list:
        read(("collection", collection))
        return noted(self.raw.sorted(collection))

    def referring(self, record_id: str, collection: str, via: str | None = None) -> list:
        read(("backlinks", record_id))
        return noted(self.raw.referring(record_id, collection, via))

    def count(self) -> int:
        read(("ids",))
        return self.raw.count()

    def last_reviewed(self) -> str:
        read(("reviewed",))
        return self.raw.last_reviewed()

    def in_language(self, language: str):
        return self.raw.in_language(language)


class _Keyed(Mapping):
    """A mapping by record id whose every entry read notes (kind, id); going through all of it notes ("ids",)."""

    def __init__(self, mapping: Mapping, kind: str):
        self._mapping, self._kind = mapping, kind

    def __getitem__(self, key):
        read((self._kind, key))
        return self._mapping[key]

    def __contains__(self, key) -> bool:
        read((self._kind, key))
        return key in self._mapping

    def __iter__(self):
        read(("ids",))
        if self._kind != "id":
            read(("all", self._kind))
        return iter(self._mapping)

    def __len__(self) -> int:
        read(("ids",))
        return len(self._mapping)


class _Collection(Mapping):
    def __init__(self, name: str, records: Mapping):
        self._name, self._records = name, records

    def __getitem__(self, record_id):
        read(("record", record_id))
        return self._records[record_id]

    def __contains__(self, record_id) -> bool:
        read(("record", record_id))
        return record_id in self._records

    def __iter__(self):
        read(("collection", self._name))
        return iter(self._records)

    def __len__(self) -> int:
        read(("collection", self._name))
        return len(self._records)


class _Collections(Mapping):
    """Collection name -> its records (the registry's collections: the same names in every dataset)."""

    def __init__(self, collections: Mapping):
        self._collections = {name: _Collection(name, records) for name, records in collections.items()}

    def __getitem__(self, name):
        return self._collections[name]

    def __iter__(self):
        return iter(self._collections)

    def __len__(self) -> int:
        return len(self._collections)


class TrackedCharts(Mapping):
    """The chart specs by id: reading one notes ("chart", id), going through them all notes every id."""

    def __init__(self, charts: Mapping):
        self._charts = charts

    def __getitem__(self, chart_id):
        read(("chart", chart_id))
        return self._charts[chart_id]

    def __contains__(self, chart_id) -> bool:
        read(("chart", chart_id))
        return chart_id in self._charts

    def __iter__(self):
        read(("charts",))
        return iter(self._charts)

    def __len__(self) -> int:
        read(("charts",))
        return len(self._charts)


class TrackedView:
    """A view (an index built once from the records, e.g. places_view.PlaceIndex) whose every answer is noted as
    ("view", view, name, frozen args), and the records in it as read. Static methods read nothing of the view: they
    are handed out as they are."""

    def __init__(self, name: str, view):
        self._name, self._view = name, view

    def __getattr__(self, attribute: str):
        if attribute.startswith("_"):
            raise AttributeError(attribute)
        value = getattr(self._view, attribute)
        if isinstance(inspect.getattr_static(type(self._view), attribute, None), staticmethod):
            return value
        if not callable(value):
            read(("view", self._name, attribute, None))
            return noted(value)

        def answer(*args):
            read(("view", self._name, attribute, freeze(args)))
            return noted(value(*args))

        return answer


def view_answer(view, attribute: str, frozen_args, dataset):
    """What `view` answers to a key's question now (frozen), for changed_inputs.py."""
    value = getattr(view, attribute)
    if frozen_args is None:
        return freeze(value)
    return freeze(value(*thaw(frozen_args, dataset)))


class TrackedContext(Context):
    """Jinja's context, noting ("global", name) when a template reads one of the environment's `data_globals`
    (values the Renderer computed from the records before any page), and the records in it."""

    def resolve_or_missing(self, key: str):
        value = super().resolve_or_missing(key)
        if key in getattr(self.environment, "data_globals", ()) and key not in self.vars:
            read(("global", key))
            noted(value)
        return value
