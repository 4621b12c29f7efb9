"""The GitHub workflows are valid, lint-clean and pin every action by commit; the
supply chain stays locked: least privilege, no persisted credentials, no
pull_request_target, installs by hash only, Dependabot for Python and actions."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helpers import BIN, ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
# The only write permissions any job may hold, and why.
ALLOWED_WRITES = {
    ("deploy.yml", "deploy"): {"pages", "id-token"},  # publish to GitHub Pages
    ("linkrot.yml", "linkrot"): {"issues"},  # keep the one link rot issue
}


def _load(path: Path) -> dict[str, Any]:
    workflow: dict[Any, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in workflow:  # YAML 1.1 reads the key `on` as True
        workflow["on"] = workflow.pop(True)
    return workflow


def _steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_there_are_workflows() -> None:
    names = {path.name for path in WORKFLOWS}
    assert {"ci.yml", "deploy.yml", "linkrot.yml"} <= names


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_matches_the_github_schema(path: Path) -> None:
    result = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_dependabot_matches_its_schema() -> None:
    result = subprocess.run(
        [
            str(BIN / "check-jsonschema"),
            "--builtin-schema",
            "vendor.dependabot",
            str(ROOT / ".github" / "dependabot.yml"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_yamllint_is_clean() -> None:
    result = subprocess.run(
        [str(BIN / "yamllint"), "--strict", "-c", str(ROOT / ".yamllint.yml"), ".github"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_full_sha_with_its_tag(path: Path) -> None:
    uses = re.findall(r"uses:\s*(\S+)(.*)", path.read_text(encoding="utf-8"))
    assert uses
    for ref, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", ref), ref
        assert re.search(r"#\s*v\d", comment), f"{ref}: add the tag as a comment"


def test_deploy_sets_site_url_from_pages_and_has_least_privilege() -> None:
    deploy = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8"))
    assert deploy["permissions"] == {"contents": "read"}
    assert "group" in deploy["concurrency"]
    build_env = next(step["env"] for step in deploy["jobs"]["build"]["steps"] if step.get("env"))
    assert "steps.pages.outputs.base_url" in build_env["SITE_URL"]
    assert deploy["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_permissions_are_read_only_by_default_and_written_only_where_needed(path: Path) -> None:
    workflow = _load(path)
    top = workflow.get("permissions")
    assert isinstance(top, dict), f"{path.name}: set top-level permissions (e.g. contents: read)"
    assert set(top.values()) <= {"read", "none"}, f"{path.name}: the default must be read-only"
    for name, job in workflow["jobs"].items():
        permissions = job.get("permissions", {})
        assert isinstance(permissions, dict), f"{path.name}: {name}: list permissions one by one"
        writes = {scope for scope, level in permissions.items() if level == "write"}
        allowed = ALLOWED_WRITES.get((path.name, name), set())
        assert writes <= allowed, f"{path.name}: job {name} may not write {writes - allowed}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_checkout_never_persists_credentials(path: Path) -> None:
    for step in _steps(_load(path)):
        if str(step.get("uses", "")).startswith("actions/checkout@"):
            assert step.get("with", {}).get("persist-credentials") is False, path.name


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_pull_request_target_and_no_untrusted_input_in_scripts(path: Path) -> None:
    workflow = _load(path)
    triggers = workflow["on"]
    names = {triggers} if isinstance(triggers, str) else set(triggers)
    assert "pull_request_target" not in names, path.name
    for step in _steps(workflow):
        assert "github.event" not in str(step.get("run", "")), f"{path.name}: pass event data through env"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_installs_in_workflows_use_hashes_only(path: Path) -> None:
    for step in _steps(_load(path)):
        for line in str(step.get("run", "")).splitlines():
            if re.search(r"\bpip3? install\b", line):
                assert "--require-hashes" in line, f"{path.name}: {line}"
            if re.search(r"\buv (sync|run)\b", line):
                assert re.search(r"--(locked|frozen)\b", line), f"{path.name}: {line}"
            assert not re.search(r"(curl|wget)[^|]*\|\s*(ba)?sh", line), f"{path.name}: {line}"


def test_makefile_installs_uv_by_hash_and_packages_from_the_lock_file() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipes = re.sub(r"\\\n\s*", " ", makefile)  # join continued lines
    pip_installs = [line for line in recipes.splitlines() if re.search(r"pip3? install", line)]
    assert pip_installs, "the Makefile bootstraps uv with pip"
    for line in pip_installs:
        assert "--require-hashes" in line and "-r $(UV_BOOTSTRAP)" in line, line
    assert "UV_BOOTSTRAP := scripts/requirements-bootstrap.txt" in makefile
    syncs = [line for line in recipes.splitlines() if re.search(r"\buv\)? sync\b", line, re.IGNORECASE)]
    assert syncs and all("--locked" in line for line in syncs), syncs


def test_uv_bootstrap_is_pinned_with_hashes() -> None:
    text = (ROOT / "scripts" / "requirements-bootstrap.txt").read_text(encoding="utf-8")
    logical = [line for line in re.sub(r"\\\n", " ", text).splitlines() if line.strip() and line[0] != "#"]
    assert len(logical) == 1, logical
    requirement, *options = logical[0].split()
    assert re.fullmatch(r"uv==\d+\.\d+\.\d+", requirement), requirement
    hashes = [option.removeprefix("--hash=sha256:") for option in options]
    assert all(re.fullmatch(r"[0-9a-f]{64}", digest) for digest in hashes), options
    # Linux x86_64 (glibc, musl), aarch64 (one wheel for both) and the source archive.
    assert len(set(hashes)) == len(hashes) >= 4


def test_dependabot_updates_python_and_actions() -> None:
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    covered = {(update["package-ecosystem"], update["directory"]) for update in config["updates"]}
    assert ("uv", "/") in covered, "uv.lock"
    assert ("pip", "/scripts") in covered, "scripts/requirements-bootstrap.txt"
    assert ("github-actions", "/") in covered


def test_linkrot_runs_weekly_and_never_on_pull_requests() -> None:
    workflow = _load(ROOT / ".github" / "workflows" / "linkrot.yml")
    assert set(workflow["on"]) == {"schedule", "workflow_dispatch"}
    (cron,) = [entry["cron"] for entry in workflow["on"]["schedule"]]
    _minute, _hour, day, month, weekday = cron.split()
    assert (day, month) == ("*", "*") and weekday.isdigit(), f"weekly: {cron}"
    runs = " ".join(str(step.get("run", "")) for step in _steps(workflow))
    assert "make linkrot" in runs and "scripts/linkrot_issue.py" in runs


def test_deploy_keeps_the_well_known_folder() -> None:
    deploy = _load(ROOT / ".github" / "workflows" / "deploy.yml")
    upload = next(s for s in _steps(deploy) if "upload-pages-artifact" in str(s.get("uses", "")))
    assert upload["with"]["include-hidden-files"] is True, "security.txt lives in .well-known/"
