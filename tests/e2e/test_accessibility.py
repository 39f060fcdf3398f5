"""axe-core, run in Chromium, finds no serious or critical accessibility problem on any kind of page, and no page
throws a JavaScript error or shows one in the console (a failed request is one)."""

from __future__ import annotations

import pytest

from scripts.records.registry import REGISTRY

COLLECTIONS = REGISTRY.models()
from scripts.records.validate import validate

from ..conftest import ROOT

pytestmark = pytest.mark.slow


def _pages_of_every_kind() -> list[str]:
    dataset = validate(ROOT / "data")
    pages = ["", "about/", "maintainers/", "maintainers/data-model/", "maintainers/archive-todo/",
             "maintainers/review-due/", "downloads/", "charts/", "reports/", "reports/executive-order-2017/"]
    for collection in COLLECTIONS:
        pages.append(f"{collection}/")
        first = sorted(dataset.collections[collection])[0]
        pages.append(f"{collection}/{first}/")
    return pages


@pytest.mark.parametrize("path", _pages_of_every_kind())
def test_no_serious_accessibility_violations(page, site_url, path):
    from axe_playwright_python.sync_playwright import Axe

    response = page.goto(site_url + path)
    assert response is not None and response.ok, f"{path} did not load"
    results = Axe().run(page)
    serious = [(v["id"], v["impact"], v["help"], [n["target"] for n in v["nodes"]][:3])
               for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], f"{path or 'home'}: {serious}"
    assert page.errors == [], f"{path or 'home'}: JavaScript errors {page.errors}"
    assert page.console_errors == [], f"{path or 'home'}: console errors {page.console_errors}"
