"""A problem found in the data, reported as `file:line:col: message` so editors and CI can point at it."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"

    def github_annotation(self) -> str:
        # GitHub Actions workflow command; newlines and % must be escaped in the message.
        message = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::error file={self.path},line={self.line},col={self.column}::{message}"


class DataError(Exception):
    """Raised when the data has problems; carries every problem found, sorted by file and line."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(f"{len(self.problems)} problem(s) in the data")

    def report(self, github: bool | None = None) -> str:
        if github is None:
            github = os.environ.get("GITHUB_ACTIONS") == "true"
        lines = [str(p) for p in self.problems]
        if github:
            lines += [p.github_annotation() for p in self.problems]
        count = len(self.problems)
        lines.append(f"{count} problem{'s' if count != 1 else ''} found; nothing was built. "
                     "Fix them and run the command again (see CONTRIBUTING.md).")
        return "\n".join(lines)
