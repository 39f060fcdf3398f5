"""Each schema and cross-record rule, with a good and a bad example, and the exact message a maintainer sees."""

from __future__ import annotations

import pytest

from scripts.records.problems import DataError
from scripts.records.registry import REGISTRY
from scripts.records.validate import validate

from .conftest import TODAY

CASE = """id: galarza-v-szalczyk
title: Galarza v. Szalczyk
court: U.S. Court of Appeals for the Third Circuit
docket: "No. 12-3991"
filed: 2010-11
decided: 2014-03-04
status: decided
holding: A detainer is a request, so the county was free to decline it.
significance: Counties share responsibility for detentions on detainers.
programs: [example-program]
sources:
  - source: example-report-2014
    pinpoint: p. 3
last_reviewed: 2026-11-01
"""


def problems_for(data_dir, relpath: str, text: str, today=TODAY) -> list[str]:
    path = data_dir / relpath
    path.write_text(text, encoding="utf-8")
    try:
        validate(data_dir, today=today, shown_root=data_dir.parent)
    except DataError as error:
        return [str(p) for p in error.problems]
    return []


def test_fixture_is_valid_and_not_empty(data_dir):
    dataset = validate(data_dir, today=TODAY)
    written = [c.name for c in REGISTRY.hand_written()]
    derived = [c.name for c in REGISTRY if c.name not in written]
    assert sum(len(dataset.collections[name]) for name in written) == len(list(data_dir.glob("*/*.yaml")))
    assert all(dataset.collections[name] for name in written), "every hand-written collection has a record"
    # The places are derived from the fixture's own cut of the real tables (data/datasets/).
    assert derived and all(dataset.collections[name] for name in derived), "agencies, counties and states"


def test_good_case_passes(data_dir):
    assert problems_for(data_dir, "cases/galarza-v-szalczyk.yaml", CASE) == []


@pytest.mark.parametrize("change, expected", [
    (("decided: 2014-03-04", 'decided: "2014-13-04"'),
     'data/cases/galarza-v-szalczyk.yaml:6:10: case galarza-v-szalczyk: decided: "2014-13-04" is not a date: '
     "there is no month 13; use a real date, or 2014 if the month is unknown"),
    (("decided: 2014-03-04", "decided: 2014-02-30"),
     'data/cases/galarza-v-szalczyk.yaml:6:10: case galarza-v-szalczyk: decided: "2014-02-30" is not a date: '
     "February 2014 has no day 30; use a real date, or 2014-02 if the day is unknown"),
    (("decided: 2014-03-04", "decided: 2031-03-04"),
     'data/cases/galarza-v-szalczyk.yaml:6:10: case galarza-v-szalczyk: decided: "2031-03-04" is in the future '
     "(today is 2026-11-23); check the year"),
    (("filed: 2010-11", "filed: 2015-11"),
     "data/cases/galarza-v-szalczyk.yaml:1:1: case galarza-v-szalczyk: filed (2015-11) is after decided "
     "(2014-03-04); swap them or fix the dates"),
    (("status: decided", "status: won"),
     'data/cases/galarza-v-szalczyk.yaml:7:9: case galarza-v-szalczyk: status: "won" is not allowed here; use one '
     "of: 'pending', 'decided', 'settled', 'dismissed', 'appealed' or 'closed'"),
    (("docket: \"No. 12-3991\"\n", ""),
     'data/cases/galarza-v-szalczyk.yaml:1:1: case galarza-v-szalczyk: docket: required field "docket" is missing; '
     "add it (see templates/records/cases.yaml)"),
    (("filed: 2010-11", "filled: 2010-11"),
     'data/cases/galarza-v-szalczyk.yaml:5:1: case galarza-v-szalczyk: filled: unknown field "filled" (did you mean '
     '"filed"?); rename it to one of the fields allowed here, or remove it: aftermath, caption, citation, counsel, court, '
     "courtlistener, decided, docket, es, filed, holding, id, last_reviewed, links, programs, significance, sources, "
     "status, title, unverified"),
    (("programs: [example-program]", "programs: example-program"),
     'data/cases/galarza-v-szalczyk.yaml:10:11: case galarza-v-szalczyk: programs: must be a list, not '
     '"example-program": write one \'- item\' per line, or [a, b]'),
    (("holding: A detainer", "holding: 42\nx: A detainer"),
     "data/cases/galarza-v-szalczyk.yaml:8:10: case galarza-v-szalczyk: holding: must be text, not the number 42; "
     "put it in quotes"),
    (("sources:\n  - source: example-report-2014\n    pinpoint: p. 3\n", "sources: []\n"),
     "data/cases/galarza-v-szalczyk.yaml:11:10: case galarza-v-szalczyk: sources: needs at least 1 entry; add one"),
    (("pinpoint: p. 3", "pinpoint: \"\""),
     "data/cases/galarza-v-szalczyk.yaml:13:15: case galarza-v-szalczyk: sources[0].pinpoint: must not be empty; "
     "write the pinpoint, or leave the field out"),
])
def test_schema_rules(data_dir, change, expected):
    old, new = change
    text = CASE.replace(old, new)
    assert text != CASE
    problems = problems_for(data_dir, "cases/galarza-v-szalczyk.yaml", text)
    if "x: A detainer" in new:  # the stray field is reported too; this test is about the number
        problems = [p for p in problems if ": holding:" in p]
    assert problems == [expected]


def test_id_must_match_file_name(data_dir):
    assert problems_for(data_dir, "cases/galarza.yaml", CASE) == [
        'data/cases/galarza.yaml:1:5: case galarza-v-szalczyk: id: "galarza-v-szalczyk" must match the file name '
        '"galarza.yaml"; rename the file or fix the id']


def test_id_must_be_a_slug(data_dir):
    text = CASE.replace("id: galarza-v-szalczyk", "id: Galarza_v_Szalczyk")
    assert problems_for(data_dir, "cases/Galarza_v_Szalczyk.yaml", text) == [
        'data/cases/Galarza_v_Szalczyk.yaml:1:1: the file name "Galarza_v_Szalczyk.yaml" is not a record id followed '
        "by .yaml: rename the file to the record's id, in lowercase letters, digits and single hyphens (at most 80 "
        'characters, e.g. "galarza-v-szalczyk.yaml")',
        'data/cases/Galarza_v_Szalczyk.yaml:1:5: case Galarza_v_Szalczyk: id: "Galarza_v_Szalczyk" is not a valid id: '
        'use lowercase letters, digits and single hyphens, at most 80 characters, e.g. "galarza-v-szalczyk"']


def test_ids_are_unique_across_collections(data_dir):
    text = CASE.replace("galarza-v-szalczyk", "example-program")
    assert problems_for(data_dir, "cases/example-program.yaml", text) == [
        'data/programs/example-program.yaml:1:5: program example-program: id: "example-program" is already used by '
        "data/cases/example-program.yaml; ids must be unique across all collections: choose another id and rename "
        "the file"]


def test_reference_must_exist_with_a_suggestion(data_dir):
    text = CASE.replace("source: example-report-2014", "source: example-report-2015")
    assert problems_for(data_dir, "cases/galarza-v-szalczyk.yaml", text) == [
        "data/cases/galarza-v-szalczyk.yaml:12:13: case galarza-v-szalczyk: sources[0].source: no source has the id "
        '"example-report-2015" (did you mean "example-report-2014"?); fix the id, or add the source it names']


def test_reference_must_point_to_the_right_collection(data_dir):
    text = CASE.replace("programs: [example-program]", "programs: [example-v-agency]")
    assert problems_for(data_dir, "cases/galarza-v-szalczyk.yaml", text) == [
        'data/cases/galarza-v-szalczyk.yaml:10:12: case galarza-v-szalczyk: programs[0]: "example-v-agency" is a '
        "case, not a program; name a program here"]


def test_urls_must_be_http(data_dir):
    text = (data_dir / "sources/example-memo-2014.yaml").read_text().replace(
        "https://example.gov/memo.pdf", "javascript:alert(1)")
    assert problems_for(data_dir, "sources/example-memo-2014.yaml", text) == [
        'data/sources/example-memo-2014.yaml:6:6: source example-memo-2014: url: "javascript:alert(1)" is not a web '
        "address: write the full address, starting with http:// or https://"]


def test_statistic_needs_its_period(data_dir):
    path = "statistics/example-count-2012.yaml"
    text = (data_dir / path).read_text().replace("period:\n  start: 2012-09-30\n  end: 2012-09-30\n", "")
    assert problems_for(data_dir, path, text) == [
        'data/statistics/example-count-2012.yaml:1:1: statistic example-count-2012: period: required field "period" '
        "is missing; add it (see templates/records/statistics.yaml)"]


def test_period_start_after_end(data_dir):
    path = "statistics/example-count-2012.yaml"
    text = (data_dir / path).read_text().replace("start: 2012-09-30", "start: 2013")
    assert problems_for(data_dir, path, text) == [
        "data/statistics/example-count-2012.yaml:7:3: statistic example-count-2012: period: start (2013) is after end "
        "(2012-09-30); swap them or fix the dates"]


def test_month_precision_periods_compare_by_range(data_dir):
    path = "statistics/example-count-2012.yaml"
    text = (data_dir / path).read_text().replace("start: 2012-09-30", "start: 2012-09")
    assert problems_for(data_dir, path, text) == []


def test_quote_must_cite_a_source(data_dir):
    path = "quotes/example-quote.yaml"
    text = (data_dir / path).read_text()
    text = text[:text.index("sources:")] + "last_reviewed: 2026-11-01\n"
    assert problems_for(data_dir, path, text) == [
        'data/quotes/example-quote.yaml:1:1: quote example-quote: sources: required field "sources" is missing; '
        "add it (see templates/records/quotes.yaml)"]


def test_future_date_override_for_tests(data_dir):
    text = CASE.replace("decided: 2014-03-04", "decided: 2026-12-01")
    import datetime as dt
    assert problems_for(data_dir, "cases/galarza-v-szalczyk.yaml", text, today=dt.date(2027, 1, 1)) == []
    assert len(problems_for(data_dir, "cases/galarza-v-szalczyk.yaml", text, today=TODAY)) == 1


def test_every_problem_is_reported_in_one_run(data_dir):
    (data_dir / "events/2008-03-example-launch.yaml").write_text("id: 2008-03-example-launch\ndate: 2008-13\n")
    (data_dir / "sources/broken.yaml").write_text("id: [\n")
    (data_dir / "notes.txt").write_text("hello")
    problems = problems_for(data_dir, "cases/galarza-v-szalczyk.yaml", CASE.replace("status: decided", "status: x"))
    files = {p.split(":")[0] for p in problems}
    assert files == {"data/events/2008-03-example-launch.yaml", "data/sources/broken.yaml", "data/notes.txt",
                     "data/cases/galarza-v-szalczyk.yaml"}
    assert len(problems) >= 8


def test_wrong_file_extension(data_dir):
    (data_dir / "cases/galarza-v-szalczyk.yml").write_text(CASE)
    with pytest.raises(DataError) as error:
        validate(data_dir, today=TODAY, shown_root=data_dir.parent)
    assert [str(p) for p in error.value.problems] == [
        'data/cases/galarza-v-szalczyk.yml:1:1: not a record file: record files end in .yaml; rename it to '
        '"galarza-v-szalczyk.yaml"']


def test_empty_data_folder_is_an_error_not_a_pass(tmp_path):
    (tmp_path / "data").mkdir()
    with pytest.raises(DataError) as error:
        validate(tmp_path / "data", today=TODAY)
    assert "no records found" in str(error.value.problems[0])


def test_github_annotations(data_dir, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    (data_dir / "cases/galarza-v-szalczyk.yaml").write_text(CASE.replace("status: decided", "status: won"))
    with pytest.raises(DataError) as error:
        validate(data_dir, today=TODAY, shown_root=data_dir.parent)
    report = error.value.report()
    assert "::error file=data/cases/galarza-v-szalczyk.yaml,line=7,col=9::case galarza-v-szalczyk: status:" in report
    assert report.splitlines()[0].startswith("data/cases/galarza-v-szalczyk.yaml:7:9: ")


REDIRECTS = """redirects:
  - old: example-v-department
    new: example-v-agency
    date: 2026-11-02
    reason: The caption was corrected.
"""


def test_redirect_to_an_existing_record_passes(data_dir):
    (data_dir / "redirects.yaml").write_text(REDIRECTS)
    assert validate(data_dir, today=TODAY).redirects == {"example-v-department": "example-v-agency"}


@pytest.mark.parametrize("change, expected", [
    (("new: example-v-agency", "new: example-v-agencies"),
     'data/redirects.yaml:2:5: redirects[0]: no record has the id "example-v-agencies" (did you mean '
     '"example-v-agency"?); name the record\'s id now'),
    (("old: example-v-department", "old: example-program"),
     'data/redirects.yaml:2:5: redirects[0]: "example-program" is the id of data/programs/example-program.yaml; '
     "only an id no record uses can redirect: remove this entry or rename that record"),
    (("reason: The caption was corrected.\n", ""),
     'data/redirects.yaml:2:5: redirects: redirects[0].reason: required field "reason" is missing; add it (see '
     "schema/redirects.schema.json)"),
])
def test_redirect_rules(data_dir, change, expected):
    (data_dir / "redirects.yaml").write_text(REDIRECTS.replace(*change))
    with pytest.raises(DataError) as error:
        validate(data_dir, today=TODAY, shown_root=data_dir.parent)
    assert [str(p) for p in error.value.problems] == [expected]
