"""iastm_guide/build/state.py: what one build carries from phase to phase."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

from iastm_guide.content.snippets import Expanded
from tests.helpers import ROOT
from tests.unit.build.conftest import MakeBuild


def _page(src_uri: str, text: str) -> Any:
    path = ROOT / "docs" / src_uri
    file = SimpleNamespace(src_uri=src_uri, abs_src_path=str(path), content_string=text)
    return SimpleNamespace(file=file)


def test_a_page_is_read_once_and_named_as_an_editor_names_it(make_build: MakeBuild) -> None:
    build = make_build()
    page = _page("x.md", "---\ntitle: X\n---\n\nBody.\n")
    source = build.source(page)
    assert source.name == "docs/x.md" and source.offset == 4
    assert build.source(page) is source


def test_problems_point_at_the_page_or_the_file_it_included(make_build: MakeBuild) -> None:
    build = make_build()
    page = _page("x.md", "---\ntitle: X\n---\n\nBody.\n")
    assert str(build.problem(page, 1, "fix")) == "docs/x.md:5: fix"
    build.expansions["x.md"] = Expanded("a\nb", [(None, 1), ("docs/includes/risks.md", 7)])
    assert str(build.problem(page, 2, "fix")) == "docs/includes/risks.md:7 (included in docs/x.md): fix"


def test_serve_watches_each_file_once(make_build: MakeBuild, tmp_path: Path) -> None:
    build = make_build()
    before = len(build.config.watch)
    build.watch(tmp_path / "data.yml")
    build.watch(tmp_path / "data.yml")
    assert len(build.config.watch) == before + 1
