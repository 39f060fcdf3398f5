"""The `source` cells of the NPR views ("americans.csv:16-17,75; detainers_by_year.csv:2") merged, so a figure summed
over several rows still names every line it came from."""

from __future__ import annotations

import re
from collections import defaultdict

_PART = re.compile(r"^(?P<file>[^:;]+):(?P<lines>\d+(?:-\d+)?(?:,\d+(?:-\d+)?)*)$")


def merge_sources(cells: list[str]) -> str:
    """One source text naming every line of every cell, per table in order of first mention, lines as ranges.
    A part that is not `table:lines` (e.g. "a minus b") is kept as written."""
    lines: dict[str, set[int]] = defaultdict(set)
    other: list[str] = []
    for cell in cells:
        for part in (p.strip() for p in cell.split(";") if p.strip()):
            match = _PART.match(part)
            if not match:
                if part not in other:
                    other.append(part)
                continue
            for item in match["lines"].split(","):
                low, _, high = item.partition("-")
                lines[match["file"]].update(range(int(low), int(high or low) + 1))
    parts = [f"{name}:{_ranges(sorted(numbers))}" for name, numbers in lines.items()]
    return "; ".join(parts + other)


def _ranges(numbers: list[int]) -> str:
    out, start, previous = [], numbers[0], numbers[0]
    for number in numbers[1:] + [None]:
        if number is not None and number == previous + 1:
            previous = number
            continue
        out.append(str(start) if start == previous else f"{start}-{previous}")
        if number is not None:
            start = previous = number
    return ",".join(out)
