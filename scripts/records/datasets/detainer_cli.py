"""`python -m scripts ingest npr FOLDER` and `ingest ddp FILE`: the detainer datasets' commands."""

from __future__ import annotations

from pathlib import Path

DATASETS = Path("data") / "datasets"


def run(kind: str, source: Path, root: Path) -> int:
    reference = root / DATASETS / "reference"
    if kind == "npr":
        from .npr_detainers import ingest
        provenance = ingest(source, root / DATASETS / "npr-detainers", reference)
        match = provenance["facility_county_match"]["declined_by_facility"]
        print(f"OK: {len(provenance['files'])} NPR tables checked and copied, {len(provenance['views'])} views "
              f"written to {DATASETS / 'npr-detainers'}; facilities matched to a county: {match['matched']} of "
              f"{match['facilities']} ({match['match_rate']:.1%})")
    else:
        from .ddp_detainers import ingest
        provenance = ingest(source, root / DATASETS / "ddp-detainers", reference)
        dates = provenance["prepare_dates"]
        print(f"OK: {provenance['rows']:,} detainers from {dates['first']} to {dates['last']}, "
              f"{len(provenance['views'])} views written to {DATASETS / 'ddp-detainers'}")
    return 0
