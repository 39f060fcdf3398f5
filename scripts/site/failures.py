"""The three kinds of failure besides a data problem (scripts.records.problems.DataError), each told apart so that no
message blames the data for what is not in it:

- EnvironmentProblem: the machine lacks something (a Debian library): the message says what to install.
- BuildFailed: the site could not be built for a reason outside data/ (a MkDocs warning about a hand-written page, a
  page both written by hand and generated): the message says what MkDocs said.
- anything else is a bug in the site's code: it keeps its traceback, with BUG_NOTE added."""

from __future__ import annotations

from .system_packages import EXIT_MISSING, Checker, dpkg_installed, missing_sentence, packages_for

BUG_NOTE = ("This is a bug in the site's code (scripts/), not a problem in the data: please report it with the "
            "traceback above.")
EXIT_BUG = 4


class EnvironmentProblem(Exception):
    exit_code = EXIT_MISSING


class BuildFailed(Exception):
    exit_code = 1


def library_missing(error: OSError) -> EnvironmentProblem:
    """WeasyPrint could not load a system library: name the site's Debian packages that are missing (or all of its
    libraries, if the check finds every file in place and only the loader failed)."""
    wanted = [package for package in packages_for("site") if package.kind == "library"]
    missing = [package for package in Checker().missing(wanted) if not package.optional] or wanted
    sentence = missing_sentence(missing, dpkg_installed(p.name for p in missing), "site")
    return EnvironmentProblem(f"The PDF engine could not load a system library ({error}). {sentence}")
