"""netlify.toml, the alternative to GitHub Pages that sends the site's headers: it runs the
same strict build with the address each deploy is served from (a Deploy Preview of every
pull request at its own), publishes site/, and the `_headers` file Netlify reads from a
real build parses."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from iastm_guide.security.headers import parse_headers_file
from tests.helpers import ROOT, build, copy_project

PREVIEW = "https://deploy-preview-42--iastm-guide.netlify.app"
PRODUCTION = "https://iastm-guide.netlify.app"
# Netlify sets these (read-only) in every build; the commands must use the right one.
NETLIFY_ENV = {"URL": PRODUCTION, "DEPLOY_PRIME_URL": PREVIEW, "DEPLOY_URL": PREVIEW}
FAKE_MAKE = """#!{python}
import json, os, sys
with open(os.environ["MAKE_LOG"], "w") as log:
    json.dump({{"args": sys.argv[1:], "SITE_URL": os.environ.get("SITE_URL")}}, log)
"""


def _netlify() -> dict[str, Any]:
    with (ROOT / "netlify.toml").open("rb") as file:
        return tomllib.load(file)


def _command(context: str) -> str:
    config = _netlify()
    command = config.get("context", {}).get(context, {}).get("command", config["build"]["command"])
    assert isinstance(command, str)
    return command


def _run_as_netlify(command: str, tmp_path: Path) -> dict[str, Any]:
    """Run a netlify.toml command as Netlify does (in a shell, in the repository), with
    a `make` that records what it was asked to do."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "make"
    fake.write_text(FAKE_MAKE.format(python=sys.executable), encoding="utf-8")
    fake.chmod(0o755)
    log = tmp_path / "make.json"
    env = {**os.environ, **NETLIFY_ENV, "PATH": f"{bin_dir}:{os.environ['PATH']}", "MAKE_LOG": str(log)}
    env.pop("SITE_URL", None)
    subprocess.run(["bash", "-c", command], cwd=ROOT, env=env, check=True, timeout=30)
    recorded: dict[str, Any] = json.loads(log.read_text(encoding="utf-8"))
    return recorded


@pytest.mark.parametrize(
    ("context", "site_url"),
    [("production", PRODUCTION), ("deploy-preview", PREVIEW), ("branch-deploy", PREVIEW)],
)
def test_every_deploy_runs_the_strict_build_with_its_own_address(
    context: str, site_url: str, tmp_path: Path
) -> None:
    recorded = _run_as_netlify(_command(context), tmp_path)
    assert recorded == {"args": ["build"], "SITE_URL": site_url}


def test_make_build_is_the_strict_build() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^build:.*\n((?:\t.*\n)+)", makefile, re.M)
    assert recipe and "mkdocs build --strict" in recipe.group(1)
    assert " -q" not in recipe.group(1), "-q hides warnings from --strict"


def test_netlify_publishes_the_built_site_with_the_projects_python() -> None:
    config = _netlify()
    assert config["build"]["publish"] == "site"
    mkdocs = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert not re.search(r"^site_dir:", mkdocs, re.M), "mkdocs builds into site/, what Netlify publishes"
    version = config["build"]["environment"]["PYTHON_VERSION"]
    with (ROOT / "pyproject.toml").open("rb") as file:
        requires = tomllib.load(file)["project"]["requires-python"]
    lowest = re.search(r">=\s*(\d+\.\d+)", requires)
    assert lowest and lowest.group(1) == version, (version, requires)
    assert f"<{version.split('.')[0]}.{int(version.split('.')[1]) + 1}" in requires, requires
    # Redirects and headers come from the build (site/_headers), never from this file.
    assert set(config) <= {"build", "context"}, sorted(config)


@pytest.mark.slow
def test_a_deploy_preview_build_reads_as_the_site_will(tmp_path: Path) -> None:
    """The real build, with the address the preview command gives: every link, the
    sitemap and security.txt point at the preview, and `_headers` parses."""
    site_url = _run_as_netlify(_command("deploy-preview"), tmp_path)["SITE_URL"]
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    result = build(project, site, SITE_URL=site_url)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "is under a path" not in output, "a Netlify site is at the root of its host"

    html = (site / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{PREVIEW}/">' in html
    assert f"Sitemap: {PREVIEW}/sitemap.xml" in (site / "robots.txt").read_text(encoding="utf-8")
    security = (site / ".well-known" / "security.txt").read_text(encoding="utf-8")
    assert f"Canonical: {PREVIEW}/.well-known/security.txt\n" in security

    rules = list(parse_headers_file((site / "_headers").read_text(encoding="utf-8")))
    assert [path for path, _ in rules] == ["/*"]
    headers = dict(rules[0][1])
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    for name in ("Strict-Transport-Security", "X-Content-Type-Options", "Permissions-Policy"):
        assert headers.get(name), name
