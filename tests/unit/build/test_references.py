"""iastm_guide/build/references.py: references.bib into mkdocs-bibtex, citations by file and line."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from iastm_guide.build import references
from tests.helpers import ROOT
from tests.unit.build.conftest import MakeBuild
from tests.unit.build.test_state import _page


def test_the_bibliography_is_loaded_once_and_given_to_the_plugin(make_build: MakeBuild) -> None:
    build = make_build()
    references.load(build)
    assert build.config.plugins["bibtex"].registry.bib_data is build.bib.data  # type: ignore[attr-defined]
    assert str(ROOT / "references.bib") in build.config.watch


def test_a_broken_bibliography_stops_the_build_in_one_line(make_build: MakeBuild, tmp_path: Path) -> None:
    (tmp_path / "references.bib").write_text("@article{a,\n  title = {T\n}\n", encoding="utf-8")
    build = make_build()
    build.root = tmp_path
    with pytest.raises(PluginError, match=r"^references.bib:\d+: BibTeX"):
        references.load(build)


def test_a_citation_problem_names_the_page_and_line(
    make_build: MakeBuild, caplog: pytest.LogCaptureFixture
) -> None:
    build = make_build()
    references.load(build)
    page = _page("x.md", "---\ntitle: X\n---\n\nA claim [@qqqq].\n")
    with caplog.at_level(logging.WARNING):
        references.check_citations(build, "A claim [@qqqq].\n", page)
    assert [r.getMessage() for r in caplog.records] == [
        "check: docs/x.md:5: unknown citation key 'qqqq'; add the entry to references.bib or fix the key"
    ]
