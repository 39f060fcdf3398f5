"""The page "ICE detention, as ICE reports it" and the data-availability page, built from the committed
data/datasets/ice-detention/ tables (English and Spanish)."""

from __future__ import annotations

import csv
import html
import re

import pytest

from scripts.site.datasets.pages import dataset_pages
from scripts.site.i18n import languages
from scripts.site.render import Renderer

from .conftest import ROOT

DETENTION = ROOT / "data" / "datasets" / "ice-detention"


@pytest.fixture(scope="module")
def built(real_dataset):
    dataset = real_dataset
    pages, charts = {}, {}
    for language in languages():
        made, specs = dataset_pages(Renderer(dataset, language=language), ROOT / "data" / "datasets")
        pages.update(made)
        charts.update({spec.svg_path: spec for spec in specs})
    return pages, charts


def _rows(name: str) -> list[dict]:
    with (DETENTION / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_month_of_the_population_chart_names_its_workbook_sheet_and_cell(built):
    _, charts = built
    chart = charts["charts/detainers-ice-detention-adp.svg"]
    expected = [r for r in _rows("monthly_adp.csv") if r["agency"] == "Total" and r["criminality"] == "All"]
    assert chart.column("month") == [r["month"] for r in expected]
    assert chart.column("value") == [round(float(r["adp"])) for r in expected]
    assert chart.column("source")[0] == "FY2019/2019-10-06_FY19-detentionstats.xlsx, Detention FY19!B59"
    assert chart.column("value")[0] == 45584
    # The 287(g) count is drawn on the same time axis as the detention charts.
    agreements = charts["charts/detainers-ice-detention-287g-agreements.svg"]
    assert agreements.options["x_range"] == chart.options["x_range"] == ["2018-10-01", "2026-05-18"]
    assert agreements.column("value")[-1] == 1843  # ICE's list of May 18, 2026


def test_the_page_tells_the_latest_month_as_partial_and_lists_the_repeats(built):
    pages, _ = built
    page = pages["detention/index.md"]
    assert "What these numbers do and do not measure" in page
    assert "287(g)" in page
    latest = max(r["as_of"] for r in _rows("releases.csv") if r["status"] == "counted")
    assert latest == "2026-04-04"
    assert re.search(r"2026-04 <span class=\"partial\">\(to April 4, 2026\)", page)
    not_counted = [r["file"] for r in _rows("releases.csv") if r["status"] != "counted"]
    table = page[page.index('id="table-not-counted"'):]
    assert all(name in table for name in not_counted)
    assert '<div class="table-scroll">' in page  # wide tables scroll in their box on a phone
    assert "es/detention/index.md" in pages


def test_availability_says_which_series_stopped_and_when(built):
    pages, _ = built
    page = html.unescape(pages["data-availability/index.md"])
    rows = dict(re.findall(r'<tr><th scope="row">(?:<a [^>]*>)?([^<]+)(?:</a>)?</th>(.*?)</tr>', page, re.S))
    detention = rows["ICE detention statistics (detained population, book-ins, facilities)"]
    assert "April 4, 2026" in detention and "September 30, 2019" in detention
    assert "Stopped" in rows["ICE's Declined Detainer Outcome Report"]
    assert "April 11, 2017" in rows["ICE's Declined Detainer Outcome Report"]
    assert "February 27, 2026" in rows["ICE's 287(g) pending-agency list"]
    assert "April 2011" in rows["ICE's Secure Communities statistics (arrests and bookings through the program)"]
    assert "es/data-availability/index.md" in pages
