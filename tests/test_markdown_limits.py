"""Markdown fields cannot make rendering slow or the PDF engine recurse, and their links lead only to full web
addresses, on the site and in the briefings alike."""

from __future__ import annotations

import time

import pytest

from scripts.records.markdown_text import markdown_problem, render_markdown
from scripts.records.problems import DataError
from scripts.records.validate import validate
from scripts.site.reports.definition import load_reports

from .conftest import TODAY
from .test_validate import problems_for

EVENT = "events/2014-11-20-example-memo.yaml"
NESTING = ("quotes, lists and emphasis are nested more than 12 levels deep; write it flatter (fewer > at the start "
           "of a line, less indentation, fewer * or _ inside each other)")


def summary_problems(data_dir, summary: str) -> list[str]:
    text = (data_dir / EVENT).read_text().replace("summary: |\n  The memo ended the program.\n",
                                                  "summary: |-\n" + "".join(f"  {line}\n" if line else "\n"
                                                                             for line in summary.split("\n")))
    return [p.split(": ", 1)[1] for p in problems_for(data_dir, EVENT, text)]


def test_16_kb_of_nested_link_brackets_are_refused_at_once(data_dir):
    # on the old code this validated and then took about 15 s to render
    nested = "\n\n".join("[" * 1000 + "x" + "]" * 1000 for _ in range(8))
    started = time.perf_counter()
    problems = summary_problems(data_dir, nested)
    assert time.perf_counter() - started < 2
    assert problems == ["event 2014-11-20-example-memo: summary: has [ ] inside [ ] more than 3 levels deep; a "
                        "link's text needs none: remove the extra brackets, or write \\[ and \\] for brackets meant "
                        "as text"]


def test_brackets_that_never_close_are_limited(data_dir):
    assert summary_problems(data_dir, "a [ b " * 21) == [
        "event 2014-11-20-example-memo: summary: has 21 [ that no ] closes; at most 20: close them, or write \\[ for "
        "a bracket meant as text"]
    assert markdown_problem("a \\[ b " * 100) is None  # escaped brackets are text


def test_a_long_paragraph_is_refused(data_dir):
    assert summary_problems(data_dir, "word " * 1001) == [
        "event 2014-11-20-example-memo: summary: has a paragraph of 5,005 characters; at most 5,000: split it with a "
        "blank line"]


@pytest.mark.parametrize("shape", ["quotes", "emphasis", "strong", "lists"])
def test_deep_quotes_emphasis_and_lists_are_refused(data_dir, shape):
    text = {"quotes": "> " * 30 + "x", "emphasis": "*a " * 30 + "x" + " a*" * 30,
            "strong": "**a " * 30 + "x" + " a**" * 30,
            "lists": "\n".join("    " * i + "- x" for i in range(15))}[shape]
    assert summary_problems(data_dir, text) == [f"event 2014-11-20-example-memo: summary: {NESTING}"]


WORST_CASES = {  # each as long as a Markdown field may be, in paragraphs as long as they may be
    "unclosed brackets": ("[" + "x" * 249) * 20,
    "nested brackets": ("[[[" + "x" * 100 + "]]] ") * 48,
    "backslashes": "\\" * 5000,
    "emphasis": "*_" * 2500,
    "open emphasis": "*a" * 2500,
    "angle brackets": "<" * 5000,
    "links": "[" * 20 + "[a](https://x.example/) " * 200,
    "parentheses": "[a](" + "(" * 4990,
}


def test_the_worst_a_field_can_hold_is_refused_or_renders_quickly():
    # 20,000 opening brackets took about a minute to render on the old code; within the limits every shape that
    # makes Python-Markdown slow renders in well under a second per paragraph
    started = time.perf_counter()
    assert markdown_problem("[" * 20_000) is not None
    for shape in WORST_CASES.values():
        text = "\n\n".join([shape[:5000]] * 3)
        if markdown_problem(text) is None:
            render_markdown(text)
    assert time.perf_counter() - started < 10


def test_the_limits_apply_to_a_briefing_intro(data_dir, tmp_path):
    dataset = validate(data_dir, today=TODAY)
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "deep.yaml").write_text("title: T\nintro: |\n  " + "> " * 30 + "x\nintro_records: [example-program]\n"
                                      "programs: [example-program]\n")
    with pytest.raises(DataError) as error:
        load_reports(folder, dataset, [], TODAY)
    assert [str(p) for p in error.value.problems] == [f"reports/deep.yaml:2:8: report deep: intro: {NESTING}"]


@pytest.mark.parametrize("link", ["//evil.example/", "/etc/passwd", "../cases/x/", "#top", "/\\evil.example",
                                  "javascript:alert(1)"])
def test_links_must_be_full_addresses(data_dir, link):
    assert markdown_problem("The memo, in **two** parts:\n\n- *first*, [the memo](https://example.gov/memo.pdf)\n"
                            "  - a nested point\n- second, see <https://example.gov/> or write to "
                            "<mailto:a@example.gov>\n\n> A quoted line [sic].") is None
    assert summary_problems(data_dir, f"See [x]({link}).") == [
        f'event 2014-11-20-example-memo: summary: the link "{link}" does not lead to a full web address; write the '
        "whole address, starting with https:// (or mailto: for an e-mail address)"]


@pytest.mark.parametrize("link", ["//evil.example/", "/etc/passwd", "/\\evil.example", "  //evil.example/",
                                  "javascript:evil()"])
def test_the_sanitiser_drops_links_that_are_not_full_addresses(link):
    # pages and briefing PDFs both render Markdown through render_markdown
    html = str(render_markdown(f"[x]({link}) and [y](https://ok.example/)"))
    assert "evil" not in html and "passwd" not in html
    assert '<a href="https://ok.example/"' in html
