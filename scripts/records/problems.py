"""A problem found in the data, reported as `file:line:col: message` so editors and CI can point at it.

Messages quote what a contributor wrote, so every character a terminal or a CI runner could act on is shown escaped
(`\\x1b`, `\\n`, `\\u202e`): a value can never clear the screen, print a fake line, reverse how text reads, or start a
GitHub Actions workflow command (`::error::`, `::add-mask::`), which only ever begins a line."""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

# C0 and C1 controls and DEL; bidi embeddings, overrides and isolates; marks and separators that change how a line
# reads or where it ends; zero-width characters and the byte-order mark.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escaped(match: re.Match) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe_text(text: str) -> str:
    """`text` with every control, bidi and invisible formatting character shown as an escape."""
    text = _UNSAFE.sub(_escaped, str(text))
    if any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in text):  # any the pattern above missed
        text = "".join(c.encode("unicode_escape").decode("ascii")
                       if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c for c in text)
    return text


def _annotation_property(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A").replace(":", "%3A").replace(",", "%2C")


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{safe_text(self.path)}:{self.line}:{self.column}: {safe_text(self.message)}"

    def github_annotation(self) -> str:
        # GitHub Actions workflow command: the message and the file are escaped, then % and newlines encoded.
        message = safe_text(self.message).replace("%", "%25")
        return (f"::error file={_annotation_property(safe_text(self.path))},line={self.line},col={self.column}::"
                f"{message}")


_VALUES = re.compile(r'"[^"]*"|\'[^\']*\'|\d[\d,.]*|\(glossary: [^)]*\)')


def kind_of(message: str) -> str:
    """What a problem says, without the values it names (its record, ids, numbers and quoted text): problems of one
    kind differ only in those."""
    return _VALUES.sub("…", message.split(": ", 1)[-1] if message.count(": ") > 1 else message)


def cut_floods(problems: list[Problem], limit: int | None = None) -> tuple[list[Problem], list[tuple[Problem, int]]]:
    """The problems to show, at most `limit` (MAX_PROBLEMS_PER_KIND) of each kind, and (the first of a kind, how many
    more of it are left out) for each kind cut: 3,000 term files or a table 16,384 columns wide must not print
    hundreds of thousands of lines."""
    from .limits import MAX_PROBLEMS_PER_KIND

    limit = MAX_PROBLEMS_PER_KIND if limit is None else limit
    shown, counts, first = [], {}, {}
    for problem in problems:
        kind = kind_of(problem.message)
        counts[kind] = counts.get(kind, 0) + 1
        first.setdefault(kind, problem)
        if counts[kind] <= limit:
            shown.append(problem)
    return shown, [(first[kind], count - limit) for kind, count in counts.items() if count > limit]


class DataError(Exception):
    """Raised when the data has problems; carries every problem found, sorted by file and line."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(f"{len(self.problems)} problem(s) in the data")

    def report(self, github: bool | None = None) -> str:
        if github is None:
            github = os.environ.get("GITHUB_ACTIONS") == "true"
        shown, cut = cut_floods(self.problems)
        lines = [str(p) for p in shown]
        lines += [f"… and {more:,} more problem{'s' if more != 1 else ''} like the one at {first.path}:{first.line}:"
                  f"{first.column} (the first of each kind are shown)" for first, more in cut]
        if github:
            lines += [p.github_annotation() for p in shown]
        count = len(self.problems)
        lines.append(f"{count} problem{'s' if count != 1 else ''} found; nothing was built. "
                     "Fix them and run the command again (see CONTRIBUTING.md).")
        return "\n".join(lines)


def shown_path(path: Path, root: Path) -> str:
    """How messages name a file: relative to the project folder when it is inside it, else as given."""
    for resolved in (False, True):  # resolving costs a system call per folder: only when the path is not plainly inside
        try:
            return str(path.resolve().relative_to(root.resolve()) if resolved else path.relative_to(root))
        except ValueError:
            pass
    return str(path)
