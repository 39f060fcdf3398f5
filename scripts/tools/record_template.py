"""Commented record files generated from scripts/records/schema.py, so they always list exactly the fields the validator expects.

- The template of a collection (templates/records/<collection>.yaml) shows every field with a note (what it is,
  whether it is required, the allowed values or form) and the value from the collection's example record.
- A new record (`python -m scripts new`) has the same notes; the values it was given (id, title, date, last_reviewed)
  are filled in, every other required field is an empty `""` to fill, and optional fields are commented out
  (`# field: ""`): remove the `# ` to use one.

Notes are YAML comments, so both files load as they are; `./site.sh format` removes the notes once the record is done.
"""

from __future__ import annotations

import textwrap
import typing
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..records.record_yaml import LINE_WIDTH, dump, field_order, modeline, ordered
from ..records.registry import REGISTRY
from ..records.schema import inner_model

PARTIAL_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
FULL_DATE = r"^\d{4}-\d{2}-\d{2}$"
Line = tuple[str, bool]  # text (with its own indentation) and whether it is commented out


def _walk(node: Any):
    """Every JSON Schema node inside a property: itself, its anyOf alternatives and its list items."""
    if isinstance(node, dict):
        yield node
        for alternative in node.get("anyOf", []):
            yield from _walk(alternative)
        yield from _walk(node.get("items"))


def _hints(prop: dict) -> list[str]:
    """Plain-English notes on the form of a value, read from the field's JSON Schema (what editors check)."""
    nodes = list(_walk(prop))
    hints = []
    for node in nodes:
        if "enum" in node:
            hints.append("One of: " + ", ".join(str(v) for v in node["enum"]) + ".")
            break
    references = next((node["x-references"] for node in nodes if "x-references" in node), None)
    if references and "data/" not in (prop.get("description") or ""):
        many = any(node.get("type") == "array" for node in nodes)
        folders = " or ".join(f"data/{name}/" for name in references)
        hints.append(f"{'Ids' if many else 'The id'} of {'records' if many else 'a record'} in {folders}.")
    patterns = {node.get("pattern") for node in nodes}
    if PARTIAL_DATE in patterns:
        hints.append("Write YYYY-MM-DD, or YYYY-MM / YYYY when only the month or year is known.")
    elif FULL_DATE in patterns:
        hints.append("Write YYYY-MM-DD.")
    if any(node.get("type") == "number" for node in nodes):
        hints.append("Digits only, without commas or quotes (e.g. 834 or 3.5).")
    if any(node.get("x-format") == "markdown" for node in nodes):
        hints.append("Markdown is allowed. For more than one paragraph, write | after the colon and indent the "
                     "text below it by two spaces.")
    return hints


def _is_list(annotation: Any) -> bool:
    if typing.get_origin(annotation) is list:
        return True
    return any(_is_list(arg) for arg in typing.get_args(annotation))


def _need(field: FieldInfo, prop: dict) -> str:
    if not field.is_required():
        return "optional"
    return "required, at least one" if prop.get("minItems") else "required"


def _note(model: type[BaseModel], name: str, depth: int) -> list[str]:
    """The comment lines that describe one field; fields inside a group are listed under it, indented."""
    prop = model.model_json_schema()["properties"][name]
    field = model.model_fields[name]
    text = " ".join([f"{name} ({_need(field, prop)}): {field.description or ''}".rstrip()] + _hints(prop))
    lead = "# " + "  " * depth + ("- " if depth else "")
    lines = textwrap.wrap(text, width=LINE_WIDTH, initial_indent=lead, subsequent_indent="#" + " " * (len(lead) + 1),
                          break_long_words=False, break_on_hyphens=False)
    group = inner_model(field.annotation)
    if group is not None:
        for inner in field_order(group):
            lines += _note(group, inner, depth + 1)
    return lines


def _value_lines(name: str, field: FieldInfo, value: Any) -> list[Line]:
    return [(line, False) for line in dump({name: ordered(value, inner_model(field.annotation))}).splitlines()]


def _list_item(body: list[Line]) -> list[Line]:
    if body and not body[0][1]:
        return [("  - " + body[0][0], False)] + [("    " + text, off) for text, off in body[1:]]
    return [("  -", False)] + [("    " + text, off) for text, off in body]


def _blank_lines(name: str, field: FieldInfo) -> list[Line]:
    """The field with empty values to fill in; optional fields inside groups are commented out."""
    group = inner_model(field.annotation)
    if group is not None:
        body = [(text, off or not group.model_fields[key].is_required())
                for key in field_order(group) for text, off in _blank_lines(key, group.model_fields[key])]
        if _is_list(field.annotation):
            return [(f"{name}:", False)] + _list_item(body)
        return [(f"{name}:", False)] + [("  " + text, off) for text, off in body]
    if _is_list(field.annotation):
        return [(f"{name}:", False), ('  - ""', False)]
    return [(f'{name}: ""', False)]


def _commented(line: Line) -> str:
    text, off = line
    if not off:
        return text
    stripped = text.lstrip(" ")
    return text[:len(text) - len(stripped)] + "# " + stripped


def _body(collection: str, values: dict[str, Any], blanks: bool) -> list[str]:
    model = REGISTRY[collection].model
    lines: list[str] = []
    for name in field_order(model):
        field = model.model_fields[name]
        if name in values:
            body = _value_lines(name, field, values[name])
        elif blanks:
            body = [(text, off or not field.is_required()) for text, off in _blank_lines(name, field)]
        else:
            continue
        lines += [""] + _note(model, name, 0) + [_commented(line) for line in body]
    return lines


def template_text(collection: str) -> str:
    """templates/records/<collection>.yaml: every field, with a note and the value from the example record."""
    model, singular = REGISTRY[collection].model, REGISTRY.singular(collection)
    header = [modeline(collection)] + _paragraph(
        f"Template: {_article(singular)} {singular} record. {(model.__doc__ or '').strip()}") + ["#"] + _paragraph(
        f'Start a new one with ./site.sh new {singular} "Title" (it fills in the id and today\'s date), or copy this '
        f"file to data/{collection}/<id>.yaml and replace every example value. Each field has a note saying what it "
        "is and whether it is required; delete the optional fields you do not use. ./site.sh format removes the "
        "notes.") + ["#"] + _paragraph(
        "Generated from scripts/records/schema.py by `python -m scripts templates`: change the schema, not this file.")
    return "\n".join(header + _body(collection, REGISTRY[collection].example, blanks=False)) + "\n"


def new_record_text(collection: str, values: dict[str, Any]) -> str:
    """A new record of `collection` with `values` filled in and every other field left to fill or commented out."""
    header = [modeline(collection)] + _paragraph(
        f"A new {REGISTRY.singular(collection)}. Fill in every field marked (required). To use an optional field, remove the "
        "# in front of it; delete the ones you do not need. A complete example is in "
        f"templates/records/{collection}.yaml. Check your work with ./site.sh validate; ./site.sh format tidies the "
        "file and removes these notes.")
    return "\n".join(header + _body(collection, values, blanks=True)) + "\n"


def _paragraph(text: str) -> list[str]:
    return textwrap.wrap(text, width=LINE_WIDTH, initial_indent="# ", subsequent_indent="# ",
                         break_long_words=False, break_on_hyphens=False)


def _article(word: str) -> str:
    return "an" if word[0] in "aeiou" else "a"
