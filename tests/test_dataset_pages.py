"""The pages drawn from data/datasets/: the detainer figures (NPR 2007-2015; the Deportation Data Project's only when
its data is there), one page per dataset from its provenance, and the datasets' CSVs on the downloads page."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import html
import json
import re
import shutil
from pathlib import Path

import pytest

from scripts.records.datasets import ddp_detainers, ddp_synthetic
from scripts.site.datasets.pages import dataset_pages
from scripts.site.datasets.tables import safe_copy
from scripts.site.render import Renderer

from .conftest import ROOT

DATASETS = ROOT / "data" / "datasets"
NPR = DATASETS / "npr-detainers"
TRAC = "trac-us-citizen-detainers-fy2008-fy2012"


def _csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _section(page: str, table_id: str) -> str:
    start = page.index(f'id="{table_id}"')
    return page[start:page.index("</table>", start)]


def _row(table: str, year: str) -> str:
    return re.search(rf'<tr data-year="{year}">(.*?)</tr>', table).group(1)


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", fragment))


@pytest.fixture(scope="module")
def real(real_dataset):
    dataset = real_dataset
    renderer = Renderer(dataset)
    pages, charts = dataset_pages(renderer, DATASETS)
    return dataset, pages, {c.id: c for c in charts}


def _renderer(dataset, datasets: Path) -> Renderer:
    return Renderer(dataset, datasets_dir=datasets)


def test_npr_page_shows_each_year_as_the_view_has_it_with_its_source(real):
    _, pages, charts = real
    page = pages["detainers/2007-2015.md"]
    table = _section(page, "table-per-year")
    rows = _csv(NPR / "views" / "detainers_per_year.csv")
    for row in rows:
        cells = _text(_row(table, row["year"]))
        assert f"{int(row['detainers']):,}" in cells
        assert row["source"] in cells
    plotted = charts["detainers-npr-per-year"]
    assert [str(v) for v in plotted.column("value")] == [r["detainers"] for r in rows]
    assert plotted.column("source") == [r["source"] for r in rows]
    total = sum(int(r["detainers"]) for r in rows)
    assert f"{total:,} detainers in all" in page


def test_declined_table_gives_both_shares_per_year(real):
    _, pages, _ = real
    table = _section(pages["detainers/2007-2015.md"], "table-declined")
    assert "Share of all detainers" in table and "Share of detainers with an outcome" in table
    for row in _csv(NPR / "views" / "declined_by_year.csv"):
        cells = _text(_row(table, row["year"]))
        assert f"{int(row['declined']):,}" in cells
        assert f"{float(row['declined_share']) * 100:.2f}%" in cells
        assert f"{float(row['declined_share_of_outcomes']) * 100:.2f}%" in cells


def test_partial_years_are_marked_and_full_years_are_not(real):
    _, pages, charts = real
    page = pages["detainers/2007-2015.md"]
    partial = json.loads((NPR / "provenance.json").read_text())["period"]["partial_years"]
    for table_id in ("table-per-year", "table-citizens", "table-declined"):
        table = _section(page, table_id)
        for row in _csv(NPR / "views" / "detainers_per_year.csv"):
            assert ("partial year" in _row(table, row["year"])) == (row["year"] in partial), (table_id, row["year"])
    caption = charts["detainers-npr-per-year"].caption
    assert all(year in caption for year in partial)
    # The partial years' bars span only the days covered.
    spans = {r[0]: (r[1], r[2]) for r in charts["detainers-npr-per-year"].rows}
    assert spans["2007"][0] == "2007-10-01" and spans["2015"][1] == "2015-07-19"


def test_us_citizens_beside_trac_with_the_reasons_they_differ(real):
    dataset, pages, _ = real
    page = pages["detainers/2007-2015.md"]
    comparison = page[page.index('id="trac-comparison"'):page.index('id="us-citizens-by-state"')]
    assert f'href="../../statistics/{TRAC}/"' in comparison
    assert f"{dataset.get(TRAC).value:,}" in comparison
    by_year = _csv(NPR / "views" / "us_citizens_by_year.csv")
    assert f"{sum(int(r['detainers']) for r in by_year):,}" in comparison
    trac_years = [r for r in by_year if int(r["year"]) <= int(str(dataset.get(TRAC).period.end)[:4])]
    assert f"{sum(int(r['detainers']) for r in trac_years):,}" in comparison
    for reason in ("What is counted.", "Period.", "Source."):
        assert reason in comparison


def test_us_citizens_by_state_add_up_to_the_view(real):
    _, pages, _ = real
    table = _text(_section(pages["detainers/2007-2015.md"], "table-citizens-by-state"))
    totals: dict[str, int] = {}
    for row in _csv(NPR / "views" / "us_citizens_by_state_and_year.csv"):
        totals[row["state"]] = totals.get(row["state"], 0) + int(row["detainers"])
    texas = totals["TEXAS"]
    assert re.search(rf"Texas\s+{texas:,}\s", table)


def test_facility_match_rate_is_stated_as_the_view_gives_it(real):
    _, pages, _ = real
    rows = _csv(NPR / "views" / "declined_by_facility.csv")
    facilities = {(r["det_facility"], r["city"], r["state"]) for r in rows}
    matched = {(r["det_facility"], r["city"], r["state"]) for r in rows if r["county_fips"]}
    text = _text(pages["detainers/2007-2015.md"])
    assert f"{len(matched):,} of {len(facilities):,} facilities ({len(matched) / len(facilities):.1%})" in text
    top = _section(pages["detainers/2007-2015.md"], "table-facilities")
    totals: dict[tuple, int] = {}
    for r in rows:
        key = (r["det_facility"], r["city"], r["state"])
        totals[key] = totals.get(key, 0) + int(r["declined"])
    first = max(totals, key=totals.get)
    assert f"{totals[first]:,}" in _text(top.split("</tr>")[1])  # the first body row is the largest


def test_dataset_page_lists_every_file_with_the_sha256_of_its_bytes(real):
    _, pages, _ = real
    page = pages["datasets/npr-detainers.md"]
    provenance = json.loads((NPR / "provenance.json").read_text())
    for name, entry in provenance["files"].items():
        assert hashlib.sha256((NPR / name).read_bytes()).hexdigest() == entry["sha256"]
        assert entry["sha256"] in page and name in page
    lists = sorted((DATASETS / "ice-287g" / "lists").glob("*.provenance.json"))
    page_287g = pages["datasets/ice-287g.md"]
    for path in lists:
        entry = json.loads(path.read_text())
        assert entry["sha256"] in page_287g and entry["list_date"] in page_287g
    assert 'href="../../detainers/2007-2015/"' in page  # what uses it


def test_ddp_pages_are_absent_without_its_data(real):
    _, pages, _ = real
    assert "detainers/2023-onward.md" not in pages and "datasets/ddp-detainers.md" not in pages
    assert "2023-onward" not in pages["detainers/index.md"] + pages["datasets/index.md"]


@pytest.fixture(scope="module")
def with_ddp(tmp_path_factory, real_dataset):
    """The real datasets plus a synthetic Deportation Data Project file, ingested."""
    root = tmp_path_factory.mktemp("ddp")
    datasets = root / "datasets"
    shutil.copytree(DATASETS, datasets)
    source = root / "detainers-latest.parquet"
    ddp_synthetic.write_parquet(ddp_synthetic.synthetic_table(500), source)
    ddp_detainers.ingest(source, datasets / "ddp-detainers", datasets / "reference", today=dt.date(2026, 11, 23))
    renderer = _renderer(real_dataset, datasets)
    pages, charts = dataset_pages(renderer, datasets)
    return datasets, source, pages, {c.id: c for c in charts}, renderer


def test_ddp_pages_appear_with_its_data(with_ddp):
    datasets, source, pages, charts, _ = with_ddp
    page = pages["detainers/2023-onward.md"]
    months = _csv(datasets / "ddp-detainers" / "views" / "detainers_per_month.csv")
    table = _section(page, "table-per-month")
    for row in months:
        label = row["month"] or "(no date)"
        assert re.search(rf"{re.escape(label)}\s+{int(row['detainers']):,}\s+{re.escape(row['source'])}",
                         _text(table))
    dated = [r for r in months if r["month"]]
    assert [str(v) for v in charts["detainers-ddp-per-month"].column("value")] == [r["detainers"] for r in dated]
    assert 'href="../detainers/2023-onward/"' in pages["detainers/index.md"]
    dataset_page = pages["datasets/ddp-detainers.md"]
    assert hashlib.sha256(source.read_bytes()).hexdigest() in dataset_page


def test_downloads_page_lists_the_datasets_csvs_and_serves_them(with_ddp):
    datasets, _, pages, _, renderer = with_ddp
    built = renderer.render_all()
    downloads = built["downloads/index.md"]
    # NPR's views and the 287(g) tables are the data package's typed tables; the page links what it publishes.
    for name in ("npr-detainers-per-year", "npr-declined-by-year", "287g-agencies"):
        assert f'href="../downloads/datasets/{name}.csv"' in downloads
        assert f"downloads/datasets/{name}.csv" in built
    # The Deportation Data Project's views are not in the package: the site serves them as the ingest wrote them.
    for relative in ("views/detainers_per_state.csv", "views/detainers_per_month.csv"):
        assert f'href="../downloads/datasets/ddp-detainers/{relative}"' in downloads
        assert pages[f"downloads/datasets/ddp-detainers/{relative}"] == (
            datasets / "ddp-detainers" / relative).read_text()
    npr_page = pages["detainers/2007-2015.md"]
    assert 'href="../../downloads/datasets/npr-declined-by-year.csv"' in npr_page
    assert "downloads/datasets/npr-declined-by-year.csv" in built


def test_a_downloaded_dataset_csv_cannot_start_a_formula(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text('name,county_fips,count\n"=HYPERLINK(""http://x"")",08041,-3\n@SUM(A1),01001,12\n')
    rows = list(csv.reader(safe_copy(path).splitlines()))
    assert rows[1] == ["'=HYPERLINK(\"http://x\")", "08041", "-3"]
    assert rows[2] == ["'@SUM(A1)", "01001", "12"]
