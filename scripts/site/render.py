"""Render the validated Dataset into MkDocs pages: {path under docs/: page text}. Plain Python, no MkDocs needed."""

from __future__ import annotations

import functools

import html
import json
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ..records import dates
from ..records.case_citations import as_courts_write_it
from .charts.spec import NARROW_MEDIA
from .charts.specs import chart_specs
from .citations import STYLE_LABELS, Citable, citable_for_page, citable_for_record, citations
from .datasets import catalog
from .downloads import render_downloads
from .freshness import REVIEW_AFTER_DAYS, data_date, newest_event, not_verified_since, review_due
from .history import History, record_history
from .feed import atom_feed
from .redirects import event_anchor_redirects, redirect_pages
from .law_changes import law_changes
from .laws_view import (ENACTMENT_HEADINGS, ENACTMENT_LINES, ENACTMENT_NOTES, KIND_LABELS, POSTURES, STATUS_LABELS,
                        TYPE_LABELS, LawIndex, enactment_of)
from .pinpoints import pinpoint_html
from .places_index import places_index
from .agency_story_287g import story_of
from .feeds_287g import BOUNDS as FEED_BOUNDS, FEED_SCOPES, change_key, feed_pages, feed_title
from .releases_287g import has_releases, pending_page, release_pages
from .places_view import PlaceIndex
from .reads import TrackedCharts, TrackedContext, TrackedDataset, TrackedView, read, recording
from .coverage_view import CoverageIndex
from .field_offices_view import OfficeIndex
from .sanctuary_lists_view import ListIndex
from .i18n import ENGLISH, Language, jinja_gettext
from .urls import (DEFAULT_SITE_URL, display_name, feed_287g_path, is_absolute_url, is_page_path, name_language,
                   record_path, relative_href, release_287g_path)
from ..records.markdown_text import render_markdown
from ..records.model import Dataset
from ..records.registry import REGISTRY
from ..records.schema import SLUG_PATTERN, json_schema_of
from ..records import translations

if TYPE_CHECKING:
    from ..records.datasets.tables import Lists287g

TEMPLATES = Path(__file__).parent / "templates"

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!>])")  # Python-Markdown's escapable characters


def escape_text(text: str) -> Markup:
    """Text for an element's content (not an attribute): only &, < and > need escaping, so quotation marks in
    BibTeX and CSL-JSON stay as they are, readable in the page source and five times shorter."""
    return Markup(html.escape(text, quote=False))


def attribute_text(text) -> Markup:
    """Text for a double-quoted attribute's value (a stacked table's data-label, an aria-label): &, <, > and "
    escaped, whatever it is. Under autoescape Jinja takes what _() gives as markup (a message may hold a link), so a
    translation or label with a " or < would otherwise end the attribute or open a tag."""
    return Markup(html.escape(str(text), quote=False).replace('"', "&quot;"))


# The h1's anchor, the target of Material's skip link: a fixed, short id (a title's slug is long, repeated three times
# in every page, and changes with the title); the underscore keeps it apart from every record id on a page.
TITLE_ANCHOR = "page_title"


def _markdown_heading(title: str, lang: str | None = None) -> str:
    """The page title as a Markdown h1 (so MkDocs' table of contents and Material's skip link have a target),
    with HTML and Markdown syntax in it escaped so it shows as text; `lang` when the title is in another language
    than the page (an untranslated record's title: attr_list writes it as the h1's lang attribute)."""
    attributes = f"#{TITLE_ANCHOR}" + (f" lang={lang}" if lang else "")
    return "# " + _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(title, quote=False)) + f" {{{attributes}}}\n\n"


def _front_matter(title: str, description: str,
                  extra: dict[str, str] | None = None, record_page: bool = False) -> str:
    # MkDocs inserts front-matter values into HTML without escaping, so escape them here. JSON strings are valid
    # YAML scalars, and much faster to write than yaml.safe_dump.
    lines = [f"description: {json.dumps(html.escape(description), ensure_ascii=False)}",
             f"title: {json.dumps(html.escape(title), ensure_ascii=False)}"]
    lines += [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in sorted((extra or {}).items())]
    if record_page:
        lines.append('template: "record.html"')  # overrides/record.html: compact navigation
    return "---\n" + "\n".join(lines) + "\n---\n\n"


@dataclass(frozen=True)
class Rendered:
    """A page as Renderer.kept_or_rendered made it: what it was asked with, what it read (reads.py), the page."""
    args: tuple
    inputs: frozenset
    content: str


class CompiledTemplates(BytecodeCache):
    """Compiled templates, kept for the life of the process. Every rebuild (mkdocs serve, the benchmark) makes a new
    Renderer; compiling the templates again took longer than rendering all the pages. Jinja checks each entry
    against its template's source, so an edited template is compiled afresh."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_COMPILED = CompiledTemplates()



def in_name_order(environment, collation_key, items, attribute: str) -> list:
    """The `in_name_order` filter: items sorted by the text at `attribute` (dotted, e.g. "0.name" for the first of a
    pair), in the alphabetical order of the page's language (Language.collation_key), not by code point."""
    def key(item):
        for part in attribute.split("."):
            item = environment.getitem(item, int(part) if part.isdigit() else part)
        return collation_key(str(item))
    return sorted(items, key=key)

class Renderer:
    """Turns a Dataset into the site's pages ({path under docs/: Markdown with one raw HTML block}): one Jinja2
    environment over scripts/site/templates/ (and any collection's own template folder), the chart specs, the
    history. generate.py makes one per data change and calls render_all; charts and briefings reuse its page()."""

    def __init__(self, dataset: Dataset, site_url: str = DEFAULT_SITE_URL, history: History | None = None,
                 ice287g: Lists287g | None = None, ice287g_explanations: dict[str, str] | None = None,
                 language: Language = ENGLISH, sanctuary_lists: list | None = None,
                 datasets_dir: Path | None = None, field_offices: list | None = None, coverage=None):
        self.language = language
        self.datasets_dir = datasets_dir  # the data folder's ingested tables (datasets/), published with the downloads
        # In another language the pages show each record's translated text where there is one (the English where not).
        dataset = dataset if language.code == "en" else dataset.in_language(language.code)
        # Pages, views and briefings read the records through it, which notes what each page reads (reads.py).
        self.dataset = TrackedDataset(dataset)
        self.site_url = site_url
        self.history = history or record_history(dataset, None)
        folders = [TEMPLATES] + [c.templates for c in REGISTRY if c.templates is not None]
        self.env = Environment(loader=FileSystemLoader(folders), autoescape=select_autoescape(default=True),
                               undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                               keep_trailing_newline=True, auto_reload=False, bytecode_cache=_COMPILED,
                               extensions=["jinja2.ext.i18n"])
        self.env.context_class = TrackedContext
        # computed from the records or the tables before any page: noted when read
        self.env.data_globals = ("newest_event", "event_redirects", "dataset_downloads")
        jinja_gettext.install(self.env, language.gettext, language.ngettext)
        self.env.filters.update(markdown=render_markdown, date=language.date, precision=dates.precision,
                                escape_text=escape_text, attribute_text=attribute_text, number=language.number,
                                percent=language.percent, as_courts_write_it=as_courts_write_it,
                                in_name_order=functools.partial(in_name_order, self.env, language.collation_key),
                                pinpoint=lambda text, source_language="en": pinpoint_html(text, language.code,
                                                                                          source_language))
        self.env.tests["web_address"] = lambda value: isinstance(value, str) and is_absolute_url(value)
        self.ice287g = ice287g  # ICE's 287(g) lists (records.datasets.tables.load_287g), if the data has them
        self.ice287g_explanations = ice287g_explanations or {}  # reconciliation.yaml: why hand-typed figures differ
        self.feeds_287g = has_releases(ice287g)  # the Atom feeds of 287(g) changes exist (feeds_287g.py)
        self._computed_law_changes: dict = {}
        self.federal = ListIndex(sanctuary_lists or [])  # the federal "sanctuary" lists (sanctuary_lists_view.py)
        # Indexes built once from the records: pages ask them through TrackedView, which notes each answer; what
        # each read to be built is recorded too (changed_inputs.py asks a view again only when that changed).
        # The lists' entries are matched to the tables and to the city jurisdiction records (make_renderers)
        jurisdictions = dataset.collections.get("jurisdictions", {})
        self.offices = OfficeIndex(field_offices or [])  # ICE's field offices (field_offices_view.py)
        self.coverage = CoverageIndex(coverage)  # who is covered by 287(g): the FBI's staffing table (coverage_view.py)
        self.views = {"federal": self.federal, "offices": self.offices, "coverage": self.coverage}
        self.view_inputs = {"federal": frozenset({("tables",), ("collection", "jurisdictions"),
                                                  *(("record", i) for i in jurisdictions)}),
                            "offices": frozenset({("tables",)}), "coverage": frozenset({("tables",)})}  # the tables alone
        for name, view in (("places", PlaceIndex), ("laws", LawIndex)):
            with recording() as inputs:
                self.views[name] = view(self.dataset)
            self.view_inputs[name] = frozenset(inputs)
        self.charts = chart_specs(dataset, ice287g, language)  # described here so pages can embed them; drawn by scripts.site.charts.files
        if language.prefix:
            self.charts = {key: replace(spec, folder=language.path(spec.folder), page=language.path(spec.page))
                           for key, spec in self.charts.items()}
        self.env.globals.update(last_changed=self._last_changed,
                                event_redirects=event_anchor_redirects(dataset), period=language.period,
                                program_period=language.program_period,
                                singular={c.name: language.gettext(c.singular) for c in REGISTRY}, data=self.dataset,
                                kind_class={c.name: c.singular for c in REGISTRY},  # CSS classes stay English
                                language=language, translation=self._translation, name_lang=self.name_lang,
                                search_weight={c.name: c.search_boost for c in REGISTRY if c.search_boost},
                                charts=TrackedCharts(self.charts), narrow_media=NARROW_MEDIA,
                                collection_pages={c.name: (language.gettext(c.title), language.gettext(c.description))
                                                  for c in REGISTRY.in_page_order()},
                                newest_event=newest_event(dataset), change_key=change_key,
                                feed_bounds=FEED_BOUNDS,
                                agency_story=self._agency_story,
                                **{name: TrackedView(name, view) for name, view in self.views.items()},
                                law_kinds=KIND_LABELS, law_statuses=STATUS_LABELS,
                                law_types=TYPE_LABELS, postures=POSTURES, law_enactment=enactment_of,
                                enactment_headings=ENACTMENT_HEADINGS, enactment_lines=ENACTMENT_LINES,
                                enactment_notes=ENACTMENT_NOTES,
                                law_changes=self._law_changes, release_path=release_287g_path,
                                # the downloads page: each ingested dataset present and its CSVs
                                dataset_downloads=catalog.downloads(datasets_dir) if datasets_dir else [])
        self.record_pages: dict[str, str] = {}  # page path -> the record it is the page of (set by render_all)
        self.rendered: dict[str, Rendered] = {}  # page path -> how kept_or_rendered made it (or kept it)
        self.rendered_paths: list[str] = []  # the pages kept_or_rendered rendered (it kept the others)
        self.previous: Renderer | None = None  # the last generation's renderer in this language (see follow)
        self.changed: set[tuple] | None = None  # the inputs that differ from previous's (None: render everything)
        self.tables = ""  # a fingerprint of the data folder's tables (datasets/), set by generate.py
        self._within = False  # rendering inside kept_or_rendered

    def follow(self, previous: Renderer, changed: set[tuple]) -> None:
        """Render after `previous` (the same language, the last generation): a page whose arguments are equal and
        none of whose recorded inputs is in `changed` (changed_inputs.changed_keys) is kept as previous made it."""
        self.previous, self.changed = previous, changed

    def kept_or_rendered(self, path: str, args: tuple, render) -> str:
        """render() for the page at `path`, its reads recorded (reads.py); or the page the previous renderer made
        for `path` when it was asked with equal `args` and none of what it read has changed since. `args` must hold
        everything render() uses that it does not read through the recorded objects (the dataset, the views, the
        charts, the globals)."""
        kept = self.previous.rendered.get(path) if self.previous is not None else None
        if kept is not None and kept.inputs.isdisjoint(self.changed) and _equal(kept.args, args):
            self.rendered[path] = kept
            return kept.content
        within, self._within = self._within, True  # the pages it renders are part of it: not kept apart
        try:
            with recording() as inputs:
                content = render()
        finally:
            self._within = within
        self.rendered[path] = Rendered(args, frozenset(inputs), content)
        self.rendered_paths.append(path)
        return content

    @property
    def rendered_record_pages(self) -> list[str]:
        """The record pages render_all rendered (it kept the others)."""
        return [path for path in self.rendered_paths if path in self.record_pages]

    def name_of(self, record_id: str) -> str:
        read(("name", record_id))
        return display_name(self.dataset.raw, record_id)

    def name_lang(self, record_id: str) -> Markup:
        """' lang="en"' for an element showing what name_of calls a record, when that is not in the page's language
        (a title not translated yet, a quote's words, a source's title as published); nothing otherwise."""
        read(("name", record_id))  # changed_inputs compares the name's language with the name
        own = name_language(self.dataset.raw, record_id)
        return Markup(f' lang="{own}"') if own else Markup("")

    def _last_changed(self, record_id: str) -> str | None:
        read(("dated", record_id))
        return self.history.last_changed.get(record_id)

    def site_path(self, path: str) -> str:
        """Where a site path leads from this language's pages: a page in this language ('cases/' → 'es/cases/'); a
        file (a CSV, the data package) is the same for every language. Paths already in a language stay."""
        if not is_page_path(path) or (self.language.prefix and path.startswith(self.language.prefix)):
            return path
        return self.language.path(path)

    def output(self, path: str) -> str:
        """A generated page's file in this language: 'cases/x.md' → 'es/cases/x.md'."""
        return self.language.path(path)

    def _agency_story(self, agency_id: str):
        read(("tables",))
        return story_of(self.ice287g, agency_id) if self.ice287g else None

    def _law_changes(self, law):
        """The 287(g) changes in a law's state after it took effect (law_changes.py), once per law."""
        state = self.dataset.collections.get("states", {}).get(law.state.lower())
        if state is None:
            return None
        read(("tables",))
        if law.id not in self._computed_law_changes:
            self._computed_law_changes[law.id] = law_changes(law, self.ice287g, state.fips)
        return self._computed_law_changes[law.id]

    def _translation(self, record_id: str) -> dict:
        """What the page says about a record's translation: its status, what is not translated yet, and the
        translations of text shown beside the original (a quote's words)."""
        if self.language.code == "en":
            return {"status": "original", "missing": [], "beside": {}, "english": set()}
        english = self.dataset.original(record_id)
        translated = translations.translation_of(english, self.language.code)
        beside = {name: getattr(translated, name) for name in translations.shown_beside(type(english))
                  if translated is not None and getattr(translated, name, None)}
        untranslated = translations.untranslated_fields(english, self.language.code)
        return {"status": translations.status(english, self.language.code),
                "missing": [self._field_label(name) for name in untranslated], "beside": beside,
                # the fields whose text the page shows in English (marked lang="en" where they are shown)
                "english": {name.split(".")[0] for name in untranslated}}

    def _field_label(self, dotted: str) -> str:
        """A field the 'partly translated' note names, in the page's language: 'summary' → 'resumen',
        'periods.1.note' → 'nota (período 2)', 'period.note' → 'nota (período)'."""
        _ = self.language.gettext
        parts = dotted.split(".")
        if len(parts) == 1:
            return _(dotted)
        group = _(_LIST_ITEM.get(parts[0], parts[0]))
        if len(parts) == 3 and parts[1].isdigit():
            group = f"{group} {int(parts[1]) + 1}"
        return f"{_(parts[-1])} ({group})"

    def page(self, template: str, url: str, title: str, description: str, **context) -> str:
        """The page at `url` from `template`; kept as the previous renderer made it when asked with equal arguments
        and nothing it read changed since (kept_or_rendered), unless it is rendered as part of a bigger whole that
        is kept so."""
        if self._within:
            return self._page(template, url, title, description, **context)
        return self.kept_or_rendered(f"{self.site_path(url)} {template}", (title, description, sorted(context.items())),
                                     lambda: self._page(template, url, title, description, **context))

    def _page(self, template: str, url: str, title: str, description: str, **context) -> str:
        url = self.site_path(url)

        def link(target_id: str) -> str:
            collection = self.dataset.collection_of[target_id]
            return relative_href(self.site_path(record_path(collection, target_id)), url)

        def href(site_path: str) -> str:
            return relative_href(self.site_path(site_path), url)

        def feed_href(scope: str, record_id: str = "") -> str | None:
            """The 287(g) feed of the nation, a state or a county in this language, when the site has them."""
            read(("tables",))
            return relative_href(self.language.path(feed_287g_path(scope, record_id)), url) if self.feeds_287g \
                else None

        body = self.env.get_template(template).render(
            link=link, href=href, name_of=self.name_of, feed_href=feed_href, page_url=url, title=title,
            description=description, **context)
        citable = self._citable(url, title, context)
        body = body.strip() + "\n" + self.env.get_template("cite.html.j2").render(
            citable=citable, cite=citations(citable),
            labels={key: self.language.gettext(label) for key, label in STYLE_LABELS.items()},
            changed=self._page_changed(context),
            href=href)
        # The body is one raw HTML block, so MkDocs' Markdown leaves it as it is.
        meta = citation_meta(citable)
        if "record" in context:  # for the page's "Report a correction" and "Edit this record" links (feedback.py)
            meta.update(record_id=context["record"].id, record_file=context.get("data_path") or "")
            scope = FEED_SCOPES.get(context.get("collection"))
            if scope and self.feeds_287g:  # announced in the page's head (overrides/main.html)
                meta.update(feed_287g=self.language.path(feed_287g_path(scope, context["record"].id)),
                            feed_287g_title=html.escape(feed_title(self.language, display_name(
                                self.dataset, context["record"].id))))
        return (_front_matter(title, description, meta, "record" in context)
                + _markdown_heading(title, self._title_language(context))
                + body.strip() + "\n")

    def _record_page(self, entry, record_id: str) -> str:
        collection, record = entry.name, self.dataset.get(record_id)
        return self.page(entry.page_template, record_path(collection, record_id), self.name_of(record_id),
                         _summary_line(collection, record, self.language), collection=collection, record=record,
                         data_path=self.dataset.paths[record_id])

    def _title_language(self, context: dict) -> str | None:
        """The language of a record page's title when it is not the page's (urls.name_language): 'en' for an English
        title not translated yet or a quote's words, a source's language for its title as published."""
        record = context.get("record")
        if record is None or record.id not in self.dataset.collection_of:
            return None
        read(("name", record.id))
        return name_language(self.dataset.raw, record.id)

    def _page_changed(self, context: dict) -> str | None:
        """When a page other than a record's last changed (records show their own date in their footer)."""
        if "record" in context:
            return None
        collection = context.get("collection")
        if collection:
            return max((self._last_changed(i) or "" for i in self.dataset.collections[collection]), default="") or None
        read(("latest",))
        return self.history.latest() or None

    def _citable(self, url: str, title: str, context: dict) -> Citable:
        if context.get("citable") is not None:  # a page that knows how it is cited (a briefing: its own data date)
            return context["citable"]
        record = context.get("record")
        if record is not None:
            collection = context["collection"]
            return replace(citable_for_record(self.site_url, collection, record,
                                              title=title if collection == "quotes" else None,
                                              prefix=self.language.prefix, language=self.language.code),
                           title_language=self._title_language(context))
        collection = context.get("collection")
        records = self.dataset.collections.get(collection, {}) if collection else {}
        updated = max((r.last_reviewed for r in records.values()), default=None) or self.dataset.last_reviewed()
        return citable_for_page(self.site_url, url, title, updated, page_id=url.strip("/").replace("/", "-") or "home",
                                language=self.language.code)

    def _office_page(self, office) -> str:
        """A field office's page: its states and counties, and the agencies of its area on the latest 287(g) list
        (an agency without a county in a state the office shares is listed apart: it is not in one office's area)."""
        _ = self.language.gettext
        agencies = self.dataset.collections.get("agencies", {})
        counties = self.dataset.collections.get("counties", {})
        placed, statewide = [], []
        for agency in sorted(agencies.values(), key=lambda a: (a.state, a.name.lower(), a.id)):
            if not agency.on_latest_list:
                continue
            fips = counties[agency.county].fips if agency.county in counties else ""
            found = self.offices.of_agency(agency.state, fips)
            if office in found:
                (placed if len(found) == 1 else statewide).append(agency)
        return self.page("field_office.html.j2", f"field-offices/{office.id}/",
                         _("ICE %(office)s field office") % {"office": office.name},
                         _("The states and counties of ICE's %(office)s field office and their agencies on ICE's "
                           "latest 287(g) list.") % {"office": office.name},
                         office=office, placed=placed, statewide=statewide)

    def render_all(self) -> dict[str, str | bytes]:
        """Every page. A record's page, a collection's listing and the maintainers' list of sources to archive are
        kept from the previous renderer when nothing they read changed (follow, kept_or_rendered); self.record_pages
        says which page is whose. In a language other than English the pages are under its prefix (es/...) and the
        downloads are left to the English renderer: the data files are the same for every language."""
        pages: dict[str, str | bytes] = {}
        data, raw, o, _ = self.dataset, self.dataset.raw, self.output, self.language.gettext
        self.record_pages, self.rendered, self.rendered_paths = {}, {}, []
        pages[o("index.md")] = self.page("home.html.j2", "", _("Immigration detainers, 2008 to today"),
                                         _("How local police became a gateway to deportation: programs, events, "
                                           "court cases and figures, every one sourced."))
        if raw.collections.get("states"):  # the home page's place finder's index, named as this language's pages name places
            pages[o("places.json")] = places_index(raw)
        for entry in REGISTRY.in_page_order():
            collection = entry.name
            url, listing = f"{collection}/", o(f"{collection}/index.md")
            pages[listing] = self.kept_or_rendered(listing, (), lambda: self.page(
                "index.html.j2", url, _(entry.title), _(entry.description), collection=collection,
                records=data.sorted(collection), listing=entry.listing_template))
            for record in raw.sorted(collection):
                path = o(f"{collection}/{record.id}.md")
                self.record_pages[path] = record.id
                pages[path] = self.kept_or_rendered(path, (), lambda: self._record_page(entry, record.id))
        pages.update({o(path): content for path, content in redirect_pages(raw, self.language).items()})
        pages[o("changes/index.md")] = self.page(
            "changes.html.j2", "changes/", _("What changed"),
            _("Records added or changed, newest first, with an Atom feed."), history=self.history)
        files, rows = render_downloads(raw.english or raw, self.datasets_dir)  # the same files (and rows) in every language
        if self.language.code == "en":
            pages["changes/feed.xml"] = atom_feed(raw, self.history, self.site_url)
            pages.update(files)
        pages[o("downloads/index.md")] = self.page(
            "downloads.html.j2", "downloads/", _("Download the data"),
            _("Every collection as CSV and JSON, with JSON Schema and a data package description."), rows=rows)
        pages[o("maintainers/archive-todo.md")] = self.kept_or_rendered(o("maintainers/archive-todo.md"), (), lambda: (
            sources := data.sorted("sources"), self.page(
                "archive_todo.html.j2", "maintainers/archive-todo/", _("Sources without an archived copy"),
                _("A maintainers' to-do list: sources whose archived copy is not recorded yet."),
                missing=[s.id for s in sources if not s.archive_url], total=len(sources)))[1])
        pages.update(release_pages(self))
        pages.update(pending_page(self))
        pages.update(feed_pages(self))
        due = review_due(raw, self.language)
        pages[o("maintainers/review-due.md")] = self.page(
            "review_due.html.j2", "maintainers/review-due/", _("Records to review"),
            _("A maintainers' list: records that describe the present, by the date they were last checked, oldest "
              "first."), due=due, overdue=not_verified_since(due, data_date(raw)), as_of_day=data_date(raw),
            as_of=data_date(raw).isoformat(), review_after=REVIEW_AFTER_DAYS)
        for federal_list in self.federal.lists:
            pages[o(f"sanctuary-lists/{federal_list.id}.md")] = self.page(
                "sanctuary_list.html.j2", f"sanctuary-lists/{federal_list.id}/", _(federal_list.title),
                _("Every entry of a federal list of sanctuary jurisdictions, as published, and the state, county or "
                  "city each was matched to."), federal_list=federal_list)
        if self.offices.offices:
            pages[o("field-offices/index.md")] = self.page(
                "field_offices.html.j2", "field-offices/", _("ICE field offices"),
                _("ICE's field offices and the states and counties each covers (its area of responsibility), with "
                  "their agencies on ICE's latest 287(g) list."))
            for office in self.offices.offices:
                path = o(f"field-offices/{office.id}.md")
                pages[path] = self.kept_or_rendered(path, (office,), lambda: self._office_page(office))
        if self.coverage.present():
            pages[o("coverage/index.md")] = self.page(
                "coverage.html.j2", "coverage/", _("Who is covered by 287(g)"),
                _("By state: the share of law-enforcement agencies, of sworn officers and of residents served by an "
                  "agency with a current 287(g) agreement, from the FBI's staffing table."))
            pages[o("maintainers/fbi-lee-unmatched.md")] = self.page(
                "fbi_lee_unmatched.html.j2", "maintainers/fbi-lee-unmatched/",
                _("287(g) agencies not found in the FBI's staffing table"),
                _("A maintainers' list: the agencies on ICE's latest 287(g) list that no matching rule placed in the "
                  "FBI's table, so the coverage shares leave them out."))
            pages[o("maintainers/fbi-lee-counties.md")] = self.page(
                "fbi_lee_counties.html.j2", "maintainers/fbi-lee-counties/",
                _("County names in the FBI's staffing table that match no Census county"),
                _("A maintainers' list: the county names of the FBI's staffing table that are no Census county of "
                  "their state, with the table's lines and why, so those agencies count on no county's page."),
                notice=CT_PLANNING_REGIONS_NOTICE)
        if self.federal.lists:
            pages[o("maintainers/sanctuary-lists-unmatched.md")] = self.page(
                "sanctuary_lists_unmatched.html.j2", "maintainers/sanctuary-lists-unmatched/",
                _("Federal sanctuary lists: entries not matched below the state"),
                _("A maintainers' list: the entries of the federal lists that match no county or city record (only the "
                  "state they are listed in), and the list's own errors."))
        pages[o("maintainers/data-model.md")] = self.page(
            "data_model.html.j2", "maintainers/data-model/", _("Data model"),
            _("Every collection, its fields, and which are required: generated from the schema."),
            models=REGISTRY.models(), field_rows=lambda model: _field_rows(model, self.language))
        pages[o("maintainers/translations.md")] = self.page(
            "translations.html.j2", "maintainers/translations/", _("Translations"),
            _("Which records are translated into Spanish, which are not yet, and which translations are older than "
              "the English they translate."), progress=translation_progress(raw.english or raw))
        return pages


# The Census Bureau's notice making Connecticut's planning regions its county equivalents (Federal Register, 2022-12063).
CT_PLANNING_REGIONS_NOTICE = {"url": "https://www.federalregister.gov/documents/2022/06/06/2022-12063/change-to-county-"
                                     "equivalents-in-the-state-of-connecticut", "date": "2022-06-06"}


def _equal(a, b) -> bool:
    """Whether two pages' arguments are equal; arguments that cannot say (a table's `==` gives a table) are not."""
    try:
        return bool(a == b)
    except (TypeError, ValueError):
        return False


# A list of groups of fields, named by one of its items in the 'partly translated' note.
_LIST_ITEM = {"periods": "period", "policies": "policy"}


# id(record) -> (the record, its translation status), from the last call: a record whose file did not change is the
# same object in the next generation (validate keeps it), so `serve` works out the status of the edited ones only.
_statuses: dict[int, tuple[object, str | None]] = {}


def translation_progress(dataset: Dataset) -> list[dict]:
    """Per collection with text to translate: how many records are translated, outdated, partly or not translated,
    and which (for the maintainers' page)."""
    global _statuses
    before, now = _statuses, {}
    rows = []
    for entry in REGISTRY.in_page_order():
        if not entry.source.hand_written:  # derived records' Spanish comes with their tables: nothing to translate
            continue
        records = dataset.sorted(entry.name)
        by_status: dict[str, list] = {"translated": [], "outdated": [], "partial": [], "missing": []}
        for record in records:
            kept = before.get(id(record))
            found = kept[1] if kept is not None and kept[0] is record else translations.status(record)
            now[id(record)] = (record, found)
            if found in by_status:
                by_status[found].append(record.id)
        total = sum(len(ids) for ids in by_status.values())
        if total:
            rows.append({"collection": entry.name, "total": total, **by_status})
    _statuses = now
    return rows


def _summary_line(collection: str, record, language: Language = ENGLISH) -> str:
    _ = language.gettext
    kind = _(REGISTRY.singular(collection)).capitalize()
    if collection == "agencies":
        # English keeps the lists' ISO dates it has always shown; other languages write them in words.
        when = (lambda day: day) if language.code == "en" else language.date
        return _("287(g) agency, %(state)s: on ICE's lists from %(first)s to %(last)s") % {
            "state": record.state, "first": when(record.first_list), "last": when(record.last_list)}
    if collection == "counties":
        return _("County, %(state)s: the agencies on ICE's 287(g) lists") % {"state": record.state_name}
    if collection == "states":
        return _("%(state)s: its agencies and counties on ICE's 287(g) lists") % {"state": record.name}
    when = getattr(record, "date", None) or getattr(record, "decided", None)
    if when:
        return f"{kind}, {language.date(when)}"
    return kind


def _kind(prop: dict, defs: dict, language: Language = ENGLISH) -> str:
    """A maintainer-facing name for a JSON Schema property: 'date', 'list of …', 'one of: …'."""
    _ = language.gettext
    if "$ref" in prop:
        target = defs[prop["$ref"].split("/")[-1]]
        return _("group of fields: %(fields)s") % {"fields": ", ".join(target["properties"])}
    if "anyOf" in prop:
        options = [o for o in prop["anyOf"] if o.get("type") != "null"]
        if any(o.get("type") == "integer" for o in options) and any("pattern" in o for o in options):
            return _("date: YYYY-MM-DD, YYYY-MM or YYYY")
        return _(" or ").join(_kind(o, defs, language) for o in options)
    if "enum" in prop:
        return _("one of: %(values)s") % {"values": ", ".join(prop["enum"])}
    if prop.get("type") == "array":
        return _("list of %(kind)s") % {"kind": _kind(prop.get("items", {}), defs, language)}
    if prop.get("format") == "uri":
        return _("web address (http/https)")
    if prop.get("pattern") == r"^\d{4}-\d{2}-\d{2}$":
        return _("date: YYYY-MM-DD")
    if prop.get("pattern") == SLUG_PATTERN:
        return _("id: lowercase letters, digits and hyphens")
    if prop.get("x-format") == "markdown":
        return _("text (Markdown)")
    kinds = {"string": "text", "number": "number", "integer": "whole number", "boolean": "true or false"}
    return _(kinds.get(prop.get("type", ""), "value"))


def _field_rows(model, language: Language = ENGLISH) -> list[dict]:
    _ = language.gettext
    schema = json_schema_of(model)
    rows = []
    for name, field in model.model_fields.items():
        extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
        refs = extra.get("x-references")
        kind = _kind(schema["properties"][name], schema.get("$defs", {}), language)
        if refs:
            targets = _(" or ").join(_(REGISTRY.singular(r)) for r in refs)
            many = kind.startswith(_("list of %(kind)s") % {"kind": ""})
            kind = (_("list of %(kind)s ids") if many else _("%(kind)s id")) % {"kind": targets}
        rows.append({"name": name, "required": field.is_required(), "kind": kind,
                     "description": field.description or ""})
    return rows


def citation_meta(citable: Citable) -> dict[str, str]:
    """Front-matter values for the citation <meta> tags in overrides/main.html (MkDocs does not escape front matter,
    so each value is escaped for an HTML attribute)."""
    year, month, day = citable.last_updated.split("-")
    return {
        "citation_title": html.escape(citable.title),
        "citation_author": html.escape(citable.author),
        "citation_date": f"{year}/{month}/{day}",
        "citation_publisher": html.escape(citable.container),
        "citation_public_url": html.escape(citable.url),
    }


def render_site(dataset: Dataset, site_url: str = DEFAULT_SITE_URL, history: History | None = None) -> dict[str, str]:
    return Renderer(dataset, site_url, history).render_all()
