"""The content steps of the build, fed the real project one step at a time."""

from __future__ import annotations

from iastm_guide.build import content
from tests.helpers import ROOT
from tests.unit.build.conftest import MakeBuild


def test_every_page_gets_the_glossary_once_per_build(make_build: MakeBuild) -> None:
    """The terms go to the abbr extension's glossary: no page re-reads the list."""
    build = make_build()
    content.load_glossary(build)
    terms = build.config.mdx_configs["abbr"]["glossary"]
    assert terms["IASTM"].startswith("Instrument-assisted soft tissue mobilisation")
    assert len(terms) == len(
        (ROOT / "docs/includes/abbreviations.md").read_text(encoding="utf-8").splitlines()
    )
