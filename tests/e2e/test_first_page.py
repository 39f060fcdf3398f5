"""What a reader's first visit costs, served with gzip as GitHub Pages serves it: the home page and everything it
loads within 100 KB, and the first search within 250 KB (Pagefind fetches only the chunks of the index that hold the
query's words, so this does not grow with the number of records; the 10x figure is in the README)."""

from __future__ import annotations

import pytest

from .transfer import first_query, first_visit, total

pytestmark = pytest.mark.slow


def test_the_first_visit_to_the_home_page_transfers_at_most_100_kb(browser, gzip_site):
    server, url = gzip_site
    sent = first_visit(browser, server, url)
    assert [path for path, _ in sent if path.startswith("/assets/stylesheets/main.")], "the theme's CSS is counted"
    assert total(sent) <= 100_000, sorted(sent, key=lambda item: -item[1])
    assert not [path for path, _ in sent if "pagefind" in path or "search_index" in path], "no search data"


@pytest.mark.parametrize("query", ["Galarza", "Secure Communities", "detainer"])
def test_the_first_search_transfers_under_250_kb(browser, gzip_site, query):
    server, url = gzip_site
    sent = first_query(browser, server, url, query)
    assert [path for path, _ in sent if path.endswith(".pf_index")], "the index was searched"
    assert total(sent) < 250_000, sorted(sent, key=lambda item: -item[1])
