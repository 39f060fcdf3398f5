"""CONTRIBUTING.md's "Adding a record, step by step", followed literally on a fresh copy of the project: every command
in it is run in order, every YAML snippet is typed into the file the last `new` command wrote, and the record it
adds must appear on the built site. If the guide and the tools drift apart, this fails."""

from __future__ import annotations

import re
import shlex

import pytest

from scripts.__main__ import main
from scripts.site.build import build_site

from .conftest import ROOT, make_project

pytestmark = pytest.mark.slow
SECTION = "## Adding a record, step by step"


def steps() -> tuple[str, list[tuple[str, str]]]:
    """The section's text and its fenced blocks, in order, as (language, content)."""
    text = (ROOT / "CONTRIBUTING.md").read_text()
    start = text.index(SECTION)
    section = text[start:text.index("\n## ", start + len(SECTION))]
    blocks = re.findall(r"^ *```(\w+)\n(.*?)^ *```$", section, re.MULTILINE | re.DOTALL)
    return section, [(language, _dedent(content)) for language, content in blocks]


def _dedent(block: str) -> str:
    lines = block.splitlines()
    margin = min(len(line) - len(line.lstrip(" ")) for line in lines if line.strip())
    return "\n".join(line[margin:] for line in lines)


def fill_in(path, snippet: str) -> None:
    """Type the snippet's values into the file, the way the guide says: fill `field: ""`, uncomment optional ones."""
    lines = path.read_text().splitlines()
    for wanted in snippet.splitlines():
        match = re.match(r"^ *((?:- )?[a-z_]+):(?: (.+))?$", wanted)
        assert match, f"cannot read the guide's line {wanted!r}"
        key, value = match.groups()
        if value is None:
            continue  # a field that only groups the lines below it (e.g. `sources:`) is already in the file
        for number, line in enumerate(lines):
            indent = line[:len(line) - len(line.lstrip(" "))]
            if line.strip().removeprefix("# ") == f'{key}: ""':
                lines[number] = indent + wanted.strip()
                break
        else:
            raise AssertionError(f'the guide fills in {key}, but {path.name} has no empty `{key}: ""` line')
    path.write_text("\n".join(lines) + "\n")


def test_contributing_steps_add_a_record_that_appears_on_the_built_site(tmp_path, data_dir, capsys, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    project = make_project(tmp_path, data_dir)
    section, blocks = steps()
    written, ran = None, []
    for language, content in blocks:
        if language == "yaml":
            assert written is not None, "the guide fills in a file before any `./site.sh new`"
            fill_in(written, content)
            continue
        assert language == "sh"
        for line in content.splitlines():
            command = shlex.split(line)
            assert command[0] == "./site.sh", line
            ran.append(command[1])
            if command[1] == "serve":
                continue  # the interactive preview; `./site.sh build` below builds the same site
            if command[1] == "build":
                build_site(project, project / "site")
                continue
            capsys.readouterr()
            assert main(["--root", str(project), *command[1:]]) == 0, capsys.readouterr().err
            if command[1] == "new":
                shown = re.match(r"wrote (\S+)\n", capsys.readouterr().out).group(1)
                written = project / shown
    assert ran == ["new", "new", "format", "validate", "serve", "build"]
    for path in re.findall(r"`(data/[a-z]+/[a-z0-9-]+\.yaml)`", section):
        assert (project / path).is_file(), f"the guide says {path} is written"
    page = re.search(r"`/(events/[a-z0-9-]+)/`", section).group(1)
    html = (project / "site" / page / "index.html").read_text()
    assert "Example County stops holding people on detainers alone" in html
    assert "example-sheriff-2014-05-14-detainer-policy" in html, "the event cites its source"
    event = project / f"data/{page}.yaml"
    assert not [line for line in event.read_text().splitlines()[1:] if line.startswith("#")], "format removed notes"
