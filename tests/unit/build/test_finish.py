"""iastm_guide/build/finish.py: the one pass after the build, on a small built site."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from iastm_guide.build import finish
from iastm_guide.security import policy
from tests.unit.build.conftest import MakeBuild

STUB = (
    '<html><head><link rel="canonical" href="../new/"></head><body>'
    '<script>var anchor=window.location.hash.substr(1);location.href="../new/"+(anchor?"#"+anchor:"")'
    "</script></body></html>"
)


def test_inline_code_the_theme_does_not_produce_is_named(
    make_build: MakeBuild, caplog: pytest.LogCaptureFixture
) -> None:
    build = make_build()
    allowed: tuple[set[str], set[str]] = ({policy.sha256_source("theme()")}, set())
    html = '<head><script>theme()</script><script>other()</script></head><p style="x">t</p>'
    with caplog.at_level(logging.WARNING):
        finish._check(build, "x/index.html", html, allowed, policy.Seen())
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 2
    assert "an inline <script> the theme does not produce ('other()'" in messages[0]
    assert (
        messages[1].startswith("build: x/index.html:1 (not from a Markdown page") and "style=" in messages[1]
    )


def test_redirect_stubs_get_the_one_fixed_script() -> None:
    fixed = finish.STUB_SCRIPT.sub(f"<script>{finish.REDIRECT_SCRIPT}</script>", STUB)
    assert finish.REDIRECT_SCRIPT in fixed and "location.href" not in fixed


def test_own_stylesheets_and_scripts_lose_their_comments(make_build: MakeBuild, tmp_path: Path) -> None:
    build = make_build(extra_javascript=["js/own.js"])
    site = Path(build.config.site_dir)
    (site / "stylesheets").mkdir(parents=True)
    (site / "js").mkdir()
    (site / "stylesheets" / "extra.css").write_text("/* c */\n.a  {  color: red; }\n", encoding="utf-8")
    (site / "js" / "own.js").write_text("/* header */\nvar a = 1;\n", encoding="utf-8")
    finish._minify_own_files(build, site)
    assert (site / "stylesheets" / "extra.css").read_text(encoding="utf-8") == ".a{color:red}"
    assert (site / "js" / "own.js").read_text(encoding="utf-8") == "var a = 1;\n"
