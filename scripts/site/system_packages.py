"""The Debian packages the project needs from the system, one list for `./site.sh` and `.ci/run`, each checked by
the one file it provides (a library's exact soname resolved through `ldconfig -p` and found on disk, a font file, a
command), not by a prefix of a name.

`python3 -m scripts.site.system_packages site|tests [--sudo]` checks the packages a site build needs (`site`) or those
plus the test-only ones (`tests`). Missing ones are installed with apt-get when running as root (or through sudo
with --sudo, as CI does); otherwise it stops with one sentence naming the packages and the command that installs
them, and exit code 3. A package marked optional only prints that sentence: the build works without it.

Standard library only: it runs before the virtual environment exists."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

EXIT_MISSING = 3


@dataclass(frozen=True)
class Package:
    name: str  # the Debian package
    group: str  # "site": a site build needs it; "tests": only the test suite does
    kind: str  # "library" (an exact soname), "file" (an absolute path) or "command" (a program on PATH)
    provides: str
    optional: bool = False  # the site builds without it, less well; a missing one is reported, never fatal


PACKAGES = (
    # WeasyPrint (the briefing PDFs) loads these with dlopen.
    Package("libpango-1.0-0", "site", "library", "libpango-1.0.so.0"),
    Package("libpangoft2-1.0-0", "site", "library", "libpangoft2-1.0.so.0"),
    Package("libharfbuzz0b", "site", "library", "libharfbuzz.so.0"),
    # Without it WeasyPrint embeds fonts through fontTools instead (and warns that this will become unsupported).
    Package("libharfbuzz-subset0", "site", "library", "libharfbuzz-subset.so.0", optional=True),
    Package("libfontconfig1", "site", "library", "libfontconfig.so.1"),
    # The briefings' font; the PDF bytes depend on it.
    Package("fonts-dejavu-core", "site", "file", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    # The browser tests (Playwright drives Debian's Chromium), the Nu HTML Checker, and the PDF text checks.
    Package("chromium", "tests", "file", "/usr/bin/chromium"),
    Package("default-jre-headless", "tests", "command", "java"),
    Package("poppler-utils", "tests", "command", "pdftotext"),
)


def packages_for(group: str) -> list[Package]:
    wanted = {"site": {"site"}, "tests": {"site", "tests"}}[group]
    return [package for package in PACKAGES if package.group in wanted]


def shared_libraries(ldconfig_output: str) -> dict[str, list[str]]:
    """{soname: [paths]} from `ldconfig -p`, whose lines read `\\tlibfoo.so.0 (libc6,x86-64) => /lib/.../libfoo.so.0`."""
    found: dict[str, list[str]] = {}
    for line in ldconfig_output.splitlines():
        name, arrow, path = line.strip().partition(" => ")
        if arrow:
            found.setdefault(name.split(" (", 1)[0], []).append(path.strip())
    return found


def _ldconfig_output() -> str:
    program = shutil.which("ldconfig") or next((p for p in ("/sbin/ldconfig", "/usr/sbin/ldconfig")
                                                 if os.path.exists(p)), None)
    if program is None:
        return ""
    return subprocess.run([program, "-p"], capture_output=True, text=True, check=False).stdout


def _real_file(path: str) -> bool:
    """A regular, non-empty file (a library hidden behind /dev/null, or truncated, does not count)."""
    file = Path(path)
    return file.is_file() and file.stat().st_size > 0


class Checker:
    def __init__(self, ldconfig_output: str | None = None, which: Callable[[str], str | None] = shutil.which):
        self._libraries = shared_libraries(_ldconfig_output() if ldconfig_output is None else ldconfig_output)
        self._which = which

    def present(self, package: Package) -> bool:
        if package.kind == "library":
            return any(_real_file(path) for path in self._libraries.get(package.provides, []))
        if package.kind == "file":
            return _real_file(package.provides)
        path = self._which(package.provides)
        return path is not None and _real_file(path)

    def missing(self, packages: Iterable[Package]) -> list[Package]:
        return [package for package in packages if not self.present(package)]


def dpkg_installed(names: Iterable[str]) -> set[str]:
    """The packages dpkg lists as installed (whose files may still be missing, e.g. deleted or hidden)."""
    names = list(names)
    if not names or shutil.which("dpkg-query") is None:
        return set()
    result = subprocess.run(["dpkg-query", "-W", "-f=${Package} ${db:Status-Abbrev}\\n", *names],
                            capture_output=True, text=True, check=False)
    return {line.split()[0] for line in result.stdout.splitlines() if line.split()[1:2] == ["ii"]}


def install_command(missing: list[Package], installed: set[str]) -> str:
    reinstall = " --reinstall" if any(package.name in installed for package in missing) else ""
    return f"sudo apt-get install{reinstall} -y " + " ".join(package.name for package in missing)


def missing_sentence(missing: list[Package], installed: set[str], group: str) -> str:
    """One plain sentence: which packages, which file of each is not there, and the command that installs them."""
    who = "The site" if group == "site" else "The site and its tests"
    what = ", ".join(f"{package.name} ({package.provides} not found)" for package in missing)
    if all(package.optional for package in missing):
        return (f"{who} can do without {what}, but the briefing PDFs embed fonts less well; install "
                f"{'it' if len(missing) == 1 else 'them'} with `{install_command(missing, installed)}`.")
    return (f"{who} needs Debian packages that are missing: {what}; install them with "
            f"`{install_command(missing, installed)}` and run the command again.")


def _apt_install(names: list[str], sudo: bool) -> None:
    prefix = ["sudo"] if sudo else []
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run([*prefix, "apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run([*prefix, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *names], check=True,
                   env=env)


def ensure(group: str, make_checker: Callable[[], Checker] = Checker, may_install: bool | None = None, sudo: bool = False,
           install: Callable[[list[str], bool], None] = _apt_install, out=None) -> int:
    """Install what is missing where allowed, then report what is still missing. Returns the exit code."""
    out = out or sys.stderr
    wanted = packages_for(group)
    missing = make_checker().missing(wanted)
    if not missing:
        return 0
    installed = dpkg_installed(package.name for package in missing)
    if may_install is None:
        may_install = (os.geteuid() == 0 or sudo) and shutil.which("apt-get") is not None
    # A package dpkg already lists is not fetched again: its file was removed or hidden, which needs a reinstall
    # that a script should not force on a machine.
    fetch = [package.name for package in missing if package.name not in installed]
    if may_install and fetch:
        print(f"Installing the Debian packages the site needs: {' '.join(fetch)}", file=out)
        install(fetch, sudo and os.geteuid() != 0)
        missing = make_checker().missing(wanted)  # ldconfig's cache is read again after the install
        installed = dpkg_installed(package.name for package in missing)
    if not missing:
        return 0
    print(missing_sentence(missing, installed, group), file=out)
    return 0 if all(package.optional for package in missing) else EXIT_MISSING


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m scripts.site.system_packages", description=__doc__.split("\n")[0])
    parser.add_argument("group", choices=["site", "tests"], help="what the packages are for")
    parser.add_argument("--sudo", action="store_true", help="when not root, install through sudo (CI)")
    args = parser.parse_args(argv)
    return ensure(args.group, sudo=args.sudo)


if __name__ == "__main__":
    sys.exit(main())
