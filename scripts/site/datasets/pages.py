"""The dataset pages and the detainer pages, from data/datasets/: {site file: content} and the charts they embed.
Called by scripts/site/generate.py; a dataset whose folder is absent adds nothing."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from dataclasses import replace
from pathlib import Path

from ...records.model import Dataset
from ...records.problems import DataError, Problem
from ...records.table_files import shown_file
from ..charts.cache import ChartCache
from ..charts.files import drawn_files
from ..charts.spec import ChartSpec
from ..i18n import ENGLISH, Language
from ..render import Renderer
from ..urls import DATASETS_INDEX, DETAINERS_INDEX, dataset_download_path, dataset_path, page_source
from . import catalog
from .detainers import ddp_context, npr_context
from .availability import PAGE as AVAILABILITY_PAGE
from .availability import availability
from .detention import DETENTION_PAGE, detention_context
from .tables import safe_copy

DATASETS_TITLE = "Datasets"
DATASETS_DESCRIPTION = ("The publishers' data files the site ingests: where each came from, its files with their "
                        "SHA-256, the period it covers, its licence and the pages that use it.")
DETAINERS_TITLE = "Detainer data"
DETAINERS_DESCRIPTION = "Counts of ICE detainers from the agency's own records, obtained under FOIA, by period."
AVAILABILITY_TITLE = "Data availability"
AVAILABILITY_DESCRIPTION = ("Every government data series the site uses: who publishes it, how often, the first and "
                            "last release the site has, and whether it is still published.")
DETENTION_TITLE = "ICE detention, as ICE reports it"
DETENTION_DESCRIPTION = ("The people in ICE detention and the book-ins by arresting agency (ICE or CBP), month by "
                         "month since October 2018, from ICE's own detention-statistics workbooks, every figure with "
                         "its workbook, sheet and cell.")


@dataclass(frozen=True)
class DetainerPage:
    """A page of detainer figures, made when its dataset's folder exists."""
    dataset: str  # the dataset's slug in catalog.CATALOG
    url: str
    title: str
    description: str
    template: str
    # (dataset folder, records, language) → context, charts
    context: Callable[[Path, Dataset, Language], tuple[dict, list[ChartSpec]]]


DETAINER_PAGES = (
    DetainerPage("npr-detainers", catalog.NPR_PAGE, "Detainers, 2007–2015 (NPR, from FOIA)",
                 "ICE detainers per year and month, their outcomes, those declined by local agencies and those "
                 "lifted because the person was a U.S. citizen, from NPR's tables of ICE's records.",
                 "detainers_npr.html.j2", npr_context),
    DetainerPage("ddp-detainers", catalog.DDP_PAGE, "Detainers, 2023 onward (Deportation Data Project)",
                 "ICE detainers per month, state and facility, U.S. citizens and outcomes, from the Deportation "
                 "Data Project's file.", "detainers_ddp.html.j2",
                 lambda folder, _records, language: ddp_context(folder, language)),
)


@contextmanager
def _read_for_page(folder: Path):
    """A provenance record or view that lacks or mistypes something deeper than read_provenance checks (a commit, a
    period's end): a problem naming the dataset's files, not a traceback of the build."""
    try:
        yield
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as error:
        named = folder / "provenance.json" if (folder / "provenance.json").is_file() else folder
        raise DataError([Problem(shown_file(named), 1, 1, f"the dataset's provenance or views lack or mistype what "
                                                          f"its page shows ({type(error).__name__}: {error}) — write "
                                                          "them again with the dataset's ingest")]) from None


def dataset_page_problems(datasets_dir: Path, dataset: Dataset) -> list[Problem]:
    """What would stop the dataset pages from being made, for `validate`: each present dataset's summary and detainer
    page context read as the build reads them (English; the other languages read the same files)."""
    problems = []
    present = catalog.present(datasets_dir)
    for item in DETAINER_PAGES:
        entry = catalog.entry(item.dataset)
        if entry in present:
            try:
                with _read_for_page(datasets_dir / entry.folder):
                    item.context(datasets_dir / entry.folder, dataset, ENGLISH)
            except DataError as error:
                problems += error.problems
    for entry in present:
        try:
            with _read_for_page(datasets_dir / entry.folder):
                entry.summary(datasets_dir / entry.folder, ENGLISH)
        except DataError as error:
            problems += error.problems
    return problems


def dataset_pages(renderer: Renderer, datasets_dir: Path) -> tuple[dict[str, str], list[ChartSpec]]:
    """Every page drawn from the datasets present, and the charts those pages embed (drawn by
    dataset_chart_files)."""
    pages: dict[str, str] = {}
    charts: list[ChartSpec] = []
    o, _ = renderer.output, renderer.language.gettext
    present = catalog.present(datasets_dir)
    detainer_pages = []
    for item in DETAINER_PAGES:
        entry = catalog.entry(item.dataset)
        if entry not in present:
            continue
        with _read_for_page(datasets_dir / entry.folder):
            context, specs = item.context(datasets_dir / entry.folder, renderer.dataset, renderer.language)
        if renderer.language.prefix:  # each language has its charts' words in its own files
            specs = [replace(spec, folder=renderer.language.path(spec.folder),
                             page=renderer.site_path(spec.page)) for spec in specs]
            context = {key: _in_folder(value, specs) for key, value in context.items()}
        charts += specs
        pages[o(page_source(item.url))] = renderer.page(item.template, item.url, _(item.title), _(item.description),
                                                        dataset_entry=entry, dataset_url=dataset_path(entry.slug),
                                                        **context)
        detainer_pages.append((_(item.title), item.url, _(item.description)))
    pages[o(page_source(DETAINERS_INDEX))] = renderer.page(
        "detainers_index.html.j2", DETAINERS_INDEX, _(DETAINERS_TITLE), _(DETAINERS_DESCRIPTION),
        pages=detainer_pages)
    detention, detention_charts = _detention_page(renderer, datasets_dir, present)
    pages.update(detention)
    charts += detention_charts
    pages[o(page_source(AVAILABILITY_PAGE))] = renderer.page(
        "data_availability.html.j2", AVAILABILITY_PAGE, _(AVAILABILITY_TITLE), _(AVAILABILITY_DESCRIPTION),
        series=availability(datasets_dir, renderer.dataset, renderer.language))

    listed = []
    for entry in present:
        folder = datasets_dir / entry.folder
        with _read_for_page(folder):
            summary = entry.summary(folder, renderer.language)
        downloads = entry.downloads(datasets_dir)
        if not renderer.language.prefix:  # the files are the same for every language
            for relative in entry.copied(datasets_dir):
                pages[dataset_download_path(entry.slug, relative)] = safe_copy(folder / relative)
        url = dataset_path(entry.slug)
        pages[o(page_source(url))] = renderer.page(
            "dataset.html.j2", url, _(entry.title),
            _("Where the data came from: %(publisher)s.") % {"publisher": summary.publisher},
            entry=entry, summary=summary, downloads=downloads)
        listed.append((entry, summary))
    pages[o(page_source(DATASETS_INDEX))] = renderer.page(
        "datasets_index.html.j2", DATASETS_INDEX, _(DATASETS_TITLE), _(DATASETS_DESCRIPTION), datasets=listed)
    return pages, charts


def _detention_page(renderer: Renderer, datasets_dir: Path,
                    present: list[catalog.IngestedDataset]) -> tuple[dict[str, str], list[ChartSpec]]:
    """The detention page: always made (it is in the navigation), saying so when the dataset is not ingested."""
    o, _ = renderer.output, renderer.language.gettext
    entry = catalog.entry("ice-detention")
    context: dict = {"present": False}
    specs: list[ChartSpec] = []
    if entry in present:
        lists = None
        if catalog.entry("ice-287g") in present:
            from ...records.datasets.tables import load_287g_unchanged
            lists = load_287g_unchanged(datasets_dir / catalog.entry("ice-287g").folder)
        context, specs = detention_context(datasets_dir / entry.folder, lists, renderer.language)
        context["present"] = True
        if renderer.language.prefix:
            specs = [replace(spec, folder=renderer.language.path(spec.folder),
                             page=renderer.site_path(spec.page)) for spec in specs]
            context = {key: _in_folder(value, specs) for key, value in context.items()}
    page = renderer.page("ice_detention.html.j2", DETENTION_PAGE, _(DETENTION_TITLE), _(DETENTION_DESCRIPTION),
                         dataset_entry=entry, dataset_url=dataset_path(entry.slug), **context)
    return {o(page_source(DETENTION_PAGE)): page}, specs


def _in_folder(value, specs: list[ChartSpec]):
    """A page context value with its chart specs replaced by their copies in the language's folder."""
    by_id = {spec.id: spec for spec in specs}
    if isinstance(value, ChartSpec):
        return by_id.get(value.id, value)
    if isinstance(value, dict) and value and all(isinstance(v, ChartSpec) for v in value.values()):
        return {key: by_id.get(v.id, v) for key, v in value.items()}
    if isinstance(value, (list, tuple)) and value and all(isinstance(v, ChartSpec) for v in value):
        return type(value)(by_id.get(v.id, v) for v in value)
    return value


def dataset_chart_files(charts: list[ChartSpec], cache_dir: Path) -> dict[str, str | bytes]:
    """The SVG and CSV of each dataset chart (cached in a folder of their own)."""
    cache = ChartCache(cache_dir)
    files: dict[str, str | bytes] = {}
    for spec in charts:
        files.update(drawn_files(spec, cache))
        files[spec.csv_path] = spec.csv_text()
    cache.prune()
    return files
