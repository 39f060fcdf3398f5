"""Hostile text in every text field of every collection: built, opened in Chromium, nothing runs, and it shows as
text."""

from __future__ import annotations

import os
import shutil

import pytest
import yaml

from scripts.records.registry import REGISTRY
from scripts.site.build import build_site

# The hand-written collections: the payload goes into their YAML records. (Pages derived from the ingested tables
# get theirs from the tables: tests/test_places.py puts markup and a javascript: address into them.)
COLLECTIONS = {collection.name: collection.model for collection in REGISTRY.hand_written()}

from ..conftest import FIXTURE_DATA, make_project
from ..test_site_checks import html_errors
from .conftest import serve

pytestmark = pytest.mark.slow

# A Markdown link to javascript: (or to any address that is not a full http(s)/mailto one) is refused by the
# validator, so it cannot reach a page (tests/test_markdown_limits.py); the raw <a href="javascript:"> below can.
PAYLOAD = ('<script>window.__xss=1</script> <img src=x onerror="window.__xss=2"> "><svg onload=window.__xss=3> '
           "<!-- hidden --> <a href=\"javascript:window.__xss=5\">a</a> "
           "{{ 7*7 }} {% raw %} ${7*7} &amp; &lt;b&gt;")


def _is_text(prop: dict) -> bool:
    options = prop.get("anyOf", [prop])
    strings = [o for o in options if o.get("type") == "string"]
    return bool(strings) and not any(k in strings[0] for k in ("pattern", "enum", "format")) and \
        "x-references" not in prop


def _poison(value, schema: dict, defs: dict):
    """Append the payload to every free-text field (not ids, dates, URLs, enums or references)."""
    for name, prop in schema.get("properties", {}).items():
        if name not in value:
            continue
        ref = prop.get("$ref") or (prop.get("items") or {}).get("$ref")
        if ref:
            sub = defs[ref.split("/")[-1]]
            items = value[name] if isinstance(value[name], list) else [value[name]]
            for item in items:
                _poison(item, sub, defs)
        elif prop.get("type") == "array" and _is_text(prop.get("items", {})) and "x-references" not in prop:
            value[name] = [f"{v} {PAYLOAD}" for v in value[name]]
        elif _is_text(prop) and isinstance(value[name], str):
            value[name] = f"{value[name]} {PAYLOAD}"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    data = root / "data"
    shutil.copytree(FIXTURE_DATA, data)
    for collection, model in COLLECTIONS.items():
        schema = model.model_json_schema()
        for path in (data / collection).glob("*.yaml"):
            record = yaml.safe_load(path.read_text())
            _poison(record, schema, schema.get("$defs", {}))
            path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=10_000))
    project = make_project(root, data)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    build_site(project, project / "site")
    os.environ.pop("SOURCE_DATE_EPOCH", None)
    server, url = serve(project / "site")
    yield project / "site", url
    server.shutdown()


def test_hostile_text_leaves_our_templates_valid_html(hostile_site, tmp_path):
    """The HTML checker on one page of each kind and language of the poisoned site."""
    count, errors, output = html_errors(hostile_site[0], tmp_path)
    assert count > 20
    assert errors == [], "\n".join(output.splitlines()[:40])


def test_the_payload_reaches_every_collection(hostile_site):
    site, _ = hostile_site
    for collection in COLLECTIONS:
        pages = list((site / collection).glob("*/index.html"))
        assert pages and all("window.__xss=1" in p.read_text() for p in pages), collection


def test_nothing_executes_and_text_shows_as_text(browser, hostile_site):
    site, url = hostile_site
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    paths = sorted(str(p.relative_to(site).parent) for p in site.rglob("index.html"))
    for path in paths:
        page.goto(url + ("" if path == "." else path + "/"))
        assert page.evaluate("typeof window.__xss") == "undefined", f"script ran on {path}"
        assert page.locator("script:has-text('window.__xss')").count() == 0, path
        assert page.locator("[onerror], [onload]").count() == 0, path
        assert page.locator("a[href^='javascript:']").count() == 0, path
    page.goto(url + "cases/example-v-agency/")
    body = page.locator("article.md-content__inner").inner_text()
    assert "<script>window.__xss=1</script>" in body
    assert "{{ 7*7 }}" in body and "<!-- hidden -->" in body
    assert page.title().startswith("Example v. Agency <script>window.__xss=1</script>")
    context.close()
    assert dialogs == []


def test_search_results_show_hostile_text_as_text(browser, hostile_site):
    """Titles and excerpts come from the index, which holds the pages' text: they are written into the page as text,
    and only Pagefind's <mark> around the matched words becomes markup."""
    _, url = hostile_site
    context = browser.new_context()
    page = context.new_page()
    page.goto(url)
    page.locator("button.site-search-open").click()
    page.locator("#site-search-input").fill("Example xss")
    page.locator("#site-search-results li").first.wait_for(timeout=15_000)
    results = page.locator("#site-search-results")
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert results.locator("script, img, svg, [onerror], [onload], a[href^='javascript:']").count() == 0
    tags = set(results.evaluate("list => [...list.querySelectorAll('*')].map(e => e.tagName.toLowerCase())"))
    assert tags <= {"li", "a", "span", "p", "mark"}, tags
    assert "<script>window.__xss=1</script>" in results.inner_text()
    context.close()
