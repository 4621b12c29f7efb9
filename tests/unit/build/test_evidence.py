"""iastm_guide/build/evidence.py: the condition pages' titles, and markers without data."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import PluginError

from iastm_guide.build import evidence
from tests.unit.build.conftest import MakeBuild
from tests.unit.build.test_state import _page


def test_a_condition_is_named_by_its_title_or_its_file() -> None:
    assert evidence._title("---\ntitle: Neck pain\n---\n\nText.\n", "conditions/neck-pain.md") == "Neck pain"
    assert evidence._title("No front matter.\n", "conditions/low-back-pain.md") == "Low back pain"


def test_markers_without_study_data_stop_the_build(make_build: MakeBuild) -> None:
    build = make_build()
    build.evidence = None
    page = _page("x.md", "---\ntitle: X\n---\n\n[[evidence-map]]\n")
    assert evidence.expand(build, "No markers here.\n", page) == "No markers here.\n"
    with pytest.raises(
        PluginError, match=r"the page has evidence markers but there is no evidence/studies\.yml"
    ):
        evidence.expand(build, "[[evidence-map]]\n", page)
