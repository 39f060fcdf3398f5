"""What a reader's browser transfers, counted by the gzip server (tests/e2e/gzip_server.py): a first visit to a page,
and the first search after it. Used by the tests and by hand, on any built site:

    .venv/bin/python -m tests.e2e.transfer site "Galarza" "Secure Communities" detainer
"""

from __future__ import annotations

import sys
from pathlib import Path

from .conftest import CHROMIUM, CHROMIUM_ARGS
from .gzip_server import serve


def first_visit(browser, server, url: str) -> list[tuple[str, int]]:
    """The requests (path, bytes) of a first visit to `url`: a fresh browser profile, so nothing is cached."""
    context = browser.new_context()
    page = context.new_page()
    server.sent.clear()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    sent = list(server.sent)
    context.close()
    return sent


def first_query(browser, server, url: str, query: str, typed: bool = True) -> list[tuple[str, int]]:
    """The requests (path, bytes) from opening search on a freshly loaded `url` to the results of `query`, typed
    one key at a time (20 ms apart: each key is a query, Pagefind's 300 ms debounce keeps the last) or pasted."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    server.sent.clear()
    page.locator("button.site-search-open").click()
    field = page.locator("#site-search-input")
    field.press_sequentially(query, delay=20) if typed else field.fill(query)
    page.wait_for_function("document.querySelector('#site-search-status').textContent.match(/results?\\b/)",
                           timeout=30_000)
    page.wait_for_load_state("networkidle")
    sent = list(server.sent)
    context.close()
    return sent


def total(sent: list[tuple[str, int]]) -> int:
    return sum(size for _, size in sent)


def main(argv: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    site, queries = Path(argv[0]), argv[1:] or ["Galarza"]
    server, url = serve(site)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        home = first_visit(browser, server, url)
        print(f"first visit to the home page: {total(home):,} bytes in {len(home)} requests")
        for query in queries:
            for typed in (True, False):
                sent = first_query(browser, server, url, query, typed)
                print(f"first query {query!r} {'typed' if typed else 'pasted'}: {total(sent):,} bytes in "
                      f"{len(sent)} requests")
                for path, size in sorted(sent, key=lambda item: -item[1]):
                    if not path.startswith("/pagefind/fragment/"):
                        print(f"  {size:>8,}  {path}")
                fragments = [size for path, size in sent if path.startswith("/pagefind/fragment/")]
                print(f"  {sum(fragments):>8,}  {len(fragments)} result fragments")
        browser.close()
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
