"""The briefing's numbered reference list. Sources are numbered while the document is written, in order of first
citation, so the numbers follow the template's reading order whatever it is; the list itself must come after the
last citation (a template that cites after listing gets an error, not a list with gaps)."""

from __future__ import annotations

from collections.abc import Iterable

from ...records.model import Dataset
from ...records.schema import Source, SourceRef


class ReferenceOrderError(ValueError):
    pass


class References:
    def __init__(self, dataset: Dataset):
        self._dataset = dataset
        self._numbers: dict[str, int] = {}
        self._listed = False

    def cite(self, sources: Iterable[SourceRef | str]) -> list[int]:
        """The reference numbers of these sources (SourceRefs or source ids), numbering new ones; sorted, unique."""
        numbers = set()
        for item in sources:
            source_id = item if isinstance(item, str) else item.source
            if source_id not in self._numbers:
                if self._listed:
                    raise ReferenceOrderError(f'source "{source_id}" is cited after the reference list; the list '
                                              f"must come last in the template")
                self._numbers[source_id] = len(self._numbers) + 1
            numbers.add(self._numbers[source_id])
        return sorted(numbers)

    def entries(self) -> list[tuple[int, Source]]:
        """(number, source) for every source cited so far, in number order. Closes the list to new sources."""
        self._listed = True
        return [(number, self._dataset.get(source_id)) for source_id, number in self._numbers.items()]

    def __len__(self) -> int:
        return len(self._numbers)


def ranges(numbers: Iterable[int]) -> list[tuple[int, int]]:
    """[1, 2, 3, 5, 7, 8] -> [(1, 3), (5, 5), (7, 8)]: consecutive numbers as (first, last); two in a row stay two."""
    runs: list[list[int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    out: list[tuple[int, int]] = []
    for first, last in runs:
        if last == first + 1:
            out += [(first, first), (last, last)]
        else:
            out.append((first, last))
    return out
