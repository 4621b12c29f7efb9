"""Moved pages keep their addresses (clinics link to them) without growing the policy:
every mkdocs-redirects stub carries one fixed script, allowed by one hash, that goes to
the stub's canonical address and keeps the #fragment; `_headers` stays within what
hosts accept (Cloudflare Pages: 100 rules, 2,000 characters a line) however many
pages move."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.browser.csp_watch import Watch
from tests.helpers import build_in_process, copy_project, serve_site

pytestmark = pytest.mark.browser

MOVES = 150


def _add_redirects(project: Path) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    maps = "".join(f"        old/section-{n}/page-{n}.md: conditions/neck-pain.md\n" for n in range(MOVES))
    text, count = re.subn(r"      redirect_maps: \{\}\n", "      redirect_maps:\n" + maps, text)
    assert count == 1, "mkdocs.yml's redirect_maps changed shape"
    config.write_text(text, encoding="utf-8")


def test_many_redirects_share_one_hash_and_keep_the_fragment(tmp_path: Path, browser: Any) -> None:
    project = copy_project(tmp_path / "project")
    _add_redirects(project)
    site = tmp_path / "site"
    result = build_in_process(project, site)
    assert result.returncode == 0, result.stderr
    headers = (site / "_headers").read_text(encoding="utf-8")
    assert max(len(line) for line in headers.splitlines()) <= 2000
    assert sum(line.startswith("/") for line in headers.splitlines()) <= 100
    policy = re.search(r"script-src ([^;]*)", headers)
    assert policy and len(policy.group(1).split()) <= 10, "one hash for every redirect, not one each"
    stubs = {
        p.read_text(encoding="utf-8").split("<script>", 1)[1].split("</script>", 1)[0]
        for p in (site / "old").rglob("index.html")
    }
    assert len(stubs) == 1, "every stub carries the same script"
    with serve_site(site) as base:
        page = browser.new_page()
        watch = Watch(page)
        page.goto(base + "/old/section-7/page-7/#what-it-is", wait_until="load")
        page.wait_for_url(re.compile(r".*/conditions/neck-pain/#what-it-is$"), timeout=5000)
        watch.collect()
        assert watch.violations == [] and watch.errors == [], (watch.violations, watch.errors)
        page.close()
