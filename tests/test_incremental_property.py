"""The `serve` loop's promise at fixture scale, for any edit: after an edit to any text of any record (its Spanish
included), a table cell, or a record file added or deleted, generating again from the last generation gives exactly
the files a full generation of the edited data gives. Hypothesis picks the edits, besides a few chosen to change each
kind of input a page's render records (scripts/site/reads.py); a few seconds an example."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from scripts.records.problems import DataError
from scripts.records.registry import REGISTRY
from scripts.site import generate
from scripts.site.generate import generate_pages

from .conftest import FIXTURE_DATA, TODAY, examples

MARK = "Editmarker"


def _text_leaves(value, path=()):
    """Every (path, text) in a record's YAML, its es: block included."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in ("id", "english_version"):
                yield from _text_leaves(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _text_leaves(item, (*path, index))


RECORD_FILES = sorted(str(p.relative_to(FIXTURE_DATA)) for c in REGISTRY.hand_written()
                      for p in (FIXTURE_DATA / c.name).glob("*.yaml"))
TABLES = sorted(str(p.relative_to(FIXTURE_DATA)) for p in (FIXTURE_DATA / "datasets").rglob("*.csv"))
# Cells whose text is shown as published (a name, a place): an edit keeps the table valid. (Cells that must hold a
# number, a date or a code are the validator's to refuse: tests/test_hostile_*.py.)
TEXT_COLUMNS = ("name", "agency", "county", "county_name", "names_as_published", "det_facility", "city", "lift_reason",
                "detainer_type")


def _set(record, path, value):
    for key in path[:-1]:
        record = record[key]
    record[path[-1]] = value


@st.composite
def edits(draw):
    kind = draw(st.sampled_from(["text", "text", "text", "cell", "add", "delete"]))
    if kind == "cell":
        return kind, draw(st.sampled_from(TABLES)), draw(st.integers(0, 10_000)), draw(st.integers(0, 50))
    name = draw(st.sampled_from(RECORD_FILES))
    if kind != "text":
        return kind, name, None, None
    record = yaml.safe_load((FIXTURE_DATA / name).read_text(encoding="utf-8"))
    leaves = list(_text_leaves(record))
    return kind, name, draw(st.sampled_from(leaves))[0] if leaves else None, None


def _apply(data: Path, edit) -> None:
    kind, name, where, column = edit
    path = data / name
    if kind == "text" and where is not None:
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        _set(record, where, f"{_get(record, where)} {MARK}")
        path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")
    elif kind == "cell":
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
        columns = [i for i, name in enumerate(rows[0]) if name in TEXT_COLUMNS]
        if len(rows) > 1 and columns:
            row = rows[1 + where % (len(rows) - 1)]
            row[columns[column % len(columns)]] += MARK
            out = io.StringIO()
            csv.writer(out, lineterminator="\n").writerows(rows)
            path.write_text(out.getvalue(), encoding="utf-8")
    elif kind == "add":
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        record["id"] = f"{record['id']}-copy"[:80]
        path.with_name(f"{record['id']}.yaml").write_text(
            yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")
    elif kind == "delete":
        path.unlink()


def _get(record, path):
    for key in path:
        record = record[key]
    return record


def _generate(data: Path):
    try:
        return generate_pages(data, today=TODAY, cache_dir=data.parent / "cache/charts",
                              reports_dir=data.parent / "reports", report_cache_dir=data.parent / "cache/reports")
    except DataError as error:
        return ("refused", sorted(str(p) for p in error.problems))


class Workspace:
    """The fixture data in one folder for all the examples, and the pages its full generation gives: each example
    edits it, then puts the file back, so an example costs one full generation (to compare with), not two."""

    def __init__(self, folder: Path):
        self.data = folder / "data"
        shutil.copytree(FIXTURE_DATA, self.data)
        self.left: object = None  # the generation the last example left in generate._last
        self.pages = None

    def ready(self):
        """Generation state as the last example left it, or (first, or after another test's) the data generated
        in full."""
        if self.left is None or generate._last is not self.left:
            generate._last = None
            self.pages = _generate(self.data)
            self.left = generate._last


@pytest.fixture(scope="module")
def workspace(tmp_path_factory, shared_charts):
    """Its charts in the shared chart cache: drawing the fixture's charts from nothing takes half a minute."""
    folder = tmp_path_factory.mktemp("incremental")
    (folder / "cache").mkdir()
    (folder / "cache" / "charts").symlink_to(shared_charts, target_is_directory=True)
    return Workspace(folder)


def _undo(data: Path, edit, before: bytes | None, listed: set[Path]) -> None:
    """Put the edited file back as it was, and remove the file an "add" made."""
    path = data / edit[1]
    for made in set(path.parent.iterdir()) - listed:
        made.unlink()
    if before is not None:
        path.write_bytes(before)


@settings(max_examples=examples(10), deadline=None, derandomize=True, database=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(edit=edits())
# Besides hypothesis's picks, the inputs a page reads other than its record's text (scripts/site/reads.py): a name
# another record is called by (a quote by its speaker's), a chart's spec (the programs chart names each program), a
# translation alone, a record added to a listing, the tables (an agency's name on a 287(g) list, which its record,
# its story and the release pages show; a kind of detainer on an NPR table, which a dataset page shows).
@example(edit=("cell", "datasets/ice-287g/lists/2026-05-18.csv", 0, 0))
@example(edit=("cell", "datasets/npr-detainers/views/detainer_types_by_year.csv", 0, 0))
@example(edit=("text", "people/example-official.yaml", ("name",), None))
@example(edit=("text", "programs/example-program.yaml", ("name",), None))
@example(edit=("text", "laws/example-state-trust-act.yaml", ("es", "title"), None))
@example(edit=("add", "events/2008-03-example-launch.yaml", None, None))
def test_any_edit_generates_what_a_full_generation_gives(workspace, edit):
    workspace.ready()
    data, path = workspace.data, workspace.data / edit[1]
    before, listed = path.read_bytes(), set(path.parent.iterdir())
    try:
        _apply(data, edit)
        incremental = _generate(data)
        generate._last = None
        full = _generate(data)
        assert incremental == full, f"after {edit}: the incremental generation differs from a full one"
    finally:
        _undo(data, edit, before, listed)
        workspace.left = None
    undone = _generate(data)  # from the edited data's generation, as serve does when an edit is taken back
    assert undone == workspace.pages, f"taking back {edit} does not give the pages from before it"
    workspace.left = generate._last
