"""The benchmark's committed figures: one table in README.md (between FIGURES_START and FIGURES_END), the one place
they are kept. `python -m scripts.tools.benchmark` reads it to compare each run with it, and `--write-readme` writes
the run's medians into it (other scales' rows are kept). Plain text in, plain text out: no measuring here."""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, fields

FIGURES_START = "<!-- benchmark figures: written by `python -m scripts.tools.benchmark --write-readme`; read by it -->"
FIGURES_END = "<!-- end of benchmark figures -->"
GROWTH_LIMIT = 1.25  # "grew by more than a quarter"


@dataclass(frozen=True)
class Figures:
    """One scale's figures: a single run's, or the medians of several (then loads span the runs)."""
    scale: int
    records: int
    pages_en: int  # HTML files of the built site outside es/
    pages_es: int  # under es/
    serve_first_page: float  # s from starting `mkdocs serve` on a fresh copy to the home page's content
    serve_first_spanish_page: float  # s from the same start to /es/'s content
    cold_build: float  # s of `python -m scripts build` with empty chart and PDF caches
    warm_build: float  # s of the next build (caches warm)
    warm_build_cpu: float  # s of CPU (user + system, the build and the processes it waited for)
    peak_memory_mb: float  # largest resident set of the build processes (cold or warm, whichever is larger)
    load_before: float  # 1-minute load average before the run (the lowest of the runs)
    load_after: float  # after it (the highest of the runs)
    runs: int = 1
    measured: str = ""  # when and on what commit, as written in the README

    @property
    def pages(self) -> int:
        return self.pages_en + self.pages_es

    @property
    def ms_per_page(self) -> float:
        return self.warm_build / self.pages * 1000

    @property
    def cpu_ms_per_page(self) -> float:
        return self.warm_build_cpu / self.pages * 1000


MEDIAN_FIELDS = ("serve_first_page", "serve_first_spanish_page", "cold_build", "warm_build", "warm_build_cpu",
                 "peak_memory_mb")


def median(runs: list[Figures], measured: str = "") -> Figures:
    """The median of each timing and of the peak memory over the runs (at one scale); the loads' lowest before and
    highest after."""
    first = runs[0]
    values = {f.name: getattr(first, f.name) for f in fields(Figures)}
    values.update({name: statistics.median(getattr(r, name) for r in runs) for name in MEDIAN_FIELDS})
    values.update(load_before=min(r.load_before for r in runs), load_after=max(r.load_after for r in runs),
                  runs=len(runs), measured=measured)
    return Figures(**values)


COLUMNS = ("scale", "records", "HTML pages (English + Spanish)", "fresh serve, first page (s)",
           "fresh serve, first Spanish page (s)", "cold build (s)", "warm build (s)", "warm build CPU (s)",
           "time per page (ms)", "CPU per page (ms)", "peak memory (MB)", "load average (before → after)", "runs",
           "measured")


def row(figures: Figures) -> str:
    f = figures
    cells = (f"{f.scale}×", f"{f.records:,}", f"{f.pages:,} ({f.pages_en:,} + {f.pages_es:,})",
             f"{f.serve_first_page:.1f}", f"{f.serve_first_spanish_page:.1f}", f"{f.cold_build:.1f}",
             f"{f.warm_build:.1f}", f"{f.warm_build_cpu:.1f}", f"{f.ms_per_page:.2f}", f"{f.cpu_ms_per_page:.2f}",
             f"{f.peak_memory_mb:.0f}", f"{f.load_before:.1f} → {f.load_after:.1f}", str(f.runs), f.measured)
    return "| " + " | ".join(cells) + " |"


def table(figures: list[Figures]) -> str:
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + " --- |" * len(COLUMNS)]
    lines += [row(f) for f in sorted(figures, key=lambda f: f.scale)]
    return "\n".join(lines)


class FiguresError(ValueError):
    """The README's figures block is missing or cannot be read; the message says where and what."""


def _number(text: str) -> float:
    return float(text.replace(",", "").strip())


def parse_row(line: str, where: str) -> Figures:
    cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
    if len(cells) != len(COLUMNS):
        raise FiguresError(f"{where}: {len(cells)} cells, expected {len(COLUMNS)} ({', '.join(COLUMNS)})")
    by_name = dict(zip(COLUMNS, cells))
    pages = re.fullmatch(r"[\d,]+ \(([\d,]+) \+ ([\d,]+)\)", by_name["HTML pages (English + Spanish)"])
    load = re.fullmatch(r"([\d.]+) → ([\d.]+)", by_name["load average (before → after)"])
    scale = re.fullmatch(r"(\d+)×", by_name["scale"])
    if not (pages and load and scale):
        raise FiguresError(f"{where}: the scale (e.g. 1×), the pages (e.g. 11,531 (5,766 + 5,765)) or the load "
                           f"(e.g. 4.2 → 6.0) is not written as the benchmark writes it")
    try:
        return Figures(
            scale=int(scale.group(1)), records=int(_number(by_name["records"])),
            pages_en=int(_number(pages.group(1))), pages_es=int(_number(pages.group(2))),
            serve_first_page=_number(by_name["fresh serve, first page (s)"]),
            serve_first_spanish_page=_number(by_name["fresh serve, first Spanish page (s)"]),
            cold_build=_number(by_name["cold build (s)"]), warm_build=_number(by_name["warm build (s)"]),
            warm_build_cpu=_number(by_name["warm build CPU (s)"]),
            peak_memory_mb=_number(by_name["peak memory (MB)"]), load_before=float(load.group(1)),
            load_after=float(load.group(2)), runs=int(by_name["runs"]), measured=by_name["measured"])
    except ValueError as error:
        raise FiguresError(f"{where}: a number cannot be read ({error})") from None


def _block(readme_text: str, readme_name: str) -> tuple[int, int]:
    """Where the block's lines start and end (character offsets of the text between the two markers)."""
    start = readme_text.find(FIGURES_START)
    end = readme_text.find(FIGURES_END)
    if start < 0 or end < start:
        raise FiguresError(f"{readme_name} has no benchmark figures block (a line {FIGURES_START!r}, the table, then "
                           f"{FIGURES_END!r}); run the benchmark with --write-readme after adding the two lines")
    return start + len(FIGURES_START), end


def parse(readme_text: str, readme_name: str = "README.md") -> dict[int, Figures]:
    """The committed figures by scale."""
    start, end = _block(readme_text, readme_name)
    first_line = readme_text.count("\n", 0, start) + 1
    figures: dict[int, Figures] = {}
    for number, line in enumerate(readme_text[start:end].split("\n"), start=first_line):
        if not line.startswith("|") or line.startswith("| scale |") or line.startswith("| ---"):
            continue
        parsed = parse_row(line, f"{readme_name}:{number}")
        figures[parsed.scale] = parsed
    return figures


def write(readme_text: str, measured: list[Figures], readme_name: str = "README.md") -> str:
    """The README with the measured scales' rows replaced (or added) and the other scales' rows kept."""
    start, end = _block(readme_text, readme_name)
    kept = parse(readme_text, readme_name)
    kept.update({f.scale: f for f in measured})
    return readme_text[:start] + "\n" + table(list(kept.values())) + "\n" + readme_text[end:]


def compare(committed: dict[int, Figures], measured: list[Figures]) -> tuple[list[str], bool]:
    """Plain sentences comparing each measured scale with the committed figures, and whether the time per page (wall
    clock or CPU) grew by more than a quarter anywhere."""
    lines: list[str] = []
    grew = False
    for now in measured:
        before = committed.get(now.scale)
        if before is None:
            lines.append(f"{now.scale}×: no committed figures to compare with")
            continue
        for what, then_ms, now_ms in (("time per page", before.ms_per_page, now.ms_per_page),
                                      ("CPU time per page", before.cpu_ms_per_page, now.cpu_ms_per_page)):
            change = f"{then_ms:.2f} ms → {now_ms:.2f} ms"
            if now_ms > then_ms * GROWTH_LIMIT:
                grew = True
                lines.append(f"{now.scale}×: {what} grew by more than a quarter: {change} "
                             f"(committed: {before.measured}, load {before.load_before:.1f} → "
                             f"{before.load_after:.1f}; now load {now.load_before:.1f} → {now.load_after:.1f})")
            else:
                lines.append(f"{now.scale}×: {what} {change} ({(now_ms / then_ms - 1) * 100:+.0f}%), within a quarter")
    return lines, grew
