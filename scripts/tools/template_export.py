"""Write the commented template of each collection to templates/records/<collection>.yaml (see record_template.py)."""

from __future__ import annotations

from pathlib import Path

from ..records.registry import REGISTRY
from .generated_folder import sync_folder
from .record_template import template_text


def template_files() -> dict[str, str]:
    return {f"{name}.yaml": template_text(name) for name in (c.name for c in REGISTRY.hand_written())}


def export_templates(target: Path, check: bool = False) -> int:
    return sync_folder(target, template_files(), "*.yaml", check=check, shown="templates/records",
                       stale_hint="out of date with scripts/records/schema.py or scripts/records/examples.py; "
                                  "run `python -m scripts templates`", what="templates")
