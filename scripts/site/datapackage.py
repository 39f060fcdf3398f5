"""downloads/datapackage.json (Frictionless Data Package v1, Table Schema v1): every table of the downloads with its
fields' real types, primary keys and foreign keys, so `frictionless validate downloads/datapackage.json` accepts the
package as it is and a data tool can join the tables.

Nothing here lists a collection's fields or types. A collection's Table Schema is derived from its pydantic model
(through its JSON Schema, the same one the schema/ files export); an ingested table's from its pandera schema
(scripts/records/datasets/published.py). Hence:

- integers, numbers, booleans and full dates (YYYY-MM-DD) get those types; a partial date (YYYY, YYYY-MM or
  YYYY-MM-DD, as precisely as it is known) is not a Table Schema `date`: it is a `string` with the pattern of the
  three forms (and `x-format: partial-date`);
- a field that names one record of one collection is a foreign key to that collection's `id` (one that may name
  records of several, an event's actors, cannot be: its field lists them as `x-references`); a list of such names
  (an event's programs) and a list of source citations become a join table, `<collection>-<field>`, one row per item
  with its position, whose keys lead to both tables;
- text cells that could start a spreadsheet formula get a leading ' (csv_output.py). Numbers are written as numbers,
  so they stay valid; every pattern and enum here starts with a letter or digit, so a neutralised cell is never one
  of those; and no text field declares a maximum length, which the ' would break (the JSON files and schema/ keep
  the exact limits).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path

import pandera.pandas as pa

from ..records.datasets.published import PUBLISHED_TABLES, CityRecords, PublishedTable
from ..records.file_stamps import file_stamp
from ..records.registry import REGISTRY
from ..records.schema import FULL_DATE_PATTERN, PARTIAL_DATE_PATTERN, inner_model, json_schema_of
from .csv_output import FORMULA_STARTS, csv_text

DATASETS_FOLDER = "datasets"  # under downloads/
PARTIAL_DATE_DESCRIPTION = ("A date as precisely as it is known: YYYY-MM-DD, YYYY-MM or YYYY (a string: a Table "
                            "Schema date must have a day).")


def created(last_reviewed: str) -> str:
    """The package's `created` datetime: midnight UTC of the data's last review date (never the clock, so two
    builds of the same data are byte-identical)."""
    return dt.date.fromisoformat(last_reviewed).isoformat() + "T00:00:00Z" if last_reviewed else \
        "1970-01-01T00:00:00Z"


def _xsd_pattern(pattern: str) -> str:
    """A JSON Schema pattern (searched: anchored with ^ and $) as a Table Schema one (matched whole, no anchors)."""
    body = pattern.removeprefix("^")
    return body.removesuffix("$") if body.endswith("$") else body + ".*"


def _branches(prop: dict) -> list[dict]:
    """The kinds of value a field may hold, nested anyOf flattened (an optional partial date nests two), null left
    out (an empty cell is Table Schema's missing value)."""
    options = prop.get("anyOf") or prop.get("oneOf")
    if not options:
        return [] if prop.get("type") == "null" else [prop]
    return [branch for option in options for branch in _branches(option)]


def _string_field(field: dict, prop: dict) -> dict:
    enum = prop.get("enum")
    if enum and not any(str(v)[:1] in FORMULA_STARTS for v in enum):
        field["constraints"] = {**field.get("constraints", {}), "enum": list(enum)}
    pattern = prop.get("pattern")
    if prop.get("format") == "uri":
        field["format"] = "uri"
    elif pattern:
        field["constraints"] = {**field.get("constraints", {}), "pattern": _xsd_pattern(pattern)}
    return field


def field_of(name: str, prop: dict, required: bool) -> dict:
    """The Table Schema field for one CSV column, from the JSON Schema of the model field it comes from."""
    branches = _branches(prop)
    field: dict = {"name": name}
    if prop.get("description"):
        field["description"] = prop["description"]
    if any(b.get("pattern") == PARTIAL_DATE_PATTERN for b in branches):
        field.update(type="string", **{"x-format": "partial-date"})
        field["constraints"] = {"pattern": _xsd_pattern(PARTIAL_DATE_PATTERN)}
        field.setdefault("description", PARTIAL_DATE_DESCRIPTION)
    elif len(branches) != 1:
        field["type"] = "string"
    else:
        branch = branches[0]
        kind = branch.get("type")
        if kind == "string" and branch.get("pattern") == FULL_DATE_PATTERN:
            field["type"] = "date"
        elif kind in ("integer", "number", "boolean"):
            field["type"] = kind
            bounds = {k: branch[k] for k in ("minimum", "maximum") if k in branch}
            if bounds:
                field["constraints"] = bounds
        else:  # text, or a list written as text ("; " between items): a string
            field["type"] = "string"
            if kind == "string" or "enum" in branch:
                _string_field(field, branch)
    if required and not _may_be_empty(branches):
        field["constraints"] = {"required": True, **field.get("constraints", {})}
    return field


def _may_be_empty(branches: list[dict]) -> bool:
    """A required text field whose schema admits "" (an empty enum value, as a derived table writes "not known"):
    in a CSV an empty cell is a missing value, so the Table Schema field cannot say it is required."""
    return any("" in b.get("enum", ()) or (b.get("type") == "string" and not b.get("minLength") and "pattern" not in b
                                           and "enum" not in b and "const" not in b) for b in branches)


def _single_target(prop: dict) -> str | None:
    targets = prop.get("x-references") or []
    return targets[0] if len(targets) == 1 else None


def collection_schema(collection: str, columns: list[str]) -> dict:
    """The Table Schema of a collection's CSV (its columns as downloads.py writes them)."""
    schema = json_schema_of(REGISTRY[collection].model)
    fields, foreign_keys = [], []
    for column in columns:
        name, _, sub = column.partition(".")
        prop, required = schema["properties"][name], name in schema.get("required", [])
        if sub:
            ref = prop.get("$ref") or next(option["$ref"] for option in prop["anyOf"] if "$ref" in option)
            group = schema["$defs"][ref.split("/")[-1]]
            prop, required = group["properties"][sub], required and sub in group.get("required", [])
        fields.append(field_of(column, prop, required))
        target = _single_target(prop)
        if target and prop.get("type") != "array":
            foreign_keys.append(_foreign_key([column], target, ["id"], collection))
    table = {"fields": fields, "primaryKey": ["id"]}
    if foreign_keys:
        table["foreignKeys"] = foreign_keys
    return table


def _foreign_key(fields: list[str], resource: str, target: list[str], own: str) -> dict:
    # A key into the table itself names the resource "" (Table Schema's self-reference).
    return {"fields": fields, "reference": {"resource": "" if resource == own else resource, "fields": target}}


def join_tables(collection: str, records: list[dict]) -> list[tuple[str, dict, list[str], list[list]]]:
    """(resource name, Table Schema, columns, rows) for each list field of the collection whose items name other
    records: a list of ids (event → programs) or a list of groups with a reference (source citations, roles)."""
    entry = REGISTRY[collection]
    schema = json_schema_of(entry.model)
    owner = entry.singular
    found = []
    for name, model_field in entry.model.model_fields.items():
        prop = schema["properties"][name]
        if prop.get("type") != "array":
            continue
        group = inner_model(model_field.annotation)
        if group is not None:
            group_schema = json_schema_of(group)
            props = group_schema["properties"]
            scalar = [k for k, p in props.items() if p.get("type") != "array" and "$ref" not in p]
            if not any(p.get("x-references") for p in props.values()):
                continue
            columns = [owner, "position", *scalar]
            fields = [field_of(k, props[k], k in group_schema.get("required", [])) for k in scalar]
            keys = [(k, _single_target(props[k])) for k in scalar if _single_target(props[k])]
            rows = [[r["id"], i, *[item.get(k) for k in scalar]] for r in records
                    for i, item in enumerate(r.get(name) or [], 1)]
        else:
            target = _single_target(prop)
            column = REGISTRY.singular(target) if target and target in REGISTRY else name
            if not prop.get("x-references"):
                continue
            columns = [owner, "position", column]
            item = {"type": "string", "description": prop.get("description", "")}
            fields = [field_of(column, item, True)]
            if not target:  # ids of several collections (an organization or a person): no one table to key into
                fields[0]["x-references"] = list(prop["x-references"])
            keys = [(column, target)] if target else []
            rows = [[r["id"], i, value] for r in records for i, value in enumerate(r.get(name) or [], 1)]
        table = {
            "fields": [{"name": owner, "type": "string", "constraints": {"required": True},
                        "description": f"The {owner}'s id."},
                       {"name": "position", "type": "integer", "constraints": {"required": True, "minimum": 1},
                        "description": f"The item's place in the {owner}'s {name} (1: first)."}, *fields],
            "primaryKey": [owner, "position"],
            "foreignKeys": [_foreign_key([owner], collection, ["id"], ""),
                            *[_foreign_key([k], t, ["id"], "") for k, t in keys]],
        }
        found.append((f"{collection}-{name.replace('_', '-')}", table, columns, rows))
    return found


# ---- the ingested tables (pandera schemas) ----

def _pandera_type(column: pa.Column) -> str:
    if column.metadata and column.metadata.get("table_type"):
        return column.metadata["table_type"]
    dtype = str(column.dtype).lower()
    if dtype.startswith("datetime"):
        return "date"
    if dtype.startswith("int"):
        return "integer"
    if dtype.startswith("float"):
        return "number"
    if dtype == "bool" or dtype == "boolean":
        return "boolean"
    return "string"


def pandera_field(name: str, column: pa.Column) -> dict:
    kind = _pandera_type(column)
    field: dict = {"name": name, "type": kind}
    if column.description:
        field["description"] = column.description
    constraints: dict = {}
    for check in column.checks:
        stats = check.statistics or {}
        if check.name == "str_matches" and kind == "string":
            pattern = stats["pattern"]
            if pattern.startswith("^(?:") and pattern.endswith(")?$"):  # "or empty": empty is a missing value
                pattern = "^" + pattern[4:-3] + "$"
            elif not column.nullable and re.search(pattern, "") is None:
                constraints["required"] = True  # the pattern refuses an empty cell
            constraints["pattern"] = _xsd_pattern(pattern)
        elif check.name == "isin":
            values = [v for v in stats["allowed_values"] if v != ""]  # "" is read as a missing value
            if not any(str(v)[:1] in FORMULA_STARTS for v in values):
                constraints["enum"] = values
        elif check.name == "greater_than_or_equal_to":
            constraints["minimum"] = stats["min_value"]
        elif check.name == "in_range":
            constraints.update(minimum=stats["min_value"], maximum=stats["max_value"])
        elif check.name == "str_length" and (stats.get("min_value") or 0) >= 1:
            constraints["required"] = True
    if column.unique:
        constraints["unique"] = True
    if kind in ("date", "integer", "number", "boolean") and not column.nullable:
        constraints["required"] = True
    if constraints:
        field["constraints"] = constraints
    return field


def published_schema(table: PublishedTable) -> dict:
    schema: dict = {"fields": [pandera_field(name, column) for name, column in table.schema.columns.items()]}
    if table.primary_key:
        schema["primaryKey"] = table.primary_key
    if table.foreign_keys:
        schema["foreignKeys"] = [_foreign_key(fields, resource, target, table.name)
                                 for fields, resource, target in table.foreign_keys]
    return schema


def _cell(value: str, kind: str) -> str | int | float:
    """A committed table's numeric cell as a number, so csv_output writes it as one (never neutralised). Dates and
    booleans stay text written YYYY-MM-DD and true/false, which no formula starts with."""
    if value == "":
        return value
    try:
        return int(value)
    except ValueError:
        if kind == "integer":
            raise
        return float(value)


def published_csv(rows: list[list[str]], schema: dict) -> str:
    numeric = [i for i, f in enumerate(schema["fields"]) if f["type"] in ("integer", "number")]
    kinds = {i: schema["fields"][i]["type"] for i in numeric}

    def typed(row: list[str]) -> list:
        if not numeric:
            return row
        row = list(row)
        for i in numeric:
            row[i] = _cell(row[i], kinds[i])
        return row

    return csv_text([f["name"] for f in schema["fields"]], (typed(row) for row in rows))


_MADE: dict[tuple, tuple[dict[str, str], list[dict]]] = {}


def published_resources(datasets_dir: Path, cities: CityRecords) -> tuple[dict[str, str], list[dict]]:
    """The ingested tables present in `datasets_dir`, as (downloads files, resources); do not modify the result.
    `cities` are the site's city records as the federal lists are matched to them (sanctuary_lists.city_records), so
    that the federal-sanctuary-lists table matches an entry as the pages do. Made again only when a file there
    changes (records/file_stamps.py) or those city records do (a city record added, renamed or placed in another
    county): `serve` rebuilds on every edit of a record, and the 287(g) agreements alone take a second or two to
    write."""
    stamp = (str(datasets_dir), tuple(sorted((str(p), file_stamp(p))
                                             for p in Path(datasets_dir).rglob("*") if p.is_file())),
             tuple(sorted(cities.items())))
    if stamp not in _MADE:
        _MADE.clear()
        _MADE[stamp] = _published_resources(Path(datasets_dir), cities)
    return _MADE[stamp]


def _published_resources(datasets_dir: Path, cities: CityRecords) -> tuple[dict[str, str], list[dict]]:
    files, resources = {}, []
    for table in PUBLISHED_TABLES:
        try:
            rows = table.rows(datasets_dir, cities)
        except FileNotFoundError:
            continue  # a data folder without that dataset (the test fixtures)
        schema = published_schema(table)
        path = f"{DATASETS_FOLDER}/{table.name}.csv"
        files[path] = published_csv(rows, schema)
        resources.append(tabular_resource(table.name, path, schema, table.description, len(rows),
                                          title=table.title, sources=table.sources, licenses=table.licences))
    names = {r["name"] for r in resources} | set(REGISTRY.names())  # every collection is in the package
    for resource in resources:  # a key into a table this folder lacks cannot be checked: leave it out
        keys = [k for k in resource["schema"].get("foreignKeys", [])
                if k["reference"]["resource"] in names or k["reference"]["resource"] == ""]
        if keys:
            resource["schema"]["foreignKeys"] = keys
        else:
            resource["schema"].pop("foreignKeys", None)
    return files, resources


# How csv_output writes every CSV, said outright: a reader that guesses the dialect from a sample can guess wrong.
DIALECT = {"delimiter": ",", "quoteChar": "\"", "doubleQuote": True, "lineTerminator": "\n", "header": True}


def tabular_resource(name: str, path: str, schema: dict, description: str, count: int, **extra) -> dict:
    return {"name": name, "path": path, "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "profile": "tabular-data-resource", "dialect": DIALECT, "description": description, "schema": schema,
            **extra, "x-record-count": count}


def join_csv(columns: list[str], rows: Iterable[list]) -> str:
    return csv_text(columns, rows)
