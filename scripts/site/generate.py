"""Data folder → generated pages, charts and briefings in one call, reused while the data files are unchanged.

After an edit to record files (the `serve` loop), only the pages that can show the changed records are rendered again:
each changed record's own page and those of the records within two links of it, in either direction (a page names
the records it links by their display name, and a quote's display name is its speaker's: two links), plus every page
that is not a record's own (collection listings, home, timeline, downloads, feed, charts, briefings), which list or
count records, and, when a chart changed, the pages of programs and series (which embed charts), and after an edit
near a jurisdiction or a case, the state and county pages (which group jurisdictions by their fields).
Anything else that changed (a file that is not a record, the redirects, a record added, removed or
renamed, the briefings) renders everything, as the first generation does."""

from __future__ import annotations

import datetime as dt
import hashlib
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .charts.files import chart_files
from .datasets.pages import dataset_chart_files, dataset_downloads, dataset_pages
from .history import History, record_history
from .i18n import languages
from .render import Renderer
from .reports.files import report_files
from .reports.pdf import print_into_cache
from .urls import DEFAULT_SITE_URL
from ..records.model import Dataset
from ..records.registry import REGISTRY
from ..records.schema import iter_references
from ..records.validate import validate

CHART_PAGES = ("programs", "series")  # the collections whose record pages embed a chart (templates/program, series)
# State and county pages list the jurisdictions in them by their state and county fields, not by a link, and the cases
# that name those jurisdictions (scripts/site/places_view.py): an edit to either renders every such page again.
PLACED = ("jurisdictions", "cases")
PLACE_PAGES = ("states", "counties")
LINK_DEPTH = 2  # how far from a changed record a page can show something of it (see the module's docstring)


@dataclass
class _Generation:
    settings: str  # everything the pages depend on besides the files
    data_files: dict[str, tuple[int, int]]  # data file -> (size, mtime)
    reports_fingerprint: str
    dataset: Dataset
    history: History
    pages: dict[str, str | bytes]
    charts: dict  # chart id -> spec, as record pages embed them
    rendered_records: int  # how many record pages this generation rendered (all of them, or the affected ones)
    report_cache_dir: Path
    pending_pdfs: list[str]  # standalone HTML of the briefings whose PDF is still the previous one


_last: _Generation | None = None


def _data_files(data_dir: Path) -> dict[str, tuple[int, int]]:
    files = {}
    for path in sorted(data_dir.rglob("*")):
        if path.is_file():
            stat = path.stat()
            files[str(path)] = (stat.st_size, stat.st_mtime_ns)
    return files


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
    if last is not None and last.data_files == data_files and last.reports_fingerprint == reports_fingerprint \
            and not last.pending_pdfs:
        return last.pages
    dataset = validate(data_dir, today=today)
    history = record_history(dataset, data_dir.parent)
    lists, explanations = _lists_287g(data_dir)
    renderers = [Renderer(dataset, site_url, history, ice287g=lists, ice287g_explanations=explanations,
                          language=language) for language in languages()]
    downloads = dataset_downloads(data_dir / "datasets")
    for renderer in renderers:
        renderer.env.globals["dataset_downloads"] = downloads  # the downloads page
    renderer = renderers[0]  # English: the charts that decide what an edit re-renders
    affected = None
    if last is not None and last.reports_fingerprint == reports_fingerprint:
        affected = _affected_records(last, dataset, history, _changed_files(last.data_files, data_files, data_dir))
        if affected is not None and renderer.charts != last.charts:  # programs' and series' pages embed charts
            affected |= {record_id for name in CHART_PAGES for record_id in dataset.collections[name]}
        if affected is not None and any(dataset.collection_of[i] in PLACED for i in affected):
            affected |= {record_id for name in PLACE_PAGES for record_id in dataset.collections.get(name, {})}
    if affected is None:
        pages: dict[str, str | bytes] = {}
    else:
        pages = {path: content for path, content in last.pages.items() if _is_record_page(path)}
    charts: dict[str, str | bytes] = {}
    for each in renderers:
        pages.update(each.render_all(records=affected))
        own_charts = chart_files(each, _language_folder(cache_dir, each))
        charts.update(own_charts)
        from_datasets, dataset_charts = dataset_pages(each, data_dir / "datasets")
        pages.update(from_datasets)
        pages.update(dataset_chart_files(dataset_charts, _language_folder(cache_dir / "datasets", each)))
    pages.update(charts)
    pending: list[str] = []

    def later(html: str, pdf_path: str) -> bytes | None:
        previous = last.pages.get(pdf_path) if print_later and last is not None else None
        if isinstance(previous, bytes):
            pending.append(html)
            return previous
        return None

    for each in renderers:  # the briefings in every language (each language's PDFs cached apart)
        pages.update(report_files(each, charts, reports_dir, report_cache_dir, today, later))
    _last = _Generation(settings, data_files, reports_fingerprint, dataset, history, pages, renderer.charts,
                        dataset.count() if affected is None else len(affected), report_cache_dir, pending)
    return pages


def _language_folder(cache_dir: Path, renderer: Renderer) -> Path:
    """Each language's charts are cached apart: a cache keeps only what its last run drew."""
    return cache_dir if not renderer.language.prefix else cache_dir / renderer.language.code


def _lists_287g(data_dir: Path):
    """ICE's 287(g) lists and the reasons recorded for hand-typed figures that differ from them, when the data folder has them (a test's small data folder may not)."""
    folder = data_dir / "datasets" / "ice-287g"
    if not (folder / "lists").is_dir():
        return None, {}
    from ..records.datasets.reconcile_287g import load_explanations
    from ..records.datasets.tables import load_287g  # pandas: only when there are lists
    return load_287g(folder), load_explanations(folder)


def _changed_files(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]], data_dir: Path) -> set[Path]:
    return {Path(path).relative_to(data_dir) for path in set(before) | set(after) if before.get(path) != after.get(path)}


def _affected_records(last: _Generation, dataset: Dataset, history: History, changed: set[Path]) -> set[str] | None:
    """The records whose own page may differ from the last generation's, or None when every page must be rendered."""
    if any(len(path.parts) != 2 or path.parts[0] not in REGISTRY or path.suffix != ".yaml" for path in changed):
        return None
    old = last.dataset
    if old.collection_of != dataset.collection_of or old.redirects != dataset.redirects or old.paths != dataset.paths:
        return None
    changed_ids = {record_id for record_id in dataset.collection_of if old.get(record_id) != dataset.get(record_id)}
    changed_ids |= {record_id for record_id in dataset.collection_of
                    if last.history.last_changed.get(record_id) != history.last_changed.get(record_id)}
    affected, frontier = set(changed_ids), set(changed_ids)
    for _ in range(LINK_DEPTH):
        frontier = {n for record_id in frontier for data in (old, dataset) for n in _neighbours(data, record_id)}
        frontier -= affected
        affected |= frontier
    return affected


def _neighbours(dataset: Dataset, record_id: str) -> set[str]:
    """The records that `record_id` names and those that name it."""
    named = {target for _loc, _targets, target in iter_references(dataset.get(record_id))}
    return named | {referrer for _collection, referrer, _field in dataset.backlinks.get(record_id, [])}


def _is_record_page(path: str) -> bool:
    """`cases/galarza-v-szalczyk.md` (or `es/cases/…`): a record's own page, which render_all(records=...) may leave
    out."""
    for language in languages():
        if language.prefix and path.startswith(language.prefix):
            path = path[len(language.prefix):]
    folder, _, name = path.partition("/")
    return folder in REGISTRY and name != "index.md" and name.endswith(".md") and "/" not in name


def last_generated_review_date() -> str:
    """The latest last_reviewed date of the data behind the pages generated last (empty before any generation)."""
    return _last.dataset.last_reviewed() if _last is not None else ""


def last_generation_rendered() -> int:
    """How many record pages the last generation rendered: all of them, or only those an edit could change."""
    return _last.rendered_records if _last is not None else 0


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
        _printer = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    for html in list(generation.pending_pdfs):
        _printer.submit(_print_into_cache, str(generation.report_cache_dir), html).result()


_printer: ProcessPoolExecutor | None = None


def _print_into_cache(cache_dir: str, html: str) -> None:
    print_into_cache(Path(cache_dir), html)
