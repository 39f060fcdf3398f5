"""`python -m scripts translated FILE ...` (`./site.sh translated FILE ...`): record that each file's Spanish (`es:`)
translates the record's current English.

For each file the command checks the record (its schema, its `es:` block against the English, the glossary in
data/terms/), then writes `english_version: <fingerprint of the English>` into the `es:` block, the file written in
the formatter's canonical form (scripts/records/record_yaml.py). A file whose Spanish lacks a field the English has is
refused unless `--partial` is given: then its page says which fields are still in English. When any file has a problem nothing is
written at all, and each problem is reported as `file:line:col: what is wrong — what to do`."""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from ..records.glossary import glossary_from, record_problems
from ..records.loader import load_file
from ..records.model import RecordFile
from ..records.problems import Problem, shown_path
from ..records.record_yaml import canonical, has_modeline, same_content
from ..records.registry import REGISTRY
from ..records.schema import Record
from ..records.translations import LANGUAGES, VERSION_FIELD, english_version, untranslated_fields
from ..records.validate import _check_file
from .formatter import _read_back, _replace

COMMAND = "./site.sh translated"


def _glossary(root: Path) -> tuple[list, list[Problem]]:
    """The terms of data/terms/, checked like any record (a broken term is reported, not used)."""
    files, problems = [], []
    for path in sorted((root / "data" / "terms").glob("*.yaml")):
        loaded, found = load_file(path, shown_path(path, root))
        record = None if found else _check_file("terms", loaded, path.stem, dt.date.today(), found)
        problems.extend(found)
        if record is not None and not found:
            files.append(RecordFile("terms", record, loaded))
    return glossary_from(files), problems


def _stamped(path: Path, root: Path, glossary: list,
             partial: bool = False) -> tuple[str | None, str, list[Problem]]:
    """(the file's new text, or None when it is already current; the fingerprint; the problems found)."""
    shown = shown_path(path, root)
    collection = path.parent.name
    if not path.is_file():
        return None, "", [Problem(shown, 1, 1, "no such record file; name files such as data/events/<id>.yaml")]
    if path.parent.parent.resolve() != (root / "data").resolve() or collection not in \
            [c.name for c in REGISTRY.hand_written()]:
        return None, "", [Problem(shown, 1, 1, "not a record file in a collection folder (data/<collection>/"
                                               "<id>.yaml); name a record file")]
    loaded, problems = load_file(path, shown)
    if problems:
        return None, "", problems
    record = _check_file(collection, loaded, path.stem, dt.date.today(), problems)
    label = f"{REGISTRY.singular(collection)} {path.stem}"
    # The one problem this command is here to fix is not a reason to refuse.
    problems = [p for p in problems if f": {VERSION_FIELD} is missing," not in p.message]
    if problems or record is None or not isinstance(record, Record):
        return None, "", problems or [Problem(shown, 1, 1, f"{label}: cannot be read as a record; run ./site.sh "
                                                          "validate for what is wrong")]
    language = LANGUAGES[0]
    if getattr(record, language, None) is None:
        return None, "", [Problem(shown, 1, 1, f"{label}: has no {language}: block, so there is no translation to "
                                               "record; add the translation first (CONTRIBUTING.md, \"Translating "
                                               "a record\")")]
    missing = untranslated_fields(record, language)
    if missing and not partial:
        line, col = loaded.locate((language,), key=True)
        return None, "", [Problem(shown, line, col, f"{label}: {language}: the Spanish lacks "
                                                    f"{', '.join(missing)}, which the English has; translate "
                                                    f"{'it' if len(missing) == 1 else 'them'}, then run {COMMAND} "
                                                    "again (or record a partial translation: "
                                                    f"{COMMAND} --partial FILE)")]
    problems = record_problems(RecordFile(collection, record, loaded), glossary, language)
    if problems:
        return None, "", problems
    version = english_version(record)
    data = dict(loaded.data)
    data[language] = {**data[language], VERSION_FIELD: version}
    old = path.read_text(encoding="utf-8")
    new = canonical(data, collection, with_modeline=has_modeline(old))
    return (None if new == old else new), version, []


def run(root: Path, paths: list[Path], partial: bool = False) -> int:
    """The command. Returns the exit code; writes nothing unless every file is fine."""
    glossary, problems = _glossary(root)
    planned: list[tuple[Path, str, str]] = []
    current: list[str] = []
    for path in paths:
        path = path if path.is_absolute() else Path.cwd() / path
        new, version, found = _stamped(path, root, glossary, partial)
        problems.extend(found)
        if new is not None:
            planned.append((path, new, version))
        elif not found:
            current.append(shown_path(path, root))
    with tempfile.TemporaryDirectory(prefix="record-translated-") as scratch_dir:
        scratch = Path(scratch_dir) / "record.yaml"
        for path, new, _version in planned:
            expected = load_file(path)[0].data
            expected = {**expected, LANGUAGES[0]: {**expected[LANGUAGES[0]], VERSION_FIELD: _version}}
            if not same_content(_read_back(new, scratch), expected):
                problems.append(Problem(shown_path(path, root), 1, 1, "could not be written without changing its "
                                                                      "content, so nothing was written; please "
                                                                      "report this"))
    if problems:
        for problem in sorted(set(problems)):
            print(problem, file=sys.stderr)
        count = len(set(problems))
        print(f"{count} problem{'' if count == 1 else 's'} found; nothing was written. Fix "
              f"{'it' if count == 1 else 'them'} and run the command again.", file=sys.stderr)
        return 1
    for path, new, version in planned:
        _replace(path, new)
        print(f"{shown_path(path, root)}: the Spanish now records that it translates the current English "
              f"({VERSION_FIELD}: {version})")
    for shown in current:
        print(f"{shown}: already recorded as translating the current English; nothing to do")
    return 0
