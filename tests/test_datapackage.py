"""downloads/datapackage.json as a data user meets it: frictionless (the Data Package's own tool) validates the built
downloads as they are, reads each field as its real type, and reports a row whose key leads nowhere."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
from decimal import Decimal
from pathlib import Path

import frictionless
import pytest
from pandera.errors import SchemaErrors

from scripts.records.datasets.published import PUBLISHED_TABLES, published_frame
from scripts.records.datasets.tables import AGENCIES
from scripts.records.registry import REGISTRY
from scripts.records.validate import validate
from scripts.site.downloads import render_downloads

from .conftest import ROOT, TODAY

REAL_DATASETS = ROOT / "data" / "datasets"


def small_datasets(folder: Path, agencies: int = 3) -> Path:
    """data/datasets/ cut down: the reference tables and NPR views whole, the first agencies of agencies.csv and
    their agreements on the latest list (with its provenance)."""
    shutil.copytree(REAL_DATASETS / "reference", folder / "reference")
    shutil.copytree(REAL_DATASETS / "npr-detainers" / "views", folder / "npr-detainers" / "views")
    lines = (REAL_DATASETS / "ice-287g" / "agencies.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (folder / "ice-287g" / "lists").mkdir(parents=True)
    (folder / "ice-287g" / "agencies.csv").write_text("".join(lines[:agencies + 1]), encoding="utf-8")
    kept = {row["agency_id"] for row in csv.DictReader(io.StringIO("".join(lines[:agencies + 1])))}
    latest = sorted((REAL_DATASETS / "ice-287g" / "lists").glob("*.csv"))[-1]
    rows = list(csv.DictReader(io.StringIO(latest.read_text(encoding="utf-8"))))
    with open(folder / "ice-287g" / "lists" / latest.name, "w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(row for row in rows if row["agency_id"] in kept)
    shutil.copy(latest.with_suffix(".provenance.json"), folder / "ice-287g" / "lists")
    (folder / "ice-detention").mkdir()
    for name in ("releases.csv", "monthly_book_ins.csv"):  # the others are skipped, as a folder without them
        shutil.copy(REAL_DATASETS / "ice-detention" / name, folder / "ice-detention" / name)
    return folder


def write_downloads(files: dict[str, str], site: Path) -> Path:
    for name, text in files.items():
        path = site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
    return site / "downloads" / "datapackage.json"


def errors(report: frictionless.Report) -> list[tuple[str, str, str]]:
    return [(task.name, error.type, error.message) for task in report.tasks for error in task.errors] + \
        [("package", error.type, error.message) for error in report.errors]


@pytest.fixture
def built(tmp_path, data_dir):
    datasets = small_datasets(tmp_path / "datasets")
    dataset = validate(data_dir, today=TODAY)
    files, _ = render_downloads(dataset, datasets)
    return dataset, files, write_downloads(files, tmp_path / "site"), datasets


def test_frictionless_accepts_the_built_package_as_it_is(built):
    _, files, package_path, _ = built
    report = frictionless.validate(package_path)
    assert errors(report) == [] and report.valid
    package = json.loads(files["downloads/datapackage.json"])
    names = {r["name"] for r in package["resources"]}
    assert set(REGISTRY.names()) <= names
    assert {"287g-agencies", "287g-agreements", "census-counties", "census-states", "npr-detainers-per-month",
            "ice-detention-releases", "ice-detention-monthly-book-ins"} <= names
    book_ins = next(r for r in package["resources"] if r["name"] == "ice-detention-monthly-book-ins")
    assert book_ins["schema"]["primaryKey"] == ["month", "agency"]
    types = {f["name"]: f["type"] for f in book_ins["schema"]["fields"]}
    assert (types["month"], types["book_ins"], types["month_complete"]) == ("yearmonth", "integer", "boolean")
    assert all(r["schema"].get("primaryKey") for r in package["resources"] if r["name"] in REGISTRY)


def test_created_is_a_datetime_from_the_last_review_date_and_the_package_is_the_same_every_build(built, data_dir):
    dataset, files, _, datasets = built
    created = json.loads(files["downloads/datapackage.json"])["created"]
    assert created == f"{dataset.last_reviewed()}T00:00:00Z"
    assert dt.datetime.fromisoformat(created).tzinfo is not None
    again, _ = render_downloads(validate(data_dir, today=TODAY), datasets)
    assert again == files


def test_fields_carry_the_types_of_the_schemas_they_come_from(built):
    dataset, _, package_path, _ = built
    package = frictionless.Package(package_path)
    for collection in REGISTRY:
        fields = {f.name: f for f in package.get_resource(collection.name).schema.fields}
        assert fields["last_reviewed"].type == "date", collection.name  # Record.last_reviewed: FullDate
    statistic = package.get_resource("statistics").read_rows()[0]
    record = dataset.collections["statistics"][statistic["id"]]
    assert isinstance(statistic["value"], (int, Decimal)) and statistic["value"] == record.value
    assert statistic["last_reviewed"] == dt.date.fromisoformat(record.last_reviewed)
    # A partial date stays the text it was written as, and its pattern admits exactly the three precisions.
    assert statistic["period.start"] == record.period.start
    start = package.get_resource("statistics").schema.get_field("period.start")
    assert start.type == "string"
    assert [bool(re.fullmatch(start.constraints["pattern"], v)) for v in ("2014", "2014-06", "2014-06-30", "2014-6")] \
        == [True, True, True, False]

    agency = package.get_resource("287g-agencies").read_rows()[0]
    declared = AGENCIES.columns
    assert str(declared["lists"].dtype) == "int64" and isinstance(agency["lists"], int)
    assert str(declared["on_latest_list"].dtype) == "bool" and isinstance(agency["on_latest_list"], bool)
    assert str(declared["first_list"].dtype).startswith("datetime") and isinstance(agency["first_list"], dt.date)
    month = package.get_resource("npr-detainers-per-month").read_rows()[0]
    assert isinstance(month["detainers"], int)


def test_keys_say_how_the_tables_join(built):
    _, files, _, _ = built
    resources = {r["name"]: r["schema"] for r in json.loads(files["downloads/datapackage.json"])["resources"]}

    def keys(name):
        return {(tuple(k["fields"]), k["reference"]["resource"], tuple(k["reference"]["fields"]))
                for k in resources[name].get("foreignKeys", [])}

    assert (("source",), "sources", ("id",)) in keys("statistics-sources")  # a figure to its sources
    assert (("statistic",), "statistics", ("id",)) in keys("statistics-sources")
    assert (("program",), "programs", ("id",)) in keys("events-programs")  # an event to its programs
    assert (("agency_id",), "287g-agencies", ("agency_id",)) in keys("287g-agreements")
    assert {(("county_fips",), "census-counties", ("county_fips",)), (("state_fips",), "census-states", ("fips",))} <= \
        keys("287g-agencies")
    assert resources["287g-agreements"]["primaryKey"] == ["list_date", "source_row"]
    joined = list(csv.DictReader(io.StringIO(files["downloads/events-programs.csv"])))
    assert joined and all(row["position"].isdigit() for row in joined)


def test_an_agreement_whose_agency_is_missing_is_reported(tmp_path, data_dir):
    datasets = small_datasets(tmp_path / "datasets")
    agencies = datasets / "ice-287g" / "agencies.csv"
    lines = agencies.read_text(encoding="utf-8").splitlines(keepends=True)
    dropped = lines.pop(1).split(",")[0]
    agencies.write_text("".join(lines), encoding="utf-8")
    files, _ = render_downloads(validate(data_dir, today=TODAY), datasets)
    report = frictionless.validate(write_downloads(files, tmp_path / "site"))
    found = errors(report)
    assert found and {(name, kind) for name, kind, _ in found} == {("287g-agreements", "foreign-key")}
    assert all(dropped in message for _, _, message in found)


def test_cells_neutralised_against_formulas_stay_valid_and_numbers_stay_numbers(tmp_path, data_dir):
    path = data_dir / "statistics/example-count-2012.yaml"
    path.write_text(path.read_text().replace("title: Example agreements in 2012", 'title: "=HYPERLINK(1)"'))
    datasets = small_datasets(tmp_path / "datasets")
    agencies = datasets / "ice-287g" / "agencies.csv"
    rows = list(csv.reader(io.StringIO(agencies.read_text(encoding="utf-8"))))
    rows[1][1] = "-1+cmd|' /C calc'!A0"  # the agency's name
    agencies.write_text("".join(",".join(f'"{c}"' for c in row) + "\n" for row in rows), encoding="utf-8")
    files, _ = render_downloads(validate(data_dir, today=TODAY), datasets)
    report = frictionless.validate(write_downloads(files, tmp_path / "site"))
    assert errors(report) == []
    [statistic] = csv.DictReader(io.StringIO(files["downloads/statistics.csv"]))
    assert statistic["title"] == "'=HYPERLINK(1)" and statistic["value"] == "1234"
    agency = next(csv.DictReader(io.StringIO(files["downloads/datasets/287g-agencies.csv"])))
    assert agency["name"] == "'-1+cmd|' /C calc'!A0" and agency["lists"].isdigit()


@pytest.mark.slow
def test_the_real_downloads_validate(tmp_path, real_dataset):
    files, _ = render_downloads(real_dataset, REAL_DATASETS)
    report = frictionless.validate(write_downloads(files, tmp_path))
    assert errors(report) == []
    package = json.loads(files["downloads/datapackage.json"])
    agreements = {r["name"]: r for r in package["resources"]}["287g-agreements"]
    lists = sorted((REAL_DATASETS / "ice-287g" / "lists").glob("*.csv"))
    assert agreements["x-record-count"] == sum(len(p.read_text(encoding="utf-8").splitlines()) - 1 for p in lists)


@pytest.mark.slow  # reads the repository's data: the quick tier works at fixture scale
def test_the_committed_tables_hold_what_the_package_declares():
    """The reference tables and NPR views are declared in published.py only: the committed files must match."""
    for table in PUBLISHED_TABLES:
        frame = published_frame(table, table.rows(REAL_DATASETS, {}))  # city matches: test_sanctuary_lists.py
        assert len(frame) > 0, table.name


def test_a_view_outside_what_its_schema_declares_is_refused(tmp_path):
    datasets = small_datasets(tmp_path / "datasets")
    view = datasets / "npr-detainers" / "views" / "detainers_per_year.csv"
    view.write_text(view.read_text(encoding="utf-8").replace("\n2007,", "\n2016,", 1), encoding="utf-8")
    table = next(t for t in PUBLISHED_TABLES if t.name == "npr-detainers-per-year")
    with pytest.raises(SchemaErrors, match="2016"):
        published_frame(table, table.read(datasets))
