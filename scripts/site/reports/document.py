"""A briefing as HTML, from its Jinja2 template (report.html.j2 unless it names its own), in one of two forms:

- standalone (for print and the PDF): a whole document with the print stylesheet; links are absolute URLs on the
  published site, and the charts are embedded as data: URLs, so the file needs nothing else and the PDF engine never
  fetches anything;
- the site page's body: the same sections, with links relative to the briefing's page and the charts' files served
  by the site, plus the link to the PDF.

Templates are data, rendered in a sandbox (sandbox.py): the shared ones in scripts/site/templates/ are found first, so a
briefing's own template in reports/ can extend the shared one and replace its blocks but never replace it; what an
own template writes passes an allowlist (briefing_output.py)."""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, replace
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup

from ..charts.spec import ChartSpec, format_number, format_value
from ..citations import Citable, apa, citable_for_page
from ..i18n import ENGLISH, NBSP, Language
from ..render import CompiledTemplates, Renderer
from ...records.schema import Statistic
from . import briefing_output
from .content import Briefing
from .definition import DEFAULT_TEMPLATE, TEMPLATE_SUFFIX
from .references import References, ranges
from .sandbox import BriefingEnvironment, BriefingLoader, render_limited
from ..urls import absolute_url, display_name, record_path, relative_href


@dataclass(frozen=True)
class PdfLink:
    href: str
    size: str  # "312 KB"


# The sandbox compiles templates with guarded loops: its compiled code is kept apart from the site's, which has none.
_SANDBOXED_COMPILED = CompiledTemplates()


def report_environment(renderer: Renderer, reports_dir: Path) -> Environment:
    """A sandbox with the renderer's filters and globals, finding the shared templates first, then reports/."""
    shared = renderer.env
    env = BriefingEnvironment(loader=BriefingLoader(shared.loader, reports_dir, TEMPLATE_SUFFIX),
                              autoescape=shared.autoescape, undefined=shared.undefined, trim_blocks=True,
                              lstrip_blocks=True, keep_trailing_newline=True, auto_reload=False,
                              bytecode_cache=_SANDBOXED_COMPILED)
    env.add_filters({name: shared.filters[name] for name in ("markdown", "date", "precision", "escape_text", "number",
                                                             "percent", "as_courts_write_it", "pinpoint")})
    env.add_globals({name: value for name, value in shared.globals.items() if name not in env.globals
                     and name not in ("lipsum", "cycler", "joiner", "namespace", "range", "dict")})
    env.context_class, env.data_globals = shared.context_class, shared.data_globals  # reads noted (reads.py)
    return env


def report_citable(briefing: Briefing, site_url: str, language: str = "en") -> Citable:
    citable = citable_for_page(site_url, briefing.url, briefing.title, briefing.as_of,
                               page_id=f"reports-{briefing.id}", language=language)
    # a briefing's own title not translated yet is shown in English (marked so)
    return replace(citable, title_language="en") if language != "en" and "title" in briefing.untranslated else citable


def figure_text(statistic: Statistic, language: Language = ENGLISH) -> str:
    """A figure with its unit: '949,126 detainers', '77.4%', '$1,200'; in Spanish '949 126 órdenes de retención',
    '77,4 %', '1200 dólares' (the unit's words from the catalog, scripts/site/i18n/es/reports.yaml)."""
    if language.code == "en":
        if statistic.unit == "percent":
            return format_value(statistic.value, "percent")
        if statistic.unit == "dollars":
            return f"${format_number(statistic.value)}"
        return f"{format_number(statistic.value)} {statistic.unit}"
    number = language.number(statistic.value)
    if statistic.unit == "percent":
        return f"{number}{NBSP}%"
    message = FIGURE_UNITS.get(statistic.unit)
    if message is None:
        return f"{number} {statistic.unit}"
    return language.gettext(message) % {"number": number}


# How a figure is written with its unit, one message per unit (translated in scripts/site/i18n/es/reports.yaml).
FIGURE_UNITS = {"agreements": "%(number)s agreements", "agencies": "%(number)s agencies", "detainers": "%(number)s detainers",
                "people": "%(number)s people", "records": "%(number)s records",
                "jurisdictions": "%(number)s jurisdictions", "counties": "%(number)s counties",
                "days": "%(number)s days", "dollars": "$%(number)s"}


def first_paragraph(markdown_text: str) -> str:
    """The Markdown up to its first blank line."""
    return re.split(r"\n[ \t]*\n", markdown_text.strip(), maxsplit=1)[0]


def file_size(size: int) -> str:
    return f"{max(1, round(size / 1024)):,} KB"


def render_document(briefing: Briefing, env: Environment, renderer: Renderer, *, standalone: bool,
                    chart_images: dict[str, bytes] | None = None, pdf: PdfLink | None = None) -> str:
    """The briefing's HTML. standalone needs chart_images ({site path: SVG bytes}); the site form takes the PDF link."""
    site_url = renderer.site_url
    dataset = renderer.dataset
    language = renderer.language

    if standalone:
        def href(site_path: str) -> str:  # a page in the briefing's language; a file (CSV) is the same for all
            return absolute_url(site_url, renderer.site_path(site_path))

        def chart_src(chart: ChartSpec) -> str:
            svg = (chart_images if chart_images is not None else {})[chart.svg_path]
            return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")

        phone_src = None  # the PDF and the standalone HTML: the wide charts only
    else:
        def href(site_path: str) -> str:
            return relative_href(renderer.site_path(site_path), briefing.url)

        def chart_src(chart: ChartSpec) -> str:
            return href(chart.svg_path)

        def phone_src(chart: ChartSpec) -> str:  # the site's page: a phone gets the chart drawn for its width
            return href(chart.for_phones().svg_path)

    def link(record_id: str) -> str:
        return href(record_path(dataset.collection_of[record_id], record_id))

    def name_of(record_id: str) -> str:
        return display_name(dataset, record_id)

    def figure(statistic: Statistic) -> str:
        return figure_text(statistic, language)

    citable = report_citable(briefing, site_url, language.code)
    references = References(dataset)
    # The number each event carries on the briefing's own programs chart, shown next to it in the timeline.
    chart_numbers = {row[1]: row[2] for chart in briefing.charts if chart.narrows and chart.kind == "era"
                     for row in chart.rows if row[0] == "event"}
    template = env.get_template(briefing.template)
    html = render_limited(template, dict(
        report=briefing, standalone=standalone, link=link, href=href, name_of=name_of, chart_src=chart_src, phone_src=phone_src,
        page_url=briefing.url, cite=references.cite, ranges=ranges, references=references, figure=figure,
        first_paragraph=first_paragraph, chart_numbers=chart_numbers,
        citable=citable, citation=Markup(apa(citable).html), pdf=pdf,
        pdf_url=absolute_url(site_url, briefing.pdf_path)))
    # WeasyPrint draws no glyph for a line separator and fails on a paragraph separator: in HTML both are simply a
    # line break in the source, which is white space.
    html = html.strip().replace("\u2028", "\n").replace("\u2029", "\n") + "\n"
    if briefing.template != DEFAULT_TEMPLATE:
        html = briefing_output.clean_document(html) if standalone else briefing_output.clean_fragment(html) + "\n"
    return html
