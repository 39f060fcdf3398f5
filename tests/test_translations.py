"""A record's Spanish (`es:`): validation explains a misplaced or mismatched translation at its line, a translation
records which English it translates (english_version, written by `./site.sh translated FILE`), its status turns
"outdated" when the English changes, and the formatter keeps es: blocks canonical."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.__main__ import main
from scripts.records.loader import load_file
from scripts.records.problems import DataError
from scripts.records.registry import REGISTRY
from scripts.records.translations import english_version, status
from scripts.records.validate import validate
from scripts.tools.formatter import format_files

from .conftest import TODAY

EVENT = "events/2008-03-example-launch.yaml"
PROGRAM = "programs/example-program.yaml"
SPANISH = """es:
  title: Empieza el programa de ejemplo
  summary: El programa empezó en marzo de 2008.
"""


def problems(data_dir: Path) -> list[str]:
    try:
        validate(data_dir, today=TODAY, shown_root=data_dir.parent)
    except DataError as error:
        return [str(p) for p in error.problems]
    return []


def append(data_dir: Path, relpath: str, text: str) -> None:
    path = data_dir / relpath
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def translated(data_dir: Path, *relpaths: str) -> int:
    return main(["--root", str(data_dir.parent), "translated", *(str(data_dir / r) for r in relpaths)])


def record(data_dir: Path, relpath: str):
    loaded, found = load_file(data_dir / relpath)
    assert found == []
    return REGISTRY[relpath.split("/")[0]].model.model_validate(loaded.data, context={"today": TODAY})


def test_a_translation_without_english_version_names_the_command_to_run(data_dir):
    append(data_dir, EVENT, SPANISH)
    assert problems(data_dir) == [
        "data/events/2008-03-example-launch.yaml:11:1: event 2008-03-example-launch: es: english_version is missing, "
        "so nobody can tell whether the Spanish is older than the English: once it translates the current English, "
        "run ./site.sh translated data/events/2008-03-example-launch.yaml"]


def test_translated_stamps_the_fingerprint_and_the_status_follows_the_english(data_dir, capsys):
    append(data_dir, EVENT, SPANISH)
    assert translated(data_dir, EVENT) == 0
    event = record(data_dir, EVENT)
    assert event.es.english_version == english_version(event)
    assert status(event) == "translated"
    assert problems(data_dir) == []
    assert "data/events/2008-03-example-launch.yaml: the Spanish now records" in capsys.readouterr().out

    path = data_dir / EVENT
    path.write_text(path.read_text(encoding="utf-8").replace("began in March 2008", "began in April 2008"),
                    encoding="utf-8")
    changed = record(data_dir, EVENT)
    assert english_version(changed) != english_version(event)
    assert status(changed) == "outdated"
    assert problems(data_dir) == []  # an outdated translation is shown as such, not refused

    assert translated(data_dir, EVENT) == 0
    assert status(record(data_dir, EVENT)) == "translated"
    assert translated(data_dir, EVENT) == 0
    assert "already recorded as translating the current English" in capsys.readouterr().out


def test_translated_writes_nothing_when_any_file_has_a_problem(data_dir, capsys):
    append(data_dir, EVENT, SPANISH)
    append(data_dir, "events/2014-11-20-example-memo.yaml", "es:\n  title: El memorando de ejemplo\n")  # no summary
    before = {r: (data_dir / r).read_bytes() for r in (EVENT, "events/2014-11-20-example-memo.yaml")}
    assert translated(data_dir, EVENT, "events/2014-11-20-example-memo.yaml", "events/no-such-event.yaml") == 1
    assert {r: (data_dir / r).read_bytes() for r in before} == before
    err = capsys.readouterr().err
    assert ("data/events/2014-11-20-example-memo.yaml:20:1: event 2014-11-20-example-memo: es: the Spanish lacks "
            "summary, which the English has; translate it, then run ./site.sh translated again (or record a partial "
            "translation: ./site.sh translated --partial FILE)") in err
    assert "data/events/no-such-event.yaml:1:1: no such record file" in err
    assert "nothing was written" in err


def test_translated_refuses_spanish_that_breaks_the_glossary(data_dir, capsys):
    (data_dir / "terms" / "program-term.yaml").write_text(
        "id: program-term\nenglish: [program]\nspanish: [programa]\ndefinition: A plan.\n"
        "last_reviewed: 2026-11-01\n", encoding="utf-8")
    append(data_dir, EVENT, SPANISH.replace("Empieza el programa de ejemplo", "Empieza el plan de ejemplo"))
    before = (data_dir / EVENT).read_bytes()
    assert translated(data_dir, EVENT) == 1
    assert (data_dir / EVENT).read_bytes() == before
    assert ('es.title: the English says "program" but the Spanish uses none of "programa"'
            in capsys.readouterr().err)


@pytest.mark.parametrize("relpath, spanish, expected", [
    (EVENT, "es:\n  titel: Empieza\n  english_version: 0123456789ab\n",
     'data/events/2008-03-example-launch.yaml:12:3: event 2008-03-example-launch: es.titel: "titel" is not a field '
     'that is translated here (did you mean "title"?); the Spanish of a field goes under the English field\'s own '
     "name: rename it or remove it (the fields translated here: unverified, title, summary)"),
    (EVENT, "es:\n  date: 2008-04\n  english_version: 0123456789ab\n",
     'data/events/2008-03-example-launch.yaml:12:3: event 2008-03-example-launch: es.date: "date" is not translated: '
     "it stays the same in every language, so it has no place in the Spanish; remove it (the fields translated "
     "here: unverified, title, summary)"),
    (EVENT, "es:\n  unverified: No confirmado.\n  english_version: 0123456789ab\n",
     "data/events/2008-03-example-launch.yaml:12:3: event 2008-03-example-launch: es.unverified: the English has no "
     "unverified to translate; remove it from the Spanish, or write the English unverified first"),
    (PROGRAM, "es:\n  periods:\n    - {}\n    - {}\n    - {}\n  english_version: 0123456789ab\n",
     "data/programs/example-program.yaml:16:3: program example-program: es.periods: has 3 entries but the English "
     "periods has 2; write one entry per English item, in the same order ({} for an item with nothing to "
     "translate)"),
    (PROGRAM, "es:\n  periods:\n    - {}\n    - note: Reanudado.\n  english_version: 0123456789ab\n",
     "data/programs/example-program.yaml:18:7: program example-program: es.periods[1].note: the English has no "
     "periods[1].note to translate; remove it from the Spanish, or write the English periods[1].note first"),
    (PROGRAM, "es:\n  periods:\n    - start: 2008-04\n    - {}\n  english_version: 0123456789ab\n",
     'data/programs/example-program.yaml:17:7: program example-program: es.periods[0].start: "start" is not '
     "translated: it stays the same in every language, so it has no place in the Spanish; remove it (the fields "
     "translated here: note)"),
])
def test_misplaced_spanish_is_explained_at_its_line(data_dir, relpath, spanish, expected):
    append(data_dir, relpath, spanish)
    assert problems(data_dir) == [expected]


def test_format_puts_es_last_and_keeps_it_canonical(data_dir):
    path = data_dir / EVENT
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("sources:"))
    long_summary = "El programa empezó en marzo de 2008, " * 6
    es_block = f"es:\n  summary: {long_summary.strip()}\n  title: \"Empieza el programa\"\n"
    path.write_text("".join(lines[:at]) + es_block + "".join(lines[at:]), encoding="utf-8")
    before = load_file(path)[0].data
    result = format_files([data_dir], data_dir.parent)
    assert result.problems == [] and result.changed == ["data/events/2008-03-example-launch.yaml"]
    text = path.read_text(encoding="utf-8")
    assert load_file(path)[0].data == before
    assert text.index("last_reviewed:") < text.index("\nes:\n")  # the translation follows the English record
    assert text.index("  title: Empieza") < text.index("  summary: El programa")  # the English field order
    assert max(len(line) for line in text.splitlines()) <= 120
    assert format_files([data_dir], data_dir.parent, check=True).differences == []


def test_translated_partial_records_an_incomplete_translation_shown_as_partly_translated(data_dir):
    memo = "events/2014-11-20-example-memo.yaml"
    append(data_dir, memo, "es:\n  title: El memorando de ejemplo\n")  # no summary
    assert translated(data_dir, memo) == 1
    assert main(["--root", str(data_dir.parent), "translated", "--partial", str(data_dir / memo)]) == 0
    assert status(record(data_dir, memo)) == "partial"
