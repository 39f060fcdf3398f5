"""Material's blocks, and the parts of the site's header and record navigation, that are the same on every page of a
language and folder are rendered once (issue #33), and the pages are byte for byte what rendering them on every page
gives."""

from __future__ import annotations

import filecmp
import hashlib
import re
from pathlib import Path

import material
import pytest

from scripts.site import mkdocs_theme_blocks
from scripts.site.build import build_site

from .conftest import ROOT, make_project

BASE_HTML = Path(material.__file__).parent / "templates/base.html"

# The source of each reused block of Material's base.html, as checked (9.8.1). When Material changes one, check
# again that its output depends only on mkdocs_theme_blocks.memo_key, then update its hash here.
CHECKED_BLOCKS = {
    "config": "b84001acaa9dc379",
    "styles": "3e2f8b00a4426913",
    "libs": "adfbcabad578724d",
    "fonts": "85e1ac5e0c9c5fcf",
    "analytics": "47c83db14e36e0eb",
    "scripts": "66cc07f62fe03dd2",
    "footer": "e501ed9a997ad2bb",
}


def _block_sources(text: str) -> dict[str, str]:
    """Each top-level block's source, from `{% block NAME %}` to its `{% endblock %}` (blocks here do not nest
    blocks of the same name)."""
    sources = {}
    for match in re.finditer(r"{%-?\s*block (\w+)\s*-?%}", text):
        name, depth, position = match.group(1), 1, match.end()
        for tag in re.finditer(r"{%-?\s*(block \w+|endblock)\b[^%]*%}", text[position:]):
            depth += 1 if tag.group(1).startswith("block") else -1
            if depth == 0:
                sources[name] = text[match.start():position + tag.end()]
                break
    return sources


def _digest(source: str) -> str:
    return hashlib.sha256(source.encode()).hexdigest()[:16]


def test_reused_blocks_are_the_ones_checked():
    """Material's reused blocks (and the partials they include) are unchanged since their inputs were checked, and
    the site overrides none of those partials (overrides/ would change what they read)."""
    assert [path for path in INCLUDED if (ROOT / "overrides" / path).exists()] == []
    sources = _block_sources(BASE_HTML.read_text())
    found = {name: _digest(sources[name]) for name in mkdocs_theme_blocks.SAME_FOR_EVERY_PAGE}
    included = {path: _digest((BASE_HTML.parent / path).read_text()) for path in INCLUDED}
    assert (found, included) == (CHECKED_BLOCKS, CHECKED_PARTIALS)


# The partials the reused blocks include.
INCLUDED = ("partials/icons.html", "partials/footer.html", "partials/copyright.html",
            "partials/integrations/analytics.html")
CHECKED_PARTIALS = {
    "partials/icons.html": "461a02930eb982ef",
    "partials/footer.html": "50c2a75f013b7b03",
    "partials/copyright.html": "bc86bca3bf75070f",
    "partials/integrations/analytics.html": "3dba249b95699a16",
}


@pytest.mark.slow
def test_fixture_pages_are_the_same_with_blocks_reused(tmp_path, data_dir, monkeypatch):
    """Every file of the fixture site (both languages, every depth, the 404 page) is the same whether Material's
    blocks and the parts of the site's templates marked `same_for_every_page` are rendered once or on every page."""
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    project = make_project(tmp_path, data_dir)
    build_site(project, project / "reused")
    monkeypatch.setattr(mkdocs_theme_blocks, "SAME_FOR_EVERY_PAGE", ())
    monkeypatch.setattr(mkdocs_theme_blocks.SameForEveryPage, "__call__", lambda self, *key, caller: caller())
    build_site(project, project / "each-page")
    reused, each_page = project / "reused", project / "each-page"
    files = sorted(str(path.relative_to(reused)) for path in reused.rglob("*") if path.is_file())
    assert files == sorted(str(path.relative_to(each_page)) for path in each_page.rglob("*") if path.is_file())
    assert "es/cases/example-v-agency/index.html" in files and "404.html" in files
    assert [name for name in files if not filecmp.cmp(reused / name, each_page / name, shallow=False)] == []
