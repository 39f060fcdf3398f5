"""The site's search dialog, used as a reader uses it: open it, type a query, read the results shown."""

from __future__ import annotations


def open_search(page):
    page.locator("button.site-search-open").click()
    page.get_by_role("dialog", name="Search this site").wait_for()


def search(page, query: str) -> list[dict]:
    """Type a query into the open search dialog as a reader does; the results shown, best first (kind, title,
    href, the words marked in the excerpt)."""
    field = page.locator("#site-search-input")
    field.fill("")
    field.press_sequentially(query, delay=20)
    page.wait_for_function("q => document.querySelector('#site-search-status').textContent.match(/results?|No results/)"
                           " && document.querySelector('#site-search-input').value === q", arg=query, timeout=15_000)
    return page.locator("#site-search-results li").evaluate_all("""items => items.map(item => ({
        kind: item.querySelector('.site-search__result-kind').textContent,
        title: item.querySelector('.site-search__title').textContent,
        href: item.querySelector('a').getAttribute('href'),
        marks: [...item.querySelectorAll('.site-search__excerpt mark')].map(m => m.textContent)}))""")
