"""Every collection as CSV and JSON, its JSON Schema, and a datapackage.json describing them (Frictionless Data).

JSON keeps the records exactly as validated; CSV flattens them one row per record: nested groups become
`group.field` columns, lists are joined with "; " (groups inside a list as `field=value, …`), and source references are written `source-id (pinpoint)`. The same lists are also one row per item in join tables
(datapackage.py, which also types every field and publishes the ingested tables of data/datasets/)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .csv_output import csv_text
from .datapackage import collection_schema, created, join_csv, join_tables, published_resources, tabular_resource
from ..records.datasets.sanctuary_lists import city_records
from ..records.model import Dataset
from ..records.json_schemas import schema_files
from ..records.registry import REGISTRY
from ..records.schema import json_schema_of

FOLDER = "downloads"
MAX_REMEMBERED_RECORDS = 100_000
LICENSE = {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
           "title": "Creative Commons Attribution 4.0"}


def _flatten(value: Any, prefix: str, row: dict) -> None:
    if isinstance(value, dict):
        if set(value) <= {"source", "pinpoint"} and "source" in value:
            row[prefix] = value["source"] + (f" ({value['pinpoint']})" if value.get("pinpoint") else "")
            return
        for key, item in value.items():
            _flatten(item, f"{prefix}.{key}" if prefix else key, row)
    elif isinstance(value, list):
        parts: list[str] = []
        for item in value:
            cell: dict[str, str] = {}
            _flatten(item, "x", cell)
            if len(cell) > 1 or "x" not in cell:  # a group of fields: name them
                parts.append(", ".join(f"{k[2:]}={v}" for k, v in cell.items() if v))
            else:
                parts.append(str(cell["x"]))
        row[prefix] = "; ".join(parts)
    elif value is None:
        row[prefix] = ""
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        row[prefix] = value  # a number: written as one (see csv_output)
    else:
        row[prefix] = str(value)


def _columns(collection: str) -> list[str]:
    """CSV columns in schema order, with nested groups (period, agency…) expanded."""
    model = REGISTRY[collection].model
    schema = json_schema_of(model)
    columns = []
    for name in model.model_fields:
        prop = schema["properties"][name]
        ref = prop.get("$ref") or next((option["$ref"] for option in prop.get("anyOf", []) if "$ref" in option), None)
        if ref:
            nested = schema["$defs"][ref.split("/")[-1]]["properties"]
            columns += [f"{name}.{sub}" for sub in nested]
        else:
            columns.append(name)
    return columns


def _csv_row(record: dict, columns: list[str]) -> list:
    row: dict[str, str | int | float] = {}
    _flatten(record, "", row)
    return [row.get(c, "") for c in columns]


_dumped: dict[int, tuple[object, dict, str, list]] = {}  # id(record) -> (record, its JSON value, JSON line, CSV row)


def _dump(record, columns: list[str]) -> tuple[dict, str, list]:
    """A record's JSON value, its line of the JSON file and its CSV row, made once per record object."""
    known = _dumped.get(id(record))
    if known is None or known[0] is not record:
        value = record.model_dump(mode="json")
        known = _dumped[id(record)] = (record, value, json.dumps(value, ensure_ascii=False, separators=(",", ":")),
                                       _csv_row(value, columns))
    return known[1:]


def _unique(items) -> list[dict]:
    return list({json.dumps(item, sort_keys=True): item for item in items}.values())


# collection -> (its records, what _collection_downloads made of them): `serve` renders the downloads again after each
# edit, and the records of a collection the edit did not touch are the very same objects (records.validate keeps them
# while their files are unchanged).
_made: dict[str, tuple[tuple, tuple]] = {}


def _collection_downloads(entry, records: tuple) -> tuple[dict[str, str], dict, list[dict]]:
    """One collection's CSV and JSON files and join tables, its row on the Data page and its data package resources
    (made again only when one of its records is a different object than last time)."""
    made = _made.get(entry.name)
    if made is not None and len(made[0]) == len(records) and all(a is b for a, b in zip(made[0], records)):
        return made[1]
    if len(_dumped) > MAX_REMEMBERED_RECORDS:
        _dumped.clear()
    collection = entry.name
    files: dict[str, str] = {}
    resources = []
    columns = _columns(collection)
    dumped = [_dump(r, columns) for r in records]
    records_json = [value for value, _line, _row in dumped]
    # A JSON array with one compact record per line: valid JSON, small, and diffs line by line.
    files[f"{FOLDER}/{collection}.json"] = "[\n" + ",\n".join(line for _value, line, _row in dumped) + "\n]\n"
    files[f"{FOLDER}/{collection}.csv"] = csv_text(columns, [row for _value, _line, row in dumped])
    row = {"collection": collection, "singular": entry.singular, "count": len(records_json)}
    resources.append(tabular_resource(
        collection, f"{collection}.csv", collection_schema(collection, _columns(collection)),
        (entry.model.__doc__ or "").strip(), len(records_json),
        **{"x-json": f"{collection}.json", "x-json-schema": f"schema/{collection}.schema.json"}))
    for name, schema, columns, table_rows in join_tables(collection, records_json):
        files[f"{FOLDER}/{name}.csv"] = join_csv(columns, table_rows)
        resources.append(tabular_resource(
            name, f"{name}.csv", schema, f"One row per item of each {entry.singular}'s {name.split('-', 1)[1]} "
                                         f"(the same as the \"; \"-joined column of {collection}.csv).",
            len(table_rows)))
    result = files, row, resources
    _made[entry.name] = (records, result)
    return result


def render_downloads(dataset: Dataset, datasets_dir: Path | None = None) -> tuple[dict[str, str], list[dict]]:
    """Files for the downloads folder, and one row per collection for the Data page. The ingested tables of
    `datasets_dir` (the data folder's datasets/), if given, are published too, in downloads/datasets/, and described
    in the package (the federal lists matched to the dataset's city records, as on the pages)."""
    files: dict[str, str] = {}
    rows, resources = [], []
    for entry in REGISTRY:
        collection_files, row, collection_resources = _collection_downloads(
            entry, tuple(sorted(dataset.collections[entry.name].values(), key=lambda r: r.id)))
        files.update(collection_files)
        rows.append(row)
        resources += collection_resources
    # The federal lists' table matches a city entry to a city record as the pages do (generate.make_renderers).
    cities = city_records(dataset.collections.get("jurisdictions", {}).values())
    dataset_files, dataset_resources = (published_resources(datasets_dir, cities)
                                        if datasets_dir and datasets_dir.is_dir() else ({}, []))
    files.update({f"{FOLDER}/{path}": text for path, text in dataset_files.items()})
    resources += dataset_resources
    for name, text in schema_files().items():
        files[f"{FOLDER}/schema/{name}"] = text
    package = {
        "name": "detainers-record", "title": "Detainers Record: data on immigration detainers and related programs",
        "description": "The site's records, one table per collection (CC BY 4.0), with join tables for their lists "
                       "of references and citations; and the public tables the site draws on, in datasets/ (ICE's "
                       "287(g) lists, Census FIPS codes, NPR's FOIA detainer tables), each resource with its own "
                       "sources and licence.",
        "licenses": [LICENSE], "version": dataset.last_reviewed(), "created": created(dataset.last_reviewed()),
        "sources": [{"title": "See the sources resource: every record cites records in sources.csv"},
                    *_unique(s for r in dataset_resources for s in r["sources"])],
        "resources": resources,
    }
    files[f"{FOLDER}/datapackage.json"] = json.dumps(package, indent=1, ensure_ascii=False) + "\n"
    return files, rows
