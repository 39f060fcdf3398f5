"""Briefing definitions → the files the site serves: reports/<id>.pdf, the page reports/<id>/ that links it, the
charts drawn for a briefing alone (charts/<chart>-<id>.svg and .csv), and the list of briefings, reports/index.md
(always there, as the navigation names it). In another language, the same under its prefix (es/reports/<id>.pdf,
es/charts/…), from that language's renderer; its PDFs are cached in a folder of their own (pdf.language_cache)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from jinja2 import TemplateError, TemplateSyntaxError
from jinja2.exceptions import SecurityError
from markupsafe import Markup

from ..charts.cache import ChartCache
from ..charts.files import draw_chart
from ...records.problems import DataError, Problem
from ..reads import recording
from ..render import Renderer
from ..urls import relative_href
from . import glyphs
from . import pdf as pdf_module
from .briefing_output import UnsafeOutput
from .content import Briefing, build_briefing, shown_record_ids
from .definition import DEFAULT_TEMPLATE, ReportFile, load_reports
from .document import PdfLink, file_size, render_document, report_citable, report_environment
from .pdf import PdfCache, PdfError, language_cache
from .references import ReferenceOrderError
from .sandbox import template_line

INDEX_PAGE = "reports/index.md"
INDEX_URL = "reports/"
TITLE = "Briefings"
DESCRIPTION = ("Printable briefings drawn from the same records as the rest of the site: each program's story, its key "
               "figures, timeline, charts and court cases, with numbered references. Each is a page and a PDF.")


# (standalone HTML, the PDF's site path) -> the bytes to serve until the PDF is printed (it is then printed later,
# into the PDF cache, by whoever passed it), or None to print it now.
PrintLater = Callable[[str, str], "bytes | None"]


@dataclass(frozen=True)
class RenderedBriefing:
    report: ReportFile
    briefing: Briefing
    html: str  # the standalone document the PDF is made from
    pdf: bytes
    own_charts: dict[str, str | bytes]  # {site path: SVG or CSV} of the charts drawn for this briefing alone


@dataclass
class _Kept:
    """A briefing's documents as the last generation in its language rendered them, and what they were made from."""
    briefing: Briefing
    images: dict[str, bytes]  # the chart images its standalone document embeds
    html: str  # the standalone document
    pages: dict[str, str]  # PDF size ("12 KB") -> the document in the site's form, which links the PDF with its size
    inputs: set[tuple]  # what its documents read of the data (reads.py)
    renderer: Renderer  # the renderer that rendered or kept it last


# (language, site address, reports folder, briefing id) -> what that briefing was last rendered from and into
_kept: dict[tuple[str, str, str, str], _Kept] = {}


def _key(renderer: Renderer, reports_dir: Path, report_id: str) -> tuple[str, str, str, str]:
    return renderer.language.code, renderer.site_url, str(reports_dir.resolve()), report_id


def _reusable(renderer: Renderer, reports_dir: Path, briefing: Briefing, images: dict[str, bytes]) -> _Kept | None:
    """The last rendering of the briefing, when it cannot differ from a new one: the same briefing (same records,
    same charts), rendered or kept by this renderer or by the one it follows (Renderer.follow), none of whose reads
    have changed since."""
    kept = _kept.get(_key(renderer, reports_dir, briefing.id))
    if kept is None or kept.briefing != briefing or kept.images != images:
        return None
    if kept.renderer is not renderer and (kept.renderer is not renderer.previous
                                          or not kept.inputs.isdisjoint(renderer.changed)):
        return None
    kept.renderer = renderer
    return kept


def render_briefings(renderer: Renderer, chart_images: dict[str, bytes | str], reports_dir: Path, cache_dir: Path,
                     today: dt.date | None = None, print_later: PrintLater | None = None) -> list[RenderedBriefing]:
    """Every briefing in reports_dir as standalone HTML and PDF (read from cache_dir when the HTML is unchanged).
    With print_later, a PDF that is not in the cache is first offered to it (see PrintLater). After an edit, a
    briefing none of whose reads changed keeps its last documents (see _reusable). Raises DataError when a
    definition has problems."""
    reports = load_reports(reports_dir, renderer.dataset, renderer.charts, today)
    briefings = [build_briefing(report, renderer.dataset, renderer.charts, renderer.language) for report in reports]
    images = {path: content for path, content in chart_images.items() if isinstance(content, bytes)}
    env = report_environment(renderer, reports_dir)
    # Each language keeps its own PDFs (a folder each).
    cache_dir = language_cache(cache_dir, renderer.language.code)
    cache = PdfCache(cache_dir)
    chart_cache = ChartCache(cache_dir / "charts")
    own_charts_of: list[dict[str, str | bytes]] = []
    for briefing in briefings:
        own_charts: dict[str, str | bytes] = {}
        for chart in briefing.charts:
            if chart.narrows:
                own_charts[chart.svg_path] = images[chart.svg_path] = chart_cache.get_or_draw(chart, draw_chart)
                phone = chart.for_phones()  # for the site's page (the PDF has the wide one)
                own_charts[phone.svg_path] = chart_cache.get_or_draw(phone, draw_chart)
                own_charts[chart.csv_path] = chart.csv_text()
        own_charts_of.append(own_charts)
    embedded = [{chart.svg_path: images[chart.svg_path] for chart in briefing.charts if chart.svg_path in images}
                for briefing in briefings]
    kept = [_reusable(renderer, reports_dir, briefing, shown) for briefing, shown in zip(briefings, embedded)]
    check_printable(renderer.dataset, [b for b, k in zip(briefings, kept) if k is None], reports_dir.parent)
    rendered = []
    for report, briefing, own_charts, shown, last in zip(reports, briefings, own_charts_of, embedded, kept):
        with _reported(report, reports_dir):
            if last is None:
                with recording() as inputs:
                    html = render_document(briefing, env, renderer, standalone=True, chart_images=images)
                last = _kept[_key(renderer, reports_dir, briefing.id)] = _Kept(briefing, shown, html, {}, inputs,
                                                                                 renderer)
            html = last.html
            pdf = None
            if print_later is not None and not cache.has_pdf(html):
                pdf = print_later(html, briefing.pdf_path)
            if pdf is None:
                pdf = cache.get_or_render(html, pdf_module.render_pdf)
            rendered.append(RenderedBriefing(report, briefing, html, pdf, own_charts))
    cache.prune()
    chart_cache.prune()
    return rendered


@contextmanager
def _reported(report: ReportFile, reports_dir: Path):
    """A template or PDF problem, reported like a data problem: the file and line to fix, not a traceback. A problem
    in a briefing's own template points at the line of that template."""
    try:
        yield
    except TemplateSyntaxError as error:
        where = f"{reports_dir.name}/{error.name}" if (reports_dir / str(error.name)).is_file() else error.name
        raise DataError([Problem(str(where), error.lineno or 1, 1,
                                 f"report {report.id}: template syntax: {error.message}")]) from None
    except (TemplateError, ReferenceOrderError, PdfError, UnsafeOutput, RecursionError) as error:
        own = reports_dir / report.template
        if report.template != DEFAULT_TEMPLATE and own.is_file() and not isinstance(error, PdfError):
            where, line = f"{reports_dir.name}/{report.template}", template_line(error, str(own))
        else:
            where, line = report.path, 1
        why = "it calls itself without end" if isinstance(error, RecursionError) else str(error).rstrip(".")
        if isinstance(error, SecurityError):
            why += '; a briefing template is data: see "Templates are data" in reports/README.md for what it may use'
        raise DataError([Problem(where, line, 1, f"report {report.id}: template {report.template}: "
                                                 f"{why}")]) from None


class _PlaceholderImages(dict):
    """Chart images for a check of the templates alone: the same small SVG for every chart, none drawn."""

    def __missing__(self, key):
        return b'<svg xmlns="http://www.w3.org/2000/svg"/>'


def check_printable(dataset, briefings: list[Briefing], root: Path) -> None:
    """Raise DataError for every field, in the records the briefings print, holding a character the PDF font cannot
    draw (at the record's file and line: the record is what to fix)."""
    shown_in: dict[str, set[str]] = {}
    for briefing in briefings:
        for record_id in shown_record_ids(briefing, dataset):
            shown_in.setdefault(record_id, set()).add(briefing.id)
    problems = glyphs.record_problems(shown_in, dataset, root)
    if problems:
        raise DataError(problems)


def check_briefing_templates(renderer: Renderer, reports: list[ReportFile], reports_dir: Path) -> None:
    """Render every briefing in both forms (without drawing charts or printing PDFs), so `validate` catches a
    template that is broken or does what a briefing may not. Raises DataError on the first that fails."""
    env = report_environment(renderer, reports_dir)
    briefings = [build_briefing(report, renderer.dataset, renderer.charts, renderer.language) for report in reports]
    check_printable(renderer.dataset, briefings, reports_dir.parent)
    for report, briefing in zip(reports, briefings):
        with _reported(report, reports_dir):
            render_document(briefing, env, renderer, standalone=True, chart_images=_PlaceholderImages())
            render_document(briefing, env, renderer, standalone=False, pdf=PdfLink(href=briefing.pdf_path,
                                                                                   size="1 KB"))


def report_files(renderer: Renderer, chart_images: dict[str, bytes | str], reports_dir: Path, cache_dir: Path,
                 today: dt.date | None = None, print_later: PrintLater | None = None) -> dict[str, str | bytes]:
    """{site path: content}: each briefing's PDF and page, and the briefings page, in the renderer's language."""
    _ = renderer.language.gettext
    index_url = renderer.site_path(INDEX_URL)
    env = report_environment(renderer, reports_dir)
    files: dict[str, str | bytes] = {}
    listed = []
    for item in render_briefings(renderer, chart_images, reports_dir, cache_dir, today, print_later):
        briefing = item.briefing
        size = file_size(len(item.pdf))
        link = PdfLink(href=relative_href(briefing.pdf_path, briefing.url), size=size)
        kept = _kept[_key(renderer, reports_dir, briefing.id)]
        with _reported(item.report, reports_dir):
            if size not in kept.pages:
                kept.pages.clear()  # the size of the PDF last served is the only one asked again
                with recording() as inputs:
                    kept.pages[size] = render_document(briefing, env, renderer, standalone=False, pdf=link)
                kept.inputs |= inputs
        body = kept.pages[size]
        description = briefing.definition.subtitle or _("A printable briefing: %(title)s.") % {"title": briefing.title}
        files[briefing.pdf_path] = item.pdf
        files.update(item.own_charts)
        files[briefing.page_path] = renderer.page(
            "report_page.html.j2", briefing.url, briefing.title, description, body=Markup(body),
            citable=report_citable(briefing, renderer.site_url, renderer.language.code))
        listed.append((briefing, PdfLink(href=relative_href(briefing.pdf_path, index_url), size=size)))
    files[renderer.output(INDEX_PAGE)] = renderer.page("reports_index.html.j2", INDEX_URL, _(TITLE), _(DESCRIPTION),
                                                       briefings=listed)
    return files

