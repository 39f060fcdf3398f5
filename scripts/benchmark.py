"""Benchmark: build the site from synthetic data at several multiples of the real record count.

    .venv/bin/python -m scripts.benchmark [--scales 1 10 100]

For each scale it prints our generation time (load, validate, render), MkDocs' own build time, their ratio, the
total, the site's size and the size of one record page. Synthetic records are copies of the real ones with new ids,
so pages have realistic size and links.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def make_data(source: Path, target: Path, scale: int) -> int:
    """Copy every record `scale` times (ids suffixed -c1, -c2, …); references still point at the originals."""
    count = 0
    for collection in sorted(p for p in source.iterdir() if p.is_dir()):
        (target / collection.name).mkdir(parents=True)
        for path in sorted(collection.glob("*.yaml")):
            text = path.read_text(encoding="utf-8")
            for copy in range(scale):
                if copy == 0:
                    new_id, new_text = path.stem, text
                else:
                    new_id = f"{path.stem[:70]}-c{copy}"
                    record = yaml.safe_load(text)
                    record["id"] = new_id
                    new_text = yaml.safe_dump(record, allow_unicode=True, sort_keys=False)
                (target / collection.name / f"{new_id}.yaml").write_text(new_text, encoding="utf-8")
                count += 1
    return count


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def run(scale: int, workdir: Path) -> dict:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from scripts.generate import generate_pages

    project = workdir / f"x{scale}"
    project.mkdir()
    for name in ("mkdocs.yml", "docs", "overrides", "scripts"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, project / name)
    records = make_data(ROOT / "data", project / "data", scale)

    started = time.perf_counter()
    pages = generate_pages(project / "data")  # the MkDocs hook reuses this result
    generation = time.perf_counter() - started

    config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"), strict=True)
    started = time.perf_counter()
    build(config)
    mkdocs_time = time.perf_counter() - started

    site = project / "site"
    record_page = next(iter(sorted((site / "cases").glob("*/index.html"))))
    return {"scale": scale, "records": records, "pages": len(pages), "generation": generation,
            "mkdocs": mkdocs_time, "size": folder_size(site), "record_page": record_page.stat().st_size}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    sys.path.insert(0, str(ROOT))
    import logging
    logging.getLogger("mkdocs").setLevel(logging.ERROR)

    results = []
    with tempfile.TemporaryDirectory(prefix="bench-") as workdir:
        for scale in args.scales:
            results.append(run(scale, Path(workdir)))
            shutil.rmtree(Path(workdir) / f"x{scale}")
    print(f"{'scale':>5} {'records':>8} {'pages':>6} {'ours s':>8} {'mkdocs s':>9} {'ratio':>6} {'total s':>8} "
          f"{'site MB':>8} {'record page KB':>15}")
    for r in results:
        print(f"{r['scale']:>4}x {r['records']:>8} {r['pages']:>6} {r['generation']:>8.2f} {r['mkdocs']:>9.2f} "
              f"{r['generation'] / r['mkdocs']:>6.2f} {r['generation'] + r['mkdocs']:>8.2f} "
              f"{r['size'] / 1e6:>8.1f} {r['record_page'] / 1e3:>15.1f}")
    for small, large in zip(results, results[1:]):
        growth = (large["generation"] + large["mkdocs"]) / (small["generation"] + small["mkdocs"])
        factor = large["records"] / small["records"]
        print(f"{small['scale']}x → {large['scale']}x: {factor:.1f}× records took {growth:.1f}× the time")
    return 0


if __name__ == "__main__":
    sys.exit(main())
