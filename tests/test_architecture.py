"""How the code is put together: a collection is declared once (in the registry) and gets everything from there;
the three wings of scripts/ import in one direction only; the site comes out the same from two separate processes."""

from __future__ import annotations

import ast
import json
import sys
from pathlib import Path
from typing import Optional

import yaml
from pydantic import Field

from scripts.__main__ import main
from scripts.records.json_schemas import schema_files
from scripts.records.registry import REGISTRY, Collection
from scripts.records.schema import Cited, Markdown, Slug, StateCode, Text, ref
from scripts.records.validate import validate
from scripts.site.render import render_site
from scripts.site.urls import not_in_nav
from scripts.tools.record_template import template_text

from .conftest import ROOT, TODAY

SCRIPTS = ROOT / "scripts"


class Ordinance(Cited):
    """A local ordinance on detainers (a throwaway collection: only this test knows it)."""
    title: Text = Field(description="The law's short title.")
    state: StateCode = Field(description="Two-letter postal code.")
    summary: Markdown = Field(description="What it does, in your own words.")
    citation: Optional[Text] = Field(None, description="Where it is codified.")
    programs: list[Slug] = ref("programs", description="Programs it concerns.", many=True)


ORDINANCE_PAGE = """{% extends "record.html.j2" %}
{% block body %}
<p class="ordinance-state">{{ record.state }}</p>
{{ record.summary | markdown }}
{% endblock %}
"""


def _ordinance_collection(templates: Path, source_id: str) -> Collection:
    example = {"id": "example-city-detainer-ordinance", "title": "Example City Detainer Ordinance", "state": "IL",
               "summary": "Limits how long a jail may hold someone on a detainer.\n", "citation": "5 Ex. Stat. 1",
               "programs": ["example-program"], "sources": [{"source": source_id}], "last_reviewed": "2026-11-01"}
    return Collection("ordinances", "ordinance", Ordinance, "Ordinances", "Local ordinances on detainers.", example,
                      templates=templates,
                      in_nav=False, page_rank=50)


def test_a_collection_added_through_the_registry_alone_gets_pages_downloads_schema_and_scaffold(tmp_path, data_dir):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "ordinance.html.j2").write_text(ORDINANCE_PAGE)
    source_id = sorted(p.stem for p in (data_dir / "sources").glob("*.yaml"))[0]
    project = tmp_path / "project"
    project.mkdir()
    data_dir.rename(project / "data")
    data = project / "data"
    (data / "ordinances").mkdir()
    ordinance = {"id": "chicago-welcoming-city-ordinance", "title": "Chicago Welcoming City Ordinance", "state": "IL",
           "summary": "Limits what the police may share with ICE.\n", "programs": ["example-program"],
           "sources": [{"source": source_id}], "last_reviewed": TODAY.isoformat()}
    (data / "ordinances/chicago-welcoming-city-ordinance.yaml").write_text(yaml.safe_dump(ordinance, sort_keys=False))

    with REGISTRY.added(_ordinance_collection(templates, source_id)):
        dataset = validate(data, today=TODAY)
        assert list(dataset.collections["ordinances"]) == ["chicago-welcoming-city-ordinance"]
        pages = render_site(dataset)
        assert '<p class="ordinance-state">IL</p>' in pages["ordinances/chicago-welcoming-city-ordinance.md"]
        assert "Chicago Welcoming City Ordinance" in pages["ordinances/index.md"]
        assert json.loads(pages["downloads/ordinances.json"])[0]["id"] == "chicago-welcoming-city-ordinance"
        assert pages["downloads/ordinances.csv"].splitlines()[0].startswith("id,")
        package = json.loads(pages["downloads/datapackage.json"])
        resources = {r["name"]: r for r in package["resources"]}
        assert resources["ordinances"]["x-record-count"] == 1
        # Typed from the model alone: a full date, a pattern from StateCode, the key, and a join table to programs.
        ordinances = {f["name"]: f for f in resources["ordinances"]["schema"]["fields"]}
        assert ordinances["last_reviewed"]["type"] == "date"
        assert ordinances["state"]["type"] == "string" and ordinances["state"]["constraints"]["pattern"] == "[A-Z]{2}"
        assert resources["ordinances"]["schema"]["primaryKey"] == ["id"]
        assert {"fields": ["program"], "reference": {"resource": "programs", "fields": ["id"]}} in \
            resources["ordinances-programs"]["schema"]["foreignKeys"]
        assert pages["downloads/ordinances-programs.csv"] == (
            "ordinance,position,program\nchicago-welcoming-city-ordinance,1,example-program\n")
        assert json.loads(schema_files()["ordinances.schema.json"])["title"] == "Ordinance"
        assert json.loads(pages["downloads/schema/ordinances.schema.json"])["title"] == "Ordinance"
        assert dataset.referring("example-program", "ordinances") == [dataset.get("chicago-welcoming-city-ordinance")]
        assert "/ordinances/" in not_in_nav().splitlines(), "kept out of the navigation, as its entry says"
        assert "# Template: an ordinance record." in template_text("ordinances")
        assert main(["--root", str(project), "new", "ordinance", "Example Sanctuary Ordinance"]) == 0
        written = yaml.safe_load((data / "ordinances/example-sanctuary-ordinance.yaml").read_text())
        assert written["title"] == "Example Sanctuary Ordinance"
    assert "ordinances" not in REGISTRY


def test_every_listed_collection_is_in_the_navigation_and_its_records_are_not():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)  # BaseLoader: leaves !ENV alone
    nav = json.dumps(config["nav"])
    for collection in REGISTRY:
        listed = f'"{collection.name}/index.md"' in nav
        assert listed == collection.in_nav, (
            f"mkdocs.yml: nav {'lacks' if collection.in_nav else 'lists'} {collection.name}/index.md, but the "
            f"registry (scripts/records/registry.py) says in_nav={collection.in_nav}; change one of them")
        pattern = f"/{collection.name}/*.md" if collection.in_nav else f"/{collection.name}/"
        assert pattern in not_in_nav().splitlines()
    assert "not_in_nav" not in config, "mkdocs.yml must not list not_in_nav: the hook sets it from the registry"


def _wing_imports() -> dict[str, set[str]]:
    """Module name -> the project modules it imports (relative imports resolved), from the source text."""
    graph: dict[str, set[str]] = {}
    modules = {".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"): p
               for p in SCRIPTS.rglob("*.py")}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            targets: list[str] = []
            if isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".")
                    base = ".".join(parts[:len(parts) - node.level + 1] + ([base] if base else []))
                targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
            elif isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            found |= {t for t in targets if t in modules and t != name}
        graph[name] = found
    return graph


def test_no_module_imports_one_that_imports_it_back():
    graph = _wing_imports()
    cycles = []

    def visit(module: str, path: list[str], state: dict[str, int]) -> None:
        state[module] = 1
        for target in sorted(graph[module]):
            if target.startswith(module + ".") or module.startswith(target + "."):
                continue  # a package and its own modules
            if state.get(target) == 1:
                cycles.append(path[path.index(target):] + [target])
            elif target not in state:
                visit(target, path + [target], state)
        state[module] = 2

    state: dict[str, int] = {}
    for module in sorted(graph):
        if module not in state:
            visit(module, [module], state)
    assert cycles == [], "import cycles: " + "; ".join(" -> ".join(c) for c in cycles)


def test_the_records_import_neither_the_site_nor_the_tools_and_the_site_not_the_tools():
    wrong = []
    for module, targets in _wing_imports().items():
        for target in targets:
            if module.startswith("scripts.records") and target.startswith(("scripts.site", "scripts.tools")):
                wrong.append(f"{module} imports {target}")
            if module.startswith("scripts.site") and target.startswith("scripts.tools"):
                wrong.append(f"{module} imports {target}")
    assert wrong == []


def test_system_packages_needs_only_the_standard_library():
    """site.sh and .ci/run run it with the system's python3, before .venv exists."""
    for path in (SCRIPTS / "site/system_packages.py", SCRIPTS / "site/__init__.py", SCRIPTS / "__init__.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else [])
            for name in names:
                assert name.split(".")[0] in sys.stdlib_module_names or name == "__future__", f"{path}: {name}"

