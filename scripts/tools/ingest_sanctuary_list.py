"""`python -m scripts ingest dhs-sanctuary PRINT.pdf`: read DHS's list of May 29, 2025 from its print into
data/datasets/sanctuary-lists/, then report how its entries match the records (a maintainers' command: it validates
the data, which the reading layer in scripts/records/datasets/ may not import)."""

from __future__ import annotations

import sys
from pathlib import Path

from ..records.datasets.sanctuary_lists import (PrintError, census_counties, city_records, match, matching_report,
                                               read_print, table_text)
from ..records.validate import validate


def run(root: Path, pdf: Path) -> int:
    """`python -m scripts ingest dhs-sanctuary PRINT.pdf`: write the table of the print's entries."""
    try:
        entries = read_print(pdf, root / "data" / "datasets" / "reference")
    except PrintError as error:
        print(f"{error}\nNothing was written.", file=sys.stderr)
        return 1
    out = root / "data" / "datasets" / "sanctuary-lists" / "dhs-2025-05-29.csv"
    out.write_text(table_text(entries), encoding="utf-8")
    kinds = {kind: sum(e.kind == kind for e in entries) for kind in ("state", "county", "city")}
    print(f"wrote {out.relative_to(root)}: {len(entries)} entries ({kinds['state']} state, {kinds['county']} county, "
          f"{kinds['city']} city) in {len({e.state for e in entries})} states")
    cities = city_records(validate(root / "data").collections.get("jurisdictions", {}).values())
    print(matching_report(match(entries, census_counties(root / "data" / "datasets" / "reference"), cities)))
    return 0
