"""The canonical YAML text: schema key order, quoting the loader agrees with, folding within the line width, and
loading it back always gives exactly the same data (also for generated text, via hypothesis)."""

from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scripts.records.loader import load_file
from scripts.records.record_yaml import LINE_WIDTH, canonical, dump, field_order, has_modeline, modeline, same_content
from scripts.records.registry import REGISTRY
from scripts.records.schema import Case

from .conftest import FIXTURE_DATA, examples

COLLECTIONS = REGISTRY.models()


def read_back(tmp_path, text: str):
    path = tmp_path / "record.yaml"
    path.write_text(text, encoding="utf-8")
    loaded, problems = load_file(path)
    assert problems == [], f"{problems} in:\n{text}"
    return loaded.data


def test_fixture_files_are_canonical():
    for path in sorted(FIXTURE_DATA.glob("*/*.yaml")):
        loaded, problems = load_file(path)
        assert problems == []
        assert canonical(loaded.data, path.parent.name) == path.read_text(encoding="utf-8"), f"run ./site.sh " \
            f"format tests/fixtures/data ({path} is not canonical)"


def test_fields_follow_the_schema_with_bookkeeping_last():
    assert field_order(Case)[:3] == ["id", "title", "caption"]
    # the translations come after the English record they translate, where translators add them
    assert field_order(Case)[-4:] == ["unverified", "sources", "last_reviewed", "es"]
    for model in COLLECTIONS.values():
        assert sorted(field_order(model)) == sorted(model.model_fields)


def test_keys_are_reordered_recursively_and_unknown_keys_go_last():
    data = {"last_reviewed": "2026-11-01", "zzz": 1, "sources": [{"pinpoint": "p. 2", "source": "s"}],
            "status": "decided", "title": "T", "id": "t"}
    assert dump(data, Case) == ("id: t\ntitle: T\nstatus: decided\nsources:\n  - source: s\n    pinpoint: p. 2\n"
                                "last_reviewed: 2026-11-01\nzzz: 1\n")


@pytest.mark.parametrize("value, line", [
    ("2014-11-20", "x: 2014-11-20"),  # dates stay text in this project, so they need no quotes
    ("2014", 'x: "2014"'),  # but text that reads as a number is quoted
    (2014, "x: 2014"),
    ("1:14", 'x: "1:14"'),  # YAML 1.1 reads 1:14 as the number 74
    ("true", 'x: "true"'),
    ("NO", "x: NO"),  # only true/false are booleans here
    ("", 'x: ""'),
    ("null", 'x: "null"'),
    ("No. 1:14-cv-00001", "x: No. 1:14-cv-00001"),
    ("Re: the memo", 'x: "Re: the memo"'),
    ("# not a comment", 'x: "# not a comment"'),
    ('"Request" and "advise"', "x: '\"Request\" and \"advise\"'"),  # fewer escapes in single quotes
    ("It's \"a\" test's", "x: It's \"a\" test's"),  # quotes inside text need no quoting
    ("Re: \"a\" isn't 'b'", "x: \"Re: \\\"a\\\" isn't 'b'\""),  # as many ' as ": double quotes
    ("café – § 287.7", "x: café – § 287.7"),
    (3.5, "x: 3.5"),
    (True, "x: true"),
    (None, "x: null"),
    ([], "x: []"),
])
def test_quoting(tmp_path, value, line):
    text = dump({"x": value})
    assert text == line + "\n"
    assert same_content(read_back(tmp_path, text), {"x": value})


def test_lists_are_one_item_per_line_indented_under_their_field():
    assert dump({"programs": ["a", "b"], "links": [{"label": "L", "url": "u"}]}) == (
        "programs:\n  - a\n  - b\nlinks:\n  - label: L\n    url: u\n")


def test_text_with_line_breaks_is_a_block_that_keeps_them(tmp_path):
    value = "First paragraph, with a very long line that is never folded because its breaks are text." * 3 + \
            "\n\nSecond.\n"
    text = dump({"summary": value})
    assert text.startswith("summary: |\n  First paragraph")
    assert "\n\n  Second.\n" in text
    assert read_back(tmp_path, text) == {"summary": value}
    assert dump({"summary": "no final break\nhere"}) == "summary: |-\n  no final break\n  here\n"
    # A line ending in a space cannot be kept in a block, so such text becomes one quoted line; nothing is lost.
    assert dump({"summary": "trailing \nspace\n"}) == 'summary: "trailing \\nspace\\n"\n'


def test_long_text_is_folded_within_the_line_width(tmp_path):
    value = " ".join(["detainer"] * 60)
    text = dump({"holding": value, "sources": [{"source": "s", "pinpoint": value}]})
    assert max(len(line) for line in text.splitlines()) <= LINE_WIDTH
    assert len(text.splitlines()) > 4
    assert read_back(tmp_path, text) == {"holding": value, "sources": [{"source": "s", "pinpoint": value}]}


def test_long_text_that_needs_quotes_is_folded_under_a_block_marker(tmp_path):
    value = "Re: " + " ".join(["ICE's detainer #287"] * 12)
    text = dump({"title": value, "sources": [{"source": "s", "pinpoint": value}]})
    assert text.startswith("title: >-\n  Re: ICE's detainer #287 ")
    assert "\n    pinpoint: >-\n      Re: " in text
    assert max(len(line) for line in text.splitlines()) <= LINE_WIDTH
    assert read_back(tmp_path, text) == {"title": value, "sources": [{"source": "s", "pinpoint": value}]}
    assert dump({"title": "Re: short"}) == 'title: "Re: short"\n'


def test_a_long_web_address_is_never_cut(tmp_path):
    url = "https://example.org/" + "a" * 150
    assert dump({"url": url}) == f"url: {url}\n"


def test_double_spaces_and_unusual_line_breaks_survive(tmp_path):
    for value in ["two  spaces " + "word " * 40, "line\u2028separator", "carriage\rreturn", "next\x85line"]:
        text = dump({"x": value})
        assert read_back(tmp_path, text) == {"x": value}


def test_modeline_is_optional_and_points_at_the_collection_schema():
    text = canonical({"id": "a"}, "cases", with_modeline=True)
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../schema/cases.schema.json"
    assert has_modeline(text) and not has_modeline("id: a\n")
    assert modeline("events").endswith("/schema/events.schema.json")


def test_same_content_tells_types_apart():
    assert same_content({"a": [1, "x"]}, {"a": [1, "x"]})
    assert not same_content(1, 1.0) and not same_content(1, True) and not same_content("1", 1)
    assert not same_content({"a": 1}, {"b": 1})


_keys = st.text(alphabet=string.ascii_lowercase + "_", min_size=1, max_size=8)
_words = st.lists(st.sampled_from(["a", "detainer", "- x", "#", ":", "'", '"', "2014-11-20", "true", "1:14", "",
                                   "\n", "\n\n", "é", "x" * 130, "? y", "|", "&a", "*b", "!t", "%", "@", "null",
                                   "  "]), max_size=40).map(" ".join)
_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\t\ufeff"), max_size=200)
_scalars = st.one_of(_text, _words, st.integers(), st.floats(allow_nan=False), st.booleans(), st.none())
_values = st.recursive(_scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                         st.dictionaries(_keys, inner, max_size=3)), max_leaves=8)


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.sampled_from(["id", "title", "summary", "sources", "programs", "extra"]), _values,
                       min_size=1))
def test_any_record_round_trips_and_formatting_twice_changes_nothing(tmp_path, data):
    text = canonical(data, "events")
    again = read_back(tmp_path, text)
    assert same_content(again, data)
    assert canonical(again, "events") == text
