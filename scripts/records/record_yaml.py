"""The canonical YAML text of a record, so that every file is written the same way and diffs stay small.

The rules, in order of importance:

- Content is never changed: loading the canonical text gives exactly the data that was loaded from the original.
- Fields follow the schema: `id` first, then the collection's own fields in the order scripts/records/schema.py declares them,
  then `unverified`, `sources` and `last_reviewed`, then the record's translations (`es:`). Fields inside groups (a source citation, a period, a role...)
  follow their own schema order. A field the schema does not know keeps its place after the known ones (the
  validator reports it).
- Lists are written one item per line (`- item`), indented under their field; an empty list is `[]`.
- Text is written without quotes whenever the project's loader reads it back as the same text. Otherwise it gets
  double quotes, or single quotes when that needs fewer escapes (text containing more `"` than `'`). Dates stay
  unquoted (`date: 2014-11-20`); text that would read as a number or as true/false is quoted (`docket: "1:14"`).
- Text with line breaks is a `|` block, so paragraphs stay as they were written; line breaks inside it are part of the
  text and are never moved.
- Text on one line that would pass LINE_WIDTH is folded onto indented continuation lines, at single spaces, which
  read back as that one space, so the text does not change. Text that needs quotes is not folded inside the quotes
  (that needs escapes) but written as a `>-` block, whose lines are joined with spaces when read. A line passes
  LINE_WIDTH only when a single word (a web address) is longer, inside a `|` block, or in the rare text that must
  stay in double quotes (it starts or ends with a space, or has control characters), which PyYAML folds itself.
- Comments are not kept: notes for readers belong in a field (`note`, `caveats`, `unverified`), notes for reviewers in
  the pull request. The one exception is the editor line `# yaml-language-server: $schema=...` at the very top, which
  tells editors which JSON Schema checks the file; it is kept, pointing at the file's own collection.
"""

from __future__ import annotations

import io
import re
from typing import Any

import yaml
from pydantic import BaseModel

from .loader import _RecordResolver  # the dumper must decide "is this plain text?" exactly as the loader reads it
from .registry import REGISTRY
from .schema import Record, inner_model
from .translations import LANGUAGES

LINE_WIDTH = 120
INDENT = 2
FIRST_FIELDS = ("id",)
# A record's translations (`es:`) come last, after the English record they translate, where translators add them.
LAST_FIELDS = ("unverified", "sources", "last_reviewed", *LANGUAGES)
_UNUSUAL_BREAKS = "\r\x85\u2028\u2029"
_BREAKS = "\n" + _UNUSUAL_BREAKS
_SINGLE_SPACE = re.compile(r"(?<! ) (?! )")
MODELINE = re.compile(r"^# yaml-language-server: *\$schema=\S*[ \t]*$")


def modeline(collection: str) -> str:
    """The editor line for a record of `collection`, relative to data/<collection>/ (and templates/records/)."""
    return f"# yaml-language-server: $schema=../../schema/{collection}.schema.json"


def has_modeline(text: str) -> bool:
    return bool(MODELINE.match(text.split("\n", 1)[0]))


def field_order(model: type[BaseModel]) -> list[str]:
    """The canonical order of a model's fields: id, the model's own fields, then the bookkeeping fields."""
    names = list(model.model_fields)
    if not issubclass(model, Record):
        return names
    first = [n for n in FIRST_FIELDS if n in names]
    last = [n for n in LAST_FIELDS if n in names]
    return first + [n for n in names if n not in first and n not in last] + last


def ordered(data: Any, model: type[BaseModel] | None) -> Any:
    """`data` with every mapping's keys in canonical order (recursively); values are not touched."""
    if isinstance(data, list):
        return [ordered(item, model) for item in data]
    if not isinstance(data, dict):
        return data
    if model is None:
        return {key: ordered(value, None) for key, value in data.items()}
    known = [name for name in field_order(model) if name in data]
    unknown = [key for key in data if key not in model.model_fields]
    result = {}
    for key in known + unknown:
        field = model.model_fields.get(key)
        result[key] = ordered(data[key], inner_model(field.annotation) if field else None)
    return result


class _Emitter(yaml.emitter.Emitter):
    def increase_indent(self, flow=False, indentless=False):
        # PyYAML writes the "- " of a list inside a mapping level with its key; indent it under the key instead.
        return super().increase_indent(flow, False)

    def write_plain(self, text, split=True):
        # PyYAML folds a long plain value only after a line has passed the width; fold before the word that would
        # pass it instead (see _write_words).
        if not split or not text or any(ch in _BREAKS for ch in text):
            return super().write_plain(text, split)
        if self.root_context:
            self.open_ended = True
        if not self.whitespace:
            self._write(" ")
        self._write_words(text)

    def write_folded(self, text):
        # Only one-line text is given this style (see choose_scalar_style): fold it as write_plain does, under ">-".
        if any(ch in _BREAKS for ch in text):
            return super().write_folded(text)
        self.write_indicator(">-", True)
        self.write_line_break()
        self.write_indent()
        self._write_words(text)
        self.write_line_break()

    def _write_words(self, text: str) -> None:
        """Fold only at a single space (it reads back as that space); no line passes the width unless a word does."""
        for index, word in enumerate(_SINGLE_SPACE.split(text)):
            if index and self.column + 1 + len(word) > self.best_width:
                self.write_indent()
            elif index:
                self._write(" ")
            self._write(word)

    def _write(self, data: str) -> None:
        self.column += len(data)
        self.whitespace = self.indention = False
        self.stream.write(data)

    def choose_scalar_style(self):
        style = super().choose_scalar_style()
        value = self.event.value
        if style in ("'", '"') and self._too_long_for_quotes(value):
            return ">"
        if style == "'" and value.count('"') <= value.count("'"):
            return '"'
        return style

    def _too_long_for_quotes(self, value: str) -> bool:
        """Long one-line text that needs quotes reads better folded under ">-" than as quoted lines with escapes."""
        return (not self.flow_level and not self.simple_key_context and self.analysis.allow_block
                and value == value.strip(" ") and not any(ch in _BREAKS for ch in value)
                and self.column + 3 + len(value) > self.best_width)


class _Dumper(_Emitter, yaml.serializer.Serializer, yaml.representer.SafeRepresenter, _RecordResolver):
    def __init__(self, stream):
        _Emitter.__init__(self, stream, indent=INDENT, width=LINE_WIDTH, allow_unicode=True, line_break="\n")
        yaml.serializer.Serializer.__init__(self)
        yaml.representer.SafeRepresenter.__init__(self, default_flow_style=False, sort_keys=False)
        _RecordResolver.__init__(self)


_STR = "tag:yaml.org,2002:str"


def _node(dumper: _Dumper, value: Any) -> yaml.Node:
    if isinstance(value, dict):
        pairs = [(_node(dumper, str(key)), _node(dumper, item)) for key, item in value.items()]
        return yaml.MappingNode("tag:yaml.org,2002:map", pairs, flow_style=not pairs)
    if isinstance(value, list):
        return yaml.SequenceNode("tag:yaml.org,2002:seq", [_node(dumper, item) for item in value],
                                 flow_style=not value)
    if isinstance(value, str):
        if any(ch in _UNUSUAL_BREAKS for ch in value):
            style = '"'  # a YAML reader turns these into "\n" anywhere but inside double quotes
        else:
            style = "|" if "\n" in value else None
        return yaml.ScalarNode(_STR, value, style=style)
    return dumper.represent_data(value)  # numbers, true/false and null, as PyYAML's safe dumper writes them


def dump(data: Any, model: type[BaseModel] | None = None) -> str:
    """The canonical text of `data`: a record or group of fields of `model`, or any YAML value when model is None."""
    stream = io.StringIO()
    dumper = _Dumper(stream)
    try:
        dumper.open()
        dumper.serialize(_node(dumper, ordered(data, model)))
        dumper.close()
    finally:
        dumper.dispose()
    return stream.getvalue()


def canonical(data: Any, collection: str, *, with_modeline: bool = False) -> str:
    """The canonical text of a record file of `collection`, starting with the editor line if asked to."""
    text = dump(data, REGISTRY[collection].model)
    return modeline(collection) + "\n" + text if with_modeline else text


def same_content(a: Any, b: Any) -> bool:
    """True when a and b are the same data, with the same types (1, 1.0 and true are all different here)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same_content(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same_content(x, y) for x, y in zip(a, b))
    if isinstance(a, float):
        return repr(a) == repr(b)
    return a == b
