"""Freshness: the maintainers' list of records that can go stale, oldest review first, and the home page's newest
event."""

from __future__ import annotations

from scripts.records.validate import validate
from scripts.site.render import render_site

from .conftest import TODAY


def _set(path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new))


def _review_rows(page: str) -> list[str]:
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [row for row in body.split("<tr>") if row.strip()]


def test_review_list_holds_what_describes_the_present_oldest_review_first(data_dir):
    _set(data_dir / "cases" / "example-v-agency.yaml", "status: decided", "status: pending")
    _set(data_dir / "cases" / "example-v-agency.yaml", "last_reviewed: 2026-11-01", "last_reviewed: 2025-03-02")
    page = render_site(validate(data_dir, today=TODAY))["maintainers/review-due.md"]
    rows = _review_rows(page)
    assert "Example v. Agency" in rows[0] and "March 2, 2025" in rows[0] and "“pending”" in rows[0]
    assert any("Example Program" in row and "no end recorded" in row for row in rows)
    assert any("example-county-il.yaml" in row and "as of September 7, 2011" in row for row in rows)
    assert any("Example agreements in 2012" in row and "newest count of its series" in row for row in rows)
    assert len(rows) == 4


def test_decided_cases_and_ended_programs_are_not_listed(data_dir):
    _set(data_dir / "programs" / "example-program.yaml", "  - start: 2017-01-25\n",
         "  - start: 2017-01-25\n    end: 2017-04\n")
    page = render_site(validate(data_dir, today=TODAY))["maintainers/review-due.md"]
    assert "Example v. Agency" not in page
    assert "Example Program" not in page


def test_home_page_names_the_newest_event_and_its_date(data_dir):
    home = render_site(validate(data_dir, today=TODAY))["index.md"]
    assert "The newest event in the record is dated November 20, 2014" in home
    assert 'href="events/2014-11-20-example-memo/"' in home
