"""The repository's automation files. The GitHub workflows are checked for properties, not for their exact steps:
every action pinned to a full commit, least privilege, validation before tests, the README's test command in CI
(both tiers, the slow one on the site the build job made, each job with a time limit), and Pages publishing only
what a successful CI run on main built and tested. Also: pre-commit hooks pinned to tags; pull-request templates,
CODEOWNERS and editor settings that point at things that exist. All read from disk; nothing here needs the network."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
import yaml

from scripts.records.loader import load_file
from scripts.records.registry import REGISTRY

from .conftest import ROOT

COLLECTIONS = REGISTRY.models()
WORKFLOWS = ROOT / ".github" / "workflows"
PRE_COMMIT_REPOS = {
    "https://github.com/pre-commit/pre-commit-hooks": "v6.0.0",
    "https://github.com/astral-sh/ruff-pre-commit": "v0.14.10",
}
# `owner/name[/path]@<40 hex> # <version>`: the commit is what runs, the comment says which release it is.
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")
PINNED_LINE = re.compile(r"^\s*(?:- )?uses:\s*\S+@[0-9a-f]{40}\s+#\s*v\d\S*\s*$")
SLOW_MARKER = "slow"


def load_yaml(path: Path):
    loaded, problems = load_file(path)  # the project's loader: "on" stays a key, no anchors, no duplicate keys
    assert problems == [], problems
    return loaded.data


def load_workflow(path: Path) -> dict:
    workflow = yaml.safe_load(path.read_text())
    workflow["on"] = workflow.pop(True, workflow.get("on"))  # YAML 1.1 reads the key `on` as true
    return workflow


def all_workflows() -> dict[str, dict]:
    return {path.name: load_workflow(path) for path in sorted(WORKFLOWS.glob("*.y*ml"))}


def job_steps(job: dict) -> list[dict]:
    return job.get("steps", [])


def commands(step: dict) -> list[list[str]]:
    """The shell commands of a `run:` step, each split into words with leading VAR=value assignments removed."""
    found = []
    for line in step.get("run", "").splitlines():
        for command in re.split(r"&&|\|\||;", line.split(" #")[0]):
            words = shlex.split(command.replace("2>&1", ""))
            while words and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*=.*", words[0]):
                words.pop(0)
            if words:
                found.append(words)
    return found


def runs_site_sh(step: dict, subcommand: str) -> bool:
    return any(words[:2] == ["./site.sh", subcommand] for words in commands(step))


def suite_commands(step: dict) -> list[list[str]]:
    return [words for words in commands(step) if words[:2] == ["./site.sh", "test"]]


def needs(job: dict) -> list[str]:
    value = job.get("needs", [])
    return [value] if isinstance(value, str) else list(value)


def upstream_jobs(jobs: dict, name: str) -> set[str]:
    seen: set[str] = set()
    pending = needs(jobs[name])
    while pending:
        other = pending.pop()
        if other not in seen:
            seen.add(other)
            pending.extend(needs(jobs[other]))
    return seen


def uses(step: dict, action: str) -> bool:
    return step.get("uses", "").split("@")[0] == action


def marker_expression(words: list[str]) -> str | None:
    return words[words.index("-m") + 1] if "-m" in words else None


def site_sh_commands() -> set[str]:
    """The case branches of site.sh, including those that share one branch (`build|validate|...)`)."""
    branches = re.findall(r"^  ([a-z|]+)\)$", (ROOT / "site.sh").read_text(), re.MULTILINE)
    return {name for branch in branches for name in branch.split("|")}


@pytest.fixture(scope="module")
def ci():
    return load_workflow(WORKFLOWS / "ci.yml")


@pytest.fixture(scope="module")
def pages():
    return load_workflow(WORKFLOWS / "pages.yml")


def test_every_action_is_pinned_to_a_full_commit():
    workflows = all_workflows()
    assert set(workflows) == {"ci.yml", "pages.yml"}
    for name, workflow in workflows.items():
        for job_name, job in workflow["jobs"].items():
            for step in [job, *job_steps(job)]:
                if "uses" in step:
                    assert PINNED.match(step["uses"]), f"{name}: {job_name}: pin {step['uses']} to a full commit SHA"
                if uses(step, "actions/checkout"):
                    assert step["with"]["persist-credentials"] is False, f"{name}: {job_name}: checkout keeps the token"
        for number, line in enumerate((WORKFLOWS / name).read_text().splitlines(), start=1):
            if re.match(r"^\s*(?:- )?uses:", line):
                assert PINNED_LINE.match(line), f"{name}:{number}: write `uses: owner/name@<sha> # v<version>`"


def test_least_privilege_only_the_pages_deploy_job_writes():
    for name, workflow in all_workflows().items():
        assert workflow["permissions"] in ({}, {"contents": "read"}), f"{name}: top-level permissions are too wide"
        for job_name, job in workflow["jobs"].items():
            permissions = job.get("permissions", {})
            assert isinstance(permissions, dict), f"{name}: {job_name}: name each permission, not {permissions}"
            writes = {scope for scope, level in permissions.items() if level == "write"}
            deploys_pages = any(uses(step, "actions/deploy-pages") for step in job_steps(job))
            if deploys_pages:
                assert writes <= {"pages", "id-token"}, f"{name}: {job_name}: writes more than Pages needs"
            else:
                assert writes == set(), f"{name}: {job_name} may not write ({sorted(writes)})"
            downloads_another_run = any(uses(step, "actions/download-artifact") and "run-id" in step.get("with", {})
                                        for step in job_steps(job))
            if downloads_another_run:
                assert permissions.get("actions") == "read", f"{name}: {job_name}: needs actions: read, nothing more"


def test_every_job_has_a_time_limit_of_at_most_30_minutes():
    for name, workflow in all_workflows().items():
        for job_name, job in workflow["jobs"].items():
            assert 0 < job.get("timeout-minutes", 360) <= 30, f"{name}: {job_name}: set timeout-minutes <= 30"


def test_ci_checks_every_pull_request_and_cancels_superseded_runs(ci):
    assert set(ci["on"]) == {"pull_request", "push"}
    assert ci["on"]["push"]["branches"] == ["main"]
    group, cancel = ci["concurrency"]["group"], str(ci["concurrency"]["cancel-in-progress"])
    assert "github.event.pull_request.number" in group or "github.ref" in group
    assert "pull_request" in cancel, "a new push to a pull request cancels its older run; runs on main finish"


def test_validation_runs_before_the_tests_and_its_problems_reach_the_runner(ci):
    jobs = ci["jobs"]
    validating_steps = [step for job in jobs.values() for step in job_steps(job) if runs_site_sh(step, "validate")]
    assert validating_steps and all("2>&1" in step["run"] for step in validating_steps), \
        "./site.sh validate 2>&1: the ::error annotations go to stderr"
    for name, job in jobs.items():
        steps = job_steps(job)
        for index, step in enumerate(steps):
            if not suite_commands(step):
                continue
            # ./site.sh build validates the data first (scripts/site/build.py), so a job after the build comes after it
            earlier = steps[:index] + [s for other in upstream_jobs(jobs, name) for s in job_steps(jobs[other])]
            assert any(runs_site_sh(s, "validate") or runs_site_sh(s, "build") for s in earlier), \
                f"ci.yml: {name}: the tests run before the data is validated"


def test_ci_runs_the_readme_test_command_and_every_test(ci):
    readme = (ROOT / "README.md").read_text()
    assert "`./site.sh test`" in readme
    steps = [step for job in ci["jobs"].values() for step in job_steps(job)]
    for step in steps:
        for words in commands(step):
            assert "pytest" not in words[0] and words[0] != ".ci/run", \
                f"ci.yml: run tests with the README's command, ./site.sh test, not {' '.join(words)}"
    tiers = [words for step in steps for words in suite_commands(step)]
    declared = set(re.findall(r"^\s+(\w+):", (ROOT / "pytest.ini").read_text(), re.MULTILINE))
    site_sh_test = (ROOT / "site.sh").read_text().split("  test)")[1].split(";;")[0]
    expressions = set()
    for words in tiers:
        if "--quick" in words:
            assert "--quick" in site_sh_test, "ci.yml passes --quick, which ./site.sh test does not know"
            expressions.add(f"not {SLOW_MARKER}")
        if (expression := marker_expression(words)) is not None:
            assert set(expression.split()) - {"not", "and", "or"} <= declared, f"undeclared marker in {expression}"
            expressions.add(expression)
    assert expressions == {SLOW_MARKER, f"not {SLOW_MARKER}"}, "CI runs both tiers, so every test runs"
    assert [line.strip() for line in (ROOT / ".ci/run").read_text().splitlines() if "./site.sh" in line] == \
        ["./site.sh test"], ".ci/run (CI elsewhere) runs the README's command"


def test_the_slow_tier_runs_on_the_site_the_build_job_uploaded(ci):
    jobs = ci["jobs"]
    builders = {name: job for name, job in jobs.items() if any(runs_site_sh(s, "build") for s in job_steps(job))}
    assert len(builders) == 1, "one build of the real site per run"
    [(builder, build_job)] = builders.items()
    [upload] = [s for s in job_steps(build_job) if uses(s, "actions/upload-artifact")]
    assert upload["with"]["path"].rstrip("/") == "site"
    for name, job in jobs.items():
        steps = job_steps(job)
        slow = [i for i, s in enumerate(steps) for w in suite_commands(s) if marker_expression(w) == SLOW_MARKER]
        if not slow:
            continue
        assert builder in needs(job) and not any(runs_site_sh(s, "build") for s in steps)
        downloads = [i for i, s in enumerate(steps[:slow[0]]) if uses(s, "actions/download-artifact")
                     and s["with"]["name"] == upload["with"]["name"]]
        assert downloads, f"ci.yml: {name}: download the {upload['with']['name']} artifact before the slow tier"
        folder = steps[downloads[0]]["with"]["path"].rstrip("/")
        assert f'BUILT_SITE="$GITHUB_WORKSPACE/{folder}"' in steps[slow[0]]["run"], \
            "the real_site fixture reads BUILT_SITE (tests/conftest.py)"


def test_every_job_that_installs_packages_caches_pips_downloads_by_requirements_txt(ci):
    for name, job in ci["jobs"].items():
        steps = job_steps(job)
        first_site_sh = next((i for i, s in enumerate(steps) if any(w[0] == "./site.sh" for w in commands(s))), None)
        if first_site_sh is None:
            continue
        caches = [s for s in steps[:first_site_sh] if uses(s, "actions/cache")]
        assert caches, f"ci.yml: {name}: restore pip's cache before ./site.sh installs requirements.txt"
        assert "pip" in caches[0]["with"]["path"] and "hashFiles('requirements.txt')" in caches[0]["with"]["key"]


def test_pages_publishes_only_what_a_successful_ci_run_on_main_built(ci, pages):
    assert set(pages["on"]) == {"workflow_run"}
    trigger = pages["on"]["workflow_run"]
    assert trigger["workflows"] == [ci["name"]] and trigger["types"] == ["completed"]
    assert trigger["branches"] == ["main"]
    [upload] = [s for job in ci["jobs"].values() for s in job_steps(job) if uses(s, "actions/upload-artifact")]
    for name, job in pages["jobs"].items():
        condition = " ".join(str(job.get("if", "")).split())
        for required in ("github.event.workflow_run.conclusion == 'success'",
                         "github.event.workflow_run.head_branch == 'main'",
                         "github.event.workflow_run.event == 'push'"):
            assert required in condition, f"pages.yml: {name}: deploy only when {required}"
        for step in job_steps(job):
            assert "run" not in step, "pages.yml builds and tests nothing itself: CI did"
    deploying = [job for job in pages["jobs"].values() if any(uses(s, "actions/deploy-pages") for s in job_steps(job))]
    assert len(deploying) == 1
    [deploy] = deploying
    assert deploy["environment"]["name"] == "github-pages"
    steps = job_steps(deploy)
    [download] = [s for s in steps if uses(s, "actions/download-artifact")]
    assert download["with"]["name"] == upload["with"]["name"]
    assert download["with"]["run-id"] == "${{ github.event.workflow_run.id }}"
    [pages_upload] = [s for s in steps if uses(s, "actions/upload-pages-artifact")]
    assert pages_upload["with"]["path"] == download["with"]["path"]
    order = [steps.index(s) for s in (download, pages_upload)] + \
        [i for i, s in enumerate(steps) if uses(s, "actions/deploy-pages")]
    assert order == sorted(order)
    assert pages["concurrency"]["cancel-in-progress"] is False


def test_site_sh_test_checks_generated_files_and_format_before_pytest():
    text = (ROOT / "site.sh").read_text()
    block = text[text.index("  test)"):text.index(";;", text.index("  test)"))]
    order = [".venv/bin/python -m scripts schema --check", ".venv/bin/python -m scripts templates --check",
             ".venv/bin/python -m scripts format --check", "exec .venv/bin/python -m pytest"]
    positions = [block.index(command) for command in order]
    assert positions == sorted(positions)


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
