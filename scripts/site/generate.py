"""Data folder → generated pages, charts and briefings in one call, reused while the data files are unchanged.

After an edit to record files (the `serve` loop), the pages whose inputs changed are rendered again and no others.
What a page reads is recorded while it renders (reads.py: the records, their names, dates and backlinks, the
collections, the views' answers, the charts), page by page, in each language's Renderer; an edit compares each
recorded input of the last generation with the new data (changed_inputs.py: in English a record's translation, its es:
block, is not an input, so an edit to it alone renders only the Spanish pages it reaches), and Renderer.follow keeps
every page none of whose inputs changed and whose arguments are equal (Renderer.kept_or_rendered: every page made by
Renderer.page, the record pages and listings, the briefings' documents in reports.files). What is not a page template's
(the Atom feeds, the downloads, places.json, the redirect pages) is made again on every generation, the charts'
images from their cache. An edit to a table (data/datasets/) changes the
records derived from it, the charts and whatever else a page is handed, which are compared as above, and ("tables",),
what pages read of the tables as a whole (an agency's 287(g) story, a law's changes, the feeds' links). Anything else
that changed (the redirects, another file that is not a record; the briefings' folder; the settings) renders
everything, as the first generation does."""

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
from .changed_inputs import changed_keys
from .render import Renderer
from .search_index import BACKGROUND_NICENESS
from .reports.files import report_files
from .reports.pdf import print_into_cache
from .urls import DEFAULT_SITE_URL
from ..records.file_stamps import file_stamp
from ..records.model import Dataset
from ..records.registry import REGISTRY
from ..records.validate import validate

@dataclass
class _Generation:
    settings: str  # everything the pages depend on besides the files
    data_files: dict[str, tuple]  # data file -> its stamp (records/file_stamps.py)
    reports_fingerprint: str
    dataset: Dataset
    history: History
    renderers: list[Renderer]  # what it rendered with, one per language (what each page read, for the next one)
    pages: dict[str, str | bytes]
    chart_images: dict[str, str | bytes]  # the charts' files, which the briefings embed
    rendered_record_pages: list[str]  # the record pages this generation rendered (all, or those an edit affects)
    report_cache_dir: Path
    pending_pdfs: list[str]  # standalone HTML of the briefings whose PDF is still the previous one


_last: _Generation | None = None


def _data_files(data_dir: Path) -> dict[str, tuple]:
    """Every file below data_dir (not following links) -> its stamp (file_stamps.py), sorted by path."""
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
                files[entry.path] = file_stamp(entry.path, entry.stat())

    scan(str(data_dir))
    return dict(sorted(files.items()))


def _fingerprint(folder: Path) -> str:
    digest = hashlib.sha256()
    for path, stamp in _data_files(folder).items():
        digest.update(f"{path}\0{stamp}\n".encode())
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
    tables = _tables_fingerprint(data_files, data_dir)
    for each in renderers:
        each.tables = tables
    if (last is not None and last.reports_fingerprint == reports_fingerprint
            and _recorded(_changed_files(last.data_files, data_files, data_dir))):
        for old, new in zip(last.renderers, renderers):  # the same languages: the settings are the same
            read = set().union(*(page.inputs for page in old.rendered.values()))
            new.follow(old, changed_keys(read, old, new))
    pages: dict[str, str | bytes] = {}
    charts: dict[str, str | bytes] = {}
    rendered: list[str] = []
    for each in renderers:
        pages.update(each.render_all())
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
        pages.update(report_files(each, charts, reports_dir, report_cache_dir, today, later))
    _last = _Generation(settings, data_files, reports_fingerprint, dataset, history, renderers, pages,
                        charts, rendered, report_cache_dir, pending)
    return pages


def make_renderers(dataset: Dataset, data_dir: Path, site_url: str = DEFAULT_SITE_URL,
                   history: History | None = None, language_codes: tuple[str, ...] | None = None) -> list[Renderer]:
    """One Renderer per language (English first), each with everything of data_dir a page can show: the records,
    ICE's 287(g) lists and the other ingested tables of data_dir/datasets/. The one place Renderers are made from a
    data folder: the build, `serve`, `./site.sh reports` and `validate` see the same inputs."""
    from .coverage_view import load_coverage
    from .field_offices_view import load_offices
    from .sanctuary_lists_view import load_lists
    lists, explanations = _lists_287g(data_dir)
    federal_lists = load_lists(data_dir / "datasets", dataset.collections.get("jurisdictions", {}).values())
    offices = load_offices(data_dir / "datasets")
    coverage = load_coverage(data_dir / "datasets")
    return [Renderer(dataset, site_url, history, ice287g=lists, ice287g_explanations=explanations,
                     language=language, sanctuary_lists=federal_lists, datasets_dir=data_dir / "datasets",
                     field_offices=offices, coverage=coverage)
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
        pages.update(report_files(each, last.chart_images, reports_dir, last.report_cache_dir, today, later))
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


def _recorded(changed: set[Path]) -> bool:
    """Whether every changed file is one whose reads are recorded (reads.py): a record file (collection/id.yaml) or
    a file of the ingested tables (datasets/..., as a whole: ("tables",)). A change to another (the redirects) renders
    everything."""
    return all((len(path.parts) == 2 and path.parts[0] in REGISTRY and path.suffix == ".yaml")
               or path.parts[0] == "datasets" for path in changed)


def _tables_fingerprint(data_files: dict[str, tuple], data_dir: Path) -> str:
    folder = str(data_dir / "datasets") + os.sep
    digest = hashlib.sha256()
    for path, stamp in data_files.items():
        if path.startswith(folder):
            digest.update(f"{path}\0{stamp}\n".encode())
    return digest.hexdigest()


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
