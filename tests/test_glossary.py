"""The glossary check: when a field's English uses a term, its Spanish must use one of the term's Spanish forms, and no
Spanish may use a form the glossary avoids; validation reports both at the Spanish field's line, naming the term's
file. The real translations and the real glossary (data/terms/) pass it."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.records import validate as validate_module
from scripts.records.glossary import field_problems, glossary_problems
from scripts.records.problems import DataError
from scripts.records.validate import validate

from .conftest import ROOT, TODAY

TERM = """id: detainer
english: [detainer, detainers, ICE hold]
spanish: [orden de retención, órdenes de retención]
avoid: [orden de detención, órdenes de detención, orden de arresto]
definition: ICE's request to a jail to hold a person.
last_reviewed: 2026-11-01
"""
WARRANT = """id: arrest-warrant
english: [arrest warrant, warrant]
spanish: [orden de arresto, orden]
definition: An order to arrest a person.
last_reviewed: 2026-11-01
"""
EVENT = """id: 2008-03-example-launch
title: The example program starts
date: 2008-03
type: launch
programs: [example-program]
summary: |
  The program began in March 2008 and sent
  detainers to jails.
sources:
  - source: example-report-2014
last_reviewed: 2026-11-01
es:
  title: Empieza el programa de ejemplo
  summary: |
    {spanish}
"""


def problems(data_dir: Path, spanish: str, *terms: str) -> list[str]:
    (data_dir / "terms").mkdir(exist_ok=True)
    for text in terms or (TERM,):
        (data_dir / "terms" / f"{text.split()[1]}.yaml").write_text(text, encoding="utf-8")
    (data_dir / "events" / "2008-03-example-launch.yaml").write_text(EVENT.format(spanish=spanish), encoding="utf-8")
    try:
        validate(data_dir, today=TODAY, shown_root=data_dir.parent)
    except DataError as error:
        # the translation is not stamped (english_version): that message is tests/test_translations.py's business
        return [str(p) for p in error.problems if "english_version" not in p.message]
    return []


def test_the_right_term_passes(data_dir):
    spanish = "El programa empezó en marzo de 2008 y envió órdenes de retención a las cárceles."
    assert problems(data_dir, spanish) == []


def test_a_wrong_term_is_reported_at_the_spanish_field_with_the_glossary_file(data_dir):
    assert problems(data_dir, "El programa empezó en marzo de 2008 y envió peticiones a las cárceles.") == [
        'data/events/2008-03-example-launch.yaml:14:12: event 2008-03-example-launch: es.summary: the English says '
        '"detainers" but the Spanish uses none of "orden de retención", "órdenes de retención" (glossary: '
        "data/terms/detainer.yaml) — use one of them, or fix the glossary"]


def test_an_avoided_form_is_reported_even_beside_the_right_one(data_dir):
    spanish = "El programa envió órdenes de retención (no Órdenes de\n    Detención) a las cárceles."
    found = problems(data_dir, spanish)
    assert found == [
        'data/events/2008-03-example-launch.yaml:14:12: event 2008-03-example-launch: es.summary: the Spanish uses '
        '"Órdenes de Detención", which the glossary avoids (glossary: data/terms/detainer.yaml) — write "orden de '
        'retención", "órdenes de retención" or another wording, or fix the glossary']


def test_an_avoided_form_is_allowed_where_the_english_uses_the_term_it_translates(data_dir):
    """"orden de arresto" is what a detainer must never be called, and what an arrest warrant is called."""
    event = EVENT.replace("sent\n  detainers to jails.", "sent\n  detainers, not an arrest warrant, to jails.")
    (data_dir / "terms").mkdir(exist_ok=True)
    (data_dir / "terms" / "detainer.yaml").write_text(TERM, encoding="utf-8")
    (data_dir / "terms" / "arrest-warrant.yaml").write_text(WARRANT, encoding="utf-8")
    spanish = "El programa envió órdenes de retención, no una orden de arresto, a las cárceles."
    (data_dir / "events" / "2008-03-example-launch.yaml").write_text(event.format(spanish=spanish), encoding="utf-8")
    with pytest.raises(DataError) as raised:
        validate(data_dir, today=TODAY, shown_root=data_dir.parent)
    assert [p for p in raised.value.problems if "glossary" in p.message] == []
    # the same Spanish for English that has no warrant is refused
    assert problems(data_dir, spanish, TERM, WARRANT)[0].endswith(
        'es.summary: the Spanish uses "orden de arresto", which the glossary avoids (glossary: '
        'data/terms/detainer.yaml) — write "orden de retención", "órdenes de retención" or another wording, or '
        "fix the glossary")


def test_matching_is_by_whole_words_ignoring_case_and_line_breaks(data_dir):
    (data_dir / "terms").mkdir(exist_ok=True)
    (data_dir / "terms" / "detainer.yaml").write_text(TERM, encoding="utf-8")
    from scripts.records.glossary import GlossaryTerm

    term = GlossaryTerm("detainer", "data/terms/detainer.yaml", ("detainer", "ICE hold"), ("orden de retención",),
                        ("orden de arresto",))
    assert field_problems("An ICE\nHOLD", "Una ORDEN de\n retención", [term]) == []
    assert field_problems("The detainees", "Los detenidos", [term]) == []  # "detainer" is not in "detainees"
    assert field_problems("See [the form](https://ice.gov/detainer-form)", "Véase [el formulario]"
                          "(https://ice.gov/detainer-form)", [term]) == []  # web addresses are not text
    assert len(field_problems("A detainer", "Una retención", [term])) == 1
    sheriff = GlossaryTerm("sheriff", "data/terms/sheriff.yaml", ("sheriff's office",), ("oficina del sheriff",), ())
    assert len(field_problems("the sheriff\u2019s office", "la oficina", [sheriff])) == 1  # a curly apostrophe too


@pytest.fixture(scope="module")
def real_checked():
    """The real data checked without the derived places (slow, and they hold no translations)."""
    saved = validate_module._derived_files
    validate_module._derived_files = lambda *args: []
    try:
        yield validate_module.check(ROOT / "data")
    finally:
        validate_module._derived_files = saved


@pytest.mark.slow  # the real data
def test_the_real_translations_follow_the_real_glossary(real_checked):
    assert any(item.collection == "terms" for item in real_checked.files)
    assert [str(p) for p in glossary_problems(real_checked.files)] == []


@pytest.mark.parametrize("english, spanish, wrong", [
    ("the sheriffs", "los sheriffs", False),
    ("the sheriff's offices", "las oficinas del sheriff", False),
    ("the District Court", "el tribunal federal de distrito", False),
    ("an illegal detention", "una detención ilegal", False),  # "ilegal" for an act is fine
    ("undocumented people", "inmigrantes ilegales", True),  # for people it is not
    ("a sanctuary city", "una ciudad santuario", False),
    ("a sanctuary city", "una ciudad santuario (no una ciudad refugio)", True),
    ("a shelter", "un refugio", False),
    ("without a warrant", "sin orden", False),
    ("U.S.-citizen children", "niños ciudadanos estadounidenses", False),
    ("U.S.-citizen children", "niños nacidos aquí", True),
    ("a non-citizen", "una persona", True),
    ("probable-cause hearings", "audiencias de causa probable", False),
    ("declined-detainer reports", "informes de órdenes de retención rechazadas", False),
    ("declined-detainer reports", "informes de órdenes de retención", True),
])
@pytest.mark.slow  # the real data
def test_the_translators_fixes_are_in_the_real_glossary(real_checked, english, spanish, wrong):
    from scripts.records.glossary import glossary_from

    assert bool(field_problems(english, spanish, glossary_from(real_checked.files))) is wrong


@pytest.mark.slow  # the real data
def test_a_field_is_searched_only_for_the_terms_whose_words_it_holds_and_finds_the_same(real_checked):
    """The word index is a shortcut: on every translated field of the real data (and on text whose letters fold
    unlike the regex's) it finds exactly what searching the field for every term finds."""
    from scripts.records.glossary import Glossary, GlossaryTerm, _pairs, glossary_from, plain
    from scripts.records.translations import english_text, translation_of

    glossary = glossary_from(real_checked.files)
    fields = []
    for item in real_checked.files:
        translation = translation_of(item.record, "es")
        if translation is not None:
            fields += [(plain(en), plain(es)) for _loc, en, es in _pairs(
                english_text(item.record), translation.model_dump(exclude_none=True))]
    assert len(fields) > 500
    for english, spanish in fields:
        assert glossary.used_in(english) == [(t, f) for t in glossary if (f := t.in_english(english)) is not None]
        assert glossary.avoided_in(spanish) == [(t, f) for t in glossary if (f := t.avoided_in(spanish))]
    turkish = Glossary([GlossaryTerm("id", "data/terms/id.yaml", ("identity", "ice hold"), ("identidad",),
                                     ("ıdentidad falsa",))])
    assert [form for _t, form in turkish.used_in("İDENTITY and ıce hold\u0345")] == ["İDENTITY"]
    assert [forms for _t, forms in turkish.avoided_in("una IDENTIDAD FALSA")] == [["IDENTIDAD FALSA"]]


def test_the_index_folds_letters_as_the_case_blind_search_does():
    """Every pair of characters that a case-blind regex takes for each other folds to the same words in the index,
    inside a word (two letters) or standing alone (when one of them is not a letter, so it ends a word)."""
    import re

    from scripts.records.glossary import _words

    for code in range(0x110000):
        letter = chr(code)
        if 0xD800 <= code <= 0xDFFF:
            continue
        for other in {letter.lower(), letter.upper(), letter.swapcase(), "i"}:
            if len(other) != 1 or other == letter:
                continue
            context = "a{}b" if re.fullmatch(r"\w\w", letter + other) else "a {} b"
            if _words(context.format(letter)) != _words(context.format(other)):  # then the regex must part them too
                assert not re.fullmatch(re.escape(other), letter, re.IGNORECASE), f"U+{code:04X} and U+{ord(other):04X}"
