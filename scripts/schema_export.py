"""Write each collection's JSON Schema to schema/<collection>.schema.json, for editors and for data users."""

from __future__ import annotations

import json
from pathlib import Path

from .generated_folder import sync_folder
from .schema import COLLECTIONS, RedirectsFile, json_schema


def schema_files() -> dict[str, str]:
    files = {f"{name}.schema.json": json.dumps(json_schema(name), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
             for name in COLLECTIONS}
    redirects = dict(RedirectsFile.model_json_schema(), **{"$schema": "https://json-schema.org/draft/2020-12/schema"})
    files["redirects.schema.json"] = json.dumps(redirects, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    return files


def export_schemas(target: Path, check: bool = False) -> int:
    return sync_folder(target, schema_files(), "*.schema.json", check=check, shown="schema",
                       stale_hint="out of date with scripts/schema.py; run `python -m scripts schema`", what="schemas")
