"""The explicit limits on what a data or briefing file may hold. Each is far above what real records need (the largest
real record is under 6 KB, its longest Markdown field under 3,500 characters and paragraph under 1,800, its
longest list 20 entries), and low
enough that no file can make validation or the build slow, huge or crash. README.md lists them (a test keeps that
table equal to `limits_table()`)."""

from __future__ import annotations

MAX_FILE_BYTES = 1024 * 1024
MAX_NESTING = 20  # groups and lists inside each other in one YAML file
MAX_VALUES = 50_000  # values (text, numbers, groups, lists) in one YAML file
MAX_RECORD_TEXT_BYTES = 100_000  # UTF-8 bytes of all the text of one record together
MAX_ID_CHARS = 80
MAX_TEXT_CHARS = 1_000  # a title, name, pinpoint or other one-line text
MAX_MARKDOWN_CHARS = 20_000  # a summary, note or other Markdown field
MAX_URL_CHARS = 2_000
MAX_LIST_ITEMS = 100  # authors, sources, programs… in one list
MAX_REDIRECTS = 10_000  # entries in data/redirects.yaml
MAX_NUMBER = 10**15  # a statistic's value (a quadrillion: above any count or dollar amount in the subject)
MAX_MARKDOWN_PARAGRAPH_CHARS = 5_000  # Markdown's inline work grows with the square of a paragraph's length
MAX_MARKDOWN_BRACKET_DEPTH = 3  # [ inside [ inside [
MAX_MARKDOWN_UNCLOSED_BRACKETS = 20  # [ never closed by ]
MAX_MARKDOWN_NESTING = 12  # HTML elements inside each other in a rendered field (quotes, lists, emphasis)
MAX_SUGGESTIONS = 20  # "did you mean" searches in one run; later unknown ids get none
MAX_SUGGESTION_CANDIDATES = 300  # ids compared in one search (of a similar length, sharing the longest start)
MAX_PROBLEMS_PER_KIND = 20  # problems of one kind shown (the command line, the problem page); the rest are counted
MAX_TABLE_FILE_BYTES = 20 * 1024 * 1024  # a CSV table under data/datasets/ (the largest is about 0.5 MB)
MAX_TABLE_ROWS = 100_000  # rows of one CSV table (the longest has 3,246)
MAX_TABLE_COLUMNS = 100  # cells of one CSV row (the widest table has 14 columns)
MAX_CELL_CHARS = 5_000  # one CSV cell (the longest is 500 characters)
MAX_JSON_FILE_BYTES = 5 * 1024 * 1024  # a JSON file under data/datasets/ (the county map is about 0.8 MB)
MAX_JSON_NESTING = 32  # objects and arrays inside each other in one JSON file (the county map has 8 levels)
# A publisher's .xlsx workbook read by an ingest (ICE's 287(g) lists, ICE's detention statistics): checked from the
# zip's table of contents before anything is inflated (the 154 detention workbooks: at most 1.6 MB, 76 parts,
# 13 MB inflated, a part inflating 9 times; ICE's 287(g) lists under 200 KB and 2 MB inflated).
MAX_XLSX_FILE_BYTES = 20 * 1024 * 1024
MAX_XLSX_PARTS = 1_000  # files inside the .xlsx (a workbook of one sheet has about a dozen)
MAX_XLSX_INFLATED_BYTES = 50 * 1024 * 1024  # every part inflated
MAX_XLSX_RATIO = 100  # a part of over 1 MB inflating more than this many times its packed size: a zip bomb


def limits_table() -> str:
    """The limits as a Markdown table (in README.md)."""
    rows = [
        ("a YAML file (record, `data/redirects.yaml` or briefing)", f"{MAX_FILE_BYTES:,} bytes"),
        ("groups and lists nested inside each other in one file", f"{MAX_NESTING} levels"),
        ("values in one file", f"{MAX_VALUES:,}"),
        ("all the text of one record together", f"{MAX_RECORD_TEXT_BYTES:,} bytes (UTF-8)"),
        ("an id", f"{MAX_ID_CHARS} characters"),
        ("a one-line text field (title, name, pinpoint…)", f"{MAX_TEXT_CHARS:,} characters"),
        ("a Markdown field (summary, note…)", f"{MAX_MARKDOWN_CHARS:,} characters"),
        ("a web address", f"{MAX_URL_CHARS:,} characters"),
        ("entries in one list (authors, sources, programs…)", f"{MAX_LIST_ITEMS}"),
        ("entries in `data/redirects.yaml`", f"{MAX_REDIRECTS:,}"),
        ("a statistic's value", f"0 to {MAX_NUMBER:,}, a finite number"),
        ("a paragraph of a Markdown field (text between blank lines)", f"{MAX_MARKDOWN_PARAGRAPH_CHARS:,} characters"),
        ("`[` inside `[` in a Markdown field", f"{MAX_MARKDOWN_BRACKET_DEPTH} levels"),
        ("`[` never closed by `]` in a Markdown field", f"{MAX_MARKDOWN_UNCLOSED_BRACKETS}"),
        ("quotes, lists and emphasis inside each other in a Markdown field", f"{MAX_MARKDOWN_NESTING} levels"),
        ('"did you mean" searches in one run', f"{MAX_SUGGESTIONS}"),
        ('ids compared in one "did you mean" search', f"{MAX_SUGGESTION_CANDIDATES}"),
        ("problems of one kind shown in one run (the rest are counted)", f"{MAX_PROBLEMS_PER_KIND}"),
        ("a CSV table under `data/datasets/`", f"{MAX_TABLE_FILE_BYTES:,} bytes"),
        ("rows of one CSV table", f"{MAX_TABLE_ROWS:,}"),
        ("cells in one CSV row", f"{MAX_TABLE_COLUMNS}"),
        ("one CSV cell", f"{MAX_CELL_CHARS:,} characters"),
        ("a JSON file under `data/datasets/` (provenance, map)", f"{MAX_JSON_FILE_BYTES:,} bytes"),
        ("objects and arrays nested inside each other in one JSON file", f"{MAX_JSON_NESTING} levels"),
    ]
    lines = ["| what | at most |", "| --- | --- |"] + [f"| {what} | {limit} |" for what, limit in rows]
    return "\n".join(lines)
