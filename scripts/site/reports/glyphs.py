"""Every character a briefing prints must be one its PDF font can draw. The PDFs are set in DejaVu Sans, which has no
emoji and no Chinese, Japanese or Korean characters; WeasyPrint fails on such a character with a message about the
whole briefing. So they are found first, at validation, and reported on the record's own file, line and field.

What counts as drawable is fixed: the characters that both DejaVu Sans and DejaVu Sans Bold (the copies bundled with
the pinned matplotlib) map to a glyph, so the check gives the same answer on every machine, whatever fonts it has.
U+2028 and U+2029 (line and paragraph separators) are written as plain line breaks (see document.py)."""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from ...records.loader import load_file
from ...records.model import Dataset
from ...records.problems import Problem
from ...records.registry import REGISTRY
from ...records.validate import field_label

FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
WHITE_SPACE = frozenset(map(ord, "\t\n\r\u2028\u2029"))


@functools.lru_cache(maxsize=1)
def drawable() -> frozenset[int]:
    import matplotlib
    from fontTools.ttLib import TTFont

    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    maps = [set(TTFont(folder / name, lazy=True).getBestCmap()) for name in FONT_FILES]
    return frozenset(set.intersection(*maps)) | WHITE_SPACE


def undrawable(text: str) -> list[str]:
    known = drawable()
    return list(dict.fromkeys(ch for ch in text if ord(ch) not in known))


def text_fields(value, loc: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """(path, text) for every string inside a record or definition (as model_dump gives it)."""
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from text_fields(item, (*loc, key))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from text_fields(item, (*loc, index))


def describe(characters: list[str]) -> str:
    names = [f"U+{ord(ch):04X} {unicodedata.name(ch, 'unnamed character')}" for ch in characters[:3]]
    more = f" and {len(characters) - 3} more" if len(characters) > 3 else ""
    return ", ".join(names) + more


def what_to_do(briefing_ids: Iterable[str]) -> str:
    shown = ", ".join(sorted(briefing_ids))
    return (f"cannot be printed in the briefing PDF ({shown}): its font, DejaVu Sans, has no glyph for it; write "
            f"it in characters the font has (spell an emoji out, transliterate or translate the text), or leave the "
            f"record out of the briefing")


# id(record) -> (the record, its fields the font cannot draw): a record whose file did not change is the same object
# in the next generation, so `serve` looks at the edited records' characters only.
_undrawable_fields: dict[int, tuple[object, list]] = {}
_MAX_REMEMBERED = 100_000


def _undrawable_in(record) -> list[tuple[tuple, list[str]]]:
    kept = _undrawable_fields.get(id(record))
    if kept is not None and kept[0] is record:
        return kept[1]
    if len(_undrawable_fields) > _MAX_REMEMBERED:
        _undrawable_fields.clear()
    bad = [(loc, chars) for loc, text in text_fields(record.model_dump()) if (chars := undrawable(text))]
    _undrawable_fields[id(record)] = (record, bad)
    return bad


def record_problems(shown_in: dict[str, set[str]], dataset: Dataset, root: Path) -> list[Problem]:
    """Problems for the records ({record id: ids of the briefings that show it}) holding characters the PDF font
    cannot draw, each at the record's file, line and field."""
    problems = []
    for record_id in sorted(shown_in):
        bad = _undrawable_in(dataset.get(record_id))
        if not bad:
            continue
        path = dataset.paths[record_id]
        loaded = load_file(root / path, path)[0] if (root / path).is_file() else None
        label = f"{REGISTRY.singular(dataset.collection_of[record_id])} {record_id}"
        for loc, chars in bad:
            line, column = loaded.locate(loc) if loaded is not None else (1, 1)
            problems.append(Problem(path, line, column, f"{label}: {field_label(loc)}: {describe(chars)} "
                                                        f"{what_to_do(shown_in[record_id])}"))
    return problems
