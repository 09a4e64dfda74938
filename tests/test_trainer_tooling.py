"""The pre-commit hook and the GitHub workflow a fork gets: they run, and their checkers can fail."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import ROOT

BIN = Path(sys.executable).parent
WORKFLOW = ROOT / ".github" / "workflows" / "portal.yml"


def test_the_pre_commit_hook_runs_repready_validate_on_the_banks() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    [hook] = hooks
    assert {k: hook[k] for k in ("id", "language", "pass_filenames")} == {
        "id": "repready-validate",
        "language": "python",
        "pass_filenames": False,
    }
    assert hook["entry"] == "repready validate" and "assessments/" in hook["files"]
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(shlex.split(hook["entry"]), cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1].startswith(
        f"{len(list((ROOT / 'assessments').rglob('*.yml'))) - 1} banks"
    )


def test_the_workflow_validates_pull_requests_and_publishes_main_to_pages() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key "on" as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    steps = [s.get("run", s.get("uses", "")) for s in workflow["jobs"]["validate"]["steps"]]
    assert any("repready validate" in s for s in steps) and "mkdocs build --strict" in steps
    deploy = workflow["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")


def _lint(workflows: Path) -> list[subprocess.CompletedProcess[str]]:
    files = sorted(str(p) for p in workflows.glob("*.yml"))
    schema = [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *files]
    security = [
        str(BIN / "zizmor"),
        "--offline",
        "--config",
        str(ROOT / ".github" / "zizmor.yml"),
        str(workflows),
    ]
    return [subprocess.run(cmd, capture_output=True, text=True, check=False) for cmd in (schema, security)]


def test_the_workflow_passes_both_checkers_and_they_catch_mistakes(tmp_path: Path) -> None:
    assert [r.returncode for r in _lint(WORKFLOW.parent)] == [0, 0]
    broken = tmp_path / ".github" / "workflows"  # where zizmor recognises a workflow
    broken.mkdir(parents=True)
    text = WORKFLOW.read_text(encoding="utf-8")
    shutil.copy(WORKFLOW, broken / "portal.yml")
    (broken / "portal.yml").write_text(text.replace("runs-on: ubuntu-latest", "runs_on: ubuntu-latest", 1))
    schema, _ = _lint(broken)
    assert schema.returncode != 0 and "runs_on" in schema.stdout + schema.stderr
    (broken / "portal.yml").write_text(text.replace("actions/checkout@v4", "someone/checkout@v4"))
    _, security = _lint(broken)
    assert security.returncode != 0 and "unpinned" in security.stdout + security.stderr
