"""Downloads: every record of every collection is in the CSV and JSON files, described by datapackage.json."""

from __future__ import annotations

import csv
import io
import json

import pytest

from scripts.records.registry import REGISTRY
from scripts.site.render import render_site

COLLECTIONS = REGISTRY.models()
from scripts.records.validate import validate

from .conftest import ROOT, TODAY


def _check(pages, dataset):
    package = json.loads(pages["downloads/datapackage.json"])
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    by_name = {r["name"]: r for r in package["resources"]}
    for collection in COLLECTIONS:
        ids = sorted(dataset.collections[collection])
        records = json.loads(pages[f"downloads/{collection}.json"])
        rows = list(csv.DictReader(io.StringIO(pages[f"downloads/{collection}.csv"])))
        assert [r["id"] for r in records] == ids
        assert [r["id"] for r in rows] == ids
        assert by_name[collection]["x-record-count"] == len(ids)
        assert [f["name"] for f in by_name[collection]["schema"]["fields"]] == list(rows[0]) if rows else True
        assert json.loads(pages[f"downloads/schema/{collection}.schema.json"])["title"] == COLLECTIONS[collection].__name__


def test_fixture_downloads_hold_every_record(data_dir):
    dataset = validate(data_dir, today=TODAY)
    pages = render_site(dataset)
    _check(pages, dataset)
    rows = list(csv.DictReader(io.StringIO(pages["downloads/programs.csv"])))
    assert rows[0]["periods"] == "start=2008-03, end=2014-11-20; start=2017-01-25"
    assert rows[0]["sources"] == "example-report-2014 (p. 3)"
    stats = list(csv.DictReader(io.StringIO(pages["downloads/statistics.csv"])))
    assert stats[0]["value"] == "1234" and stats[0]["period.start"] == "2012-09-30"
    assert '<a href="cases.csv" download>cases.csv</a>' in pages["downloads/index.md"]


@pytest.mark.slow
def test_real_downloads_count_equals_data_files(real_dataset):
    dataset = real_dataset
    pages = render_site(dataset)
    _check(pages, dataset)
    for collection in COLLECTIONS:
        if not REGISTRY[collection].source.hand_written:  # derived from tables: as many as the Dataset holds
            assert len(json.loads(pages[f"downloads/{collection}.json"])) == len(dataset.collections[collection]) > 0
            continue
        files = list((ROOT / "data" / collection).glob("*.yaml"))
        assert len(json.loads(pages[f"downloads/{collection}.json"])) == len(files)
