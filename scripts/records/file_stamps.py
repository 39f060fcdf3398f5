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

# path -> ((size, mtime_ns), digest, settled) of the files once stamped with their content: their stamps keep the
# digest. Settled: read again once the file's time could be trusted, so the digest is the file's final content and is
# not read again (a `serve` started just after a checkout would otherwise hash every data file on every edit).
_compared_by_content: dict[str, tuple[tuple[int, int], bytes, bool]] = {}


def _digest(path: str | Path) -> bytes:
    return hashlib.blake2b(Path(path).read_bytes(), digest_size=16).digest()


def file_stamp(path: str | Path, stat: os.stat_result | None = None) -> tuple:
    """(size, mtime_ns), with a digest of the content while the file's time cannot tell two versions apart. Equal
    stamps mean the same file content."""
    stat = stat if stat is not None else os.stat(path)
    key, seen = str(path), (stat.st_size, stat.st_mtime_ns)
    racy = time.time_ns() - stat.st_mtime_ns < RACY_NS
    known = _compared_by_content.get(key)
    if known is not None and known[0] == seen and known[2]:
        return (*seen, known[1])
    if racy or (known is not None and known[0] == seen):
        try:
            digest = _digest(path)
        except OSError:  # gone or unreadable since stat(): the reader reports it
            return seen
        _compared_by_content[key] = (seen, digest, not racy)
        return (*seen, digest)
    _compared_by_content.pop(key, None)
    return seen
