"""Benchmark: ingest a synthetic Deportation Data Project detainer file of ROWS rows (default 1,000,000).

    .venv/bin/python -m scripts.tools.benchmark --ddp-rows 1000000   (or python -m scripts.records.datasets.benchmark_ddp ROWS)

The file is made first (not timed); then `python -m scripts ingest ddp FILE` runs in a fresh process into a
scratch project, and its wall time and peak resident memory (the child's maxrss) are reported against the targets
(under 15 s, under 1.5 GB)."""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .ddp_synthetic import synthetic_table, write_parquet

ROOT = Path(__file__).resolve().parents[2]


def run(rows: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-ddp-") as work:
        work = Path(work)
        source = work / "detainers-latest.parquet"
        write_parquet(synthetic_table(rows), source)
        shutil.copytree(ROOT / "data" / "datasets" / "reference", work / "data" / "datasets" / "reference")
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "scripts", "--root", str(work), "ingest", "ddp", str(source)],
                       cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        seconds = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024  # Linux reports KiB
        return {"rows": rows, "seconds": seconds, "peak_bytes": peak, "file_bytes": source.stat().st_size}


def report(result: dict) -> str:
    return (f"DDP ingest of {result['rows']:,} synthetic rows ({result['file_bytes'] / 1e6:.1f} MB Parquet): "
            f"{result['seconds']:.1f} s, peak memory {result['peak_bytes'] / 1e9:.2f} GB "
            f"(targets: under 15 s and under 1.5 GB)")


def main(argv: list[str] | None = None) -> int:
    rows = int((argv if argv is not None else sys.argv[1:] or ["1000000"])[0])
    print(report(run(rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
