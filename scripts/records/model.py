"""The validated data as one object: records by collection, plus the links between them in both directions."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from . import dates
from .loader import LoadedFile
from .registry import REGISTRY
from .schema import Record, references
from .translations import in_language


@dataclass
class RecordFile:
    collection: str
    record: Record
    loaded: LoadedFile

    @property
    def label(self) -> str:
        return f"{REGISTRY.singular(self.collection)} {self.record.id}"


@dataclass
class Dataset:
    """Every validated record, by collection (in registry order) and by id, with the data file each came from and
    who names whom (backlinks), plus the renamed ids. Made by records.validate.validate; read by the whole site
    (render, downloads, charts, briefings, feed). Treat it as read-only."""
    collections: dict[str, dict[str, Record]]
    paths: dict[str, str]  # record id -> data file path
    collection_of: dict[str, str]  # record id -> collection
    # target id -> sorted [(collection, record id, field)] of the records that name it
    backlinks: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)
    redirects: dict[str, str] = field(default_factory=dict)  # old id -> current id (data/redirects.yaml)
    english: Dataset | None = None  # for a dataset in another language (in_language): the original records
    language: str = "en"  # the language of the records' text

    @classmethod
    def from_files(cls, files: list[RecordFile]) -> Dataset:
        collections: dict[str, dict[str, Record]] = {name: {} for name in REGISTRY.names()}
        paths, collection_of = {}, {}
        backlinks: dict[str, set] = defaultdict(set)
        for item in sorted(files, key=lambda f: (f.collection, f.record.id)):
            collections[item.collection][item.record.id] = item.record
            paths[item.record.id] = item.loaded.path
            collection_of[item.record.id] = item.collection
            for loc, _targets, target in references(item.record):
                backlinks[target].add((item.collection, item.record.id, str(loc[0])))
        return cls(collections, paths, collection_of, {k: sorted(v) for k, v in backlinks.items()})

    def in_language(self, language: str) -> Dataset:
        """The same records with their text in `language` where it is translated, the English where it is not (the
        original records stay reachable as .english, for what a translation covers and whether it is current)."""
        collections = {name: {record_id: in_language(record, language) for record_id, record in records.items()}
                       for name, records in self.collections.items()}
        return Dataset(collections, self.paths, self.collection_of, self.backlinks, self.redirects, english=self,
                       language=language)

    def original(self, record_id: str) -> Record:
        """The record as written in English (the same as get for an English dataset)."""
        return (self.english or self).get(record_id)

    def get(self, record_id: str) -> Record:
        return self.collections[self.collection_of[record_id]][record_id]

    def count(self) -> int:
        return sum(len(records) for records in self.collections.values())

    def referring(self, record_id: str, collection: str, via: str | None = None) -> list[Record]:
        """Records of `collection` that name `record_id` (optionally only through field `via`)."""
        found = [self.collections[c][i] for c, i, f in self.backlinks.get(record_id, [])
                 if c == collection and (via is None or f == via)]
        unique = {r.id: r for r in found}
        return sorted(unique.values(), key=sort_key)

    def sorted(self, collection: str) -> list[Record]:
        """The collection's records in sort_key order. Sorted once for the same record objects: `serve` validates
        again after each edit and gets the very same objects for every file that did not change."""
        records = tuple(self.collections[collection].values())
        known = _sorted.get((collection, self.language))  # each language's apart: translated titles sort otherwise
        if known is None or len(known[0]) != len(records) or any(a is not b for a, b in zip(known[0], records)):
            known = _sorted[(collection, self.language)] = (records, sorted(records, key=sort_key))
        return list(known[1])

    def last_reviewed(self) -> str:
        """The latest last_reviewed of any record (every page but a record's cites it: asked once per page)."""
        known = self.__dict__.get("_last_reviewed")
        if known is None:
            known = self.__dict__["_last_reviewed"] = max(
                (r.last_reviewed for c in self.collections.values() for r in c.values()), default="")
        return known


# (collection, language) -> (its records, sorted)
_sorted: dict[tuple[str, str], tuple[tuple[Record, ...], list[Record]]] = {}


def sort_key(record: Record):
    """Chronological for dated records (earliest first), then by id; undated records by name/title."""
    for attribute in ("date", "decided", "filed"):
        value = getattr(record, attribute, None)
        if value:
            return (0, dates.earliest(value).isoformat(), dates.precision(value) != "day", record.id)
    period = getattr(record, "period", None)
    if period is not None:
        return (0, dates.earliest(period.start).isoformat(), False, record.id)
    name = getattr(record, "name", None) or getattr(record, "title", None) or record.id
    return (1, name.lower(), False, record.id)
