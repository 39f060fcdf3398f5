"""What says whether a file changed since it was last read: its size and modification time, and its content too
while those cannot be trusted.

A file system keeps modification times to its own tick: from nanoseconds (ext4 on most machines) to two seconds
(FAT, some network and container mounts). Two saves of the same size within one tick leave size and time alike, and
fixing a typo often keeps the size ("2014-13-04" -> "2014-12-04"). So, as git does for its index, a file whose
modification time is less than RACY_NS old when it is looked at is stamped with a digest of its content as well, and
keeps that digest in every later stamp for as long as its size and time stay the same (a stamp without it would
look like a change). Only files changed while a process runs (`serve`) are ever read for this."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

RACY_NS = 3_000_000_000  # more than the coarsest tick in use (2 s) plus a clock's drift between machines

# path -> (size, mtime_ns) of the files once stamped with their content: their stamps keep the digest.
_compared_by_content: dict[str, tuple[int, int]] = {}


def file_stamp(path: str | Path, stat: os.stat_result | None = None) -> tuple:
    """(size, mtime_ns), with a digest of the content while the file's time cannot tell two versions apart. Equal
    stamps mean the same file content."""
    stat = stat if stat is not None else os.stat(path)
    key, seen = str(path), (stat.st_size, stat.st_mtime_ns)
    if _compared_by_content.get(key) == seen or time.time_ns() - stat.st_mtime_ns < RACY_NS:
        try:
            digest = hashlib.blake2b(Path(path).read_bytes(), digest_size=16).digest()
        except OSError:  # gone or unreadable since stat(): the reader reports it
            return seen
        _compared_by_content[key] = seen
        return (*seen, digest)
    _compared_by_content.pop(key, None)
    return seen
