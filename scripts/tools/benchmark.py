"""Benchmark: build the site from synthetic data at several multiples of the real record count.

    .venv/bin/python -m scripts.tools.benchmark [--scales 1 10 100] [--record-pages 5000]
    .venv/bin/python -m scripts.tools.benchmark --ddp-rows 1000000   (only the detainer-file ingest: time, peak memory)
    .venv/bin/python -m scripts.tools.benchmark --edit-loop [--scales 1 10]   (edit-to-visible under `serve`)

For each scale it prints our generation time (load, validate, render), MkDocs' own build time, their ratio, the
total, the site's size, the number of record pages and the size of one record page, then where the bytes go and
the targets' figures. Besides the scales asked for, it builds exactly --record-pages record pages (whole copies,
the last one cut), so the size and time for that many pages are measured, not projected. Synthetic records are
copies of the real ones with new ids, so pages have realistic size and links.
"""

from __future__ import annotations

import argparse
import functools
import math
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent.parent


def make_data(source: Path, target: Path, scale: int, limit: int | None = None) -> int:
    """`scale` independent copies of the real dataset: copy k renames every id to `<id>-c<k>` and rewrites the
    references inside it to match, so each copy is a self-contained record set and pages grow as they would with
    real data (an original source is not cited by every copy). With `limit`, the last copy is cut so that there are
    exactly `limit` records: it keeps a prefix of its records in dependency order, so nothing it keeps refers to a
    record it left out."""
    records = {path: yaml.safe_load(path.read_text(encoding="utf-8"))
               for collection in sorted(p for p in source.iterdir() if p.is_dir())
               for path in sorted(collection.glob("*.yaml"))}
    ids = {path.stem for path in records}
    in_last_copy = set(records)
    if limit is not None:
        in_last_copy = set(dependency_order(records, ids)[: limit - (scale - 1) * len(records)])
    count = 0
    for path, record in records.items():
        folder = target / path.parent.name
        folder.mkdir(parents=True, exist_ok=True)
        for copy in range(scale):
            if copy == scale - 1 and path not in in_last_copy:
                continue
            if copy == 0:
                (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
            else:
                renamed = _rename_ids(record, ids, f"-c{copy}")
                (folder / f"{renamed['id']}.yaml").write_text(
                    yaml.safe_dump(renamed, allow_unicode=True, sort_keys=False), encoding="utf-8")
            count += 1
    return count


def dependency_order(records: dict[Path, dict], ids: set[str]) -> list[Path]:
    """The records' files, each after every record it refers to: any first k of them refer only to each other."""
    by_id = {path.stem: path for path in records}
    order: list[Path] = []
    seen: set[Path] = set()

    def visit(path: Path) -> None:
        if path in seen:
            return
        seen.add(path)
        for referenced in sorted(_references(records[path], ids)):
            visit(by_id[referenced])
        order.append(path)

    for path in records:
        visit(path)
    return order


def _references(value, ids: set[str], key: str = "") -> set[str]:
    if isinstance(value, dict):
        return set().union(*(_references(item, ids, k) for k, item in value.items() if k != "id"))
    if isinstance(value, list):
        return set().union(*(_references(item, ids, key) for item in value))
    return {value} if key in _id_fields() and isinstance(value, str) and value in ids else set()


@functools.cache
def _id_fields() -> frozenset[str]:
    """The fields that hold ids (those the schema marks with x-references), and `id` itself."""
    from scripts.records.registry import REGISTRY
    from scripts.records.schema import reference_fields
    return frozenset({"id"}.union(*(reference_fields(c.model) for c in REGISTRY)))


def _rename_ids(value, ids: set[str], suffix: str, key: str = ""):
    if isinstance(value, dict):
        return {k: _rename_ids(item, ids, suffix, k) for k, item in value.items()}
    if isinstance(value, list):
        return [_rename_ids(item, ids, suffix, key) for item in value]
    if key in _id_fields() and isinstance(value, str) and value in ids:
        return value[: 80 - len(suffix)].rstrip("-") + suffix
    return value


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def run(scale: int, workdir: Path, limit: int | None = None) -> dict:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from scripts.site.generate import generate_pages

    project = workdir / f"x{scale}"
    project.mkdir()
    for name in ("mkdocs.yml", "docs", "overrides", "scripts", "reports"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, project / name)
    records = make_data(ROOT / "data", project / "data", scale, limit)

    from scripts.site import generate

    started = time.perf_counter()
    generate_pages(project / "data")  # a fresh checkout: every chart and briefing PDF is drawn
    cold = time.perf_counter() - started
    generate._last = None  # again, as on a rebuild: charts and PDFs come from .cache/
    started = time.perf_counter()
    pages = generate_pages(project / "data")  # the MkDocs hook reuses this result
    generation = time.perf_counter() - started

    config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"), strict=True)
    started = time.perf_counter()
    build(config)
    mkdocs_time = time.perf_counter() - started

    site = project / "site"
    record_page = next(iter(sorted((site / "cases").glob("*/index.html"))))
    return {"scale": scale, "records": records, "pages": len(pages), "generation": generation, "cold": cold,
            "mkdocs": mkdocs_time, "size": folder_size(site), "record_page": record_page.stat().st_size,
            "record_pages": sum(1 for url in pages if _is_record_page(url)), "parts": size_by_part(site)}


def _is_record_page(path: str) -> bool:
    """`cases/galarza-v-szalczyk.md`: a record's own page (not a collection's index page, not a redirect)."""
    from scripts.records.registry import REGISTRY
    folder, _, name = path.partition("/")
    return folder in REGISTRY and name != "index.md" and "/" not in name


PARTS = (("record pages", lambda rel: rel.parts[0] in _collections() and rel.name == "index.html"
          and len(rel.parts) == 3),
         ("search index", lambda rel: rel.parts[0] == "pagefind"),
         ("downloads", lambda rel: rel.parts[0] == "downloads"),
         ("charts", lambda rel: rel.parts[0] == "charts"),
         ("briefings (HTML + PDF)", lambda rel: rel.parts[0] == "reports"),
         ("theme assets", lambda rel: rel.parts[0] == "assets"))


def _collections() -> tuple[str, ...]:
    from scripts.records.registry import REGISTRY
    return tuple(REGISTRY.names())


def size_by_part(site: Path) -> dict[str, int]:
    sizes = dict.fromkeys([name for name, _ in PARTS] + ["everything else"], 0)
    for path in site.rglob("*"):
        if path.is_file():
            rel = path.relative_to(site)
            part = next((name for name, test in PARTS if test(rel)), "everything else")
            sizes[part] += path.stat().st_size
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--record-pages", type=int, default=5000,
                        help="also build exactly this many record pages (0: don't)")
    parser.add_argument("--edit-loop", action="store_true",
                        help="instead, time an edit to one record until `serve` shows it (median of --edits)")
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--ddp-rows", type=int, help="instead, ingest a synthetic DDP detainer file of this many rows")
    args = parser.parse_args(argv)
    if args.ddp_rows:
        from ..records.datasets.benchmark_ddp import report, run as run_ddp
        print(report(run_ddp(args.ddp_rows)))
        return 0
    if args.edit_loop:
        from .benchmark_edit_loop import report as edit_report, run as run_edit_loop
        os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
        with tempfile.TemporaryDirectory(prefix="bench-edit-") as workdir:
            for scale in args.scales:
                print(edit_report(run_edit_loop(scale, Path(workdir), make_data, args.edits)), flush=True)
        return 0
    real = sum(1 for folder in (ROOT / "data").iterdir() if folder.is_dir() for _ in folder.glob("*.yaml"))
    runs = [(scale, None) for scale in args.scales]
    if args.record_pages:
        runs.append((math.ceil(args.record_pages / real), args.record_pages))
    runs.sort(key=lambda run_: run_[1] or run_[0] * real)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    sys.path.insert(0, str(ROOT))
    import logging
    logging.getLogger("mkdocs").setLevel(logging.ERROR)

    results = []
    with tempfile.TemporaryDirectory(prefix="bench-") as workdir:
        for scale, limit in runs:
            result = run(scale, Path(workdir), limit)
            result["label"] = f"{result['records'] / real:.1f}x" if limit else f"{scale}x"
            results.append(result)
            shutil.rmtree(Path(workdir) / f"x{scale}")
    print("ours = load, validate, render pages and downloads, charts and briefing PDFs from the cache; cold = the "
          "same drawing every chart and PDF (first build of a checkout)")
    print(f"{'scale':>6} {'records':>8} {'pages':>6} {'cold s':>7} {'ours s':>8} {'mkdocs s':>9} {'ratio':>6} "
          f"{'total s':>8} {'site MB':>8} {'record pages':>13} {'record page KB':>15}")
    for r in results:
        print(f"{r['label']:>6} {r['records']:>8} {r['pages']:>6} {r['cold']:>7.2f} {r['generation']:>8.2f} "
              f"{r['mkdocs']:>9.2f} "
              f"{r['generation'] / r['mkdocs']:>6.2f} {r['generation'] + r['mkdocs']:>8.2f} "
              f"{r['size'] / 1e6:>8.1f} {r['record_pages']:>13} {r['record_page'] / 1e3:>15.1f}")
    print("\nwhere the bytes go (MB):")
    print(f"{'scale':>6} " + " ".join(f"{name:>22}" for name in results[0]["parts"]))
    for r in results:
        print(f"{r['label']:>6} " + " ".join(f"{size / 1e6:>22.1f}" for size in r["parts"].values()))
    print()
    for small, large in zip(results, results[1:]):
        growth = (large["generation"] + large["mkdocs"]) / (small["generation"] + small["mkdocs"])
        factor = large["records"] / small["records"]
        print(f"{small['label']} → {large['label']}: {factor:.1f}× records took {growth:.1f}× the time")
    if args.record_pages:
        r = next(r for r in results if r["record_pages"] == args.record_pages)
        total = r["generation"] + r["mkdocs"]
        print(f"{r['record_pages']:,} record pages: built in {total:.1f} s "
              f"({total + r['cold'] - r['generation']:.1f} s drawing every chart and PDF), {r['size'] / 1e6:.1f} MB "
              f"(targets: under 60 s and under 100 MB)")
    return 0

if __name__ == "__main__":
    sys.exit(main())
