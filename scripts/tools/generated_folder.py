"""Folders of files generated from the code and committed (schema/, templates/records/): write them, or check that
what is committed matches what the code would write now."""

from __future__ import annotations

import sys
from pathlib import Path


def sync_folder(target: Path, expected: dict[str, str], pattern: str, *, check: bool, shown: str, stale_hint: str,
                what: str) -> int:
    """Write `expected` ({file name: text}) into target, or with check=True report stale, missing and extra files
    (matching `pattern`) on stderr and return 1 if there are any."""
    if check:
        stale = [name for name, text in expected.items()
                 if not (target / name).is_file() or (target / name).read_text(encoding="utf-8") != text]
        extra = sorted(p.name for p in target.glob(pattern) if p.name not in expected) if target.is_dir() else []
        for name in stale:
            print(f"{shown}/{name}: {stale_hint}", file=sys.stderr)
        for name in extra:
            print(f"{shown}/{name}: nothing generates this file any more; delete it", file=sys.stderr)
        return 1 if stale or extra else 0
    target.mkdir(parents=True, exist_ok=True)
    for name, text in expected.items():
        (target / name).write_text(text, encoding="utf-8")
    print(f"wrote {len(expected)} {what} to {target}")
    return 0
