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

from scripts.records.loader import load_file
from scripts.records.problems import DataError
from scripts.records.validate import validate

from .conftest import FIXTURE_DATA, TODAY, examples

FUZZ = settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

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


# The loader and the validator on hostile input of up to 1 MB, in a worker process so that a crash in C (a signal)
# fails the test instead of the test run: every answer is problems or data, within 10 s.

WORKER = """
import sys, traceback
from pathlib import Path
from scripts.records.loader import load_file
from scripts.records.problems import DataError
from scripts.records.validate import validate
import datetime as dt
data = Path(sys.argv[1])
for line in sys.stdin:
    try:
        load_file(data / "events" / "fuzzed.yaml", "data/events/fuzzed.yaml")
        try:
            validate(data, today=dt.date(2026, 11, 23))
        except DataError as error:
            assert error.problems and all(p.line >= 1 for p in error.problems)
        print("OK", flush=True)
    except BaseException:
        print("CRASH " + traceback.format_exc().replace(chr(10), " | "), flush=True)
"""

RECORD_START = "id: fuzzed\ntitle: T\ndate: 2014\ntype: memo\nsummary: s\nlast_reviewed: 2026-11-01\n"
MEGABYTE = 1024 * 1024


def _repeat(unit: str, times: int) -> str:
    return unit * min(times, MEGABYTE // max(len(unit.encode()), 1))


deep_nesting = st.builds(lambda unit, n, close: "summary: " + _repeat(unit, n) + ("x" + _repeat(close, n) if close
                                                                                  else ""),
                         st.sampled_from(["[", "{a: ", "[a, ", "- "]), st.one_of(st.integers(1, 300_000),
                                                                    st.sampled_from([25_000, 300_000])),
                         st.sampled_from(["", "]", "}"]))
indentation = st.builds(lambda n: "".join("  " * i + "a:\n" for i in range(n)) + "  " * n + "b",
                        st.integers(1, 700))
huge_scalar = st.builds(lambda unit, n: "summary: " + _repeat(unit, n),
                        st.sampled_from(["x", "[", "*", "> ", "\\\\", "é", "'", "1", "\U0001f600", "`", "<"]),
                        st.one_of(st.integers(1, MEGABYTE), st.just(MEGABYTE)))
alias_bomb = st.builds(lambda width, depth: "a: &a [" + "x, " * width + "]\n" + "".join(
    f"b{i}: &b{i} [" + ", ".join([f"*{'a' if i == 0 else f'b{i - 1}'}"] * width) + "]\n" for i in range(depth)),
    st.integers(1, 10), st.integers(1, 30))
odd_unicode = st.text(st.characters(blacklist_categories=("Cs",)), max_size=2000)
tabs_and_duplicates = st.lists(st.sampled_from(["id: fuzzed", "title: T", "\ttitle: x", "id: again", "summary: |",
                                                "  text", "\t- a", "sources:", "  - source: x", "date: 2015-02-30",
                                                "value: .nan", "url: \"https://a\\u202e\\n::error::x\""]),
                               max_size=40).map("\n".join)
hostile_files = st.one_of(deep_nesting, indentation, huge_scalar, alias_bomb, odd_unicode, tabs_and_duplicates,
                          st.binary(max_size=5000).map(lambda b: b.decode("utf-8", "replace")))


@pytest.fixture(scope="module")
def worker(tmp_path_factory):
    import subprocess
    import sys

    from .conftest import ROOT
    data = tmp_path_factory.mktemp("fuzz") / "data"
    shutil.copytree(FIXTURE_DATA, data)
    process = subprocess.Popen([sys.executable, "-c", WORKER, str(data)], cwd=ROOT, stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True)
    yield data, process
    process.stdin.close()
    process.wait(timeout=30)


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.data_too_large,
                                                                  HealthCheck.too_slow])
@given(body=hostile_files, after_record=st.booleans())
def test_no_input_up_to_a_megabyte_crashes_hangs_or_kills_the_loader(worker, body, after_record):
    import select
    import time

    data, process = worker
    content = ((RECORD_START if after_record else "") + body).encode("utf-8", "surrogatepass")[:MEGABYTE]
    (data / "events" / "fuzzed.yaml").write_bytes(content)
    started = time.perf_counter()
    process.stdin.write("next\n")
    process.stdin.flush()
    ready, _, _ = select.select([process.stdout], [], [], 10)
    assert ready, f"no answer within 10 s for {content[:200]!r}…"
    answer = process.stdout.readline()
    assert answer, f"the worker died (exit code {process.wait()}) on {content[:200]!r}…"
    assert answer == "OK\n", answer
    assert time.perf_counter() - started < 10
