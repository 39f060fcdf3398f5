"""Write the commented template of each collection to templates/records/<collection>.yaml (see record_template.py)."""

from __future__ import annotations

import sys
from pathlib import Path

from .record_template import template_text
from .schema import COLLECTIONS


def template_files() -> dict[str, str]:
    return {f"{name}.yaml": template_text(name) for name in COLLECTIONS}


def export_templates(target: Path, check: bool = False) -> int:
    expected = template_files()
    if check:
        stale = [name for name, text in expected.items()
                 if not (target / name).is_file() or (target / name).read_text(encoding="utf-8") != text]
        extra = sorted(p.name for p in target.glob("*.yaml") if p.name not in expected) if target.is_dir() else []
        for name in stale:
            print(f"templates/records/{name}: out of date with scripts/schema.py or scripts/examples.py; "
                  "run `python -m scripts templates`", file=sys.stderr)
        for name in extra:
            print(f"templates/records/{name}: no collection has this name; delete the file", file=sys.stderr)
        return 1 if stale or extra else 0
    target.mkdir(parents=True, exist_ok=True)
    for name, text in expected.items():
        (target / name).write_text(text, encoding="utf-8")
    print(f"wrote {len(expected)} templates to {target}")
    return 0
