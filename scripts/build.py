"""Build the whole site: validate, then `mkdocs build --strict` into a temporary folder, then swap it into place.

A failed build (bad data, a broken link, any MkDocs warning) leaves the previous site/ exactly as it was."""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import tempfile
from pathlib import Path

from .failures import BuildFailed
from .generate import generate_pages
from .validate import validate


def build_site(root: Path, site_dir: Path, config_file: Path | None = None) -> None:
    from mkdocs import exceptions
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    dataset = validate(root / "data")  # report data problems as file:line:col before MkDocs starts
    # MkDocs stamps the sitemap and its gzip header with the build time; pin it to the data's last review date so
    # the same commit always gives the same bytes.
    reviewed = dt.datetime.fromisoformat(dataset.last_reviewed()).replace(tzinfo=dt.timezone.utc)
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(int(reviewed.timestamp())))
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-build-", dir=site_dir.parent))
    try:
        logging.basicConfig(format="%(levelname)-7s - %(message)s", level=logging.INFO)
        config = load_config(str(config_file or root / "mkdocs.yml"), site_dir=str(staging), strict=True)
        # Briefing and environment problems surface here, as themselves, before MkDocs starts; the hook then reuses
        # these pages (generate_pages keeps the last result).
        generate_pages(root / "data", site_url=config.site_url)
        try:
            build(config)
        except exceptions.Abort as error:
            raise BuildFailed(f"MkDocs stopped the build ({error}); the messages above say what to fix, and "
                              f"{site_dir.name}/ was left as it was.") from None
        _swap(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _swap(new: Path, target: Path) -> None:
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}-old-{os.getpid()}")
        target.rename(old)
    new.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
