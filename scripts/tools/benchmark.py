"""Benchmark: what a newcomer and a maintainer wait for, and how it grows with the data.

    .venv/bin/python -m scripts.tools.benchmark [--runs 3] [--scales 1 2 10] [--data DIR] [--check] [--write-readme]
    .venv/bin/python -m scripts.tools.benchmark --split [--scales 1 10 100] [--record-pages 5000]
    .venv/bin/python -m scripts.tools.benchmark --ddp-rows 1000000   (only the detainer-file ingest: time, peak memory)
    .venv/bin/python -m scripts.tools.benchmark --edit-loop [--scales 1 10]   (edit-to-visible under `serve`)

By default, for each scale and run, on a copy of the project (--project, default the current folder) with the data
(--data, default PROJECT/data; at scale k, k self-contained copies of its records) and empty caches: the first page
of a fresh `mkdocs serve` (English, then Spanish), a cold build and a warm build of both languages (`python -m scripts
build`), the time and CPU time per HTML page of the warm build, the builds' peak memory and the load average before
and after. It prints each run and the median of the runs, then compares the medians with the figures committed in
README.md's benchmark table and says when the time per page grew by more than a quarter (exit code 1 then, with
--check). --write-readme writes the medians into that table.

--split times our generation (load, validate, render) against MkDocs' own build instead, in this process, and the
site's size and where its bytes go. Besides the scales asked for, it builds exactly --record-pages record pages (whole
copies, the last one cut), so the size and time for that many pages are measured, not projected. Synthetic records
are copies of the real ones with new ids, so pages have realistic size and links.
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

from ..records.registry import REGISTRY


def make_data(source: Path, target: Path, scale: int, limit: int | None = None) -> int:
    """`scale` independent copies of the real records (the tables and redirects beside them once): copy k renames every id to `<id>-c<k>` and rewrites the
    references inside it to match, so each copy is a self-contained record set and pages grow as they would with
    real data (an original source is not cited by every copy). With `limit`, the last copy is cut so that there are
    exactly `limit` records: it keeps a prefix of its records in dependency order, so nothing it keeps refers to a
    record it left out."""
    collections = {c.name for c in REGISTRY.hand_written()}
    records = {path: yaml.safe_load(path.read_text(encoding="utf-8"))
               for collection in sorted(p for p in source.iterdir() if p.is_dir() and p.name in collections)
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
    for extra in sorted(source.iterdir()):  # the publishers' tables (the places a record names) and the redirects, once
        if extra.is_file():
            shutil.copy(extra, target / extra.name)
        elif extra.name not in collections:
            shutil.copytree(extra, target / extra.name, ignore=shutil.ignore_patterns("__pycache__"))
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


def run(source: Path, scale: int, workdir: Path, limit: int | None = None) -> dict:
    """--split at one scale: a copy of the project in source, its records copied `scale` times."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from scripts.site.generate import generate_pages

    project = workdir / f"x{scale}"
    project.mkdir()
    for name in ("mkdocs.yml", "docs", "overrides", "scripts", "reports"):
        src = source / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, project / name)
    records = make_data(source / "data", project / "data", scale, limit)

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
    parser.add_argument("--project", type=Path, default=Path("."),
                        help="the project to copy (mkdocs.yml, docs/, overrides/, scripts/, reports/; default: .)")
    parser.add_argument("--data", type=Path, help="the data to build (default: PROJECT/data); e.g. tests/fixtures/data")
    parser.add_argument("--readme", type=Path, help="the README holding the committed figures (default: "
                                                    "PROJECT/README.md)")
    parser.add_argument("--scales", type=int, nargs="+",
                        help="multiples of the data's records (default: 1; with --split: 1 10 100)")
    parser.add_argument("--runs", type=int, default=3, help="runs per scale; the median is reported (default: 3)")
    parser.add_argument("--check", action="store_true",
                        help="exit with code 1 when the time per page grew by more than a quarter")
    parser.add_argument("--write-readme", action="store_true", help="write the medians into the README's table")
    parser.add_argument("--split", action="store_true",
                        help="instead, our generation against MkDocs' build, and where the bytes go")
    parser.add_argument("--record-pages", type=int, default=5000,
                        help="with --split, also build exactly this many record pages (0: don't)")
    parser.add_argument("--edit-loop", action="store_true",
                        help="instead, time an edit to one record until `serve` shows it (median of --edits)")
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--ddp-rows", type=int, help="instead, ingest a synthetic DDP detainer file of this many rows")
    args = parser.parse_args(argv)
    project = args.project.resolve()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    if args.ddp_rows:
        from ..records.datasets.benchmark_ddp import report, run as run_ddp
        print(report(run_ddp(args.ddp_rows)))
        return 0
    if args.edit_loop:
        from .benchmark_edit_loop import report as edit_report, run as run_edit_loop
        with tempfile.TemporaryDirectory(prefix="bench-edit-") as workdir:
            for scale in args.scales or [1, 10]:
                print(edit_report(run_edit_loop(project, scale, Path(workdir), make_data, args.edits)), flush=True)
        return 0
    if args.split:
        return split_report(project, args.scales or [1, 10, 100], args.record_pages)
    return wait_report(project, args)


def wait_report(project: Path, args) -> int:
    """The default report: fresh serve, cold and warm builds, per page and memory; compared with the README."""
    from statistics import median as median_of

    from . import benchmark_figures as figures
    from .benchmark_build import measure
    from ..site.build_inputs import BuildInputs

    inputs = BuildInputs.of_project(project, args.data.resolve() if args.data else None)
    readme = (args.readme or project / "README.md").resolve()
    committed = figures.parse(readme.read_text(encoding="utf-8"), readme.name)  # a broken table stops us early
    commit = _commit(project)
    measured = []
    for scale in args.scales or [1]:
        runs = []
        for number in range(1, args.runs + 1):
            print(f"{scale}×, run {number} of {args.runs}", flush=True)
            with tempfile.TemporaryDirectory(prefix=f"bench-x{scale}-") as workdir:
                runs.append(measure(project, inputs.data_dir, inputs.reports_dir, Path(workdir), scale, make_data,
                                    progress=lambda line: print(line, flush=True)))
            print("  " + figures.row(runs[-1]), flush=True)
        measured.append(figures.median(runs, f"{time.strftime('%Y-%m-%d', time.gmtime())}, {commit}"))
        print(f"  time per page, each run (ms): {', '.join(f'{r.ms_per_page:.2f}' for r in runs)}; CPU per page: "
              f"{', '.join(f'{r.cpu_ms_per_page:.2f}' for r in runs)}; median {median_of(r.ms_per_page for r in runs):.2f}")
    print(f"\nmedian of {args.runs} run(s) (data: {inputs.data_dir}):")
    print(figures.table(measured))
    lines, grew = figures.compare(committed, measured)
    print(f"\ncompared with the figures in {readme}:")
    print("\n".join(lines))
    if args.write_readme:
        readme.write_text(figures.write(readme.read_text(encoding="utf-8"), measured, readme.name), encoding="utf-8")
        print(f"wrote the medians into {readme}")
    return 1 if grew and args.check else 0


def _commit(project: Path) -> str:
    """The project's commit (short), with "+changes" if its working tree differs; "no git" outside a repository."""
    import subprocess
    try:
        head = subprocess.run(["git", "-C", str(project), "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(project), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "no git"
    return f"commit {head}" + (" +changes" if dirty else "")


def split_report(project: Path, scales: list[int], record_pages: int) -> int:
    """--split: our generation against MkDocs' build at each scale, in this process."""
    real = sum(1 for folder in (project / "data").iterdir() if folder.is_dir() for _ in folder.glob("*.yaml"))
    runs = [(scale, None) for scale in scales]
    if record_pages:
        runs.append((math.ceil(record_pages / real), record_pages))
    runs.sort(key=lambda run_: run_[1] or run_[0] * real)
    sys.path.insert(0, str(project))
    import logging
    logging.getLogger("mkdocs").setLevel(logging.ERROR)

    results = []
    with tempfile.TemporaryDirectory(prefix="bench-") as workdir:
        for scale, limit in runs:
            result = run(project, scale, Path(workdir), limit)
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
    if record_pages:
        r = next(r for r in results if r["record_pages"] == record_pages)
        total = r["generation"] + r["mkdocs"]
        print(f"{r['record_pages']:,} record pages: built in {total:.1f} s "
              f"({total + r['cold'] - r['generation']:.1f} s drawing every chart and PDF), {r['size'] / 1e6:.1f} MB "
              f"(targets: under 60 s and under 100 MB)")
    return 0

if __name__ == "__main__":
    sys.exit(main())
