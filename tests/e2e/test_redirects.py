"""A renamed id's old address still reaches the record, in a real browser: its page and its timeline anchor."""

from __future__ import annotations

import os
import re

import pytest

from scripts.site.build import build_site

from ..conftest import make_project
from .conftest import serve

pytestmark = pytest.mark.slow


def test_old_addresses_reach_the_renamed_records(browser, tmp_path, data_dir):
    (data_dir / "redirects.yaml").write_text("redirects:\n  - old: example-v-department\n    new: example-v-agency\n"
                                             "    date: 2026-11-02\n    reason: Caption corrected.\n"
                                             "  - old: 2014-11-20-old-memo\n    new: 2014-11-20-example-memo\n"
                                             "    date: 2026-11-02\n    reason: Shorter id.\n")
    project = make_project(tmp_path, data_dir)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    build_site(project, project / "site")
    os.environ.pop("SOURCE_DATE_EPOCH", None)
    server, url = serve(project / "site")
    try:
        page = browser.new_page()
        page.goto(url + "cases/example-v-department/")
        page.wait_for_url(re.compile(r"/cases/example-v-agency/$"))
        assert page.locator("h1").first.inner_text().startswith("Example v. Agency")
        page.goto(url + "events/2014-11-20-old-memo/#sources")
        page.wait_for_url(re.compile(r"/events/2014-11-20-example-memo/#sources$"))
        page.goto(url + "events/#2014-11-20-old-memo")
        assert page.url.endswith("#2014-11-20-example-memo")
        box = page.locator('[id="2014-11-20-example-memo"]').bounding_box()
        assert box is not None and 0 <= box["y"] < page.viewport_size["height"] - 50  # on screen
        page.close()
    finally:
        server.shutdown()
