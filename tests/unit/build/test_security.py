"""iastm_guide/build/security.py: snippets from the project root, and what content may carry."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from iastm_guide.build import security
from tests.helpers import ROOT
from tests.unit.build.conftest import MakeBuild
from tests.unit.build.test_state import _page


def test_snippet_folders_are_relative_to_the_project_root() -> None:
    assert security.snippet_settings({"base_path": "docs", "check_paths": True}, Path("/p")) == {
        "base_path": ["/p/docs"],
        "check_paths": True,
    }
    assert security.snippet_settings({}, Path("/p"))["base_path"] == ["/p"]


def test_a_missing_snippet_is_a_problem_at_its_line(
    make_build: MakeBuild, caplog: pytest.LogCaptureFixture
) -> None:
    build = make_build()
    security.prepare_snippets(build)
    assert build.snippet_folders == [ROOT / "docs"]
    text = '---\ntitle: X\n---\n\nText.\n\n--8<-- "includes/gone.md"\n'
    page = _page("x.md", text)
    with caplog.at_level(logging.WARNING):
        out = security.expand_snippets(build, text.split("---\n", 2)[2].lstrip("\n"), page)
    assert "gone.md" not in out
    (message,) = [r.getMessage() for r in caplog.records]
    assert message.startswith("check: docs/x.md:7: the snippet 'includes/gone.md' was not found")


def test_forbidden_markup_is_named_at_its_source_line_and_made_inert(
    make_build: MakeBuild, caplog: pytest.LogCaptureFixture
) -> None:
    build = make_build()
    page = _page("x.md", "---\ntitle: X\n---\n\nText.\n\n<script>alert(1)</script>\n")
    page.meta = {"title": "</title><script>"}
    with caplog.at_level(logging.WARNING):
        html = security.check_content(build, "<p>Text.</p>\n<script>alert(1)</script>", page)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert str(page.meta["title"]) == "&lt;/title&gt;&lt;script&gt;"
    (message,) = [r.getMessage() for r in caplog.records]
    assert message.startswith("build: docs/x.md:7: a <script> element")


def test_a_page_without_an_article_is_named(make_build: MakeBuild, caplog: pytest.LogCaptureFixture) -> None:
    build = make_build(site_url="https://example.org/")
    page = _page("x.md", "")
    with caplog.at_level(logging.WARNING):
        assert security.mark_external_links(build, "<p>no article</p>", page) == "<p>no article</p>"
    assert "the page has no <article>" in caplog.records[0].getMessage()
    marked = security.mark_external_links(build, '<article><a href="https://doi.org/1">d</a></article>', page)
    assert 'rel="noopener noreferrer"' in marked
