"""Write each collection's JSON Schema to schema/<collection>.schema.json, for editors and for data users."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .schema import COLLECTIONS, RedirectsFile, json_schema


def schema_files() -> dict[str, str]:
    files = {f"{name}.schema.json": json.dumps(json_schema(name), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
             for name in COLLECTIONS}
    redirects = dict(RedirectsFile.model_json_schema(), **{"$schema": "https://json-schema.org/draft/2020-12/schema"})
    files["redirects.schema.json"] = json.dumps(redirects, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    return files


def export_schemas(target: Path, check: bool = False) -> int:
    expected = schema_files()
    if check:
        stale = [name for name, text in expected.items()
                 if not (target / name).is_file() or (target / name).read_text(encoding="utf-8") != text]
        extra = sorted(p.name for p in target.glob("*.schema.json") if p.name not in expected) if target.is_dir() else []
        for name in stale + extra:
            print(f"schema/{name}: out of date with scripts/schema.py; run `python -m scripts schema`",
                  file=sys.stderr)
        return 1 if stale or extra else 0
    target.mkdir(parents=True, exist_ok=True)
    for name, text in expected.items():
        (target / name).write_text(text, encoding="utf-8")
    print(f"wrote {len(expected)} schemas to {target}")
    return 0
