"""`python -m scripts format [--check] [PATH ...]`: write record files in their canonical form (see record_yaml.py).

Without --check, every record file that is not canonical is rewritten (atomically: a crash never leaves half a file).
With --check nothing is written; each file that is not canonical is reported as `file:line:1: ...` at the first line
that differs, with the command that fixes it. Before anything is written, the new text is read back and compared with
what was read from the old one; if they differ in any way the file is left alone and reported, so formatting can never
change a record's content.
"""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..records.loader import load_file
from ..records.problems import Problem, shown_path
from ..records.record_yaml import canonical, has_modeline, same_content
from ..records.registry import REGISTRY

FIX_COMMAND = "./site.sh format"


@dataclass
class FormatResult:
    checked: int = 0
    changed: list[str] = field(default_factory=list)  # files rewritten, or with --check the files to rewrite
    differences: list[Problem] = field(default_factory=list)  # with --check: where each of those files differs
    problems: list[Problem] = field(default_factory=list)  # files that could not be read or formatted


def record_files(paths: list[Path]) -> list[Path]:
    """The record files under `paths`: a data folder, a collection folder (data/<collection>) or single files."""
    found: list[Path] = []
    for path in paths:
        if path.is_file():
            found.append(path)
        elif path.name in _hand_written() and path.is_dir():
            found.extend(sorted(path.glob("*.yaml")))
        elif path.is_dir():
            for collection in sorted(_hand_written()):
                found.extend(sorted((path / collection).glob("*.yaml")))
    return found


def _hand_written() -> list[str]:
    return [c.name for c in REGISTRY.hand_written()]


def _first_difference(old: str, new: str) -> int:
    old_lines, new_lines = old.splitlines(), new.splitlines()
    for number, (a, b) in enumerate(zip(old_lines, new_lines), start=1):
        if a != b:
            return number
    return min(len(old_lines), len(new_lines)) + 1 if old_lines else 1


def _read_back(text: str, scratch: Path) -> object:
    scratch.write_text(text, encoding="utf-8")
    loaded, problems = load_file(scratch)
    return None if problems else loaded.data


def format_files(paths: list[Path], root: Path, check: bool = False) -> FormatResult:
    result = FormatResult()
    for path in paths:
        if not path.exists():
            result.problems.append(Problem(shown_path(path, root), 1, 1, "no such file or folder"))
    with tempfile.TemporaryDirectory(prefix="record-format-") as scratch_dir:
        scratch = Path(scratch_dir) / "record.yaml"
        for path in record_files(paths):
            shown = shown_path(path, root)
            collection = path.parent.name
            if collection not in _hand_written():
                result.problems.append(Problem(shown, 1, 1, "not in a collection folder (data/<collection>/), so its "
                                                            "field order is unknown; move it into one"))
                continue
            loaded, problems = load_file(path, shown)
            result.checked += 1
            if problems:
                result.problems.extend(problems)
                continue
            old = path.read_text(encoding="utf-8")
            new = canonical(loaded.data, collection, with_modeline=has_modeline(old))
            if new == old:
                continue
            if not same_content(_read_back(new, scratch), loaded.data):
                result.problems.append(Problem(shown, 1, 1, "could not be formatted without changing its content, "
                                                            "so it was left as it is; please report this"))
                continue
            result.changed.append(shown)
            if check:
                line = _first_difference(old, new)
                result.differences.append(Problem(shown, line, 1, "not in canonical form (field order, quoting or line "
                                                               "breaks differ from this line on); run "
                                                               f"{FIX_COMMAND} to fix it"))
            else:
                _replace(path, new)
    return result


def _replace(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.chmod(temporary, path.stat().st_mode & 0o777)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def run(paths: list[Path], root: Path, check: bool = False, github: bool | None = None) -> int:
    """The command: format (or check) and print a plain report. Returns the exit code."""
    if github is None:
        github = os.environ.get("GITHUB_ACTIONS") == "true"
    result = format_files(paths, root, check=check)
    for problem in sorted(result.problems + result.differences):
        print(problem, file=sys.stderr)
        if github:
            print(problem.github_annotation())
    if not check:
        for shown in result.changed:
            print(f"formatted {shown}")
    if result.problems:
        count = len(result.problems)
        print(f"{count} problem{_s(count)} stopped formatting; fix {'it' if count == 1 else 'them'} first "
              "(./site.sh validate explains each one).", file=sys.stderr)
    if result.differences:
        count = len(result.differences)
        print(f"{count} file{_s(count)} {'is' if count == 1 else 'are'} not in canonical form. Run {FIX_COMMAND} (or python -m scripts format) "
              "and commit the result.", file=sys.stderr)
    if result.problems or result.differences:
        return 1
    rewritten = f"; rewrote {len(result.changed)}" if result.changed else ""
    print(f"OK: {result.checked} record file{_s(result.checked)} in canonical form{rewritten}")
    return 0


def _s(count: int) -> str:
    return "" if count == 1 else "s"
