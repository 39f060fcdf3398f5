"""Property-based tests: whatever bytes or structures a file holds, the loader and validator answer with problems
that name the file and a line, never with a traceback."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scripts.loader import load_file
from scripts.problems import DataError
from scripts.validate import validate

from .conftest import FIXTURE_DATA, TODAY

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

yaml_like_text = st.text(alphabet=st.sampled_from(list("abc:-[]{}&*!|>'\"#%@`,? \n\t0123456789.é\x00\ufeff")),
                         max_size=200)


@FUZZ
@given(content=st.one_of(st.binary(max_size=300), yaml_like_text.map(lambda t: t.encode("utf-8"))))
def test_loader_never_raises(tmp_path, content):
    path = tmp_path / "x.yaml"
    path.write_bytes(content)
    loaded, problems = load_file(path, "data/events/x.yaml")
    for problem in problems:
        assert problem.path == "data/events/x.yaml" and problem.line >= 1 and problem.column >= 1
        assert problem.message and "Traceback" not in problem.message


scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False),
                    st.text(max_size=30), st.sampled_from(["2014-11-20", "2014-13-01", "2014-02-30", "2014", "x",
                                                           "example-program", "example-report-2014", "https://a.b",
                                                           "javascript:x", "memo", "decided"]))
values = st.recursive(scalars, lambda children: st.one_of(st.lists(children, max_size=3),
                                                          st.dictionaries(st.text(max_size=10), children, max_size=4)),
                      max_leaves=12)
FIELDS = ["id", "title", "date", "type", "programs", "actors", "summary", "sources", "last_reviewed", "cases",
          "documents", "court", "docket", "decided", "status", "period", "value", "unit", "url", "publisher"]


@FUZZ
@given(record=st.dictionaries(st.sampled_from(FIELDS), values, max_size=10),
       collection=st.sampled_from(["events", "cases", "statistics", "sources", "quotes"]))
def test_validator_reports_problems_and_never_crashes(record, collection):
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(FIXTURE_DATA, data)
        (data / collection / "fuzzed.yaml").write_text(yaml.safe_dump(record, allow_unicode=True))
        try:
            validate(data, today=TODAY)
        except DataError as error:
            assert error.problems
            for problem in error.problems:
                assert problem.path.startswith("data/") and problem.line >= 1, problem


HOSTILE = {
    "alias bomb": "a: &a [x, x]\nb: [*a, *a]\n",
    "duplicate key": "id: fuzzed\nid: again\n",
    "tab": "id: fuzzed\n\ttitle: x\n",
    "bom": "\ufeffid: fuzzed\n",
    "impossible date": "id: fuzzed\ntitle: T\ndate: 2014-02-30\ntype: memo\nsummary: s\nsources: [{source: "
                       "example-report-2014}]\nlast_reviewed: 2026-11-01\n",
    "wrong types": "id: 5\ntitle: [a]\ndate: {x: 1}\n",
    "python tag": "id: !!python/object/apply:os.system ['true']\n",
    "not a mapping": "- a\n- b\n",
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_files_give_a_clear_error_with_a_line(data_dir, name):
    (data_dir / "events/fuzzed.yaml").write_text(HOSTILE[name], encoding="utf-8")
    with pytest.raises(DataError) as error:
        validate(data_dir, today=TODAY, shown_root=data_dir.parent)
    first = error.value.problems[0]
    assert first.path == "data/events/fuzzed.yaml" and first.line >= 1


def test_non_utf8_file(data_dir):
    (data_dir / "events/fuzzed.yaml").write_bytes(b"id: fuzzed\ntitle: \xff\xfe\n")
    with pytest.raises(DataError) as error:
        validate(data_dir, today=TODAY, shown_root=data_dir.parent)
    assert str(error.value.problems[0]).startswith("data/events/fuzzed.yaml:2:8: byte 0xff is not valid UTF-8")
