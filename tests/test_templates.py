"""The commented templates in templates/records/: generated from the schema (a test fails when they drift), every
field noted as required or optional, and an example that fills every field and passes the validator."""

from __future__ import annotations

import re
import shutil

import pytest

from scripts.records.examples import EXAMPLES, SUPPORTING
from scripts.records.loader import load_file
from scripts.records.record_yaml import canonical, field_order, inner_model, modeline, same_content
from scripts.records.registry import REGISTRY
from scripts.tools.record_template import new_record_text, template_text

COLLECTIONS = {c.name: c.model for c in REGISTRY.hand_written()}  # derived places have no template
from scripts.records.validate import validate
from scripts.tools.template_export import export_templates, template_files

from .conftest import FIXTURE_DATA, ROOT, TODAY

TEMPLATES = ROOT / "templates" / "records"


def load_text(tmp_path, text):
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    loaded, problems = load_file(path)
    assert problems == []
    return loaded.data


def test_templates_are_up_to_date():
    assert export_templates(TEMPLATES, check=True) == 0, "run `python -m scripts templates`"


def test_template_check_catches_drift_and_strays(tmp_path, capsys):
    export_templates(tmp_path)
    (tmp_path / "cases.yaml").write_text("id: old\n")
    (tmp_path / "appeals.yaml").write_text("id: x\n")
    assert export_templates(tmp_path, check=True) == 1
    err = capsys.readouterr().err
    assert "templates/records/cases.yaml: out of date with scripts/records/schema.py" in err
    assert "templates/records/appeals.yaml: nothing generates this file any more; delete it" in err


@pytest.mark.parametrize("collection", sorted(COLLECTIONS))
def test_template_notes_every_field_and_loads_as_its_example(tmp_path, collection):
    text = (TEMPLATES / f"{collection}.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == modeline(collection)
    assert same_content(load_text(tmp_path, text), EXAMPLES[collection])
    model = COLLECTIONS[collection]
    for name in field_order(model):
        need = "required" if model.model_fields[name].is_required() else "optional"
        assert re.search(rf"^# {name} \({need}[,)]", text, re.MULTILINE), f"{collection}: no note for {name}"


def _missing_fields(model, values, where=""):
    """Fields of `model`, and of the groups inside it, that none of `values` (dicts of one model) fills in."""
    missing = [f"{where}{name}" for name in model.model_fields if not any(name in value for value in values)]
    for name, field in model.model_fields.items():
        group = inner_model(field.annotation)
        items = [item for value in values for item in (value.get(name) if isinstance(value.get(name), list)
                                                        else [value.get(name)]) if isinstance(item, dict)]
        if group is not None and items:
            missing += _missing_fields(group, items, f"{where}{name}.")
    return missing


@pytest.mark.parametrize("collection", sorted(COLLECTIONS))
def test_each_example_fills_every_field(collection):
    missing = _missing_fields(COLLECTIONS[collection], [EXAMPLES[collection]])
    assert missing == [], "add these fields to the example in scripts/records/examples.py"


def test_the_examples_pass_the_validator_references_included(tmp_path):
    data = tmp_path / "data"
    # the Census tables the county pages come from (a city's `county` names one)
    shutil.copytree(FIXTURE_DATA / "datasets" / "reference", data / "datasets" / "reference")
    records = [(c, r) for c, r in EXAMPLES.items()] + [(c, r) for c, rs in SUPPORTING.items() for r in rs]
    for collection, record in records:
        (data / collection).mkdir(parents=True, exist_ok=True)
        (data / collection / f"{record['id']}.yaml").write_text(canonical(record, collection))
    dataset = validate(data, today=TODAY)
    assert sum(len(dataset.collections[c.name]) for c in REGISTRY.hand_written()) == len(records)


@pytest.mark.parametrize("collection", sorted(COLLECTIONS))
def test_a_new_record_lists_required_fields_to_fill_and_comments_out_optional_ones(tmp_path, collection):
    model = COLLECTIONS[collection]
    text = new_record_text(collection, {"id": "new-record", "last_reviewed": "2026-11-23"})
    data = load_text(tmp_path, text)
    required = [name for name in field_order(model) if model.model_fields[name].is_required()]
    assert list(data) == required
    assert data["id"] == "new-record" and data["last_reviewed"] == "2026-11-23"
    for name in field_order(model):
        if name not in required:
            assert re.search(rf"^# {name}:", text, re.MULTILINE), f"optional {name} is not there to uncomment"
    # Uncommenting every optional field gives a file that still loads, with every field.
    uncommented = re.sub(r'^( *)# ((?:- )?(?:[a-z_]+:(?: "")?|""))$', r"\1\2", text, flags=re.MULTILINE)
    assert set(load_text(tmp_path, uncommented)) == set(model.model_fields)


def test_template_files_cover_every_collection():
    assert sorted(template_files()) == sorted(f"{c}.yaml" for c in COLLECTIONS)
    assert template_text("events").count("\n# ") > len(COLLECTIONS["events"].model_fields)
