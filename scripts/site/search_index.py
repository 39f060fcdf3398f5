"""The site's search index: Pagefind, run on the built HTML (its binary comes from PyPI's pagefind[bin], offline).

The index is a folder of small files, `pagefind/`, that the reader's browser fetches only when they search
(docs/assets/search.js loads Pagefind's script on the first open of the search dialog): a query fetches the few
chunks that hold its words, so what a search costs does not grow with the number of records.

What is indexed is marked in the templates: each page's article (`data-pagefind-body` in overrides/main.html; redirect
and problem pages have none, so they stay out), without the parts marked `data-pagefind-ignore` (lists of other
records, citation blocks, collection listings); each record carries its kind as a filter and as metadata, and the
kinds in SEARCH_BOOST weigh their text more. Pagefind reads each page's `<html lang>` and keeps one index per
language, so a Spanish edition built into the same site gets its own index and the same search box."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import subprocess
import threading
import sys
from pathlib import Path

from .failures import BuildFailed

BUNDLE = "pagefind"
BACKGROUND_NICENESS = 10  # `serve`'s index and briefing printer yield the CPU to the next edit's generation
# Pagefind's ready-made search interfaces, which the site does not use (docs/assets/search.js is its own, 2.5 KB with
# gzip against 46 KB for Pagefind's Component UI): left out of the published site.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
# Text on every page that is not content: the heading permalinks' pilcrow and a hand-written page's date line.
EXCLUDED = (".headerlink", ".page-changed")


def build_search_index(site_dir: Path, background: bool = False) -> None:
    """Write `site_dir/pagefind/` (in place of any earlier one: `serve` indexes the same folder again after each
    edit, and Pagefind leaves files it did not write). Raises BuildFailed with Pagefind's own message when it fails.
    With background (`serve`), Pagefind runs at a lower priority, so that the next edit's pages come first."""
    shutil.rmtree(site_dir / BUNDLE, ignore_errors=True)
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", BUNDLE, "--quiet",
               "--exclude-selectors", ", ".join(EXCLUDED)]
    result = subprocess.run(command, capture_output=True, text=True,
                            preexec_fn=(lambda: os.nice(BACKGROUND_NICENESS)) if background else None)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip()
        raise BuildFailed(f"The search index could not be built (Pagefind exited with {result.returncode}): "
                          f"{detail or 'no message'}; fix what it names, or reinstall it with "
                          f"`.venv/bin/pip install -r requirements.txt`.")
    for name in UNUSED:
        (site_dir / BUNDLE / name).unlink(missing_ok=True)
    _sort_filters(site_dir / BUNDLE)


# Pagefind's files: gzip of this signature followed by CBOR.
_SIGNATURE = b"pagefind_dcd"


def _sort_filters(bundle: Path) -> None:
    """Pagefind 1.5 writes each filter's values in a random order (a Rust HashMap), so the same pages gave a
    different filter file, and so a different metadata file and entry, on every build. Write the values sorted and
    name the files after their content, as Pagefind does: the same site then always gives the same bytes."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language in entry["languages"].values():
        meta_path = bundle / f"pagefind.{language['hash']}.pf_meta"
        meta = _read(meta_path)
        prefix = language["hash"].split("_", 1)[0] + "_"
        for filter_path in sorted((bundle / "filter").glob(f"{prefix}*.pf_filter")):
            content = _cbor(_sorted(_uncbor(_read(filter_path))))
            name = prefix + hashlib.sha256(content).hexdigest()[:len(filter_path.stem) - len(prefix)]
            old = filter_path.stem.encode()
            if meta.count(old) != 1:
                raise BuildFailed(f"{meta_path}: does not name {filter_path.name} once; Pagefind's format changed "
                                  "(see _sort_filters in scripts/site/search_index.py)")
            meta = meta.replace(old, name.encode())
            filter_path.unlink()
            _write(bundle / "filter" / f"{name}.pf_filter", content)
        meta_name = prefix + hashlib.sha256(meta).hexdigest()[:len(language["hash"]) - len(prefix)]
        meta_path.unlink()
        _write(bundle / f"pagefind.{meta_name}.pf_meta", meta)
        language["hash"] = meta_name
    # With more than one language, Pagefind lists them in a random order too.
    entry["languages"] = dict(sorted(entry["languages"].items()))
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _read(path: Path) -> bytes:
    return gzip.decompress(path.read_bytes()).removeprefix(_SIGNATURE)


def _write(path: Path, content: bytes) -> None:
    path.write_bytes(gzip.compress(_SIGNATURE + content, compresslevel=9, mtime=0))


def _sorted(value):
    """A filter file is [filter name, [[value, [page numbers]], ...]]: the pairs sorted by value, at any depth."""
    if isinstance(value, dict):
        return {key: _sorted(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        value = [_sorted(v) for v in value]
        if value and all(isinstance(v, list) and len(v) == 2 and isinstance(v[0], str) for v in value):
            value.sort(key=lambda pair: pair[0])
    return value


def _uncbor(data: bytes):
    """The CBOR subset Pagefind's filter files use: unsigned integers, text, arrays and maps of definite length."""
    def item(at: int):
        major, info = data[at] >> 5, data[at] & 31
        at += 1
        if info < 24:
            length = info
        elif info <= 27:
            size = 1 << (info - 24)
            length, at = int.from_bytes(data[at:at + size], "big"), at + size
        else:
            raise BuildFailed(f"Pagefind's filter file holds CBOR this build cannot read (type {major}/{info})")
        if major == 0:
            return length, at
        if major == 3:
            return data[at:at + length].decode("utf-8"), at + length
        if major == 4:
            values = []
            for _ in range(length):
                value, at = item(at)
                values.append(value)
            return values, at
        if major == 5:
            pairs = {}
            for _ in range(length):
                key, at = item(at)
                pairs[key], at = item(at)
            return pairs, at
        raise BuildFailed(f"Pagefind's filter file holds CBOR this build cannot read (type {major})")
    value, end = item(0)
    if end != len(data):
        raise BuildFailed("Pagefind's filter file has bytes after its content; its format changed")
    return value


def _cbor(value) -> bytes:
    def head(major: int, length: int) -> bytes:
        if length < 24:
            return bytes([major << 5 | length])
        for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
            if length < 1 << (8 * size):
                return bytes([major << 5 | info]) + length.to_bytes(size, "big")
        raise ValueError(length)
    if isinstance(value, int):
        return head(0, value)
    if isinstance(value, str):
        encoded = value.encode("utf-8")
        return head(3, len(encoded)) + encoded
    if isinstance(value, list):
        return head(4, len(value)) + b"".join(_cbor(v) for v in value)
    return head(5, len(value)) + b"".join(_cbor(k) + _cbor(v) for k, v in value.items())


class SearchIndexer:
    """`serve`'s search index, rebuilt in a background thread after the pages are served (Pagefind reads the whole
    site: seconds at thousands of pages, which a reader waiting for the edited page should not wait for). Requests
    made while it runs are merged into one more run; `wait` lets a full build clean the site without it."""

    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._wanted: Path | None = None
        self._running = False

    def request(self, site_dir: Path) -> None:
        with self._lock:
            self._wanted = site_dir
            if not self._running:
                self._running = True
                threading.Thread(target=self._run, name="search-index", daemon=True).start()

    def wait(self) -> None:
        with self._lock:
            self._lock.wait_for(lambda: not self._running)

    def _run(self) -> None:
        while True:
            with self._lock:
                site_dir, self._wanted = self._wanted, None
                if site_dir is None:
                    self._running = False
                    self._lock.notify_all()
                    return
            try:
                build_search_index(site_dir, background=True)
            except BuildFailed as error:
                print(error, file=sys.stderr)
