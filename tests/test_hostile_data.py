"""What a pull request's data can try, and what the validator answers: every problem of every file in one run, a
message that says what to do and names only files that exist, nothing a terminal or CI runner would act on, no value
that passes validation and then breaks the build, no reserved name, no cost that grows faster than the input."""

from __future__ import annotations

import re
import subprocess
import sys
import time

import pytest

from scripts.__main__ import main
from scripts.records.limits import MAX_LIST_ITEMS, MAX_RECORD_TEXT_BYTES, limits_table
from scripts.records.problems import DataError, Problem
from scripts.records.validate import validate

from .conftest import ROOT, TODAY, make_project
from .test_validate import CASE, problems_for

STATISTIC = "statistics/example-count-2012.yaml"
SOURCE = "sources/example-memo-2014.yaml"


def edited(data_dir, relpath: str, old: str, new: str) -> list[str]:
    text = (data_dir / relpath).read_text()
    assert old in text
    return problems_for(data_dir, relpath, text.replace(old, new))


# a. One run reports every problem at once.

def test_schema_error_does_not_hide_wrong_references_in_the_same_or_another_file(data_dir):
    (data_dir / "events/2008-03-example-launch.yaml").write_text(
        (data_dir / "events/2008-03-example-launch.yaml").read_text()
        .replace("example-program", "example-progam").replace("type: launch", "type: lunch"))
    problems = edited(data_dir, STATISTIC, "series: example-series", "series: example-serie")
    assert [p.split(": ", 1)[1] for p in problems] == [
        "event 2008-03-example-launch: type: \"lunch\" is not allowed here; use one of: 'policy', 'memo', "
        "'executive-order', 'court-decision', 'report', 'letter', 'legislation', 'litigation', 'statement', 'form', "
        "'launch', 'expansion', 'agreement', 'data-release', 'announcement' or 'guidance'",
        'event 2008-03-example-launch: programs[0]: no program has the id "example-progam" (did you mean '
        '"example-program"?); fix the id, or add the program it names',
        'statistic example-count-2012: series: no series has the id "example-serie" (did you mean '
        '"example-series"?); fix the id, or add the series it names']


def test_a_record_that_fails_the_schema_still_counts_for_what_refers_to_it(data_dir):
    # the program has a schema error; the records naming it get no false "no program has the id", but a record that
    # names it where a case is expected is still told so
    (data_dir / "programs/example-program.yaml").write_text(
        (data_dir / "programs/example-program.yaml").read_text().replace("name:", "nmae:"))
    problems = problems_for(data_dir, "cases/galarza-v-szalczyk.yaml",
                            CASE.replace("programs: [example-program]", "programs: [example-program]\n"
                                                                        "x: 1"))
    assert not [p for p in problems if "no program has" in p]
    events = edited(data_dir, "events/2014-11-20-example-memo.yaml", "cases:\n", "cases:\n  - example-program\n")
    assert [p for p in events if ": cases[0]:" in p] == [
        'data/events/2014-11-20-example-memo.yaml:13:5: event 2014-11-20-example-memo: cases[0]: "example-program" '
        "is a program, not a case; name a case here"]


def test_validate_reports_data_and_briefing_problems_in_one_run(tmp_path, data_dir, capsys):
    (data_dir / "events/2008-03-example-launch.yaml").write_text(
        (data_dir / "events/2008-03-example-launch.yaml").read_text().replace("type: launch", "type: lunch"))
    project = make_project(tmp_path, data_dir)
    (project / "reports").mkdir()
    (project / "reports/example.yaml").write_text(
        "title: T\nintro: I\nintro_records: [example-program]\nprograms: [example-progam]\n"
        "charts: [series-example-series, no-such-chart]\n")
    assert main(["--root", str(project), "validate"]) == 1
    err = capsys.readouterr().err
    assert "data/events/2008-03-example-launch.yaml:" in err and 'type: "lunch" is not allowed' in err
    assert 'reports/example.yaml:4:12: report example: programs[0]: no program has the id "example-progam"' in err
    assert 'charts[1]: no chart has the id "no-such-chart"' in err
    assert "series-example-series" not in err.split("no-such-chart")[0]  # a series' chart is known while data fails


# b. Every message says what to do, and names only files that exist.

BROKEN_RECORDS = {
    "missing field": ("cases/galarza-v-szalczyk.yaml", CASE.replace("court: U.S. Court of Appeals for the Third "
                                                                    "Circuit\n", "")),
    "unknown field": ("cases/galarza-v-szalczyk.yaml", CASE.replace("filed:", "filled:")),
    "impossible date": ("cases/galarza-v-szalczyk.yaml", CASE.replace("decided: 2014-03-04", "decided: 2015-02-30")),
    "tagged date": ("cases/galarza-v-szalczyk.yaml", CASE.replace("decided: 2014-03-04",
                                                                  "decided: !!timestamp 2015-02-30")),
    "not a mapping": ("cases/galarza-v-szalczyk.yaml", "- a\n"),
    "empty list": ("cases/galarza-v-szalczyk.yaml", CASE.replace("programs: [example-program]", "programs: []")
                   .replace("sources:\n  - source: example-report-2014\n    pinpoint: p. 3\n", "sources: []\n")),
    "wrong type": ("cases/galarza-v-szalczyk.yaml", CASE.replace("status: decided", "status: [decided]")),
    "redirects": ("redirects.yaml", "redirects:\n  - old: x\n"),
    "redirects not a mapping": ("redirects.yaml", "- x\n"),
}


@pytest.mark.parametrize("name", BROKEN_RECORDS)
def test_messages_say_what_to_do_and_name_only_files_in_the_repository(data_dir, name):
    relpath, text = BROKEN_RECORDS[name]
    problems = problems_for(data_dir, relpath, text)
    assert problems
    for problem in problems:
        message = problem.split(": ", 1)[1]
        assert re.search(r"; |: (use|write|add|remove|rename|name|fix|keep|choose)|\(see ", message), problem
        for path in re.findall(r"[\w.-]+(?:/[\w.<>-]+)+\.(?:md|yaml|json|py)\b", message):
            assert (ROOT / path).exists(), f"{problem}: {path} is not in the repository"


def test_impossible_date_says_how_to_write_a_real_one(data_dir):
    assert problems_for(data_dir, "cases/galarza-v-szalczyk.yaml",
                        CASE.replace("decided: 2014-03-04", "decided: 2015-02-30")) == [
        'data/cases/galarza-v-szalczyk.yaml:6:10: case galarza-v-szalczyk: decided: "2015-02-30" is not a date: '
        "February 2015 has no day 30; use a real date, or 2015-02 if the day is unknown"]


def test_every_help_path_in_the_validators_source_exists():
    for module in ("scripts/records/validate.py", "scripts/records/schema.py", "scripts/records/loader.py", "scripts/site/reports/definition.py"):
        source = (ROOT / module).read_text()
        for path in re.findall(r"see ((?:docs|schema|templates|reports)/[\w./{}-]+)", source):
            if "{collection}" in path:
                for collection in ("events", "cases", "statistics"):
                    assert (ROOT / path.replace("{collection}", collection)).exists(), path
            else:
                assert (ROOT / path).exists(), f"{module} points to {path}, which is not in the repository"


# e. Messages never emit text a terminal or a CI runner acts on.

def test_workflow_commands_and_escape_sequences_in_a_value_are_shown_escaped(data_dir, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    hostile = "https://x.example/\\n::error file=a,line=1::fake\\n::add-mask::secret\\r\\x1b[2J\\x1b]0;t\\x07\\b\\u202e"
    (data_dir / SOURCE).write_text((data_dir / SOURCE).read_text().replace(
        "url: https://example.gov/memo.pdf", f'url: "{hostile}"'))
    with pytest.raises(DataError) as error:
        validate(data_dir, today=TODAY, shown_root=data_dir.parent)
    report = error.value.report()
    lines = report.splitlines()
    assert len(lines) == 3  # the problem, its one annotation, the summary: no line was injected
    assert not any(line.startswith("::") for line in lines[:1] + lines[2:])
    assert lines[1].startswith("::error file=data/sources/example-memo-2014.yaml,line=6,col=6::")
    assert not re.search("[\x00-\x1f\x7f\u202a-\u202e\u2066-\u2069]", report.replace("\n", ""))
    assert r"\n::error file=a,line=1::fake\n::add-mask::secret\r\x1b[2J\x1b]0;t\x07\x08\u202e" in lines[0]


@pytest.mark.parametrize("char, shown", [("\x1b", r"\x1b"), ("\x9b", r"\x9b"), ("\x07", r"\x07"), ("\b", r"\x08"),
                                         ("\r", r"\r"), ("\u202e", r"\u202e"), ("\u2066", r"\u2066"),
                                         ("\u2069", r"\u2069"), ("\u2028", r"\u2028"), ("\u200b", r"\u200b")])
def test_every_control_and_bidi_character_is_escaped(char, shown):
    problem = Problem(f"data/events/a{char}.yaml", 1, 1, f"title: {char}x")
    assert str(problem) == f"data/events/a{shown}.yaml:1:1: title: {shown}x"
    assert char not in problem.github_annotation()


def test_a_file_name_cannot_inject_annotation_properties():
    annotation = Problem("data/a,line=99::x.yaml", 1, 2, "m").github_annotation()
    assert annotation == "::error file=data/a%2Cline=99%3A%3Ax.yaml,line=1,col=2::m"


# f. Values that would pass validation and then break the build.

@pytest.mark.parametrize("blank", [" ", "\u00a0", "\u3000", "\u200b", " \u200b\u00a0 "])
def test_a_blank_title_is_refused(data_dir, blank):
    assert edited(data_dir, SOURCE, "title: Example Memo", f'title: "{blank}"') == [
        "data/sources/example-memo-2014.yaml:2:8: source example-memo-2014: title: must not be blank (it holds only "
        "spaces or invisible characters); write the title"]


@pytest.mark.parametrize("value, expected", [
    (".nan", ".nan is not a number"), (".inf", "inf is not a number"), ("-.inf", "-inf is not a number"),
    ("-5", "-5 is negative"), ("1" * 400, "larger than 1,000,000,000,000,000"), ("1" * 5000, "too many digits"), ("1" * 20, "larger than 1,000,000,000,000,000"),
    ("1.0e+300", "larger than"),
])
def test_impossible_statistic_values_are_refused_with_a_message(data_dir, value, expected):
    problems = edited(data_dir, STATISTIC, "value: 1234", f"value: {value}")
    assert len(problems) == 1 and problems[0].startswith("data/statistics/example-count-2012.yaml:3:8: ")
    assert expected.replace(".nan", "nan") in problems[0].replace("'", "").replace("float(", ""), problems[0]


@pytest.mark.parametrize("field, old, new", [
    ("id", "id: example-memo-2014", 'id: "example-memo-2014\\n"'),
    ("url", "url: https://example.gov/memo.pdf", 'url: "https://example.gov/memo.pdf\\n"'),
    ("archive_url", "url: https://example.gov/memo.pdf", 'url: https://example.gov/memo.pdf\narchive_url: '
                                                        '"https://web.archive.org/x\\n"'),
])
def test_ids_and_urls_may_not_end_in_a_newline(data_dir, field, old, new):
    problems = edited(data_dir, SOURCE, old, new)
    assert any(f": {field}: " in p for p in problems), problems


@pytest.mark.parametrize("name", ["x\n.yaml", "x\x1b[2J.yaml", "Über.yaml", "a b.yaml", "-x.yaml"])
def test_a_file_name_that_is_not_an_id_is_refused(data_dir, name):
    (data_dir / "events" / name).write_text("id: x\n")
    with pytest.raises(DataError) as error:
        validate(data_dir, today=TODAY, shown_root=data_dir.parent)
    [first] = [p for p in error.value.problems if "is not a record id followed by .yaml: rename the file" in p.message]
    assert "\n" not in str(first) and "\x1b" not in str(first)


def test_a_file_name_with_a_newline_does_not_crash_the_build(data_dir, tmp_path):
    (data_dir / "events" / "x\n.yaml").write_text("id: x\n")
    project = make_project(tmp_path, data_dir)
    result = subprocess.run([sys.executable, "-m", "scripts", "--root", str(project), "build", "--site-dir",
                             str(tmp_path / "site")], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert 'data/events/x\\n.yaml:1:1: the file name "x\\n.yaml" is not a record id' in result.stderr


# g. Reserved names.

def test_a_record_called_index_is_refused(data_dir):
    problems = problems_for(data_dir, "cases/index.yaml", CASE.replace("id: galarza-v-szalczyk", "id: index"))
    assert problems[0] == ('data/cases/index.yaml:1:1: "index" cannot be a record\'s id: the site uses that name '
                           "for the collection's own page; choose another id and rename the file")
    assert any("id: \"index\" cannot be an id" in p for p in problems)


def test_a_redirect_from_index_is_refused(data_dir):
    (data_dir / "redirects.yaml").write_text("redirects:\n  - old: index\n    new: example-v-agency\n"
                                             "    date: 2026-11-02\n    reason: x\n")
    with pytest.raises(DataError) as error:
        validate(data_dir, today=TODAY, shown_root=data_dir.parent)
    assert 'redirects[0].old: "index" cannot be an id' in str(error.value.problems[0])


# h. URL fields hold no invisible characters.

@pytest.mark.parametrize("escaped", ["\\0", "\\x01", "\\u202e", "\\u2066", "\\u200b", "\\t", " ", "\\u00a0"])
def test_a_url_with_an_invisible_character_is_refused(data_dir, escaped):
    problems = edited(data_dir, SOURCE, "url: https://example.gov/memo.pdf",
                      f'url: "https://example.gov/me{escaped}mo.pdf"')
    assert len(problems) == 1 and ": url: " in problems[0]
    assert "copy the address again" in problems[0]


# i. Amplification: explicit limits, and a bounded "did you mean".

def test_half_a_million_authors_are_refused_quickly(data_dir):
    authors = "authors: [" + "a," * 500_000 + "]\n"  # 1 MB
    started = time.perf_counter()
    problems = edited(data_dir, SOURCE, "publisher:", authors + "publisher:")
    assert time.perf_counter() - started < 5
    assert problems == ["data/sources/example-memo-2014.yaml:3:99997: the file holds more than 50,000 values; a "
                        "record needs far fewer: remove pasted or repeated content"]


def test_the_text_of_a_record_is_limited_as_a_whole(data_dir):
    authors = "authors:\n" + f"  - {'a' * 999}\n" * (MAX_RECORD_TEXT_BYTES // 999)
    problems = edited(data_dir, SOURCE, "publisher:", authors + "publisher:")
    assert len(problems) == 1 and problems[0].startswith(
        "data/sources/example-memo-2014.yaml:1:1: source example-memo-2014: the record's text is 100,")
    assert problems[0].endswith(f" bytes; at most {MAX_RECORD_TEXT_BYTES:,}: keep summaries short and in your own "
                                "words, and split a long list into records of its own")


def test_a_long_list_is_refused(data_dir):
    authors = "authors:\n" + "".join(f"  - Author {i}\n" for i in range(MAX_LIST_ITEMS + 1))
    assert edited(data_dir, SOURCE, "publisher:", authors + "publisher:") == [
        f"data/sources/example-memo-2014.yaml:4:3: source example-memo-2014: authors: has {MAX_LIST_ITEMS + 1} "
        f"entries; at most {MAX_LIST_ITEMS}: keep the ones a reader needs"]


@pytest.mark.parametrize("field, old, length, limit", [
    ("title", "title: Example Memo", 1_001, "1,000"),
    ("note", "last_reviewed:", 20_001, "20,000"),
])
def test_a_long_text_is_refused(data_dir, field, old, length, limit):
    words = ("word " * length)[:length]
    new = f"title: {words}" if field == "title" else f"note: |-\n  {words}\n" + old
    problems = edited(data_dir, SOURCE, old, new)
    assert any(f"{field}: is {length:,} characters long; at most {limit}: shorten it" in p for p in problems), problems


def test_thousands_of_near_miss_ids_are_checked_quickly(data_dir):
    for i in range(3000):
        (data_dir / f"sources/example-source-number-{i:04d}-about-detainers.yaml").write_text(
            f"id: example-source-number-{i:04d}-about-detainers\ntitle: T\npublisher: P\ndate: 2014\ntype: memo\n"
            "url: https://example.gov/\nlast_reviewed: 2026-11-01\n")
    refs = "".join(f"  - source: example-source-numbr-{i:04d}-about-detainers\n" for i in range(MAX_LIST_ITEMS))
    for n in range(10):
        (data_dir / f"events/2014-11-20-near-miss-{n}.yaml").write_text(
            f"id: 2014-11-20-near-miss-{n}\ntitle: T\ndate: 2014-11-20\ntype: memo\nsummary: S\n"
            f"last_reviewed: 2026-11-01\nsources:\n{refs}")
    started = time.perf_counter()
    with pytest.raises(DataError) as error:
        validate(data_dir, today=TODAY)
    assert time.perf_counter() - started < 20
    messages = [p.message for p in error.value.problems]
    assert len(messages) == 10 * MAX_LIST_ITEMS
    assert 'did you mean "example-source-number-0000-about-detainers"' in messages[0]


def test_the_readme_lists_the_limits_the_code_applies():
    assert limits_table() in (ROOT / "README.md").read_text()
