"""Build the whole site: validate, then `mkdocs build --strict` into a staging folder next to site/, then swap it into
place in one step.

A failed build (bad data, a broken link, any MkDocs warning, a full disk) leaves the previous site/ exactly as it was,
and a build killed at any moment leaves the old site/ or the new one, whole: the swap is a single atomic exchange of
the two folders (Linux renameat2 with RENAME_EXCHANGE). Staging folders left by killed builds are removed by the next
build."""

from __future__ import annotations

import ctypes
import datetime as dt
import errno
import logging
import os
import shutil
import tempfile
from pathlib import Path

from .build_inputs import CONFIG_KEY, BuildInputs
from .failures import BuildFailed
from .generate import generate_pages, last_generated_review_date

STAGING_PREFIX = ".site-build-"
# Errors that mean the disk, not the build, is the problem: say so in one sentence instead of a traceback.
DISK_ERRORS = {errno.ENOSPC: "the disk is full", errno.EDQUOT: "the disk quota is used up",
               errno.EROFS: "the file system is read-only"}


class OutputError(Exception):
    """The site could not be written (full disk, quota, read-only file system); the message says what to do."""


def build_site(root: Path, site_dir: Path, config_file: Path | None = None, inputs: BuildInputs | None = None) -> None:
    """`./site.sh build` (via `python -m scripts build`) and the tests: generate the pages from the inputs' data folder
    (default: the project's, root/data), run `mkdocs build --strict` with root's mkdocs.yml into a staging folder and
    swap it into site_dir. Raises DataError, BuildFailed or OutputError with the message to show; site_dir is then
    left as it was."""
    inputs = inputs or BuildInputs.of_project(root)
    from mkdocs import exceptions
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site_dir = site_dir.resolve()
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_staging(site_dir.parent)
        staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=site_dir.parent))
    except OSError as error:
        raise _output_error(error, site_dir) from None
    try:
        logging.basicConfig(format="%(levelname)-7s - %(message)s", level=logging.INFO)
        config = load_config(str(config_file or root / "mkdocs.yml"), site_dir=str(staging), strict=True)
        # Data, briefing and environment problems surface here, as themselves, before MkDocs starts (the data is
        # validated once, here); the hook then reuses these pages (generate_pages keeps the last result).
        config[CONFIG_KEY] = inputs  # the hooks generate from the same folders (and reuse this generation)
        generate_pages(inputs.data_dir, site_url=config.site_url, **inputs.generation_arguments())
        # MkDocs stamps the sitemap and its gzip header with the build time; pin it to the data's last review date so
        # the same commit always gives the same bytes.
        reviewed = dt.datetime.fromisoformat(last_generated_review_date()).replace(tzinfo=dt.timezone.utc)
        os.environ.setdefault("SOURCE_DATE_EPOCH", str(int(reviewed.timestamp())))
        try:
            build(config)
        except exceptions.Abort as error:
            raise BuildFailed(f"MkDocs stopped the build ({error}); the messages above say what to fix, and "
                              f"{site_dir.name}/ was left as it was.") from None
        except OSError as error:
            raise _output_error(error, site_dir) from None
        swap(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _output_error(error: OSError, site_dir: Path) -> OSError | OutputError:
    what = DISK_ERRORS.get(error.errno)
    if what is None:
        return error
    where = f" ({error.filename})" if error.filename else ""
    return OutputError(f"Could not write the site: {what}{where}; free some space (or make {site_dir.parent} "
                       f"writable) and build again. The previous {site_dir.name}/ is unchanged.")


def remove_stale_staging(folder: Path) -> None:
    """Staging folders of builds that are no longer running (killed, or the machine stopped). A folder whose build
    is still running (its process id is alive) is left alone."""
    for path in folder.glob(f"{STAGING_PREFIX}*"):
        pid = path.name[len(STAGING_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and _running(int(pid)):
            continue
        shutil.rmtree(path, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


_RENAME_EXCHANGE = 2  # from linux/fs.h
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step (Linux 3.15+, on file systems that support it). False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(a), None, str(b))


def swap(new: Path, target: Path) -> None:
    """Put the folder `new` at `target`. With an existing target the two are exchanged atomically and the old site
    (now at `new`) is removed; where the system cannot exchange, the old site is renamed aside first (a kill between
    the two renames then leaves no site/ until the next build)."""
    if not target.exists():
        new.rename(target)  # one rename: atomic
        return
    if _exchange(new, target):
        shutil.rmtree(new, ignore_errors=True)
        return
    old = new.with_name(f"{new.name}-old")
    target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)
