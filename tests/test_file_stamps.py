"""A save that keeps a file's size within one tick of the file system's clock is still seen (`serve` once kept
serving a fixed record as broken: the fix had the broken version's size, and a coarse clock gave it the same time)."""

from __future__ import annotations

import os
import time

import pytest

from scripts.records import file_stamps
from scripts.records.file_stamps import file_stamp
from scripts.records.problems import DataError
from scripts.site.generate import generate_pages


def _save_at(path, text: str, mtime_ns: int) -> None:
    """Write text and give the file the time a coarse clock would have given both saves."""
    path.write_text(text)
    os.utime(path, ns=(mtime_ns, mtime_ns))


def test_a_fix_of_the_same_size_saved_in_the_same_tick_is_served(data_dir, monkeypatch):
    case = data_dir / "cases/example-v-agency.yaml"
    good = case.read_text()
    broken = good.replace("status: decided", "status: wonned!")  # not a status a case can have
    fixed = good.replace("title: Example v. Agency", "title: Example v. Office")
    assert len(broken) == len(fixed) == len(good)
    tick = time.time_ns()
    monkeypatch.setattr(file_stamps.time, "time_ns", lambda: tick)  # every save and look within the one tick
    _save_at(case, good, tick)
    page = "cases/example-v-agency.md"
    assert "Example v. Agency" in generate_pages(data_dir)[page]

    _save_at(case, broken, tick)
    with pytest.raises(DataError) as raised:
        generate_pages(data_dir)
    assert 'status: "wonned!" is not allowed' in raised.value.report()

    _save_at(case, fixed, tick)
    assert "Example v. Office" in generate_pages(data_dir)[page], "the fix was taken for the broken file"


def test_a_file_keeps_its_stamp_when_its_time_can_be_trusted_again(tmp_path, monkeypatch):
    """A stamp taken while the file's time could not be trusted (with its content) equals one taken later, or every
    file saved during `serve` would look changed once more, a few seconds after each save."""
    path = tmp_path / "record.yaml"
    path.write_text("id: one\n")
    early = file_stamp(path)
    now = time.time_ns()
    monkeypatch.setattr(file_stamps.time, "time_ns", lambda: now + 10 * file_stamps.RACY_NS)
    assert file_stamp(path) == early
    path.write_text("id: two\n")
    os.utime(path, ns=(path.stat().st_mtime_ns,) * 2)
    assert file_stamp(path) != early


def test_a_settled_file_is_not_read_again(tmp_path, monkeypatch):
    """Once its time can be trusted, a file stamped with its content is read once more, then never again while it
    stays the same: after a checkout, `serve` would otherwise hash every data file on every edit."""
    path = tmp_path / "table.csv"
    path.write_text("a,b\n1,2\n")
    early = file_stamp(path)
    reads = []
    digest = file_stamps._digest
    monkeypatch.setattr(file_stamps, "_digest", lambda p: reads.append(p) or digest(p))
    now = time.time_ns()
    monkeypatch.setattr(file_stamps.time, "time_ns", lambda: now + 10 * file_stamps.RACY_NS)
    assert [file_stamp(path) for _ in range(3)] == [early] * 3
    assert len(reads) == 1
