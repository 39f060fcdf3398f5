"""Freshness: the maintainers' list of records that can go stale, oldest review first (those not verified for 90
days apart), the date each such page says its status was last verified, the validator's warnings, and the home
page's newest event."""

from __future__ import annotations

import datetime as dt

from scripts.__main__ import main
from scripts.records.validate import validate
from scripts.site.i18n import languages
from scripts.site.project_check import validate_project
from scripts.site.render import Renderer, render_site

from .conftest import TODAY, make_project

CASE = "cases/example-v-agency.yaml"


def _set(path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new))


def _review_rows(page: str, section: str | None = None) -> list[str]:
    """The rows of the page's tables (of one section: "overdue" or "verified")."""
    if section is not None:
        page = page.split(f'id="{section}"', 1)[1].split("<h2", 1)[0]
    bodies = [part.split("</tbody>", 1)[0] for part in page.split("<tbody>")[1:]]
    return [row for body in bodies for row in body.split("<tr>") if row.strip()]


def test_review_list_holds_what_describes_the_present_oldest_review_first(data_dir):
    _set(data_dir / "cases" / "example-v-agency.yaml", "status: decided", "status: pending")
    _set(data_dir / "cases" / "example-v-agency.yaml", "last_reviewed: 2026-11-01", "last_reviewed: 2025-03-02")
    page = render_site(validate(data_dir, today=TODAY))["maintainers/review-due.md"]
    rows = _review_rows(page)
    assert "Example v. Agency" in rows[0] and "March 2, 2025" in rows[0] and "“pending”" in rows[0]
    assert any("Example Program" in row and "no end recorded" in row for row in rows)
    assert any("example-county-il.yaml" in row and "as of September 7, 2011" in row for row in rows)
    assert any("Example agreements in 2012" in row and "newest count of its series" in row for row in rows)
    assert any("Example State Trust Act" in row and "law status is “in force”" in row for row in rows)
    assert len(rows) == 5


def test_review_list_sets_apart_what_was_not_verified_for_90_days_counted_to_the_data_date(data_dir):
    """The data's newest review is November 1, 2026 (every fixture record): the page counts to it, not to the day
    it is built, so the same data gives the same page on any day."""
    _set(data_dir / CASE, "status: decided", "status: pending")
    _set(data_dir / CASE, "last_reviewed: 2026-11-01", "last_reviewed: 2025-03-02")
    _set(data_dir / "laws" / "example-state-trust-act.yaml", "last_reviewed: 2026-11-01", "last_reviewed: 2026-08-03")
    page = render_site(validate(data_dir, today=TODAY))["maintainers/review-due.md"]
    assert "Not verified for more than 90 days (1)" in page and "Verified in the last 90 days (4)" in page
    overdue = _review_rows(page, "overdue")
    assert len(overdue) == 1 and "Example v. Agency" in overdue[0] and "<td>609</td>" in overdue[0]
    assert "Days before November 1, 2026" in page
    recent = _review_rows(page, "verified")  # 90 days before the data date is not yet more than 90
    assert any("Example State Trust Act" in row and "<td>90</td>" in row for row in recent)

    _set(data_dir / "programs" / "example-program.yaml", "last_reviewed: 2026-11-01", "last_reviewed: 2026-11-02")
    page = render_site(validate(data_dir, today=TODAY))["maintainers/review-due.md"]
    assert "Not verified for more than 90 days (2)" in page and "Days before November 2, 2026" in page


def test_review_list_says_when_nothing_is_overdue_in_both_languages(data_dir):
    dataset = validate(data_dir, today=TODAY)
    expected = {"en": "None: every record that describes the present was verified in the last 90 days.",
                "es": "Ninguno: cada registro que describe el presente se verificó en los últimos 90 días."}
    for language in languages():
        page = Renderer(dataset, language=language).render_all()[language.path("maintainers/review-due.md")]
        assert expected[language.code] in page


def test_pages_of_what_describes_the_present_say_when_its_status_was_last_verified(data_dir):
    _set(data_dir / "jurisdictions" / "example-county-il.yaml", "last_reviewed: 2026-11-01",
         "last_reviewed: 2026-10-15")
    dataset = validate(data_dir, today=TODAY)
    expected = {
        "en": {"cases/example-v-agency.md": "decided <span class=\"status-verified\">(status last verified on "
                                            "November 1, 2026)</span>",
               "programs/example-program.md": "Status last verified on November 1, 2026.",
               "jurisdictions/example-county-il.md": "Status last verified on October 15, 2026.",
               "laws/example-state-trust-act.md": "(status last verified on November 1, 2026)"},
        "es": {"cases/example-v-agency.md": "(estado verificado por última vez el 1 de noviembre de 2026)",
               "programs/example-program.md": "Estado verificado por última vez el 1 de noviembre de 2026.",
               "jurisdictions/example-county-il.md": "Estado verificado por última vez el 15 de octubre de 2026."}}
    for language in languages():
        pages = Renderer(dataset, language=language).render_all()
        for path, text in expected[language.code].items():
            assert text in pages[language.path(path)], (language.code, path)


def test_an_ended_program_does_not_claim_a_verified_status(data_dir):
    _set(data_dir / "programs" / "example-program.yaml", "  - start: 2017-01-25\n",
         "  - start: 2017-01-25\n    end: 2017-04\n")
    page = render_site(validate(data_dir, today=TODAY))["programs/example-program.md"]
    assert "Status last verified" not in page


def test_validate_warns_about_each_record_not_verified_for_90_days_and_still_succeeds(tmp_path, data_dir, capsys):
    _set(data_dir / CASE, "status: decided", "status: pending")
    _set(data_dir / CASE, "last_reviewed: 2026-11-01", "last_reviewed: 2020-01-02")
    project = make_project(tmp_path, data_dir)
    (project / "reports").mkdir()
    assert main(["--root", str(project), "validate"]) == 0
    days = (dt.date.today() - dt.date(2020, 1, 2)).days  # the validator counts to the day it runs
    lines = capsys.readouterr().err.splitlines()
    assert (f"WARNING: data/cases/example-v-agency.yaml:19: case example-v-agency: not verified since 2020-01-02 "
            f"({days:,} days); check its status against its sources and update last_reviewed") in lines
    assert all(line.startswith("WARNING: ") for line in lines)
    # Counted to a given day, only the records reviewed more than 90 days before it: here the pending case alone
    # (the others were reviewed on 2026-11-01, 91 days before 2027-01-31 but 90 before 2027-01-30).
    for today, expected in ((dt.date(2027, 1, 30), ["case example-v-agency"]),
                            (dt.date(2027, 1, 31), ["case example-v-agency", "jurisdiction example-county-il",
                                                    "law example-state-trust-act", "program example-program",
                                                    "statistic example-count-2012"])):
        _dataset, _briefings, stale = validate_project(project, today=today)
        assert [w.label for w in stale] == expected
        assert stale[0].days == (today - dt.date(2020, 1, 2)).days


def test_validate_does_not_warn_about_a_decided_case_however_old_its_review(tmp_path, data_dir, capsys):
    _set(data_dir / CASE, "last_reviewed: 2026-11-01", "last_reviewed: 2020-01-02")
    project = make_project(tmp_path, data_dir)
    (project / "reports").mkdir()
    assert main(["--root", str(project), "validate"]) == 0
    assert "example-v-agency" not in capsys.readouterr().err


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
