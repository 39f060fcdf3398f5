"""Check every record file against its collection's schema and against the other records.

Every problem is collected (nothing stops at the first), each as `file:line:col: <record>: <field>: <what to do>`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .loader import LoadedFile, load_file
from .model import Dataset, RecordFile
from .problems import DataError, Problem
from .schema import COLLECTIONS, SINGULAR, Record, RedirectsFile, iter_references
from .symlinks import symlink_problem

IGNORED_NAMES = {"README.md", ".gitkeep"}
REDIRECTS_FILE = "redirects.yaml"
HELP = "see docs/maintainers/data-model.md"


def _field_label(loc: tuple) -> str:
    label = ""
    for part in loc:
        if isinstance(part, int):
            label += f"[{part}]"
        else:
            label += ("." if label else "") + str(part)
    return label


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    """The BaseModel inside list[...], Optional[...] or Annotated[...], if there is one."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found:
            return found
    return None


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, int):
            continue
        if current is None or part not in current.model_fields:
            return None
        current = _inner_model(current.model_fields[part].annotation)
    return current


def _suggest(word: str, choices) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""


def _describe(error: dict, model: type[BaseModel], help_text: str = HELP) -> tuple[str, bool]:
    """A plain-English message for one pydantic error, and whether it points at a key rather than a value."""
    kind, ctx, value = error["type"], error.get("ctx") or {}, error.get("input")
    loc = error["loc"]
    if kind == "missing":
        return f'required field "{loc[-1]}" is missing; add it ({help_text})', False
    if kind == "extra_forbidden":
        parent = _model_at(model, loc[:-1])
        allowed = sorted(parent.model_fields) if parent else []
        hint = _suggest(str(loc[-1]), allowed)
        return (f'unknown field "{loc[-1]}"{hint}; allowed fields here: {", ".join(allowed)}', True)
    if kind == "string_type":
        return f"must be text, not {_shown(value)}; put it in quotes", False
    if kind == "list_type":
        return f"must be a list (one '- item' per line, or [a, b]), not {_shown(value)}", False
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"must be a group of fields (indented 'name: value' lines), not {_shown(value)}", False
    if kind == "literal_error":
        return f'"{value}" is not allowed here; use one of: {ctx.get("expected")}', False
    if kind == "string_too_short":
        return "must not be empty", False
    if kind == "too_short":
        if isinstance(value, str):
            return "must not be empty", False
        return f"needs at least {ctx.get('min_length')} entr{'y' if ctx.get('min_length') == 1 else 'ies'}", False
    if kind == "too_long":
        return f"is too long (at most {ctx.get('max_length')} characters)", False
    if kind == "string_pattern_mismatch":
        return f'"{value}" does not have the expected form (pattern {ctx.get("pattern")})', False
    if kind == "bool_type":
        return f"must be true or false, not {_shown(value)}", False
    return error["msg"], False


def _shown(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    return f'"{value}"'


def schema_problems(exc: ValidationError, model: type[BaseModel], loaded: LoadedFile, label: str,
                    help_text: str = HELP) -> list[Problem]:
    """One plain-English problem, at its file position, for each error pydantic found in a file's data."""
    problems = []
    for error in exc.errors(include_url=False):
        message, at_key = _describe(error, model, help_text)
        line, col = loaded.locate(error["loc"], key=at_key)
        field = _field_label(error["loc"])
        problems.append(Problem(loaded.path, line, col, f"{label}: {field}: {message}" if field
                                else f"{label}: {message}"))
    return problems


def reference_problem(target_id: str, targets: list[str], collection_of: dict[str, str]) -> str | None:
    """Why `target_id` cannot be named where one of `targets` is expected, or None when it can."""
    owner = collection_of.get(target_id)
    if owner in targets:
        return None
    wanted = " or ".join(SINGULAR[t] for t in targets)
    if owner is not None:
        return f'"{target_id}" is a {SINGULAR[owner]}, not a {wanted}'
    candidates = [i for i, c in collection_of.items() if c in targets]
    return f'no {wanted} has the id "{target_id}"{_suggest(target_id, candidates)}'


def _check_file(collection: str, loaded: LoadedFile, stem: str, today: dt.date,
                problems: list[Problem]) -> Record | None:
    model = COLLECTIONS[collection]
    data = loaded.data
    record_id = data.get("id") if isinstance(data, dict) and isinstance(data.get("id"), str) else stem
    label = f"{SINGULAR[collection]} {record_id}"
    if not isinstance(data, dict):
        problems.append(Problem(loaded.path, 1, 1, f"{label}: the file must be a group of fields "
                                                   "('id: ...', 'title: ...'), not a list or a single value"))
        return None
    try:
        record = model.model_validate(data, context={"today": today})
    except ValidationError as exc:
        problems.extend(schema_problems(exc, model, loaded, label))
        return None
    if record.id != stem:
        line, col = loaded.locate(("id",))
        problems.append(Problem(loaded.path, line, col, f'{label}: id: "{record.id}" must match the file name '
                                                        f'"{stem}.yaml"; rename the file or fix the id'))
        return None
    return record


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def validate(data_dir: Path, today: dt.date | None = None, shown_root: Path | None = None) -> Dataset:
    """Load and check every record under data_dir. Returns the Dataset, or raises DataError with every problem."""
    today = today or dt.date.today()
    data_dir = Path(data_dir)
    shown_root = shown_root or data_dir.parent
    problems: list[Problem] = []
    files: list[RecordFile] = []
    unreadable: set[str] = set()  # ids of files already reported, so references to them are not reported again
    if not data_dir.is_dir():
        raise DataError([Problem(str(data_dir), 1, 1, "data folder not found")])

    for entry in sorted(data_dir.iterdir()):
        shown = _relative(entry, shown_root)
        if entry.name in IGNORED_NAMES or entry.name.startswith("."):
            continue
        if linked := symlink_problem(entry, shown):
            problems.append(linked)
            continue
        if entry.name == REDIRECTS_FILE and entry.is_file():
            continue
        if not entry.is_dir() or entry.name not in COLLECTIONS:
            problems.append(Problem(shown, 1, 1, f'"{entry.name}" is not a collection folder; records go in one of: '
                                                 f'{", ".join(sorted(COLLECTIONS))}'))
            continue
        for path in sorted(entry.iterdir()):
            shown = _relative(path, shown_root)
            if path.name in IGNORED_NAMES or path.name.startswith("."):
                continue
            if linked := symlink_problem(path, shown):
                problems.append(linked)
                unreadable.add(path.stem)
                continue
            if path.suffix != ".yaml" or not path.is_file():
                hint = f'; rename it to "{path.stem}.yaml"' if path.suffix in (".yml", ".YAML") else ""
                problems.append(Problem(shown, 1, 1, f"not a record file: record files end in .yaml{hint}"))
                continue
            loaded, file_problems = load_file(path, shown)
            problems.extend(file_problems)
            record = None if file_problems else _check_file(entry.name, loaded, path.stem, today, problems)
            if record is None:
                unreadable.add(path.stem)
            else:
                files.append(RecordFile(entry.name, record, loaded))

    if not files and not problems:
        raise DataError([Problem(_relative(data_dir, shown_root), 1, 1, "no records found; nothing to build")])

    owners: dict[str, RecordFile] = {}
    for item in files:
        first = owners.setdefault(item.record.id, item)
        if first is not item:
            unreadable.add(item.record.id)
            line, col = item.loaded.locate(("id",))
            problems.append(Problem(item.loaded.path, line, col,
                                    f'{item.label}: id: "{item.record.id}" is already used by {first.loaded.path}; '
                                    "ids must be unique across all collections"))

    collection_of = {record_id: item.collection for record_id, item in owners.items()}
    for item in files:
        for loc, targets, target_id in iter_references(item.record):
            why = None if target_id in unreadable else reference_problem(target_id, targets, collection_of)
            if why:
                line, col = item.loaded.locate(loc)
                problems.append(Problem(item.loaded.path, line, col, f"{item.label}: {_field_label(loc)}: {why}"))

    redirects = _check_redirects(data_dir / REDIRECTS_FILE, shown_root, owners, today, problems)
    if problems:
        raise DataError(problems)
    dataset = Dataset.from_files(files)
    dataset.redirects = redirects
    return dataset


def _check_redirects(path: Path, shown_root: Path, owners: dict[str, RecordFile], today: dt.date,
                     problems: list[Problem]) -> dict[str, str]:
    """data/redirects.yaml: each renamed id must be free again and lead to a record that exists."""
    if not path.is_file():
        return {}
    shown = _relative(path, shown_root)
    loaded, file_problems = load_file(path, shown)
    problems.extend(file_problems)
    if file_problems:
        return {}
    try:
        parsed = RedirectsFile.model_validate(loaded.data, context={"today": today})
    except ValidationError as exc:
        problems.extend(schema_problems(exc, RedirectsFile, loaded, "redirects"))
        return {}
    redirects: dict[str, str] = {}
    for index, entry in enumerate(parsed.redirects):
        line, col = loaded.locate(("redirects", index))
        if entry.old in owners:
            problems.append(Problem(shown, line, col, f'redirects[{index}]: "{entry.old}" is the id of '
                                                      f"{owners[entry.old].loaded.path}; only an id no record uses "
                                                      "can redirect"))
        elif entry.new not in owners:
            problems.append(Problem(shown, line, col, f'redirects[{index}]: no record has the id "{entry.new}"'
                                                      f"{_suggest(entry.new, owners)}"))
        elif entry.old in redirects:
            problems.append(Problem(shown, line, col, f'redirects[{index}]: "{entry.old}" is redirected twice'))
        else:
            redirects[entry.old] = entry.new
    return redirects
