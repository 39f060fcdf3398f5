"""The repository's automation files: GitHub workflows that use only real, SHA-pinned actions with least privilege and
run the same commands as .ci/run; pre-commit hooks pinned to tags; pull-request templates, CODEOWNERS and editor
settings that point at things that exist. All read from disk; nothing here needs the network."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest

from scripts.records.loader import load_file
from scripts.records.registry import REGISTRY

COLLECTIONS = REGISTRY.models()


from .conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
# Actions this repository may use, each pinned to the full commit of a release (verified against the action's
# published release; update both together, e.g. with Dependabot).
ALLOWED_ACTIONS = {
    "actions/checkout": ("08c6903cd8c0fde910a37f88322edcfb5dd907a8", "v5.0.0"),
    "actions/setup-python": ("e797f83bcb11b83ae66e0230d6156d7c80228e7c", "v6.0.0"),
    "actions/upload-artifact": ("330a01c490aca151604b8cf639adc76d48f6c5d4", "v5.0.0"),
    "actions/upload-pages-artifact": ("7b1f4a764d45c48632c6b24a0339c27f5614fb0b", "v4.0.0"),
    "actions/deploy-pages": ("d6db90164ac5ed86f2b6aed7e0febac5b3c0c03e", "v4.0.5"),
}
PRE_COMMIT_REPOS = {
    "https://github.com/pre-commit/pre-commit-hooks": "v6.0.0",
    "https://github.com/astral-sh/ruff-pre-commit": "v0.14.10",
}


def load_yaml(path: Path):
    loaded, problems = load_file(path)  # the project's loader: "on" stays a key, no anchors, no duplicate keys
    assert problems == [], problems
    return loaded.data


def steps(workflow: dict, job: str) -> list[dict]:
    return workflow["jobs"][job]["steps"]


def runs(workflow: dict, job: str) -> list[str]:
    return [step["run"].strip() for step in steps(workflow, job) if "run" in step]


def site_sh_commands() -> set[str]:
    """The case branches of site.sh, including those that share one branch (`build|validate|...)`)."""
    branches = re.findall(r"^  ([a-z|]+)\)$", (ROOT / "site.sh").read_text(), re.MULTILINE)
    return {name for branch in branches for name in branch.split("|")}


def ci_run_commands() -> list[str]:
    lines = [line.strip() for line in (ROOT / ".ci/run").read_text().splitlines()]
    return [line for line in lines if line.startswith("./site.sh")]


@pytest.fixture(scope="module")
def ci():
    return load_yaml(WORKFLOWS / "ci.yml")


@pytest.fixture(scope="module")
def pages():
    return load_yaml(WORKFLOWS / "pages.yml")


def test_only_real_actions_pinned_to_a_release_commit():
    workflows = sorted(WORKFLOWS.glob("*.y*ml"))
    assert [p.name for p in workflows] == ["ci.yml", "pages.yml"]
    seen = set()
    for path in workflows:
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            match = re.match(r"^\s*(?:- )?uses:\s*(\S+)@(\S+)(?:\s+#\s*(\S+))?\s*$", line)
            if "uses:" in line:
                assert match, f"{path.name}:{number}: write `uses: owner/name@<sha> # <version>`"
                action, ref, comment = match.groups()
                assert action in ALLOWED_ACTIONS, f"{path.name}:{number}: {action} is not in the allowlist"
                assert (ref, comment) == ALLOWED_ACTIONS[action], f"{path.name}:{number}: pin {action} to " \
                    f"{ALLOWED_ACTIONS[action][0]} # {ALLOWED_ACTIONS[action][1]}"
                seen.add(action)
    assert seen == set(ALLOWED_ACTIONS) - {"actions/setup-python"}


def test_least_privilege(ci, pages):
    assert ci["permissions"] == {"contents": "read"}
    assert pages["permissions"] == {"contents": "read"}
    for workflow in (ci, pages):
        for name, job in workflow["jobs"].items():
            if name == "deploy" and workflow is pages:
                assert job["permissions"] == {"pages": "write", "id-token": "write"}
            else:
                assert "permissions" not in job, f"job {name} must not widen the workflow's permissions"
            for step in job["steps"]:
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False


def test_ci_runs_on_pull_requests_and_pushes_with_the_same_commands_as_ci_run(ci):
    assert set(ci["on"]) == {"pull_request", "push"}
    assert ci_run_commands() == ["./site.sh test"], ".ci/run changed: update this test and the workflows"
    commands = runs(ci, "test")
    assert ".ci/run" in commands
    assert "./site.sh validate 2>&1" in commands, "validation annotations reach the runner"
    assert commands.index("./site.sh validate 2>&1") < commands.index(".ci/run") < commands.index("./site.sh build")
    upload = [s for s in steps(ci, "test") if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert len(upload) == 1 and upload[0]["with"]["path"] == "site/" and upload[0]["with"]["name"] == "site"
    assert [s for s in steps(ci, "test") if "run" in s][-1]["run"] == "./site.sh build"


def test_site_sh_test_checks_generated_files_and_format_before_pytest():
    text = (ROOT / "site.sh").read_text()
    block = text[text.index("  test)"):text.index(";;", text.index("  test)"))]
    order = [".venv/bin/python -m scripts schema --check", ".venv/bin/python -m scripts templates --check",
             ".venv/bin/python -m scripts format --check", "exec .venv/bin/python -m pytest"]
    positions = [block.index(command) for command in order]
    assert positions == sorted(positions)


def test_pages_deploys_from_main_after_the_same_checks(ci, pages):
    assert pages["on"]["push"]["branches"] == ["main"]
    assert runs(pages, "build") == [cmd for cmd in runs(ci, "test") if cmd != "./site.sh validate 2>&1"]
    assert pages["jobs"]["build"]["container"] == ci["jobs"]["test"]["container"]
    upload = [s for s in steps(pages, "build") if s.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert upload[0]["with"]["path"] == "site/"
    deploy = pages["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    assert pages["concurrency"]["cancel-in-progress"] is False


def test_pre_commit_hooks_are_pinned_and_call_existing_commands():
    config = load_yaml(ROOT / ".pre-commit-config.yaml")
    remote = {repo["repo"]: repo["rev"] for repo in config["repos"] if repo["repo"] != "local"}
    assert remote == PRE_COMMIT_REPOS
    local = [hook for repo in config["repos"] if repo["repo"] == "local" for hook in repo["hooks"]]
    assert {hook["entry"] for hook in local} == {"./site.sh validate", "./site.sh format --check"}
    for hook in local:
        assert hook["language"] == "system" and hook["pass_filenames"] is False
        assert shlex.split(hook["entry"])[1] in site_sh_commands()
    ids = {hook["id"] for repo in config["repos"] for hook in repo["hooks"]}
    assert {"check-yaml", "ruff-check", "validate", "format-check"} <= ids


@pytest.mark.parametrize("name, must_mention", [
    ("new-record.md", ["./site.sh new", "id", "pinpoint", "last_reviewed", "./site.sh validate"]),
    ("correction.md", ["id", "pinpoint", "last_reviewed", "./site.sh validate"]),
    ("code-change.md", ["./site.sh test", "python -m scripts templates", "tests/test_workflows.py"]),
])
def test_pull_request_templates_have_checklists(name, must_mention):
    text = (ROOT / ".github/PULL_REQUEST_TEMPLATE" / name).read_text()
    assert text.count("- [ ]") >= 4
    for words in must_mention:
        assert words in text, f"{name} does not mention {words}"


def test_documented_site_sh_commands_exist():
    documents = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", ROOT / ".github/pull_request_template.md",
                 *sorted((ROOT / ".github/PULL_REQUEST_TEMPLATE").glob("*.md"))]
    available = site_sh_commands()
    for path in documents:
        for command in re.findall(r"\./site\.sh ([a-z]+)", path.read_text()):
            assert command in available, f"{path.name} mentions ./site.sh {command}, which does not exist"


def test_codeowners_rules_name_owners_for_existing_paths():
    rules = [line.split() for line in (ROOT / ".github/CODEOWNERS").read_text().splitlines()
             if line.strip() and not line.startswith("#")]
    assert rules[0][0] == "*"
    for pattern, *owners in rules:
        assert owners and all(re.fullmatch(r"@[\w-]+(/[\w-]+)?", owner) for owner in owners), pattern
        if pattern != "*":
            assert (ROOT / pattern.strip("/")).exists(), f"CODEOWNERS names {pattern}, which does not exist"


def test_editor_settings_map_each_collection_to_its_schema():
    """.vscode/settings.json is the editor's file (other settings live there too), so it is not generated; this test
    keeps its schema mapping equal to the collection registry and prints the mapping to paste when it is not."""
    settings = json.loads((ROOT / ".vscode/settings.json").read_text())
    expected = {f"./schema/{c.name}.schema.json": [f"data/{c.name}/*.yaml", f"templates/records/{c.name}.yaml"]
                for c in REGISTRY.hand_written()}
    assert all((ROOT / schema).is_file() for schema in expected)
    assert settings["yaml.schemas"] == expected, (
        ".vscode/settings.json: yaml.schemas does not match the collections in scripts/records/registry.py; replace "
        'it with:\n"yaml.schemas": ' + json.dumps(expected, indent=2))
    recommended = json.loads((ROOT / ".vscode/extensions.json").read_text())["recommendations"]
    assert "redhat.vscode-yaml" in recommended
