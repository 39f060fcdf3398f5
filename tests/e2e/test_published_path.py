"""CI's build (the one GitHub Pages publishes) is made for a project site's path, `/NAME/`; its 404 page names its
files from there. The browser tests serve a built site at the path its canonical link names, as Pages does, and the
link check resolves links from the root at that path."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from scripts.tools.linkcheck import check_site, published_path

from .conftest import serve
from .gzip_server import serve as serve_gzip


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url) as response:
            response.read()  # the server counts a response before sending its body
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.parametrize("site_url, path", [("http://127.0.0.1:8000/", "/"),
                                            ("https://owner.github.io/detainers/", "/detainers/")])
def test_a_built_site_is_served_at_the_path_it_was_built_for(tmp_path, site_url, path):
    (tmp_path / "index.html").write_text(f'<html><head><link rel="canonical" href="{site_url}"></head></html>')
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "site.css").write_text("body { color: black }")
    assert published_path(tmp_path) == path
    plain, url = serve(tmp_path, path)
    gzip, gzip_url = serve_gzip(tmp_path, prefix=path)
    try:
        for base in (url, gzip_url):
            assert base.endswith(path)
            assert _status(base) == _status(base + "assets/site.css") == 200
            origin = base[: -len(path)]
            if path != "/":
                assert _status(origin + "/assets/site.css") == 404, "only the published path is served"
        assert ("/assets/site.css", len("body { color: black }")) in gzip.sent, "sizes are counted by site path"
    finally:
        plain.shutdown()
        gzip.shutdown()


def test_the_link_check_resolves_links_from_the_root_at_the_published_path(tmp_path):
    (tmp_path / "index.html").write_text('<html><head><link rel="canonical" href="https://owner.github.io/detainers/">'
                                         '</head></html>')
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "site.css").write_text("body { color: black }")
    (tmp_path / "404.html").write_text('<link rel="stylesheet" href="/detainers/assets/site.css">\n'
                                       '<link rel="stylesheet" href="/assets/site.css">')
    assert check_site(tmp_path) == ["404.html:2: broken link /assets/site.css"]
