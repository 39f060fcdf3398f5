"""The collections, each declared once. Everything that needs to know which collections exist asks here: validation,
the Dataset, the pages and their listings, downloads, JSON Schema export, record templates, `new`, the formatter,
the navigation's exclusions, the editor's schema mapping, search weights and what briefings may cite.

Adding a collection is its schema model (schema.py), one `Collection` entry below (with an example record, in
examples.py), its page template in scripts/site/templates/, and its records. Nothing else lists collections.

Where a collection's records come from is its `source`: `YAML_FILES`, one hand-written file per record in
data/<collection>/, or `DerivedTables`, records derived from the committed tables in data/datasets/ (agencies,
counties, states: scripts/records/places.py). A derived collection has `hand_written = False`: it is left out of
everything that deals with files people write (validation of data/<collection>/, the formatter, `new`, record
templates, the editor mapping, "What changed") and keeps everything that deals with pages (pages, listing,
downloads, schema, search)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .examples import EXAMPLES
from .place_schema import Agency, County, State
from .schema import (
    Case,
    Document,
    Event,
    Jurisdiction,
    Law,
    Organization,
    Person,
    Program,
    Quote,
    Record,
    Series,
    Source,
    Statistic,
    Term,
)


@dataclass(frozen=True)
class YamlFiles:
    """Records written by hand, one YAML file per record: data/<collection>/<id>.yaml."""
    hand_written: bool = True


YAML_FILES = YamlFiles()


@dataclass(frozen=True)
class DerivedTables:
    """Records derived from tables in data/datasets/ by `derive(data_dir, shown_root)`, which returns every
    collection's derived records and the problems found (scripts.records.places.derive_places)."""
    derive: Callable[[Path, Path], Any]
    hand_written: bool = False


def _derive_places(data_dir: Path, shown_root: Path):
    from .places import derive_places  # pandas only for a build that reads the tables

    return derive_places(data_dir, shown_root)


PLACE_TABLES = DerivedTables(_derive_places)


@dataclass(frozen=True)
class Collection:
    """One kind of record and everything the site and the tools do with it."""
    name: str  # plural: the folder under data/, the URL segment (<name>/<id>/) and the download file name
    singular: str  # "case": a record's kind in messages, citations, `./site.sh new case` and the page template name
    model: type[Record]  # the pydantic schema each record must satisfy
    title: str  # the listing page's title (<name>/) and the name of the collection in headings
    description: str  # one sentence under the listing's title
    example: Mapping[str, Any]  # one complete, invented record: the commented template and `new` are built from it ({} when derived)
    listing: str = "records"  # how the listing page lays out its records: templates/listings/<listing>.html.j2
    in_nav: bool = True  # the listing page is in the site's navigation (record pages never are)
    # Search counts the title of this kind's pages this many times (a title_xN field weighed in docs/assets/search.js):
    # a search for a case's name should find the case before the events and sources that mention it (None: once).
    search_boost: float | None = None
    briefing_intro: bool = True  # a briefing's intro_records may name its records (their sources are cited)
    source: YamlFiles | DerivedTables = YAML_FILES  # where its records come from
    templates: Path | None = None  # a folder with its page template, when not in scripts/site/templates/
    page_rank: int = 100  # where its listing comes among the site's (home page, sources' "cited by"); lower first

    @property
    def page_template(self) -> str:
        return f"{self.singular}.html.j2"

    @property
    def listing_template(self) -> str:
        return f"listings/{self.listing}.html.j2"


@dataclass
class Registry:
    """The collections in their order (which is the order of the downloads, the data-model page and the schema's
    reference lists). Read it through the methods; tests add a collection with `added`."""
    _entries: dict[str, Collection] = field(default_factory=dict)

    def add(self, collection: Collection) -> None:
        if collection.name in self._entries:
            raise ValueError(f"collection {collection.name!r} is declared twice")
        self._entries[collection.name] = collection

    @contextlib.contextmanager
    def added(self, collection: Collection) -> Iterator[Collection]:
        """The registry with one more collection, for the length of a `with` block."""
        self.add(collection)
        try:
            yield collection
        finally:
            del self._entries[collection.name]

    def __iter__(self) -> Iterator[Collection]:
        return iter(list(self._entries.values()))

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def __getitem__(self, name: str) -> Collection:
        return self._entries[name]

    def names(self) -> list[str]:
        return list(self._entries)

    def hand_written(self) -> list[Collection]:
        """The collections whose records are files people write (validated, formatted, scaffolded)."""
        return [c for c in self if c.source.hand_written]

    def derived(self) -> list[Collection]:
        """The collections whose records are derived from tables (never written by hand)."""
        return [c for c in self if not c.source.hand_written]

    def in_page_order(self) -> list[Collection]:
        """The order readers see (home page, listings); the registry's own order is that of downloads and schema."""
        return sorted(self, key=lambda c: c.page_rank)

    def models(self) -> dict[str, type[Record]]:
        return {c.name: c.model for c in self}

    def singular(self, name: str) -> str:
        return self._entries[name].singular

    def by_type(self) -> dict[str, str]:
        """`./site.sh new` accepts a collection's singular or its name: both -> the name."""
        return {**{c.singular: c.name for c in self}, **{c.name: c.name for c in self}}


REGISTRY = Registry()
for _entry in [
    Collection("events", "event", Event, "Timeline", "Every dated event in the record, oldest first, with its sources.",
               EXAMPLES["events"], page_rank=1, listing="events"),
    Collection("programs", "program", Program, "Programs",
               "The federal programs and mechanisms that route people from local jails to ICE.", EXAMPLES["programs"], page_rank=2,
               listing="programs", search_boost=4),
    Collection("cases", "case", Case, "Court cases", "Lawsuits that tested detainers and the programs built on them.",
               EXAMPLES["cases"], page_rank=3, listing="cases", search_boost=4),
    Collection("statistics", "statistic", Statistic, "Statistics",
               "Figures with exactly what they count, the period they cover and their source.",
               EXAMPLES["statistics"], page_rank=4, listing="statistics", search_boost=2),
    Collection("series", "series", Series, "Data series", "Groups of figures over time, as plotted in the charts.",
               EXAMPLES["series"], page_rank=5),
    Collection("sources", "source", Source, "Sources", "Every publication, document and page the records cite.",
               EXAMPLES["sources"], page_rank=11, listing="sources", briefing_intro=False),
    Collection("documents", "document", Document, "Documents", "Memos, letters, forms and executive orders.",
               EXAMPLES["documents"], page_rank=6, search_boost=2),
    Collection("organizations", "organization", Organization, "Organizations",
               "Agencies, organizations, courts and firms named in the records.", EXAMPLES["organizations"], page_rank=9),
    Collection("people", "person", Person, "People", "People named in the records and their roles.",
               EXAMPLES["people"], page_rank=10),
    Collection("quotes", "quote", Quote, "Quotes", "Short verbatim quotations, attributed and sourced.",
               EXAMPLES["quotes"], page_rank=7, listing="quotes"),
    Collection("terms", "term", Term, "Glossary",
               "The field's terms in English and Spanish, as the site's translations write them.", EXAMPLES["terms"],
               page_rank=15, listing="terms"),
    Collection("jurisdictions", "jurisdiction", Jurisdiction, "Jurisdictions",
               "States, counties and cities and their detainer policies.", EXAMPLES["jurisdictions"], page_rank=8),
    Collection("laws", "law", Law, "State laws",
               "State laws, executive directives and court orders that require or limit 287(g) agreements, detainer "
               "holds or other cooperation with ICE, since 2013, by state.", EXAMPLES["laws"], page_rank=7,
               listing="laws", search_boost=4),
    Collection("states", "state", State, "Places: states and counties",
               "Every state and territory and its counties, with the agencies on ICE's 287(g) lists since 2021.",
               {}, page_rank=12, listing="states", source=PLACE_TABLES, search_boost=4, briefing_intro=False),
    Collection("counties", "county", County, "Counties",
               "Every county or county equivalent, by state, and whether an agency in it is on ICE's 287(g) list.",
               {}, page_rank=13, listing="by_state", in_nav=False, source=PLACE_TABLES, search_boost=4,
               briefing_intro=False),
    Collection("agencies", "agency", Agency, "287(g) agencies",
               "Every agency on one of ICE's 287(g) lists since January 2021, by state.",
               {}, page_rank=14, listing="by_state", in_nav=False, source=PLACE_TABLES, search_boost=4,
               briefing_intro=False),
]:
    REGISTRY.add(_entry)
