"""The JSON Schema of each collection and of data/redirects.yaml: what `python -m scripts schema` writes into schema/
(for editors) and the downloads publish (for data users)."""

from __future__ import annotations

import json

from .redirect_file import RedirectsFile
from .registry import REGISTRY
from .schema import json_schema_of

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def json_schema(collection: str) -> dict:
    return dict(json_schema_of(REGISTRY[collection].model), **{"$schema": DIALECT})


def _text(schema: dict) -> str:
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def schema_files() -> dict[str, str]:
    """File name -> text: <collection>.schema.json for every collection, and redirects.schema.json."""
    files = {f"{c.name}.schema.json": _text(json_schema(c.name)) for c in REGISTRY}
    files["redirects.schema.json"] = _text(dict(RedirectsFile.model_json_schema(), **{"$schema": DIALECT}))
    return files
