"""The benchmark's synthetic data: whole copies of the real records, and a cut last copy that is still valid, so
"exactly 5,000 record pages" is measured on data the validator accepts."""

from __future__ import annotations

import yaml

from scripts.records.validate import validate
from scripts.tools.benchmark import _references, dependency_order, make_data

from .conftest import ROOT


def test_copies_and_a_cut_last_copy_make_exactly_the_records_asked_for(tmp_path):
    real = sum(1 for _ in (ROOT / "data").glob("*/*.yaml"))
    count = make_data(ROOT / "data", tmp_path / "data", 2, limit=real + 100)
    files = list((tmp_path / "data").glob("*/*.yaml"))
    assert count == len(files) == real + 100
    dataset = validate(tmp_path / "data")  # every reference in the cut copy resolves
    assert sum(len(records) for records in dataset.collections.values()) == real + 100


def test_dependency_order_puts_every_record_after_those_it_refers_to():
    records = {path: yaml.safe_load(path.read_text(encoding="utf-8"))
               for path in sorted((ROOT / "data").glob("*/*.yaml"))}
    ids = {path.stem for path in records}
    position = {path.stem: index for index, path in enumerate(dependency_order(records, ids))}
    assert len(position) == len(records)
    for path, record in records.items():
        assert all(position[ref] < position[path.stem] for ref in _references(record, ids)), path.stem
