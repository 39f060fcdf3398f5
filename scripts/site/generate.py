"""Data folder → generated pages, charts and briefings in one call, reused while the data files are unchanged.

After an edit to record files (the `serve` loop), only the pages that can show the changed records are rendered again:
each changed record's own page and those of the records it links and that link it, before or after the edit (a page
shows its record and the records it links, or their display names), and the same for each quote whose speaker
changed (a quote's display name is its speaker's: its page and those that link it), plus every page
that is not a record's own and not a collection's listing (home, timeline, downloads, feed, charts, briefings), which
list or count records; a collection's listing when one of its records' pages is rendered; the pages that declare they
show a changed record other than by a link (Renderer.pages_showing: a state's or county's page lists the jurisdictions
in it and their court cases), in the last generation or this one; and, when a chart changed, the pages of programs and
series (which embed charts). Pages are tracked by path (Renderer.record_pages), not by a rule about their names.
Every language has its own Renderer and its own set of affected records: an edit that changes only a record's
translation (its es: block) renders the Spanish pages it reaches and none of the English ones.
Anything else that changed (a file that is not a record, the redirects, a record added, removed or
renamed, the briefings) renders everything, as the first generation does. A briefing is rendered again when it
shows an affected record (reports.files: render_briefings)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .charts.files import chart_files
from .datasets.pages import dataset_chart_files, dataset_pages
from .history import History, record_history
from .i18n import languages
from .render import Previous, Renderer
from .search_index import BACKGROUND_NICENESS
from .reports.files import report_files
from .reports.pdf import print_into_cache
from .urls import DEFAULT_SITE_URL
from ..records.model import Dataset
from ..records.registry import REGISTRY
from ..records.schema import iter_references
from ..records.translations import LANGUAGES as TRANSLATED_INTO
from ..records.validate import validate

CHART_PAGES = ("programs", "series")  # the collections whose record pages embed a chart (templates/program, series)


@dataclass
class _Generation:
    settings: str  # everything the pages depend on besides the files
    data_files: dict[str, tuple[int, int]]  # data file -> (size, mtime)
    reports_fingerprint: str
    dataset: Dataset
    history: History
    renderers: list[Renderer]  # what it rendered with, one per language (their pages_showing, for the next one)
    pages: dict[str, str | bytes]
    charts: list[dict]  # per language: chart id -> spec, as record pages embed them
    chart_images: dict[str, str | bytes]  # the charts' files, which the briefings embed
    rendered_record_pages: list[str]  # the record pages this generation rendered (all, or those an edit affects)
    report_cache_dir: Path
    pending_pdfs: list[str]  # standalone HTML of the briefings whose PDF is still the previous one


_last: _Generation | None = None


def _data_files(data_dir: Path) -> dict[str, tuple[int, int]]:
    """Every file below data_dir (not following links) -> (size, modification time), sorted by path."""
    files = {}

    def scan(folder: str) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError:
            return
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                scan(entry.path)
            elif entry.is_file():
                stat = entry.stat()
                files[entry.path] = (stat.st_size, stat.st_mtime_ns)

    scan(str(data_dir))
    return dict(sorted(files.items()))


def _fingerprint(folder: Path) -> str:
    digest = hashlib.sha256()
    for path, (size, mtime) in _data_files(folder).items():
        digest.update(f"{path}\0{size}\0{mtime}\n".encode())
    return digest.hexdigest()


def generate_pages(data_dir: Path, today: dt.date | None = None, cache_dir: Path | None = None,
                   site_url: str | None = None, reports_dir: Path | None = None,
                   report_cache_dir: Path | None = None, print_later: bool = False) -> dict[str, str | bytes]:
    """Validate data_dir and render every generated page, chart (SVG) and chart data file (CSV), and the briefings
    defined in reports_dir (default: reports/ next to data_dir) as pages and PDFs. Charts whose inputs did not change
    are read from cache_dir (default: .cache/charts/ next to data_dir), PDFs whose HTML did not change from
    report_cache_dir (default: .cache/reports/). With print_later (`serve`), a briefing whose PDF must be printed
    again keeps its previous PDF in the result and print_pending_pdfs prints it; the next call then gives the new
    PDF (and the briefing's page its size). Raises DataError when the data or a briefing has problems."""
    global _last
    cache_dir = cache_dir or data_dir.parent / ".cache" / "charts"
    reports_dir = reports_dir or data_dir.parent / "reports"
    report_cache_dir = report_cache_dir or data_dir.parent / ".cache" / "reports"
    site_url = site_url or DEFAULT_SITE_URL
    settings = (f"{data_dir.resolve()}:{today}:{cache_dir.resolve()}:{site_url}:{reports_dir.resolve()}:"
                f"{report_cache_dir.resolve()}")
    data_files = _data_files(data_dir)
    reports_fingerprint = _fingerprint(reports_dir)
    last = _last if _last is not None and _last.settings == settings else None
    if last is not None and last.data_files == data_files and last.reports_fingerprint == reports_fingerprint:
        if last.pending_pdfs:  # printed since (print_pending_pdfs): only the briefings' files change
            _last = last = _reprinted(last, reports_dir, today, print_later)
        return last.pages
    dataset = validate(data_dir, today=today)
    history = record_history(dataset, data_dir.parent)
    renderers = make_renderers(dataset, data_dir, site_url, history)
    previous = None
    briefings_affected: dict[str, set[str]] = {}
    if last is not None and last.reports_fingerprint == reports_fingerprint:
        changed = _changed_records(last, dataset, history, renderers,
                                   _changed_files(last.data_files, data_files, data_dir))
        if changed is not None:
            affected = _affected_records(last, dataset, renderers, changed)
            previous = {code: Previous(last.pages, records, _listed_nearby(last, dataset, changed[code]))
                        for code, records in affected.items()}
            briefings_affected = {code: _named_nearby(last, dataset, ids) for code, ids in changed.items()}
    pages: dict[str, str | bytes] = {}
    charts: dict[str, str | bytes] = {}
    rendered: list[str] = []
    for each in renderers:
        pages.update(each.render_all(None if previous is None else previous[each.language.code]))
        rendered += each.rendered_record_pages
        charts.update(chart_files(each, _language_folder(cache_dir, each)))
        from_datasets, dataset_charts = dataset_pages(each, data_dir / "datasets")
        pages.update(from_datasets)
        pages.update(dataset_chart_files(dataset_charts, _language_folder(cache_dir / "datasets", each)))
    pages.update(charts)
    pending: list[str] = []

    def later(html: str, pdf_path: str) -> bytes | None:
        served = last.pages.get(pdf_path) if print_later and last is not None else None
        if isinstance(served, bytes):
            pending.append(html)
            return served
        return None

    for each in renderers:  # the briefings in every language (each language's PDFs cached apart)
        pages.update(report_files(each, charts, reports_dir, report_cache_dir, today, later,
                                  briefings_affected.get(each.language.code)))
    _last = _Generation(settings, data_files, reports_fingerprint, dataset, history, renderers, pages,
                        [each.charts for each in renderers], charts, rendered, report_cache_dir, pending)
    return pages


def make_renderers(dataset: Dataset, data_dir: Path, site_url: str = DEFAULT_SITE_URL,
                   history: History | None = None, language_codes: tuple[str, ...] | None = None) -> list[Renderer]:
    """One Renderer per language (English first), each with everything of data_dir a page can show: the records,
    ICE's 287(g) lists and the other ingested tables of data_dir/datasets/. The one place Renderers are made from a
    data folder: the build, `serve`, `./site.sh reports` and `validate` see the same inputs."""
    from .sanctuary_lists_view import load_lists
    lists, explanations = _lists_287g(data_dir)
    federal_lists = load_lists(data_dir / "datasets")
    return [Renderer(dataset, site_url, history, ice287g=lists, ice287g_explanations=explanations,
                     language=language, sanctuary_lists=federal_lists, datasets_dir=data_dir / "datasets")
            for language in languages() if language_codes is None or language.code in language_codes]


def _reprinted(last: _Generation, reports_dir: Path, today: dt.date | None, print_later: bool) -> _Generation:
    """The last generation with its briefings' files made again, now that their PDFs are in the cache: the same
    records, so nothing else differs (and a PDF still missing is served as before)."""
    pending: list[str] = []

    def later(html: str, pdf_path: str) -> bytes | None:
        served = last.pages.get(pdf_path) if print_later else None
        if isinstance(served, bytes):
            pending.append(html)
            return served
        return None

    pages = dict(last.pages)
    for each in last.renderers:
        pages.update(report_files(each, last.chart_images, reports_dir, last.report_cache_dir, today, later,
                                  affected=set()))  # the same records: only the PDFs are new
    return dataclasses.replace(last, pages=pages, rendered_record_pages=[], pending_pdfs=pending)


def _language_folder(cache_dir: Path, renderer: Renderer) -> Path:
    """Each language's charts are cached apart: a cache keeps only what its last run drew."""
    return cache_dir if not renderer.language.prefix else cache_dir / renderer.language.code


def _lists_287g(data_dir: Path):
    """ICE's 287(g) lists and the reasons recorded for hand-typed figures that differ from them, when the data folder has them (a test's small data folder may not)."""
    folder = data_dir / "datasets" / "ice-287g"
    if not (folder / "lists").is_dir():
        return None, {}
    from ..records.datasets.reconcile_287g import load_explanations
    from ..records.datasets.tables import load_287g_unchanged  # pandas: only when there are lists
    return load_287g_unchanged(folder), load_explanations(folder)


def _changed_files(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]], data_dir: Path) -> set[Path]:
    return {Path(path).relative_to(data_dir) for path in set(before) | set(after) if before.get(path) != after.get(path)}


def _changed_records(last: _Generation, dataset: Dataset, history: History, renderers: list[Renderer],
                     changed: set[Path]) -> dict[str, set[str]] | None:
    """Per language, the records whose content that language's pages show differs from the last generation's, or
    None when every page must be rendered. An edit to a record's translation only (its es: block) changes what the
    Spanish pages show, not the English ones (which read no translation); any other edit changes both."""
    if any(len(path.parts) != 2 or path.parts[0] not in REGISTRY or path.suffix != ".yaml" for path in changed):
        return None
    old = last.dataset
    if old.collection_of != dataset.collection_of or old.redirects != dataset.redirects or old.paths != dataset.paths:
        return None
    edited = {record_id for record_id in dataset.collection_of if old.get(record_id) != dataset.get(record_id)}
    dated = {record_id for record_id in dataset.collection_of
             if last.history.last_changed.get(record_id) != history.last_changed.get(record_id)}
    in_english = {record_id for record_id in edited
                  if _english_part(old.get(record_id)) != _english_part(dataset.get(record_id))}
    return {renderer.language.code: (in_english if renderer.language.code == "en" else edited) | dated
            for renderer in renderers}


def _affected_records(last: _Generation, dataset: Dataset, renderers: list[Renderer],
                      changed: dict[str, set[str]]) -> dict[str, set[str]]:
    """Per language, the records whose own page in that language may differ from the last generation's."""
    old = last.dataset
    affected = {}
    for index, renderer in enumerate(renderers):
        changed_ids = changed[renderer.language.code]
        found = _named_nearby(last, dataset, changed_ids)
        for shows in (*last.renderers, *renderers):  # where the record was shown and where it is, in any language
            found |= {shown for record_id in changed_ids for shown in shows.pages_showing(record_id)}
        if index >= len(last.charts) or renderer.charts != last.charts[index]:  # programs' and series' pages
            found |= {record_id for name in CHART_PAGES for record_id in dataset.collections[name]}
        affected[renderer.language.code] = found
    return affected


def _renamed(last: _Generation, dataset: Dataset, changed_ids: set[str]) -> set[str]:
    """The changed records and those whose display name is made from one of them (a quote is called by its speaker),
    before or after the edit."""
    renamed = set(changed_ids)
    for data in (last.dataset, dataset):
        renamed |= {quote.id for quote in data.collections.get("quotes", {}).values() if quote.speaker in changed_ids}
    return renamed


def _named_nearby(last: _Generation, dataset: Dataset, changed_ids: set[str]) -> set[str]:
    """The renamed records (_renamed) and every record that names any of them or that they name, before or after the
    edit: a record's page, like a briefing, shows the record's fields and the names (and fields) of the records it
    names and that name it."""
    renamed = _renamed(last, dataset, changed_ids)
    return renamed | {n for record_id in renamed for data in (last.dataset, dataset)
                      for n in _neighbours(data, record_id)}


def _listed_nearby(last: _Generation, dataset: Dataset, changed_ids: set[str]) -> set[str]:
    """The renamed records (_renamed) and every record that names one of them, before or after the edit: a listing's
    row shows its record's fields and the names of the records it names."""
    renamed = _renamed(last, dataset, changed_ids)
    return renamed | {referrer for record_id in renamed for data in (last.dataset, dataset)
                      for _collection, referrer, _field in data.backlinks.get(record_id, [])}


def _english_part(record) -> dict:
    """A record's fields but its translations (es:): what its English pages can show."""
    return {name: getattr(record, name) for name in type(record).model_fields if name not in TRANSLATED_INTO}


def _neighbours(dataset: Dataset, record_id: str) -> set[str]:
    """The records that `record_id` names and those that name it."""
    named = {target for _loc, _targets, target in iter_references(dataset.get(record_id))}
    return named | {referrer for _collection, referrer, _field in dataset.backlinks.get(record_id, [])}


def last_generated_review_date() -> str:
    """The latest last_reviewed date of the data behind the pages generated last (empty before any generation)."""
    return _last.dataset.last_reviewed() if _last is not None else ""


def last_generation_rendered() -> int:
    """How many record pages the last generation rendered: all of them, or only those an edit could change."""
    return len(_last.rendered_record_pages) if _last is not None else 0


def last_generation_rendered_pages() -> list[str]:
    """The record pages the last generation rendered (the others it kept from the generation before)."""
    return list(_last.rendered_record_pages) if _last is not None else []


def pending_pdfs() -> bool:
    """Whether the last generation served a briefing's previous PDF, which print_pending_pdfs prints."""
    return _last is not None and bool(_last.pending_pdfs)


def print_pending_pdfs() -> None:
    """Print the PDFs the last generation left for later into the PDF cache (the next generation reads them), in a
    separate process: WeasyPrint in a thread of `serve` would hold the interpreter while the next edit is rendered."""
    generation = _last
    if generation is None:
        return
    global _printer
    if _printer is None:
        _printer = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                       initializer=os.nice, initargs=(BACKGROUND_NICENESS,))
    for html in list(generation.pending_pdfs):
        _printer.submit(_print_into_cache, str(generation.report_cache_dir), html).result()


_printer: ProcessPoolExecutor | None = None


def _print_into_cache(cache_dir: str, html: str) -> None:
    print_into_cache(Path(cache_dir), html)
