"""Read YAML record files into plain Python data, remembering where every value came from (line and column).

The loader is deliberately strict so that hostile or broken files fail fast with a clear message: no anchors or
aliases (no alias bombs), no duplicate keys, no tabs, UTF-8 without a byte-order mark, one document, at most 1 MiB,
at most MAX_NESTING levels of groups and lists and MAX_VALUES values (see limits.py). Nesting and size are checked on
libyaml's stream of events before any tree is built: libyaml builds the tree by recursion in C, which a few thousand
nested brackets turn into a crash (a segmentation fault, no message), and takes time that grows with the square of
the depth. Dates stay text here; the schema decides what a valid date is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from .limits import MAX_FILE_BYTES, MAX_NESTING, MAX_VALUES
from .problems import Problem

Location = tuple[int, int]
PathKey = tuple[Any, ...]


class _RecordResolver(yaml.resolver.Resolver):
    """YAML 1.1 resolver minus timestamps and minus yes/no/on/off booleans (only true/false are booleans)."""


_RecordResolver.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers
            if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
}
_RecordResolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


class _RecordLoader(yaml._yaml.CParser, yaml.constructor.SafeConstructor, _RecordResolver):
    """libyaml's parser (fast) with the safe constructor and the resolver above."""

    def __init__(self, stream: str):
        yaml._yaml.CParser.__init__(self, stream)
        yaml.constructor.SafeConstructor.__init__(self)
        _RecordResolver.__init__(self)


class _AliasFound(Exception):
    def __init__(self, node):
        self.node = node


@dataclass
class LoadedFile:
    path: str  # as shown in messages, relative to the project when possible
    data: Any = None
    value_locations: dict[PathKey, Location] = field(default_factory=dict)
    key_locations: dict[PathKey, Location] = field(default_factory=dict)

    def locate(self, loc: PathKey, *, key: bool = False) -> Location:
        """The best known location for a path into the data: the path itself or its nearest parent."""
        loc = tuple(loc)
        while True:
            if key and loc in self.key_locations:
                return self.key_locations[loc]
            if loc in self.value_locations:
                return self.value_locations[loc]
            if not loc:
                return (1, 1)
            loc = loc[:-1]


def _mark(node) -> Location:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _scalar(loader: _RecordLoader, node, loaded: LoadedFile, problems: list[Problem]) -> Any:
    """The value of a scalar node, or None with a problem when it cannot be read: a tag no safe loader knows
    (!!python/...), a tagged value that is not what its tag says (!!timestamp 2015-02-30), or an integer too long for
    Python to read (more than 4,300 digits)."""
    try:
        return loader.construct_object(node)
    except (yaml.constructor.ConstructorError, ValueError, TypeError, OverflowError) as error:
        detail = error.problem if isinstance(error, yaml.MarkedYAMLError) else str(error)
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        if tag == "!!int" and node.value.lstrip("+-").isdigit():
            message = "this number has too many digits to read; write the number as it is counted, at most 15 digits"
        else:
            message = f"cannot read this value ({detail}); remove the tag {tag} and write the value as plain text"
        problems.append(Problem(loaded.path, *_mark(node), message))
        return None


def _build(loader: _RecordLoader, node, path: PathKey, loaded: LoadedFile, problems: list[Problem],
           seen: set[int]) -> Any:
    # libyaml resolves an alias to the very node its anchor names: meeting a node twice means an alias, refused
    # before it can be expanded (an "alias bomb" would otherwise grow exponentially).
    if id(node) in seen:
        raise _AliasFound(node)
    seen.add(id(node))
    loaded.value_locations[path] = _mark(node)
    if not isinstance(node, ScalarNode) and node.tag not in ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
        problems.append(Problem(loaded.path, *_mark(node), f"the tag {node.tag.replace('tag:yaml.org,2002:', '!!')} "
                                                           "is not allowed; remove it"))
        return None
    if isinstance(node, MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line, col = _mark(key_node)
            if not isinstance(key_node, ScalarNode):
                problems.append(Problem(loaded.path, line, col, "a field name must be plain text; write each field "
                                                                "as 'name: value' on its own line"))
                continue
            key = _scalar(loader, key_node, loaded, problems)
            if key is None:
                continue
            if not isinstance(key, str):
                key = str(key)
            if key in result:
                first_line = loaded.key_locations[path + (key,)][0]
                problems.append(Problem(loaded.path, line, col,
                                        f'field "{key}" appears twice (first on line {first_line}); keep one'))
                continue
            loaded.key_locations[path + (key,)] = (line, col)
            result[key] = _build(loader, value_node, path + (key,), loaded, problems, seen)
        return result
    if isinstance(node, SequenceNode):
        return [_build(loader, item, path + (i,), loaded, problems, seen) for i, item in enumerate(node.value)]
    return _scalar(loader, node, loaded, problems)


def _shape_problem(text: str, shown: str) -> Problem | None:
    """A problem when the document nests deeper than MAX_NESTING or holds more than MAX_VALUES values, found from
    the event stream (no recursion, stopping at the first excess). Syntax errors are left to the real parse."""
    parser = yaml._yaml.CParser(text)
    depth = count = 0
    try:
        while (event := parser.get_event()) is not None:
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_NESTING:
                    return Problem(shown, *_mark(event), f"groups and lists are nested more than {MAX_NESTING} "
                                                         "levels deep here; a record needs only a few: remove the "
                                                         "extra brackets or indentation")
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
            if isinstance(event, (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                count += 1
                if count > MAX_VALUES:
                    return Problem(shown, *_mark(event), f"the file holds more than {MAX_VALUES:,} values; a "
                                                         "record needs far fewer: remove pasted or repeated content")
    except yaml.YAMLError:
        return None
    finally:
        parser.dispose()
    return None


def _position_of_byte(raw: bytes, offset: int) -> Location:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    column = offset - (before.rfind(b"\n") + 1) + 1
    return line, column


def load_file(file_path: Path, shown_path: str | None = None) -> tuple[LoadedFile, list[Problem]]:
    """Load one YAML file. Returns the data (None when unreadable) and the problems found."""
    shown = shown_path or str(file_path)
    loaded = LoadedFile(shown)
    problems: list[Problem] = []

    try:
        size = file_path.stat().st_size
        if size > MAX_FILE_BYTES:
            return loaded, [Problem(shown, 1, 1, f"file is {size:,} bytes; a record file may be at most "
                                                 f"{MAX_FILE_BYTES:,} bytes (split it or remove pasted content)")]
        raw = file_path.read_bytes()
    except OSError as error:
        return loaded, [Problem(shown, 1, 1, f"the file cannot be read ({error.strerror or error}); check that it "
                                             "is an ordinary file you may read, or move it out of data/")]
    if raw.startswith(b"\xef\xbb\xbf"):
        return loaded, [Problem(shown, 1, 1, "file starts with a byte-order mark (BOM); save it as UTF-8 without BOM")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, col = _position_of_byte(raw, error.start)
        return loaded, [Problem(shown, line, col, f"byte 0x{raw[error.start]:02x} is not valid UTF-8; "
                                                  "save the file as UTF-8")]
    for number, line_text in enumerate(text.splitlines(), start=1):
        if "\t" in line_text:
            problems.append(Problem(shown, number, line_text.index("\t") + 1,
                                    "tab character; use spaces for indentation and inside text"))
    if problems:
        return loaded, problems
    if not text.strip():
        return loaded, [Problem(shown, 1, 1, "file is empty; a record needs at least an id")]

    shape = _shape_problem(text, shown)
    if shape is not None:
        return loaded, [shape]
    loader = None
    try:
        loader = _RecordLoader(text)
        node = loader.get_single_node()
        if node is None:
            return loaded, [Problem(shown, 1, 1, "file has no content; a record needs at least an id")]
        loaded.data = _build(loader, node, (), loaded, problems, set())
    except _AliasFound as found:
        problems.append(Problem(shown, *_mark(found.node), "anchors and aliases (&name, *name) are not allowed; "
                                                           "write the value out in full"))
        loaded.data = None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = error.problem or error.context or "invalid YAML"
        problems.append(Problem(shown, line, col, f"YAML syntax error: {what} (check indentation, colons and quotes)"))
        loaded.data = None
    except yaml.reader.ReaderError as error:
        before = text[:error.position]
        line, col = before.count("\n") + 1, error.position - (before.rfind("\n") + 1) + 1
        problems.append(Problem(shown, line, col, f"character U+{error.character:04X} is not allowed in YAML; "
                                                  "remove it (it may have been pasted from another program)"))
        loaded.data = None
    except yaml.YAMLError as error:
        problems.append(Problem(shown, 1, 1, f"YAML error: {error}"))
        loaded.data = None
    finally:
        if loader is not None:
            loader.dispose()
    return loaded, problems
