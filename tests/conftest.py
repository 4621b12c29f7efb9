"""Fixtures: the real site built once, served on loopback, and Debian's chromium."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import ROOT, add_fixture_condition, build, copy_project, serve_site

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built strictly once per test session."""
    out = tmp_path_factory.mktemp("site")
    result = build(ROOT, out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def served(site: Path) -> Iterator[str]:
    """The built site on a loopback HTTP server (404.html for missing pages, as on
    GitHub Pages); yields its base URL."""
    with serve_site(site) as base:
        yield base


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project with one more page, tests/fixtures/test-fixture-condition.md,
    at /conditions/test-fixture-condition/: a condition page of realistic length with
    its own review date, for the print and findability tests. Built once."""
    project = copy_project(tmp_path_factory.mktemp("fixture-project"))
    add_fixture_condition(project)
    out = tmp_path_factory.mktemp("fixture-site")
    result = build(project, out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def fixture_served(fixture_site: Path) -> Iterator[str]:
    with serve_site(fixture_site) as base:
        yield base


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's chromium driven by Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
