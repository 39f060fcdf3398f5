"""Check every record file against its collection's schema and against the other records.

Every problem is collected (nothing stops at the first), each as `file:line:col: <record>: <field>: <what to do>`: a
file that fails the schema still has its references checked from its raw data, and `scripts.site.project_check` checks the
briefings in the same run, so one run shows every problem in every file.
"""

from __future__ import annotations

import datetime as dt
import difflib
import heapq
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .file_stamps import file_stamp
from .glossary import glossary_problems
from .limits import MAX_RECORD_TEXT_BYTES, MAX_SUGGESTION_CANDIDATES, MAX_SUGGESTIONS
from .loader import LoadedFile, load_file
from .model import Dataset, RecordFile
from .problems import DataError, Problem, shown_path
from .redirect_file import RedirectsFile
from .registry import REGISTRY
from .schema import RESERVED_IDS, SLUG, Record, inner_model, references as record_references
from .symlinks import symlink_problem
from .datasets.fbi_lee import read_table as read_fbi_lee
from .datasets.field_offices import read_table as read_field_offices
from .datasets.sanctuary_lists import read_table as read_sanctuary_list
from .table_files import dataset_file_problems
from .translations import LANGUAGE_NAMES, LANGUAGES, VERSION_FIELD, grouped_fields, translated_fields

IGNORED_NAMES = {"README.md", ".gitkeep"}

# datasets whose CSVs have their own reader
DATASET_READERS = (("sanctuary-lists", read_sanctuary_list), ("ice-field-offices", read_field_offices),
                   ("fbi-lee", read_fbi_lee))


def is_editor_file(name: str) -> bool:
    """An editor's backup, autosave or lock file beside a record (NAME.yaml~, #NAME.yaml#, .#NAME.yaml, vim's
    .NAME.yaml.swp, LibreOffice's .~lock.NAME#): never a record, so never a problem (`serve` would otherwise replace
    the whole site with the problem page while the editor has the file open)."""
    return (name.endswith("~") or (name.startswith("#") and name.endswith("#")) or name.startswith((".#", ".~lock."))
            or name.endswith((".swp", ".swo", ".swx")))
REDIRECTS_FILE = "redirects.yaml"
DATASETS_FOLDER = "datasets"  # publishers' tables and what the ingest commands make of them: not YAML records
REDIRECTS_HELP = "see schema/redirects.schema.json"


def help_for(collection: str) -> str:
    """Where a maintainer finds the fields of a collection: its commented template (in the repository)."""
    return f"see templates/records/{collection}.yaml"


def field_label(loc: tuple) -> str:
    label = ""
    for part in loc:
        if isinstance(part, int):
            label += f"[{part}]"
        else:
            label += ("." if label else "") + str(part)
    return label


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, int):
            continue
        if current is None or part not in current.model_fields:
            return None
        current = inner_model(current.model_fields[part].annotation)
    return current


def _common_prefix_length(a: str, b: str) -> int:
    length = 0
    for x, y in zip(a, b):
        if x != y:
            break
        length += 1
    return length


def suggest(word: str, choices) -> str:
    """' (did you mean "x"?)' for the closest of `choices`, or "". The comparison (difflib, slow) is made with at most
    MAX_SUGGESTION_CANDIDATES choices of a similar length, those sharing the longest start with `word`."""
    lengths = (len(word) * 2 // 3, len(word) * 3 // 2 + 2)
    candidates = [c for c in choices if lengths[0] <= len(c) <= lengths[1]]
    if len(candidates) > MAX_SUGGESTION_CANDIDATES:
        candidates = heapq.nlargest(MAX_SUGGESTION_CANDIDATES, sorted(candidates),
                                    key=lambda c: _common_prefix_length(word, c))
    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""


class Suggestions:
    """At most MAX_SUGGESTIONS "did you mean" searches in one run: thousands of unknown ids stay fast."""

    def __init__(self, limit: int = MAX_SUGGESTIONS):
        self.left = limit

    def __call__(self, word: str, choices) -> str:
        if self.left <= 0:
            return ""
        self.left -= 1
        return suggest(word, choices)


def _is_required(model: type[BaseModel], loc: tuple) -> bool:
    parent = _model_at(model, loc[:-1])
    name = loc[-1] if loc else None
    if parent is None or not isinstance(name, str) or name not in parent.model_fields:
        return True
    return parent.model_fields[name].is_required()


def _fill_in(model: type[BaseModel], loc: tuple) -> str:
    """What to do with an empty or blank value: write it, or (when the field is optional) leave it out."""
    if loc and isinstance(loc[-1], int):
        return "write the entry or remove it"
    name = str(loc[-1]).replace("_", " ") if loc else "value"
    return f"write the {name}" + ("" if _is_required(model, loc) else ", or leave the field out")


def _describe(error: dict, model: type[BaseModel], help_text: str = "see CONTRIBUTING.md") -> tuple[str, bool]:
    """A plain-English message for one pydantic error, saying what to do, and whether it points at a key rather
    than a value."""
    kind, ctx, value = error["type"], error.get("ctx") or {}, error.get("input")
    loc = error["loc"]
    if kind == "missing":
        return f'required field "{loc[-1]}" is missing; add it ({help_text})', False
    if kind == "extra_forbidden" and len(loc) > 1 and loc[0] in LANGUAGES:
        return _not_translatable(loc, model), True
    if kind == "extra_forbidden":
        parent = _model_at(model, loc[:-1])
        allowed = sorted(parent.model_fields) if parent else []
        hint = suggest(str(loc[-1]), allowed)
        return (f'unknown field "{loc[-1]}"{hint}; rename it to one of the fields allowed here, or remove it: '
                f'{", ".join(allowed)}', True)
    if kind == "string_type":
        return f"must be text, not {_described(value)}; put it in quotes", False
    if kind == "list_type":
        return f"must be a list, not {_described(value)}: write one '- item' per line, or [a, b]", False
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"must be a group of fields, not {_described(value)}: write indented 'name: value' lines", False
    if kind == "literal_error":
        return f'"{value}" is not allowed here; use one of: {ctx.get("expected")}', False
    if kind == "string_too_short" or kind == "too_short" and isinstance(value, str):
        return f"must not be empty; {_fill_in(model, loc)}", False
    if kind == "blank":
        return f"must not be blank (it holds only spaces or invisible characters); {_fill_in(model, loc)}", False
    if kind == "too_short":
        count = ctx.get("min_length")
        return f"needs at least {count} entr{'y' if count == 1 else 'ies'}; add {'one' if count == 1 else 'them'}", False
    if kind == "string_too_long":
        return (f"is {len(value):,} characters long; at most {ctx.get('max_length'):,}: shorten it (a summary in "
                "your own words, not pasted text)"), False
    if kind == "too_long":
        return (f"has {ctx.get('actual_length'):,} entries; at most {ctx.get('max_length'):,}: keep the ones a "
                "reader needs"), False
    if kind == "bool_type":
        return f"must be true or false, not {_described(value)}; write true or false", False
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"must be a whole number, not {_described(value)}; write digits only, e.g. 10", False
    if kind in PLAIN_ENGLISH_KINDS:
        return error["msg"], False
    return f"{error['msg'][:1].lower()}{error['msg'][1:]} ({help_text})", False


def _not_translatable(loc: tuple, model: type[BaseModel]) -> str:
    """Why a key under `es:` (or inside one of its groups) has no place there, and which keys do."""
    name, language = str(loc[-1]), LANGUAGE_NAMES[loc[0]]
    parent = _model_at(model, loc[:-1])
    english = _model_at(model, tuple(part for part in loc[1:-1]))
    allowed = [n for n in (parent.model_fields if parent else ()) if n != VERSION_FIELD]
    listed = ", ".join(allowed) if allowed else "none"
    if english is not None and name in english.model_fields:
        return (f'"{name}" is not translated: it stays the same in every language, so it has no place in the '
                f"{language}; remove it (the fields translated here: {listed})")
    return (f'"{name}" is not a field that is translated here{suggest(name, allowed)}; the {language} of a field '
            f"goes under the English field's own name: rename it or remove it (the fields translated here: "
            f"{listed})")


def translation_problems(record: BaseModel, loaded: LoadedFile, label: str) -> list[Problem]:
    """What schema validation cannot see in a record's translations: a translated field whose English field is
    empty, an aligned list (es.periods, es.policies) whose length is not the English list's, and a translation that
    does not say which English it translates (english_version, written by `./site.sh translated FILE`)."""
    problems = []
    for language in LANGUAGES:
        translation = getattr(record, language, None)
        if translation is None:
            continue
        found: list[tuple[tuple, str]] = []
        _compare_translation(record, translation, (language,), LANGUAGE_NAMES[language], found)
        if translation.english_version is None:
            name = LANGUAGE_NAMES[language]
            found.append(((language,), f"{VERSION_FIELD} is missing, so nobody can tell whether the {name} is older "
                                       f"than the English: once it translates the current English, run "
                                       f"./site.sh translated {loaded.path}"))
        for loc, message in found:
            line, col = loaded.locate(loc, key=True)
            problems.append(Problem(loaded.path, line, col, f"{label}: {field_label(loc)}: {message}"))
    return problems


def _compare_translation(item: BaseModel, translation: BaseModel, loc: tuple, language: str,
                         found: list[tuple[tuple, str]]) -> None:
    english_name = field_label(tuple(part for part in loc[1:]))
    for name in translated_fields(type(item)):
        if getattr(translation, name, None) is not None and getattr(item, name) is None:
            where = f"{english_name}.{name}" if english_name else name
            found.append((loc + (name,), f"the English has no {where} to translate; remove it from the {language}, "
                                         f"or write the English {where} first"))
    for name, (_group, many) in grouped_fields(type(item)).items():
        english, other = getattr(item, name), getattr(translation, name, None)
        where = f"{english_name}.{name}" if english_name else name
        if many and other:
            if len(other) != len(english):
                found.append((loc + (name,), f"has {len(other)} entr{'y' if len(other) == 1 else 'ies'} but the "
                                             f"English {where} has {len(english)}; write one entry per English item, "
                                             "in the same order ({} for an item with nothing to translate)"))
            for index, (a, b) in enumerate(zip(english, other)):
                _compare_translation(a, b, loc + (name, index), language, found)
        elif not many and other is not None:
            if english is None:
                found.append((loc + (name,), f"the English has no {where} to translate; remove it from the "
                                             f"{language}, or write the English {where} first"))
            else:
                _compare_translation(english, other, loc + (name,), language, found)


# Errors raised by the schema's own validators, which already say what to do.
PLAIN_ENGLISH_KINDS = {"date", "future", "order", "url", "slug", "reserved", "markdown", "state", "number",
                       "courtlistener", "citation"}


def _described(value: Any) -> str:
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
                    help_text: str = "see CONTRIBUTING.md") -> list[Problem]:
    """One plain-English problem, at its file position, for each error pydantic found in a file's data."""
    problems = []
    for error in exc.errors(include_url=False):
        message, at_key = _describe(error, model, help_text)
        line, col = loaded.locate(error["loc"], key=at_key)
        field = field_label(error["loc"])
        problems.append(Problem(loaded.path, line, col, f"{label}: {field}: {message}" if field
                                else f"{label}: {message}"))
    return problems


def reference_problem(target_id: str, targets: list[str], collection_of: dict[str, str],
                      suggest=suggest) -> str | None:
    """Why `target_id` cannot be named where one of `targets` is expected, or None when it can."""
    owner = collection_of.get(target_id)
    if owner in targets:
        return None
    wanted = " or ".join(REGISTRY.singular(t) for t in targets)
    if owner is not None:
        return f'"{target_id}" is a {REGISTRY.singular(owner)}, not a {wanted}; name a {wanted} here'
    candidates = [i for i, c in collection_of.items() if c in targets]
    return (f'no {wanted} has the id "{target_id}"{suggest(target_id, candidates)}; fix the id, or add the '
            f"{wanted} it names")


def raw_references(model: type[BaseModel], data: Any, loc: tuple = ()):
    """Like schema.iter_references, for data that failed the schema: (loc, targets, id) for every value that is
    where the schema expects an id of another record and that has the form of an id."""
    if not isinstance(data, dict):
        return
    for name, field in model.model_fields.items():
        if name not in data:
            continue
        value = data[name]
        extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
        targets = extra.get("x-references")
        inner = inner_model(field.annotation)
        items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for index, item in items:
            item_loc = loc + ((name,) if index is None else (name, index))
            if targets and isinstance(item, str) and SLUG.fullmatch(item):
                yield item_loc, targets, item
            elif inner is not None and isinstance(item, dict):
                yield from raw_references(inner, item, item_loc)


def _text_bytes(value: Any) -> int:
    if isinstance(value, str):
        return len(value.encode("utf-8", "surrogatepass"))
    if isinstance(value, dict):
        return sum(_text_bytes(k) + _text_bytes(v) for k, v in value.items())
    if isinstance(value, list):
        return sum(_text_bytes(v) for v in value)
    return 0


@dataclass
class _Unchecked:
    """A record file that failed the schema but whose references can still be checked."""
    collection: str
    loaded: LoadedFile
    label: str
    references: list[tuple[tuple, list[str], str]]


def _file_name_problem(path: Path, shown: str) -> Problem | None:
    stem = path.name[:-len(".yaml")]
    if stem in RESERVED_IDS:
        return Problem(shown, 1, 1, f'"{stem}" cannot be a record\'s id: the site uses that name for the '
                                    "collection's own page; choose another id and rename the file")
    if not SLUG.fullmatch(stem) or len(stem) > 80:
        return Problem(shown, 1, 1, f'the file name "{path.name}" is not a record id followed by .yaml: rename the file to '
                                    "the record's id, in lowercase letters, digits and single hyphens (at most 80 "
                                    'characters, e.g. "galarza-v-szalczyk.yaml")')
    return None


def _check_file(collection: str, loaded: LoadedFile, stem: str | None, today: dt.date,
                problems: list[Problem]) -> Record | _Unchecked | None:
    """The record, or what can still be checked of a file that failed the schema, or None when nothing can."""
    model = REGISTRY[collection].model
    data = loaded.data
    record_id = data.get("id") if isinstance(data, dict) and isinstance(data.get("id"), str) else stem or "?"
    label = f"{REGISTRY.singular(collection)} {record_id}"
    if not isinstance(data, dict):
        problems.append(Problem(loaded.path, 1, 1, f"{label}: the file must be a group of fields "
                                                   "('id: ...', 'title: ...'), not a list or a single value; "
                                                   f"start from templates/records/{collection}.yaml"))
        return None
    size = _text_bytes(data)
    if size > MAX_RECORD_TEXT_BYTES:
        problems.append(Problem(loaded.path, 1, 1, f"{label}: the record's text is {size:,} bytes; at most "
                                                   f"{MAX_RECORD_TEXT_BYTES:,}: keep summaries short and in your "
                                                   "own words, and split a long list into records of its own"))
        return None
    try:
        record = model.model_validate(data, context={"today": today})
    except ValidationError as exc:
        problems.extend(schema_problems(exc, model, loaded, label, help_for(collection)))
        failed = {tuple(error["loc"]) for error in exc.errors(include_url=False)}
        references = [r for r in raw_references(model, data) if r[0] not in failed]
        return _Unchecked(collection, loaded, label, references)
    if stem is not None and record.id != stem:
        line, col = loaded.locate(("id",))
        problems.append(Problem(loaded.path, line, col, f'{label}: id: "{record.id}" must match the file name '
                                                        f'"{stem}.yaml"; rename the file or fix the id'))
        return None
    problems.extend(translation_problems(record, loaded, label))
    return record


# resolved path -> (shown path, file stamp, collection, named well, today; what loading and checking it found). A
# serve rebuild after one edit then parses and checks one file, not thousands; the cross-record checks still run on all.
_checked_files: dict[str, tuple[tuple, tuple[LoadedFile, list[Problem], Record | _Unchecked | None]]] = {}


def _checked_file(collection: str, path: Path, shown: str, named_well: bool, today: dt.date,
                  stat: os.stat_result) -> tuple[LoadedFile, list[Problem], Record | _Unchecked | None]:
    resolved = str(path.absolute())
    key = (shown, file_stamp(path, stat), collection, named_well, today)
    remembered = _checked_files.get(resolved)
    if remembered is None or remembered[0] != key:
        loaded, problems = load_file(path, shown)
        result = None if problems else _check_file(collection, loaded, path.stem if named_well else None, today,
                                                   problems)
        remembered = _checked_files[resolved] = (key, (loaded, problems, result))
    return remembered[1]


@dataclass
class Checked:
    """Everything one validation run found: the records that passed, every problem, and the ids of every record
    file whose id could be read (passed or not), so that what refers to them can be checked too."""
    files: list[RecordFile]
    problems: list[Problem]
    known_ids: dict[str, str]  # record id -> collection, for every file with a readable id
    redirects: dict[str, str]

    def dataset(self) -> Dataset:
        dataset = Dataset.from_files(self.files)
        dataset.redirects = self.redirects
        return dataset


def _dataset_link_problems(datasets_dir: Path, shown_root: Path) -> list[Problem]:
    """The ingested tables are read by the build and copied into the downloads, so a symbolic link anywhere below
    data/datasets/ could publish a file of the machine: each is reported (and the walk never follows one)."""
    found = []
    for folder, subfolders, names in os.walk(datasets_dir, followlinks=False):
        for name in sorted(subfolders + names):
            path = Path(folder) / name
            if linked := symlink_problem(path, shown_path(path, shown_root)):
                found.append(linked)
    return sorted(found, key=lambda problem: problem.path)


def check(data_dir: Path, today: dt.date | None = None, shown_root: Path | None = None) -> Checked:
    """Load and check every record under data_dir, collecting every problem (see `validate`)."""
    today = today or dt.date.today()
    data_dir = Path(data_dir)
    shown_root = shown_root or data_dir.parent
    problems: list[Problem] = []
    files: list[RecordFile] = []
    unchecked: list[_Unchecked] = []
    unreadable: set[str] = set()  # ids of files already reported, so references to them are not reported again
    suggest = Suggestions()
    if not data_dir.is_dir():
        raise DataError([Problem(str(data_dir), 1, 1, "data folder not found; run the command in the project folder "
                                                      "(the one holding data/ and mkdocs.yml)")])

    for entry in sorted(data_dir.iterdir()):
        shown = shown_path(entry, shown_root)
        if entry.name in IGNORED_NAMES or entry.name.startswith(".") or is_editor_file(entry.name):
            continue
        if linked := symlink_problem(entry, shown):
            problems.append(linked)
            continue
        if entry.name == REDIRECTS_FILE and entry.is_file():
            continue
        if entry.name == DATASETS_FOLDER and entry.is_dir():
            problems.extend(_dataset_link_problems(entry, shown_root))
            problems.extend(dataset_file_problems(entry, shown_root, DATASET_READERS))
            continue
        folders = [c.name for c in REGISTRY.hand_written()]
        if not entry.is_dir() or entry.name not in folders:
            problems.append(Problem(shown, 1, 1, f'"{entry.name}" is not a collection folder; move its records into '
                                                 f'one of: {", ".join(sorted(folders))}'))
            continue
        folder_shown = shown_path(entry, shown_root)
        # os.scandir: a folder of thousands of records is read with one system call per file (its stat), not three
        for item in sorted(os.scandir(entry), key=lambda item: item.name):
            path = entry / item.name
            if item.name in IGNORED_NAMES or item.name.startswith(".") or is_editor_file(item.name):
                continue
            if item.is_symlink():
                problems.append(symlink_problem(path, shown_path(path, shown_root)))
                unreadable.add(path.stem)
                continue
            shown = f"{folder_shown}/{item.name}"
            if path.suffix != ".yaml" or not item.is_file():
                hint = (f'rename it to "{path.stem}.yaml"' if path.suffix in (".yml", ".YAML")
                        else "rename it, or move it out of data/")
                problems.append(Problem(shown, 1, 1, f"not a record file: record files end in .yaml; {hint}"))
                continue
            name_problem = _file_name_problem(path, shown)
            if name_problem:  # reported, and the content is still checked; the record is left out
                problems.append(name_problem)
            loaded, file_problems, result = _checked_file(entry.name, path, shown, name_problem is None, today,
                                                          item.stat())
            problems.extend(file_problems)
            if isinstance(result, Record) and not name_problem:
                files.append(RecordFile(entry.name, result, loaded))
            else:
                unreadable.add(path.stem)
                if isinstance(result, _Unchecked):
                    unchecked.append(result)

    files.extend(_derived_files(data_dir, shown_root, problems))

    if not files and not problems:
        raise DataError([Problem(shown_path(data_dir, shown_root), 1, 1, "no records found; add a record with "
                                                                        "./site.sh new (see CONTRIBUTING.md)")])

    owners: dict[str, RecordFile] = {}
    duplicated: set[str] = set()  # which record such an id means is unknown, so references to it are not checked
    for item in files:
        first = owners.setdefault(item.record.id, item)
        if first is not item:
            duplicated.add(item.record.id)
            line, col = item.loaded.locate(("id",))
            problems.append(Problem(item.loaded.path, line, col,
                                    f'{item.label}: id: "{item.record.id}" is already used by {first.loaded.path}; '
                                    "ids must be unique across all collections: choose another id and rename the "
                                    "file"))

    collection_of = {record_id: item.collection for record_id, item in owners.items()}
    known_ids = dict(collection_of)
    for item in unchecked:  # a file that failed the schema still names its record for what refers to it
        stem = Path(item.loaded.path).name[:-len(".yaml")]
        if item.loaded.data.get("id") == stem:
            known_ids.setdefault(stem, item.collection)
    references = [(item.loaded, item.label, ref) for item in files for ref in record_references(item.record)]
    references += [(item.loaded, item.label, ref) for item in unchecked for ref in item.references]
    for loaded, label, (loc, targets, target_id) in references:
        if target_id in duplicated or target_id in unreadable and target_id not in known_ids:
            continue
        why = reference_problem(target_id, targets, known_ids, suggest)
        if why:
            line, col = loaded.locate(loc)
            problems.append(Problem(loaded.path, line, col, f"{label}: {field_label(loc)}: {why}"))

    problems.extend(glossary_problems(files))
    redirects = _check_redirects(data_dir / REDIRECTS_FILE, shown_root, owners, known_ids, today, problems, suggest)
    return Checked(files, problems, known_ids, redirects)


def _derived_files(data_dir: Path, shown_root: Path, problems: list[Problem]) -> list[RecordFile]:
    """The records of the collections derived from tables (registry: DerivedTables), each source called once."""
    files: list[RecordFile] = []
    for source in dict.fromkeys(c.source for c in REGISTRY.derived()):
        derived = source.derive(data_dir, shown_root)
        problems.extend(derived.problems)
        files.extend(_derived_record_files(derived))
    return files


_derived_made: dict[int, tuple[object, list[RecordFile]]] = {}  # id(a source's result) -> (it, its record files)


def _derived_record_files(derived) -> list[RecordFile]:
    """The RecordFiles of one derived source's result, made once per result (sources keep theirs while the tables
    are unchanged, and `serve` validates again after every edit)."""
    made = _derived_made.get(id(derived))
    if made is None or made[0] is not derived:
        if len(_derived_made) > 8:
            _derived_made.clear()
        made = _derived_made[id(derived)] = (derived, [
            RecordFile(collection, item.record, LoadedFile(item.path))
            for collection, records in derived.records.items() if collection in REGISTRY for item in records])
    return made[1]


def validate(data_dir: Path, today: dt.date | None = None, shown_root: Path | None = None) -> Dataset:
    """Load and check every record under data_dir. Returns the Dataset, or raises DataError with every problem.

    Nothing stops at the first problem: a file that fails the schema still has its references checked (from its raw
    data) and still counts as the record its id names, so one run shows every problem in every file."""
    checked = check(data_dir, today, shown_root)
    if checked.problems:
        raise DataError(checked.problems)
    return checked.dataset()


def _check_redirects(path: Path, shown_root: Path, owners: dict[str, RecordFile], known_ids: dict[str, str],
                     today: dt.date, problems: list[Problem], suggest=suggest) -> dict[str, str]:
    """data/redirects.yaml: each renamed id must be free again and lead to a record that exists."""
    if not path.is_file():
        return {}
    shown = shown_path(path, shown_root)
    loaded, file_problems = load_file(path, shown)
    problems.extend(file_problems)
    if file_problems:
        return {}
    if not isinstance(loaded.data, dict):
        problems.append(Problem(shown, 1, 1, "redirects: the file must start with 'redirects:' and list the renamed "
                                             f"ids under it ({REDIRECTS_HELP})"))
        return {}
    try:
        parsed = RedirectsFile.model_validate(loaded.data, context={"today": today})
    except ValidationError as exc:
        problems.extend(schema_problems(exc, RedirectsFile, loaded, "redirects", REDIRECTS_HELP))
        return {}
    redirects: dict[str, str] = {}
    for index, entry in enumerate(parsed.redirects):
        line, col = loaded.locate(("redirects", index))
        if entry.old in known_ids:
            where = owners[entry.old].loaded.path if entry.old in owners else f"a {REGISTRY.singular(known_ids[entry.old])}"
            problems.append(Problem(shown, line, col, f'redirects[{index}]: "{entry.old}" is the id of {where}; only '
                                                      "an id no record uses can redirect: remove this entry or "
                                                      "rename that record"))
        elif entry.new not in known_ids:
            problems.append(Problem(shown, line, col, f'redirects[{index}]: no record has the id "{entry.new}"'
                                                      f"{suggest(entry.new, known_ids)}; name the record's id now"))
        elif entry.old in redirects:
            problems.append(Problem(shown, line, col, f'redirects[{index}]: "{entry.old}" is redirected twice; keep '
                                                      "one entry"))
        else:
            redirects[entry.old] = entry.new
    return redirects
