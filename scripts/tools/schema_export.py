"""Write each collection's JSON Schema to schema/<collection>.schema.json, for editors and for data users."""

from __future__ import annotations

from pathlib import Path

from ..records.json_schemas import schema_files
from .generated_folder import sync_folder


def export_schemas(target: Path, check: bool = False) -> int:
    return sync_folder(target, schema_files(), "*.schema.json", check=check, shown="schema",
                       stale_hint="out of date with scripts/records/schema.py; run `python -m scripts schema`", what="schemas")
