"""axe-core, run in Chromium, finds no serious or critical accessibility problem on any kind of page, and no page
throws a JavaScript error or shows one in the console (a failed request is one)."""

from __future__ import annotations

import pytest

from scripts.records.registry import REGISTRY

pytestmark = pytest.mark.slow

COLLECTIONS = REGISTRY.models()
PAGES = ["", "about/", "maintainers/", "maintainers/data-model/", "maintainers/archive-todo/", "maintainers/review-due/",
         "downloads/", "charts/", "reports/", "reports/executive-order-2017/"] + [f"{c}/" for c in COLLECTIONS]
FIRST_RECORD = "first record of "  # the first record of a collection, found in the run's validated real data: the
# test ids are known without validating the data when the tests are collected (13 s in every run, either tier)


@pytest.mark.parametrize("path", PAGES + [FIRST_RECORD + c for c in COLLECTIONS])
def test_no_serious_accessibility_violations(page, site_url, real_dataset, path):
    from axe_playwright_python.sync_playwright import Axe

    if path.startswith(FIRST_RECORD):
        collection = path.removeprefix(FIRST_RECORD)
        path = f"{collection}/{sorted(real_dataset.collections[collection])[0]}/"
    response = page.goto(site_url + path)
    assert response is not None and response.ok, f"{path} did not load"
    results = Axe().run(page)
    serious = [(v["id"], v["impact"], v["help"], [n["target"] for n in v["nodes"]][:3])
               for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], f"{path or 'home'}: {serious}"
    assert page.errors == [], f"{path or 'home'}: JavaScript errors {page.errors}"
    assert page.console_errors == [], f"{path or 'home'}: console errors {page.console_errors}"
