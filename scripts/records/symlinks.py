"""Contributed folders (data/, reports/) hold ordinary files only: a symbolic link could make the build read and
publish a file from anywhere on the machine that builds it, so any link is refused, wherever it points."""

from __future__ import annotations

from pathlib import Path

from .problems import Problem


def symlink_problem(path: Path, shown: str) -> Problem | None:
    if not path.is_symlink():
        return None
    return Problem(shown, 1, 1, "is a symbolic link; files in data/ and reports/ must be ordinary files (the build "
                                "never follows a link): replace the link by the file itself")
