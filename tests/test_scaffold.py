"""`python -m scripts new <type> "Title"`: a valid id from the title (date first for events), today's date, a file the
loader and formatter accept, every blank required field reported by the validator, and no id used twice."""

from __future__ import annotations

import datetime as dt

import pytest

from scripts.__main__ import main
from scripts.records.loader import load_file
from scripts.records.problems import DataError
from scripts.records.record_yaml import modeline
from scripts.records.validate import validate
from scripts.tools.scaffold import MAX_ID, ScaffoldError, id_from_title, new_record

from .conftest import TODAY, make_project


@pytest.fixture
def project(tmp_path, data_dir):
    return make_project(tmp_path, data_dir)


def problems(project) -> list[str]:
    try:
        validate(project / "data", today=TODAY, shown_root=project)
    except DataError as error:
        return [str(p) for p in error.problems]
    return []


@pytest.mark.parametrize("title, expected", [
    ("Galarza v. Szalczyk", "galarza-v-szalczyk"),
    ("ICE's 287(g) program expands", "ices-287g-program-expands"),
    ("U.S. citizens held on detainers", "us-citizens-held-on-detainers"),
    ("8 C.F.R. § 287.7 is amended", "8-cfr-287-7-is-amended"),
    ("Peña & Núñez — “quoted” words", "pena-and-nunez-quoted-words"),
    ("  Secure   Communities  ", "secure-communities"),
])
def test_ids_from_titles(title, expected):
    assert id_from_title(title) == expected


def test_long_titles_are_cut_between_words():
    record_id = id_from_title("Immigration " * 20, prefix="2014-11-20")
    assert len(record_id) <= MAX_ID and record_id.startswith("2014-11-20-immigration-")
    assert record_id.endswith("-immigration")


def test_a_title_without_letters_or_digits_needs_an_id():
    with pytest.raises(ScaffoldError, match='cannot make an id from the title "!!!"'):
        id_from_title("!!!")


def test_new_event_with_a_date(project, capsys):
    assert main(["--root", str(project), "new", "event", "ICE ends Secure Communities", "--date", "2014-11-20"]) == 0
    path = project / "data/events/2014-11-20-ice-ends-secure-communities.yaml"
    out = capsys.readouterr().out
    assert out.startswith("wrote data/events/2014-11-20-ice-ends-secure-communities.yaml\n")
    text = path.read_text()
    assert text.splitlines()[0] == modeline("events")
    loaded, load_problems = load_file(path)
    assert load_problems == []
    assert loaded.data["id"] == "2014-11-20-ice-ends-secure-communities"
    assert loaded.data["title"] == "ICE ends Secure Communities"
    assert loaded.data["date"] == "2014-11-20"
    assert loaded.data["last_reviewed"] == dt.date.today().isoformat()


def test_the_validator_names_each_blank_required_field_and_nothing_else(project):
    path = new_record(project, "case", "Doe v. Example County", today=TODAY)
    assert path == project / "data/cases/doe-v-example-county.yaml"
    lines = path.read_text().splitlines()
    found = problems(project)
    fields = [p.split(": ")[2] for p in found]
    assert fields == ["court", "docket", "status", "holding", "significance", "sources[0].source"]
    for problem, field in zip(found, fields):
        number = int(problem.split(":")[1])
        assert lines[number - 1].lstrip(" -").startswith(field.split(".")[-1].split("[")[0] + ': ""'), problem
    filled = "\n".join(lines).replace('court: ""', "court: U.S. District Court").replace(
        'docket: ""', "docket: No. 1").replace('status: ""', "status: pending").replace(
        'holding: ""', "holding: A holding.").replace('significance: ""', "significance: Why.").replace(
        'source: ""', "source: example-report-2014")
    path.write_text(filled + "\n")
    assert problems(project) == []


def test_the_formatter_keeps_the_editor_line_and_drops_the_notes(project):
    path = new_record(project, "person", "Alex Example", today=TODAY)
    assert main(["--root", str(project), "format", str(path)]) == 0
    assert path.read_text() == (f"{modeline('people')}\nid: alex-example\nname: Alex Example\n"
                                "last_reviewed: 2026-11-23\n")
    assert problems(project) == []


def test_an_id_used_in_any_collection_is_refused(project, capsys):
    before = sorted(p.name for p in (project / "data/cases").iterdir())
    assert main(["--root", str(project), "new", "case", "Example Program"]) == 1
    assert capsys.readouterr().err == (
        'data/programs/example-program.yaml:1:1: the id "example-program" is already used by this program; ids must '
        "be unique across all collections. Choose a different title, or give an id with --id; nothing was written.\n")
    assert sorted(p.name for p in (project / "data/cases").iterdir()) == before


def test_running_the_same_command_twice_does_not_overwrite(project, capsys):
    assert main(["--root", str(project), "new", "source", "A report", "--id", "ngo-2015-a-report"]) == 0
    path = project / "data/sources/ngo-2015-a-report.yaml"
    path.write_text(path.read_text().replace('publisher: ""', "publisher: NGO"))
    assert main(["--root", str(project), "new", "source", "A report", "--id", "ngo-2015-a-report"]) == 1
    assert "already used by this source" in capsys.readouterr().err
    assert "publisher: NGO" in path.read_text()


@pytest.mark.parametrize("args, message", [
    (["evnt", "X"], 'unknown record type "evnt" (did you mean "event"?); use one of: case, document, event,'),
    (["people", "X", "--date", "2014"], "people have no date field; leave out --date"),
    (["event", "X", "--date", "2014-13-01"], '--date: "2014-13-01" is not a date: there is no month 13; use a '
                                             "real date, or 2014 if the month is unknown"),
    (["event", "X", "--date", "2999"], '--date: "2999" is in the future'),
    (["case", "X", "--id", "Not_An_Id"], '--id: "Not_An_Id" is not a valid id: use lowercase letters'),
    (["case", "  "], "the title is empty; give the record a title in quotes"),
])
def test_mistakes_are_explained_and_nothing_is_written(project, capsys, args, message):
    before = sorted(str(p) for p in (project / "data").rglob("*"))
    assert main(["--root", str(project), "new", *args]) == 1
    err = capsys.readouterr().err
    assert err.startswith(message) and err.rstrip().endswith("nothing was written.")
    assert sorted(str(p) for p in (project / "data").rglob("*")) == before


def test_plural_names_work_and_a_quote_uses_the_title_only_for_its_id(project, capsys):
    assert main(["--root", str(project), "new", "quotes", "Official says the program will end"]) == 0
    out = capsys.readouterr().out
    assert "note: quotes have no title field; the title was used only to make the id" in out
    loaded, _ = load_file(project / "data/quotes/official-says-the-program-will-end.yaml")
    assert set(loaded.data) == {"id", "text", "speaker", "date", "context", "sources", "last_reviewed"}


def test_an_event_without_a_date_gets_a_hint(project, capsys):
    assert main(["--root", str(project), "new", "event", "Something happened"]) == 0
    assert "note: event ids here start with the event's date" in capsys.readouterr().out
    assert (project / "data/events/something-happened.yaml").is_file()
