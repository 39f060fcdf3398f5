"""The loader turns broken or hostile YAML into clear file:line:col problems, quickly and without tracebacks."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from scripts.records.limits import MAX_FILE_BYTES
from scripts.records.loader import load_file

from .conftest import ROOT


def load(tmp_path, content: bytes | str):
    path = tmp_path / "x.yaml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return load_file(path, "data/events/x.yaml")


def messages(problems):
    return [str(p) for p in problems]


def test_values_keep_their_lines_and_dates_stay_text(tmp_path):
    loaded, problems = load(tmp_path, "id: a\ndate: 2014-11-20\nsources:\n  - source: s\n    pinpoint: p. 2\n")
    assert problems == []
    assert loaded.data["date"] == "2014-11-20"
    assert loaded.locate(("sources", 0, "pinpoint")) == (5, 15)
    assert loaded.locate(("date",), key=True) == (2, 1)


def test_yes_and_no_stay_text(tmp_path):
    loaded, problems = load(tmp_path, "state: NO\nflag: true\n")
    assert loaded.data == {"state": "NO", "flag": True}


def test_alias_bomb_is_refused_at_once(tmp_path):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(20))
    started = time.perf_counter()
    loaded, problems = load(tmp_path, bomb)
    assert time.perf_counter() - started < 1
    assert messages(problems) == ["data/events/x.yaml:1:4: anchors and aliases (&name, *name) are not allowed; "
                                  "write the value out in full"]


def test_scalar_alias_is_refused_too(tmp_path):
    _, problems = load(tmp_path, "id: &x a\ntitle: *x\n")
    assert messages(problems) == ["data/events/x.yaml:1:5: anchors and aliases (&name, *name) are not allowed; "
                                  "write the value out in full"]


def test_duplicate_keys_name_both_lines(tmp_path):
    _, problems = load(tmp_path, "id: a\ntitle: One\ntitle: Two\n")
    assert messages(problems) == ['data/events/x.yaml:3:1: field "title" appears twice (first on line 2); keep one']


def test_tab_is_reported_with_its_column(tmp_path):
    _, problems = load(tmp_path, "id: a\nsources:\n\t- source: s\n")
    assert messages(problems) == ["data/events/x.yaml:3:1: tab character; use spaces for indentation and inside text"]


def test_non_utf8_byte_is_located(tmp_path):
    _, problems = load(tmp_path, b"id: a\ntitle: caf\xe9\n")
    assert messages(problems) == ["data/events/x.yaml:2:11: byte 0xe9 is not valid UTF-8; save the file as UTF-8"]


def test_byte_order_mark_is_refused(tmp_path):
    _, problems = load(tmp_path, b"\xef\xbb\xbfid: a\n")
    assert "byte-order mark" in messages(problems)[0]


def test_huge_file_is_refused_without_parsing(tmp_path, monkeypatch):
    path = tmp_path / "x.yaml"
    path.write_bytes(b"id: a\nsummary: " + b"x" * (50 * 1024 * 1024) + b"\n")

    def unread(self):  # refused from its size alone: never read, let alone parsed (no clock: the machine is shared)
        raise AssertionError(f"{self} was read")
    monkeypatch.setattr(Path, "read_bytes", unread)
    _, problems = load_file(path, "data/events/x.yaml")
    assert messages(problems)[0].startswith("data/events/x.yaml:1:1: file is 52,428,816 bytes; a record file may be "
                                            f"at most {MAX_FILE_BYTES:,} bytes")


def test_syntax_error_points_at_the_line(tmp_path):
    _, problems = load(tmp_path, 'id: a\ntitle: "unclosed\n')
    assert len(problems) == 1 and problems[0].line == 3 and "YAML syntax error" in problems[0].message


NESTED = "groups and lists are nested more than 20 levels deep here; a record needs only a few: remove the extra " \
         "brackets or indentation"


DEEP = {  # 25,000 levels, 51 KB or more, as a record's value or as the whole file
    "brackets": "summary: " + "[" * 25_000 + "]" * 25_000,
    "braces": "summary: " + "{a: " * 25_000 + "}" * 25_000,
    "dashes": "- " * 25_000 + "x",
    "indentation": "".join("  " * i + "a:\n" for i in range(25)) + "  " * 25 + "b",
}


@pytest.mark.parametrize("shape", DEEP)
def test_deep_nesting_is_refused_where_it_goes_too_deep(tmp_path, shape):
    started = time.perf_counter()
    _, problems = load(tmp_path, DEEP[shape] + "\n")
    assert time.perf_counter() - started < 1
    assert len(problems) == 1 and problems[0].message == NESTED and problems[0].line in (1, 21)


NESTING_SCRIPT = """
import sys
from pathlib import Path
from scripts.records.loader import load_file
from scripts.records.validate import validate
path = Path(sys.argv[1]) / "events" / "2008-03-example-launch.yaml"
path.write_text(sys.argv[2] + "\\n")
_, problems = load_file(path)
assert len(problems) == 1, problems
try:
    validate(Path(sys.argv[1]))
except Exception as error:
    print(type(error).__name__, error.problems[0])
"""


@pytest.mark.parametrize("shape", ["brackets", "braces", "dashes"])
def test_25000_nested_brackets_are_a_message_not_a_crash(data_dir, shape):
    # libyaml builds its tree by recursion in C: on the old loader this died with a segmentation fault (-11)
    result = subprocess.run([sys.executable, "-c", NESTING_SCRIPT, str(data_dir), DEEP[shape]], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, (result.returncode, result.stderr[-2000:])
    assert result.stdout.startswith("DataError data/events/2008-03-example-launch.yaml:1:")
    assert result.stdout.rstrip().endswith(NESTED)


def test_too_many_values_are_refused_before_the_tree_is_built(tmp_path):
    _, problems = load(tmp_path, "a: [" + "1," * 60_000 + "]\n")
    assert [p.message for p in problems] == ["the file holds more than 50,000 values; a record needs far fewer: "
                                             "remove pasted or repeated content"]


@pytest.mark.parametrize("text, message", [
    ("a: !!timestamp 2015-02-30\n", "cannot read this value (day is out of range for month); remove the tag "
                                    "!!timestamp and write the value as plain text"),
    ("!!timestamp 2015-02-30: x\n", "cannot read this value (day is out of range for month); remove the tag "
                                    "!!timestamp and write the value as plain text"),
    ("a: " + "1" * 5000 + "\n", "this number has too many digits to read; write the number as it is counted, at "
                                "most 15 digits"),
    ("a: !!python/object/apply:os.system [x]\n", "the tag !!python/object/apply:os.system is not allowed; remove it"),
    ("a: !!float x\n", "cannot read this value (could not convert string to float: 'x'); remove the tag !!float and "
                       "write the value as plain text"),
])
def test_values_that_cannot_be_read_are_problems_not_exceptions(tmp_path, text, message):
    _, problems = load(tmp_path, text)
    assert [p.message for p in problems] == [message]


def test_two_documents_are_refused(tmp_path):
    _, problems = load(tmp_path, "id: a\n---\nid: b\n")
    assert len(problems) == 1 and problems[0].line == 2


def test_empty_file(tmp_path):
    _, problems = load(tmp_path, "\n\n")
    assert messages(problems) == ["data/events/x.yaml:1:1: file is empty; a record needs at least an id"]


def test_control_character_is_located(tmp_path):
    _, problems = load(tmp_path, "id: a\ntitle: x\x00y\n")
    assert messages(problems) == ["data/events/x.yaml:2:9: character U+0000 is not allowed in YAML; remove it (it "
                                  "may have been pasted from another program)"]
