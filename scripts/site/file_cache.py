"""A folder of generated files (drawn charts, printed PDFs), one per key: the SHA-256 of everything the file depends
on, so it is made again exactly when one of those changes. Only a speed-up: if the folder cannot be written, files
are made every time."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


class FileCache:
    def __init__(self, folder: Path, suffix: str):
        self.folder = Path(folder)
        self.suffix = suffix
        self.used: set[str] = set()

    def get_or_make(self, key: str, make: Callable[[], bytes]) -> bytes:
        self.used.add(key)
        path = self.folder / f"{key}{self.suffix}"
        try:
            return path.read_bytes()
        except OSError:
            pass
        content = make()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        except OSError:
            return content
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(content)
            os.replace(temporary, path)  # atomic: a reader never sees half a file
        except OSError:
            Path(temporary).unlink(missing_ok=True)
        return content

    def has(self, key: str) -> bool:
        return (self.folder / f"{key}{self.suffix}").is_file()

    def prune(self) -> None:
        """Remove the files this generation did not use, so the folder does not grow with every edit."""
        if not self.folder.is_dir():
            return
        for path in self.folder.glob(f"*{self.suffix}"):
            if path.stem not in self.used:
                path.unlink(missing_ok=True)
