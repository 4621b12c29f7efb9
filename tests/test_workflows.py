"""The GitHub workflows are valid, lint-clean and pin every action by commit; the
supply chain stays locked: least privilege, no persisted credentials, no
pull_request_target, installs by hash only, Dependabot for Python, actions and the
CI image. CI and deploy run the project's code in the pinned Debian container (the
README's fresh machine), and deploy publishes only a commit whose CI run passed."""

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
    ("review-due.yml", "review-due"): {"issues"},  # keep the one review dates issue
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
    deploy = _load(ROOT / ".github" / "workflows" / "deploy.yml")
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
    assert ("docker", "/.github/ci") in covered, ".github/ci/Dockerfile, the CI image"


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


# ---------------------------------------------------------------- the CI container
CI_DIR = ROOT / ".github" / "ci"
PINNED_IMAGE = re.compile(r"python:3\.11(\.\d+)?-slim-bookworm@sha256:[0-9a-f]{64}")
IMAGE_FROM_PIN = "${{ needs.image.outputs.ref }}"
# Make targets that install system packages (scripts/ensure-system-packages.sh) or run
# the browser tests: only inside the Debian container, as root.
SYSTEM_TARGETS = re.compile(r"\bmake\b[^;&|]*\b(test|browser|pytest|screenshots|bench)\b")
PIPELINES = ("ci.yml", "deploy.yml")


def _runs(job: dict[str, Any]) -> list[str]:
    return [str(step["run"]) for step in job.get("steps", []) if "run" in step]


def test_the_ci_image_is_debian_python_3_11_pinned_by_digest() -> None:
    lines = [line for line in (CI_DIR / "Dockerfile").read_text(encoding="utf-8").splitlines() if line]
    froms = [line.split(None, 1)[1] for line in lines if line.startswith("FROM ")]
    assert len(froms) == 1 and PINNED_IMAGE.fullmatch(froms[0]), froms
    result = subprocess.run(
        ["bash", str(CI_DIR / "image-ref.sh")], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"ref={froms[0]}\n"


def test_the_image_reader_refuses_a_tag_without_a_digest(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text("FROM python:3.11-slim-bookworm\n", encoding="utf-8")
    (tmp_path / "image-ref.sh").write_text(
        (CI_DIR / "image-ref.sh").read_text(encoding="utf-8"), encoding="utf-8"
    )
    result = subprocess.run(
        ["bash", str(tmp_path / "image-ref.sh")], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1 and result.stdout == ""
    assert "FROM python:3.11-slim-bookworm@sha256:<digest>" in result.stderr


@pytest.mark.parametrize("name", PIPELINES)
def test_every_job_that_runs_project_code_runs_in_the_pinned_container(name: str) -> None:
    jobs = _load(ROOT / ".github" / "workflows" / name)["jobs"]
    image = jobs["image"]
    assert _runs(image) == ['bash .github/ci/image-ref.sh >> "$GITHUB_OUTPUT"'], name
    assert image["outputs"]["ref"] == "${{ steps.pin.outputs.ref }}"
    for job_name, job in jobs.items():
        if job_name == "image":
            continue
        runs = _runs(job)
        if not runs:  # only GitHub's own actions, on the artifact (deploy-pages)
            assert all("uses" in step for step in job["steps"]), f"{name}: {job_name}"
            continue
        assert job.get("container", {}).get("image") == IMAGE_FROM_PIN, (
            f"{name}: job {job_name} runs project code outside the pinned Debian container"
        )
        needs = job["needs"] if isinstance(job["needs"], list) else [job["needs"]]
        assert "image" in needs, f"{name}: job {job_name} must need the image job"
        assert any(re.search(r"\bmake (test|build)\b", run) for run in runs), f"{name}: {job_name}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_apt_get_runs_unprivileged(path: Path) -> None:
    """Hosted runners run steps as a user, not root: apt-get there needs sudo, and
    `make test` (which installs Debian's chromium, Java, zbar, poppler and fonts) runs
    only in the container, where steps run as root and Debian's packages are the
    ones the tests were measured with (Ubuntu's chromium is a snap wrapper)."""
    for name, job in _load(path)["jobs"].items():
        in_container = "container" in job
        for run in _runs(job):
            for line in run.splitlines():
                if re.search(r"\bapt(-get)?\b", line) and not in_container:
                    assert re.match(r"\s*sudo\b", line), f"{path.name}: {name}: {line}"
                if SYSTEM_TARGETS.search(line):
                    assert in_container, f"{path.name}: {name}: '{line}' belongs in the Debian container"


def test_deploy_runs_only_after_ci_passed_for_that_commit() -> None:
    ci = _load(ROOT / ".github" / "workflows" / "ci.yml")
    deploy = _load(ROOT / ".github" / "workflows" / "deploy.yml")
    assert deploy["on"] == {
        "workflow_run": {"workflows": [ci["name"]], "types": ["completed"], "branches": ["main"]}
    }, "deploy starts only from a completed CI run on main (no push or manual trigger of its own)"
    assert any("make test" in run for run in _runs(ci["jobs"]["test"]))
    gate = " ".join(deploy["jobs"]["image"]["if"].split())
    for condition in (
        "github.event.workflow_run.conclusion == 'success'",
        "github.event.workflow_run.event != 'pull_request'",
        "github.event.workflow_run.head_branch == 'main'",
        "github.event.workflow_run.head_repository.full_name == github.repository",
    ):
        assert condition in gate, condition
    # Every other job depends, directly or not, on the gated one.
    jobs = deploy["jobs"]

    def gated(name: str) -> bool:
        if name == "image":
            return True
        needs = jobs[name].get("needs", [])
        needs = needs if isinstance(needs, list) else [needs]
        return any(gated(need) for need in needs)

    assert all(gated(name) for name in jobs), "a deploy job that does not wait for the gate"
    for step in _steps(deploy):
        if str(step.get("uses", "")).startswith("actions/checkout@"):
            assert step["with"]["ref"] == "${{ github.event.workflow_run.head_sha }}", "the tested commit"


def test_ci_runs_on_pull_requests_pushes_and_weekly() -> None:
    triggers = _load(ROOT / ".github" / "workflows" / "ci.yml")["on"]
    assert {"pull_request", "push", "schedule"} <= set(triggers)
    (cron,) = [entry["cron"] for entry in triggers["schedule"]]
    assert cron.split()[2:4] == ["*", "*"] and cron.split()[4].isdigit(), f"weekly: {cron}"
