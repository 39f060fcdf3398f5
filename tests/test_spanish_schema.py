"""The Spanish of a record is checked like its English: the same rules for blank text and lengths, reported at the
Spanish field's own line."""

from __future__ import annotations

from .test_validate import problems_for

EVENT = "events/2008-03-example-launch.yaml"


def test_blank_spanish_text_is_refused_at_its_line(data_dir):
    path = data_dir / EVENT
    text = path.read_text(encoding="utf-8") + "es:\n  title: '   '\n"
    line = text.splitlines().index("  title: '   '") + 1
    problems = problems_for(data_dir, EVENT, text)
    assert any(f"{EVENT}:{line}:" in p and "es.title" in p and "blank" in p for p in problems), problems


def test_spanish_text_over_the_english_limit_is_refused(data_dir):
    from scripts.records import limits

    path = data_dir / EVENT
    text = path.read_text(encoding="utf-8") + "es:\n  title: " + "a" * (limits.MAX_TEXT_CHARS + 1) + "\n"
    problems = problems_for(data_dir, EVENT, text)
    assert any("es.title" in p for p in problems), problems
