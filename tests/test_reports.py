"""Briefings: the YAML format and its file:line errors, what each briefing shows (figures, timeline, cases, numbered
references, the cite line), its data date, the PDF (text, pages, identical bytes, no network), the PDF cache, and the
briefings on the built site."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from pathlib import Path
from urllib.parse import urljoin

import pytest

from scripts.__main__ import main
from scripts.records.dates import display
from scripts.records.problems import DataError
from scripts.records.validate import validate
from scripts.site.build import build_site
from scripts.site.charts.files import chart_files
from scripts.site.file_cache import UNUSED_DAYS
from scripts.site.generate import generate_pages
from scripts.site.render import Renderer
from scripts.site.reports import pdf as pdf_module
from scripts.site.reports.content import build_briefing, select_events
from scripts.site.reports.definition import load_reports
from scripts.site.reports.document import figure_text, render_document, report_environment
from scripts.site.reports.files import render_briefings, report_files
from scripts.site.reports.pdf import PdfError, pdf_key, render_pdf
from scripts.site.reports.references import ReferenceOrderError, References, ranges

from .conftest import ROOT, TODAY, make_project

EXAMPLE = """\
title: The example program, 2008 to today
subtitle: A test briefing
intro: |
  The example program *ran*, stopped and started again. <script>alert(1)</script>
programs:
  - example-program
statistics:
  - example-count-2012
series:
  - example-series
charts:
  - programs-over-time
  - series-example-series
intro_records:
  - example-program
"""
URL = "http://127.0.0.1:8000/reports/example/"


@pytest.fixture
def reports_dir(data_dir: Path) -> Path:
    """reports/ next to the fixture data, holding one briefing, example.yaml. The case also cites a third source,
    example-ruling-2014, which nothing else cites (added to the test's copy of the data only)."""
    (data_dir / "sources/example-ruling-2014.yaml").write_text(
        "id: example-ruling-2014\ntitle: Opinion in Example v. Agency\npublisher: Example Court\ndate: 2014-04-11\n"
        "type: court-opinion\nurl: https://example.org/ruling?id=1&part=2\nlast_reviewed: 2026-11-01\n")
    case = data_dir / "cases/example-v-agency.yaml"
    case.write_text(case.read_text().replace("sources:\n", "sources:\n  - source: example-ruling-2014\n"))
    folder = data_dir.parent / "reports"
    folder.mkdir()
    (folder / "example.yaml").write_text(EXAMPLE)
    return folder


def fake_images(renderer: Renderer, briefing=None) -> dict[str, bytes]:
    """Stand-ins for the chart SVGs (the site's, and the briefing's own), for tests that do not draw or print."""
    specs = [*renderer.charts.values(), *(briefing.charts if briefing else ())]
    return {spec.svg_path: f'<svg xmlns="http://www.w3.org/2000/svg"><title>{spec.id}</title></svg>'.encode()
            for spec in specs}


def briefing_of(data_dir: Path, reports_dir: Path, name: str = "example"):
    renderer = Renderer(validate(data_dir, today=TODAY))
    report = {r.id: r for r in load_reports(reports_dir, renderer.dataset, renderer.charts, TODAY)}[name]
    return renderer, build_briefing(report, renderer.dataset, renderer.charts)


def printable(data_dir: Path, reports_dir: Path, name: str = "example") -> str:
    renderer, briefing = briefing_of(data_dir, reports_dir, name)
    return render_document(briefing, report_environment(renderer, reports_dir), renderer, standalone=True,
                           chart_images=fake_images(renderer, briefing))


def resolve(page: str, page_url: str, pattern: str) -> list[str]:
    return [urljoin(f"http://site/{page_url}", found)[len("http://site/"):] for found in re.findall(pattern, page)]


@pytest.fixture
def no_pdf(monkeypatch):
    """Replace the PDF engine by a recorder: the HTML it was given, in order."""
    rendered: list[str] = []

    def fake(html: str) -> bytes:
        rendered.append(html)
        return b"%PDF-1.7 fake " + str(len(rendered)).encode()
    monkeypatch.setattr(pdf_module, "render_pdf", fake)
    return rendered


def add_event(data_dir: Path, event_id: str, date: str, kind: str = "report", programs=("example-program",),
              reviewed: str = "2026-11-01", summary: str = "Something happened.") -> None:
    listed = "".join(f"  - {p}\n" for p in programs)
    (data_dir / "events" / f"{event_id}.yaml").write_text(
        f"id: {event_id}\ntitle: Event {event_id}\ndate: {date}\ntype: {kind}\n"
        + (f"programs:\n{listed}" if programs else "")
        + f"summary: |\n  {summary}\nsources:\n  - source: example-memo-2014\nlast_reviewed: {reviewed}\n")


# --- The briefing files and their errors ---------------------------------------------------------------------------

def test_every_problem_in_briefing_files_is_reported_with_file_and_line(data_dir, tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    files = {
        "a.yaml": "intro: Some words.\nprograms: []\nevents:\n  types: [launch, party]\npaper: legal\ncolour: red\n",
        "b.yaml": ("title: B\nintro: Words.\nprograms: [example-program]\nevents:\n  since: 2015\n  until: 2014-06\n"
                   "intro_records: [example-program]\n"),
        "c.yaml": ("title: C\nintro: Words.\nprograms:\n  - example-progam\nstatistics:\n  - example-v-agency\n"
                   "series: [no-such-series]\ncharts:\n  - series-example\nevents:\n  include: [2014-11-20-example-mem]\n"
                   "template: missing.html.j2\nintro_records: [example-program]\n"),
        "e.yaml": "title: [unclosed\nintro: x\n",
        "f.yaml": "- title\n",
        "Bad_Name.yaml": "title: x\n",
        "index.yaml": "title: x\n",
        "d.yml": "title: x\n",
    }
    for name, text in files.items():
        (folder / name).write_text(text)
    dataset = validate(data_dir, today=TODAY)
    with pytest.raises(DataError) as error:
        load_reports(folder, dataset, Renderer(dataset).charts, TODAY)
    problems = [str(p) for p in error.value.problems]
    assert problems == [
        'reports/Bad_Name.yaml:1:1: report Bad_Name: "Bad_Name" cannot be a briefing\'s id (its web address): use '
        "lowercase letters, digits and single hyphens; rename the file",
        'reports/a.yaml:1:1: report a: intro_records: required field "intro_records" is missing; add it (see '
        "reports/README.md)",
        'reports/a.yaml:1:1: report a: title: required field "title" is missing; add it (see reports/README.md)',
        "reports/a.yaml:2:11: report a: programs: needs at least 1 entry; add one",
        'reports/a.yaml:4:19: report a: events.types[1]: "party" is not allowed here; use one of: '
        "'policy', 'memo', 'executive-order', 'court-decision', 'report', 'letter', 'legislation', 'litigation', "
        "'statement', 'form', 'launch', 'expansion', 'agreement', 'data-release', 'announcement' or 'guidance'",
        "reports/a.yaml:5:8: report a: paper: \"legal\" is not allowed here; use one of: 'letter' or 'a4'",
        'reports/a.yaml:6:1: report a: colour: unknown field "colour"; rename it to one of the fields allowed here, or '
        "remove it: cases, charts, es, events, intro, intro_records, order, paper, programs, series, statistics, subtitle, "
        "template, title",
        "reports/b.yaml:5:3: report b: events: since (2015) is after until (2014-06); swap them or fix the dates",
        'reports/c.yaml:4:5: report c: programs[0]: no program has the id "example-progam" (did you mean '
        '"example-program"?); fix the id, or add the program it names',
        'reports/c.yaml:6:5: report c: statistics[0]: "example-v-agency" is a case, not a statistic; name a statistic '
        "here",
        'reports/c.yaml:7:10: report c: series[0]: no series has the id "no-such-series"; fix the id, or add the '
        "series it names",
        'reports/c.yaml:9:5: report c: charts[0]: no chart has the id "series-example" (did you mean '
        '"series-example-series"?); the charts are: jurisdictions-by-state, programs-over-time, series-example-series, '
        'state-laws-by-state',
        'reports/c.yaml:11:13: report c: events.include[0]: no event has the id "2014-11-20-example-mem" (did you '
        'mean "2014-11-20-example-memo"?); fix the id, or add the event it names',
        'reports/c.yaml:12:11: report c: template: no template "missing.html.j2"; name a .html.j2 file in reports/, '
        "or leave it out to use report.html.j2",
        'reports/d.yml:1:1: not a briefing file: briefings end in .yaml and templates in .html.j2; rename it to '
        '"d.yaml"',
        "reports/e.yaml:2:6: YAML syntax error: did not find expected ',' or ']' (check indentation, colons and "
        "quotes)",
        "reports/f.yaml:1:1: report f: the file must be a group of fields ('title: ...', 'programs: ...'), not a list "
        "or a single value",
        "reports/index.yaml:1:1: report index: \"index\" cannot be a briefing's id (its web address): use lowercase "
        "letters, digits and single hyphens, and not 'index'; rename the file",
    ]


def test_no_reports_folder_means_no_briefings_but_an_index_page(data_dir, tmp_path, no_pdf):
    renderer = Renderer(validate(data_dir, today=TODAY))
    assert load_reports(tmp_path / "nowhere", renderer.dataset, renderer.charts) == []
    files = report_files(renderer, {}, tmp_path / "nowhere", tmp_path / "cache")
    assert list(files) == ["reports/index.md"]
    assert "No briefings yet" in files["reports/index.md"]


def test_cli_validate_checks_briefings(tmp_path, data_dir, capsys):
    project = make_project(tmp_path, data_dir)
    (project / "reports").mkdir()
    (project / "reports/example.yaml").write_text(EXAMPLE)
    assert main(["--root", str(project), "validate"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "OK: 1 briefings checked (reports/)"
    (project / "reports/example.yaml").write_text(EXAMPLE.replace("  - example-program", "  - example-progam"))
    assert main(["--root", str(project), "validate"]) == 1
    assert capsys.readouterr().err.startswith(
        'reports/example.yaml:6:5: report example: programs[0]: no program has the id "example-progam"')


def test_cli_reports_writes_pdf_and_printable_html(tmp_path, data_dir, reports_dir, capsys, no_pdf, monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)
    project = make_project(tmp_path, data_dir)
    shutil.copytree(reports_dir, project / "reports")
    assert main(["--root", str(project), "reports", "--out", str(tmp_path / "out")]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["example.html", "example.pdf"]
    assert (tmp_path / "out/example.pdf").read_bytes() == b"%PDF-1.7 fake 1"
    assert (tmp_path / "out/example.html").read_text() == no_pdf[0]
    assert capsys.readouterr().out == (f"{tmp_path / 'out/example.pdf'} (1 KB) and example.html: The example "
                                       "program, 2008 to today, data as of 2026-11-01\n")
    (project / "reports/example.yaml").write_text(EXAMPLE.replace("  - series-example-series", "  - series-nope"))
    assert main(["--root", str(project), "reports"]) == 1
    assert capsys.readouterr().err.startswith(
        'reports/example.yaml:13:5: report example: charts[1]: no chart has the id "series-nope"')


# --- What a briefing holds -----------------------------------------------------------------------------------------

def test_event_selection_by_program_type_dates_include_and_exclude(data_dir, reports_dir):
    add_event(data_dir, "2011-example-report", "2011")
    add_event(data_dir, "2014-11-example-statement", "2014-11", kind="statement")
    add_event(data_dir, "2016-05-02-elsewhere", "2016-05-02", programs=())
    dataset = validate(data_dir, today=TODAY)

    def chosen(events_yaml: str) -> list[str]:
        (reports_dir / "example.yaml").write_text(EXAMPLE + events_yaml)
        report = load_reports(reports_dir, dataset, Renderer(dataset).charts, TODAY)[0]
        return [e.id for e in select_events(report.definition, dataset)]

    everything = ["2008-03-example-launch", "2011-example-report", "2014-11-example-statement",
                  "2014-11-20-example-memo"]  # oldest first; a month sorts before a day in it, as on the timeline
    assert chosen("") == everything  # the events of the briefing's programs, not 2016-05-02-elsewhere
    assert chosen("events:\n  types: [memo, launch]\n") == ["2008-03-example-launch", "2014-11-20-example-memo"]
    # A partial date is kept when its month or year overlaps the range: 2011 reaches 2011-06, 2014-11 reaches
    # 2014-11-25, but the memo (November 20) does not.
    assert chosen("events:\n  since: 2011-06\n  until: 2014-11-19\n") == ["2011-example-report",
                                                                      "2014-11-example-statement"]
    assert chosen("events:\n  since: 2014-11-25\n") == ["2014-11-example-statement"]
    assert chosen("events:\n  types: [memo]\n  include: [2016-05-02-elsewhere, 2008-03-example-launch]\n"
                  "  exclude: [2014-11-20-example-memo]\n") == ["2008-03-example-launch", "2016-05-02-elsewhere"]


def test_cases_default_to_the_programs_cases_or_as_listed(data_dir, reports_dir):
    _, briefing = briefing_of(data_dir, reports_dir)
    assert [c.id for c in briefing.cases] == ["example-v-agency"]
    (reports_dir / "example.yaml").write_text(EXAMPLE + "cases: []\n")
    _, briefing = briefing_of(data_dir, reports_dir)
    assert briefing.cases == ()
    assert '<h2 id="cases">' not in printable(data_dir, reports_dir)  # chosen to be none: no empty section


def test_date_is_the_latest_review_of_what_the_briefing_shows(data_dir, reports_dir):
    _, briefing = briefing_of(data_dir, reports_dir)
    assert briefing.as_of == "2026-11-01"
    quote = data_dir / "quotes/example-quote.yaml"  # not in the briefing: does not move its date
    quote.write_text(quote.read_text().replace("last_reviewed: 2026-11-01", "last_reviewed: 2026-11-22"))
    assert briefing_of(data_dir, reports_dir)[1].as_of == "2026-11-01"
    source = data_dir / "sources/example-ruling-2014.yaml"  # cited by the briefing's case: does
    source.write_text(source.read_text().replace("last_reviewed: 2026-11-01", "last_reviewed: 2026-11-20"))
    assert briefing_of(data_dir, reports_dir)[1].as_of == "2026-11-20"
    html = printable(data_dir, reports_dir)
    assert 'Data as of <span class="as-of-date">November 20, 2026</span>' in html
    assert '<meta name="dcterms.created" content="2026-11-20">' in html
    assert '<meta name="dcterms.modified" content="2026-11-20">' in html


# --- The HTML ------------------------------------------------------------------------------------------------------

def test_printable_html_has_figures_timeline_cases_numbered_references_and_cite_line(data_dir, reports_dir):
    html = printable(data_dir, reports_dir)
    assert html.startswith("<!DOCTYPE html>\n<html lang=\"en\">")
    assert "<h1>The example program, 2008 to today</h1>" in html
    assert '<p class="subtitle">A test briefing</p>' in html
    assert "<p>The example program <em>ran</em>, stopped and started again. &lt;script&gt;" in html  # sanitised
    assert "<script>" not in html
    # The intro cites the sources of the records it summarises (the program cites the report: [1]).
    assert '<p class="intro-sources">Sources for this summary: <span class="refs">[<a href="#ref-1">1</a>]</span></p>' \
        in html
    # Programs with their periods; key figures with their sources; the series' figures.
    assert "Active March 2008 – November 20, 2014; since January 25, 2017 (no end recorded)." in html
    assert html.count('<td class="number">1,234 agreements</td>') == 2  # as a key figure, and in its series
    # The timeline, dated with the precision known.
    assert ('<time datetime="2008-03" data-precision="month">March 2008</time> <span class="precision">'
            '(month known)</span> · launch') in html
    assert '<time datetime="2014-11-20" data-precision="day">November 20, 2014</time> · memo' in html
    assert html.index("The example program starts") < html.index("The example memo ends the example program")
    # The case.
    assert 'Example v. Agency</a></h3>' in html and "The agency could not hold the plaintiff on a detainer alone." in html
    # Sources are numbered in order of first citation: the program cites the report [1], the memo event is the
    # first to cite the memo [2], and only the case cites the ruling [3].
    listed = re.findall(r'<li id="ref-(\d+)"><span class="ref-number">\[(\d+)\]</span> ([^<]+)', html)
    assert [(a, b, text.split(".")[0]) for a, b, text in listed] == [
        ("1", "1", "Example Institute (A"), ("2", "2", "Example Department"), ("3", "3", "Example Court")]
    case = html[html.index('<div class="case">'):]
    assert '<span class="refs">[<a href="#ref-1">1</a>, <a href="#ref-3">3</a>]</span>' in case
    timeline = html[html.index('<h2 id="timeline">'):html.index('<h2 id="charts">')]
    assert '[<a href="#ref-2">2</a>]' in timeline
    # Links printed as URLs in the reference list (escaped for HTML).
    assert ('<a class="url" href="https://example.org/ruling?id=1&amp;part=2">https://example.org/ruling?id=1&amp;'
            'part=2</a>') in html
    assert "Archived copy: <a class=\"url\" href=\"https://web.archive.org/web/2015/https://example.org/report\">" in html
    # How to cite: APA 7 for the briefing's own page, dated by its data.
    assert ("Detainers Record contributors. (2026, November 1). <i>The example program, 2008 to today</i>. "
            f"Detainers Record. {URL}") in html
    # Self-contained: charts as data: URLs, links to the site absolute.
    assert re.findall(r'<img class="chart-image" src="([a-z]+):', html) == ["data", "data"]
    assert f'href="{URL[:-len("reports/example/")]}events/2008-03-example-launch/"' in html
    assert "<link" not in html


def test_site_page_links_the_pdf_and_records_relatively(data_dir, reports_dir, tmp_path, no_pdf):
    renderer = Renderer(validate(data_dir, today=TODAY))
    files = report_files(renderer, fake_images(renderer), reports_dir, tmp_path / "cache", TODAY)
    assert sorted(files) == ["charts/programs-over-time-example.csv", "charts/programs-over-time-example.narrow.svg",
                             "charts/programs-over-time-example.svg", "reports/example.md", "reports/example.pdf",
                             "reports/index.md"]
    page = files["reports/example.md"]
    assert page.startswith("---\n") and "# The example program, 2008 to today {#page_title}\n" in page
    assert resolve(page, "reports/example/", r'<a href="([^"]+)" type="application/pdf">Download this briefing as a '
                                             r"PDF</a> \(1 KB, US Letter paper\)") == ["reports/example.pdf"]
    assert '<a href="../../events/2008-03-example-launch/">The example program starts</a>' in page
    assert '<img class="chart-image" src="../../charts/programs-over-time-example.svg"' in page
    # A phone gets the chart drawn for its width; the PDF keeps the wide one.
    assert ('<picture><source media="(max-width: 40em)" srcset="../../charts/programs-over-time-example.narrow.svg">'
            '<img class="chart-image"') in page
    assert ('drawn for this briefing, with its data as <a href="../../charts/programs-over-time-example.csv">CSV</a>; '
            'the whole record\'s version, with its data table, is on the <a href="../../charts/#programs-over-time">'
            'charts page</a>') in page
    assert "<h1>" not in page and "<!DOCTYPE" not in page  # the site page gives the title and the document
    assert '[<a href="#ref-1">1</a>]' in page and 'id="ref-3"' in page
    # The cite-this block below the page cites the briefing with its own date, like its cite line.
    assert page.count("(2026, November 1). <i>The example program, 2008 to today</i>") == 2
    assert "citation_date: \"2026/11/01\"" in page
    index = files["reports/index.md"]
    assert resolve(index, "reports/", r'<a href="([^"]+)">The example program, 2008 to today</a>') == [
        "reports/example/"]
    assert resolve(index, "reports/", r'<a href="([^"]+)" type="application/pdf">PDF</a>') == ["reports/example.pdf"]
    assert "Data as of November 1, 2026 · 2 events, 1 court case, 2 charts" in index


def test_a_briefing_draws_the_programs_chart_for_its_own_programs_and_events(data_dir, reports_dir):
    """The site's chart marks every key event on the timeline; a briefing's marks only the briefing's events, so
    its references do not fill up with the sources of events the briefing leaves out."""
    definition = reports_dir / "example.yaml"
    definition.write_text(EXAMPLE + "events:\n  exclude: [2014-11-20-example-memo]\n")
    renderer, briefing = briefing_of(data_dir, reports_dir)
    [chart] = [c for c in briefing.charts if c.kind == "era"]
    site_chart = renderer.charts["programs-over-time"]
    assert (chart.id, chart.narrows) == ("programs-over-time-example", "programs-over-time")
    marked = {row[1] for row in chart.rows if row[0] == "event"}
    assert "2014-11-20-example-memo" in {row[1] for row in site_chart.rows if row[0] == "event"}
    assert marked and marked <= {e.id for e in briefing.events} and "2014-11-20-example-memo" not in marked
    cited = {ref.source for record in (*briefing.programs, *briefing.events) for ref in record.sources}
    assert set(chart.sources) <= cited
    assert "this briefing's events of type" in chart.caption
    page = printable(data_dir, reports_dir)
    for row in chart.rows:
        if row[0] == "event":  # the timeline shows each event's number on the chart
            entry = page[page.index(f'href="{URL[:-len("reports/example/")]}events/{row[1]}/"'):]
            assert f"number {row[2]} on the programs chart" in entry[:entry.index("</p>")]


def test_text_from_the_records_is_escaped(data_dir, reports_dir):
    event = data_dir / "events/2008-03-example-launch.yaml"
    event.write_text(event.read_text().replace("title: The example program starts",
                                               'title: "<img src=x onerror=alert(1)> & co"'))
    (reports_dir / "example.yaml").write_text(EXAMPLE.replace("title: The example program, 2008 to today",
                                                              'title: "Briefing <b>bold</b>"'))
    html = printable(data_dir, reports_dir)
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; co" in html and "<img src=x" not in html
    assert "<title>Briefing &lt;b&gt;bold&lt;/b&gt;</title>" in html and "<b>" not in html


def test_a_briefing_can_use_its_own_template(data_dir, reports_dir):
    (reports_dir / "short.html.j2").write_text(
        '{% extends "report.html.j2" %}\n{% block charts %}{% endblock %}\n'
        '{% block intro %}<p class="own">Own words for {{ report.title }}.</p>{% endblock %}\n')
    (reports_dir / "example.yaml").write_text(EXAMPLE + "template: short.html.j2\npaper: a4\n")
    html = printable(data_dir, reports_dir)
    assert '<p class="own">Own words for The example program, 2008 to today.</p>' in html
    assert '<h2 id="charts">' not in html and '<h2 id="references">' in html
    assert "size: A4;" in html


def test_template_errors_are_reported_with_their_file(data_dir, reports_dir, tmp_path, no_pdf):
    # A template that lists the references first: the sources cited after it would go unlisted.
    (reports_dir / "first.html.j2").write_text(
        '{% extends "report.html.j2" %}\n{% block intro %}{{ self.references() }}{% endblock %}\n')
    (reports_dir / "example.yaml").write_text(EXAMPLE + "template: first.html.j2\n")
    renderer = Renderer(validate(data_dir, today=TODAY))
    with pytest.raises(DataError) as error:
        render_briefings(renderer, fake_images(renderer), reports_dir, tmp_path / "cache", TODAY)
    assert [str(p) for p in error.value.problems] == [
        'reports/first.html.j2:1:1: report example: template first.html.j2: source "example-report-2014" is cited '
        "after the reference list; the list must come last in the template"]

    (reports_dir / "first.html.j2").write_text('{% extends "report.html.j2" %}\n\n{% block intro %}{% if %}\n')
    with pytest.raises(DataError) as error:
        render_briefings(renderer, fake_images(renderer), reports_dir, tmp_path / "cache", TODAY)
    assert str(error.value.problems[0]).startswith("reports/first.html.j2:3:1: template first.html.j2: syntax: ")

    (reports_dir / "first.html.j2").write_text('{% extends "report.html.j2" %}\n{% block intro %}{{ report.summary }}'
                                               "{% endblock %}\n")
    with pytest.raises(DataError) as error:
        render_briefings(renderer, fake_images(renderer), reports_dir, tmp_path / "cache", TODAY)
    assert "template first.html.j2: 'scripts.site.reports.content.Briefing object' has no attribute 'summary'" in str(
        error.value.problems[0])
    assert no_pdf == []


def test_references_are_numbered_in_order_of_first_citation(data_dir):
    references = References(validate(data_dir, today=TODAY))
    assert references.cite(["example-memo-2014"]) == [1]
    assert references.cite(["example-report-2014", "example-memo-2014", "example-report-2014"]) == [1, 2]
    assert [(n, s.id) for n, s in references.entries()] == [(1, "example-memo-2014"), (2, "example-report-2014")]
    assert references.cite(["example-report-2014"]) == [2]  # already listed: fine
    with pytest.raises(ReferenceOrderError):
        references.cite(["example-ruling"])  # a new source after the list


@pytest.mark.parametrize("numbers, expected", [
    ([], []), ([4], [(4, 4)]), ([1, 2], [(1, 1), (2, 2)]), ([3, 1, 2, 2], [(1, 3)]),
    ([1, 2, 3, 5, 7, 8, 10, 11, 12], [(1, 3), (5, 5), (7, 7), (8, 8), (10, 12)]),
])
def test_reference_numbers_are_shown_as_ranges(numbers, expected):
    assert ranges(numbers) == expected


# --- The PDF cache -------------------------------------------------------------------------------------------------

def test_unchanged_briefing_is_not_rendered_again(data_dir, reports_dir, tmp_path, no_pdf):
    cache = tmp_path / "cache"

    def run() -> list[bytes]:
        renderer = Renderer(validate(data_dir, today=TODAY))
        return [b.pdf for b in render_briefings(renderer, fake_images(renderer), reports_dir, cache, TODAY)]

    first = run()
    assert len(no_pdf) == 1 and len(list(cache.glob("*.pdf"))) == 1
    assert run() == first and len(no_pdf) == 1, "same HTML: read from the cache"

    person = data_dir / "people/example-official.yaml"  # in no briefing: nothing to render
    person.write_text(person.read_text().replace("title: Secretary", "title: Deputy Secretary"))
    run()
    assert len(no_pdf) == 1

    event = data_dir / "events/2014-11-20-example-memo.yaml"  # in the briefing: rendered again
    event.write_text(event.read_text().replace("The memo ended the program.", "The memo ended it."))
    assert run() != first and len(no_pdf) == 2 and "The memo ended it." in no_pdf[-1]
    assert len(list(cache.glob("*.pdf"))) == 2, "the replaced PDF stays until no run has used it for 30 days"
    month_ago = time.time() - (UNUSED_DAYS + 1) * 86400
    for path in cache.glob("*.pdf"):
        os.utime(path, (month_ago, month_ago))
    run()
    assert len(list(cache.glob("*.pdf"))) == 1, "the replaced PDF, unused for a month, is pruned"


def test_pdf_cache_key_covers_the_html_and_the_engine(monkeypatch):
    key = pdf_key("<p>a</p>")
    assert pdf_key("<p>a</p>") == key and pdf_key("<p>b</p>") != key
    monkeypatch.setattr(pdf_module, "version", lambda name: "0.0")
    assert pdf_key("<p>a</p>") != key


def test_generate_pages_includes_briefings(data_dir, reports_dir, tmp_path, no_pdf):
    pages = generate_pages(data_dir, today=TODAY, report_cache_dir=tmp_path / "report-cache")
    assert pages["reports/example.pdf"].startswith(b"%PDF")
    assert "reports/example.md" in pages and "reports/index.md" in pages
    assert len(list((tmp_path / "report-cache").glob("*.pdf"))) == 1


# --- The PDF -------------------------------------------------------------------------------------------------------

def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)$", info, re.MULTILINE).group(1))


def pdf_text(pdf: Path) -> str:
    """The PDF's text in reading order, pages separated by form feeds, runs of white space as one space."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return "\f".join(" ".join(page.split()) for page in text.split("\f"))


def real_charts(renderer: Renderer, tmp_path: Path) -> dict[str, bytes | str]:
    return chart_files(renderer, tmp_path / "charts")


@pytest.mark.slow
def test_pdf_text_pages_and_identical_bytes(data_dir, reports_dir, tmp_path):
    renderer = Renderer(validate(data_dir, today=TODAY))
    charts = real_charts(renderer, tmp_path)
    [item] = render_briefings(renderer, charts, reports_dir, tmp_path / "cache", TODAY)
    pdf = tmp_path / "example.pdf"
    pdf.write_bytes(item.pdf)
    text = pdf_text(pdf)
    for expected in ["The example program, 2008 to today", "Data as of November 1, 2026", "1,234 agreements",
                     "The example program starts", "March 2008 (month known)", "Example v. Agency", "References",
                     "[1] Example Institute (A. Writer). “An Example Report on Detainers.” November 2014.",
                     "https://example.org/report", "[3] Example Court. “Opinion in Example v. Agency.”",
                     "https://example.org/ruling?id=1&part=2", "The example program, 2008 to today. Detainers Record.",
                     URL]:
        assert expected in text, f"{expected!r} missing from the PDF's text"
    # Letter pages hold about 9.3 in of text: the header, intro, programs, figures and timeline fill most of the
    # first; the two charts (2.5 in and 4.6 in tall, plus captions) do not fit beside them and take the second; the
    # cases, references and cite line follow. So 2 to 4 pages, and the footer agrees with the page count.
    pages = pdf_pages(pdf)
    assert 2 <= pages <= 4
    assert f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text
    assert "The example program, 2008 to today" in text.split("\f")[1][:300], "running title from page 2 on"
    info = subprocess.run(["pdfinfo", "-isodates", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^CreationDate:\s+2026-11-01T00:00:00", info, re.MULTILINE), info
    assert re.search(r"^Title:\s+The example program, 2008 to today$", info, re.MULTILINE)
    assert render_pdf(item.html) == item.pdf, "the same HTML gives the same bytes"


@pytest.mark.slow
def test_a_long_timeline_flows_onto_more_pages_and_loses_nothing(data_dir, reports_dir, tmp_path):
    renderer = Renderer(validate(data_dir, today=TODAY))
    charts = real_charts(renderer, tmp_path)
    [short] = render_briefings(renderer, charts, reports_dir, tmp_path / "cache", TODAY)
    for year in range(2009, 2014):
        for month in range(1, 9):
            add_event(data_dir, f"{year}-{month:02d}-example-step", f"{year}-{month:02d}",
                      summary="A step in the example program's history, described in a sentence long enough to "
                              "wrap onto a second line in print. " * 3)
    renderer = Renderer(validate(data_dir, today=TODAY))
    [long] = render_briefings(renderer, charts, reports_dir, tmp_path / "cache", TODAY)
    (tmp_path / "short.pdf").write_bytes(short.pdf)
    (tmp_path / "long.pdf").write_bytes(long.pdf)
    short_pages, long_pages = pdf_pages(tmp_path / "short.pdf"), pdf_pages(tmp_path / "long.pdf")
    # 40 events of about 1.1 in each: 44 in of timeline, at least 4 more pages of 9.3 in.
    assert long_pages >= short_pages + 4
    text = pdf_text(tmp_path / "long.pdf")
    assert all(f"Event {year}-{month:02d}-example-step" in text for year in range(2009, 2014) for month in range(1, 9))


@pytest.mark.slow
def test_pdf_engine_fetches_nothing_and_fails_on_warnings():
    with pytest.raises(PdfError, match="disallowed protocol"):
        render_pdf('<p>x<img src="https://example.org/tracker.png"></p>')
    with pytest.raises(PdfError, match="disallowed protocol"):
        render_pdf('<link rel="stylesheet" href="file:///etc/hostname"><p>x</p>')
    with pytest.raises(PdfError, match="unknown property"):
        render_pdf("<style>p { colour: red }</style><p>x</p>")


# --- The built site ------------------------------------------------------------------------------------------------

@pytest.mark.slow
def test_built_site_has_the_briefings_page_pdf_and_index(tmp_path, data_dir, reports_dir, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    project = make_project(tmp_path, data_dir, own_cache=True)
    shutil.copytree(reports_dir, project / "reports")
    build_site(project, project / "site")
    site = project / "site"
    page = (site / "reports/example/index.html").read_text()
    assert resolve(page, "reports/example/", r'href="([^"]+)" type="application/pdf"') == ["reports/example.pdf"]
    assert (site / "reports/example.pdf").read_bytes().startswith(b"%PDF-")
    assert "1,234 agreements" in page and 'id="ref-3"' in page
    index = (site / "reports/index.html").read_text()
    assert resolve(index, "reports/", r'<a href="([^"]+)">The example program') == ["reports/example/"]
    assert resolve(index, "reports/", r'href="([^"]+)" type="application/pdf"') == ["reports/example.pdf"]
    assert '<a href="reports/" class="md-nav__link">' in (site / "index.html").read_text()  # in the navigation
    assert len(list((project / ".cache/reports").glob("*.pdf"))) == 1, "PDFs are cached under the project"


@pytest.mark.slow
def test_real_briefings_are_on_the_real_site(real_site, real_dataset):
    dataset = real_dataset
    renderer = Renderer(dataset)
    reports = load_reports(ROOT / "reports", dataset, renderer.charts)
    assert {r.id for r in reports} >= {"detainers-2008-to-today", "secure-communities", "pep", "executive-order-2017",
                                       "287g"}
    index = (real_site / "reports/index.html").read_text()
    for report in reports:
        briefing = build_briefing(report, dataset, renderer.charts)
        page = (real_site / f"reports/{report.id}/index.html").read_text()
        pdf_links = r'href="([^"]+)" type="application/pdf"'
        assert resolve(page, f"reports/{report.id}/", pdf_links) == [f"reports/{report.id}.pdf"]
        assert f"reports/{report.id}.pdf" in resolve(index, "reports/", pdf_links)
        pdf = real_site / f"reports/{report.id}.pdf"
        text, pages = pdf_text(pdf), pdf_pages(pdf)
        # A first page, figures or charts, a timeline, cases and a reference list: at least 3 pages; the longest,
        # the overview, is about 20; more than 40 would mean something runs away.
        assert 3 <= pages <= 40, (report.id, pages)
        assert f"Page {pages} of {pages}" in text and "How to cite this briefing" in text
        assert f"Data as of {display(briefing.as_of)}" in text
        for statistic in briefing.statistics:
            assert figure_text(statistic) in text, (report.id, statistic.id)
        for event in briefing.events:
            assert event.title[:40] in text, (report.id, event.id)
        assert re.search(r"\[(\d+)\] ", text), report.id
