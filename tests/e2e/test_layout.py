"""Every kind of page lays out inside its content column at desktop and phone widths, with no console error and no
failed request: nothing in the content sticks out past the column's edges (except inside a container made to
scroll sideways, such as a wide table), no box cuts off its content, the page is never wider than the window, and no
text is squeezed into a sliver beside something else."""

from __future__ import annotations

import pytest

from scripts.records.registry import REGISTRY

from ..conftest import ROOT
from .conftest import screenshot

pytestmark = pytest.mark.slow

WIDTHS = (1280, 390)
SLIVER_PX = 120  # a block of text narrower than this, wrapped onto 3+ lines, in a column wider than COLUMN_PX
COLUMN_PX = 300


def _first_record(collection: str) -> str:
    return f"{collection}/{sorted(p.stem for p in (ROOT / 'data' / collection).glob('*.yaml'))[0]}/"


COLLECTIONS = sorted(c.name for c in REGISTRY.hand_written())  # not data/datasets/, which holds tables, not records
PAGES = ([
    "", "charts/", "downloads/", "changes/", "about/", "maintainers/", "maintainers/data-model/",
    "maintainers/archive-todo/", "reports/", "reports/287g/", "reports/detainers-2008-to-today/", "404.html",
    "detainers/", "detainers/2007-2015/", "datasets/", "datasets/npr-detainers/", "datasets/ice-287g/",
] + [f"{collection}/" for collection in COLLECTIONS] + [_first_record(collection) for collection in COLLECTIONS])

# Runs in the page: every element of the content column whose box leaves the column, and every block of text that
# is narrow and wrapped while its column is wide. Elements inside a sideways-scrolling container are that
# container's business (it must fit; what it scrolls need not); SVG internals are the chart's.
LAYOUT_PROBLEMS = """([sliverPx, columnPx]) => {
  // The column's text is .md-content__inner; its edges are .md-content's, which Material's code blocks and table
  // wrappers reach on purpose (they bleed into the inner padding).
  const column = document.querySelector('.md-content__inner') || document.querySelector('main');
  const edge = (document.querySelector('.md-content') || column).getBoundingClientRect();
  const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '') +
    ' "' + (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 60) + '"';
  const scrolls = (el) => { const x = getComputedStyle(el).overflowX; return x === 'auto' || x === 'scroll'; };
  const inScroller = (el) => { for (let p = el.parentElement; p && p !== column; p = p.parentElement)
    if (scrolls(p)) return true; return false; };
  const problems = [];
  for (const el of column.querySelectorAll('*')) {
    if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || style.visibility === 'hidden' || style.position === 'fixed') continue;
    if (box.width <= 1 && box.height <= 1) continue;  // text for screen readers only, hidden in a 1 px box on purpose
    if (inScroller(el)) continue;
    // A box that hides what overflows it (overflow: hidden or clip) and is too narrow for its content cuts it off.
    if ((style.overflowX === 'hidden' || style.overflowX === 'clip') && el.scrollWidth > el.clientWidth + 1 &&
        el.tagName.toLowerCase() !== 'svg')
      problems.push(`cuts off ${el.scrollWidth - el.clientWidth} px of its content: ${describe(el)}`);
    if (box.right > edge.right + 1 || box.left < edge.left - 1)
      problems.push(`sticks out of the content column (${Math.round(box.left)}–${Math.round(box.right)} px, ` +
                    `column ${Math.round(edge.left)}–${Math.round(edge.right)} px): ${describe(el)}`);
    // Table cells are narrow columns by design; a table that does not fit must scroll, which the check above sees.
    if (style.display === 'inline' || style.display === 'table-cell' || edge.width < columnPx ||
        box.width >= sliverPx) continue;
    const ownText = [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join(' ').trim();
    const lineHeight = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2;
    if (ownText.split(/\\s+/).length >= 2 && box.height > 2.5 * lineHeight)
      problems.push(`text squeezed into ${Math.round(box.width)} px (column ${Math.round(edge.width)} px): ` +
                    describe(el));
  }
  // Nothing, inside the column or out (header, navigation, footer), makes the page wider than the window.
  if (document.documentElement.scrollWidth > window.innerWidth + 1)
    problems.push(`the page is ${document.documentElement.scrollWidth} px wide in a ${window.innerWidth} px window`);
  return problems;
}"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PAGES)
def test_page_fits_its_column_and_logs_no_error(contexts, site_url, path, width):
    page = contexts(width).new_page()
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(f"console: {message.text}"))
    page.on("pageerror", lambda error: errors.append(f"script error: {error}"))
    page.on("requestfailed", lambda request: errors.append(f"request failed: {request.url} ({request.failure})"))
    page.on("response", lambda response: response.status >= 400 and not response.url.endswith("/404.html")
            and errors.append(f"HTTP {response.status}: {response.url}"))
    try:
        page.goto(site_url + path, wait_until="networkidle")
        # What a reader can open is checked open: a data table in a closed "Data table" box is still a table.
        page.evaluate("document.querySelectorAll('details').forEach(box => { box.open = true; })")
        problems = page.evaluate(LAYOUT_PROBLEMS, [SLIVER_PX, COLUMN_PX])
        assert errors == [], f"/{path} at {width} px"
        assert problems == [], f"/{path} at {width} px:\n" + "\n".join(problems[:20])
    finally:
        page.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_briefing_screenshots(contexts, site_url, width):
    page = contexts(width).new_page()
    try:
        page.goto(site_url + "reports/287g/", wait_until="networkidle")
        page.locator("#programs").scroll_into_view_if_needed()
        screenshot(page, f"briefing-287g-programs-{width}")
        page.goto(site_url + "reports/detainers-2008-to-today/", wait_until="networkidle")
        page.locator("#programs").scroll_into_view_if_needed()
        screenshot(page, f"briefing-overall-programs-{width}")
    finally:
        page.close()
