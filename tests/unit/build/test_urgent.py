"""iastm_guide/build/urgent.py: the condition pages, and advice expanded on a page."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from iastm_guide.build import urgent
from tests.unit.build.conftest import MakeBuild
from tests.unit.build.test_state import _page


class _Files:
    def __init__(self, *uris: str) -> None:
        self.uris = uris

    def documentation_pages(self) -> list[Any]:
        return [SimpleNamespace(src_uri=uri) for uri in self.uris]


def test_condition_pages_are_the_pages_in_conditions_but_its_index() -> None:
    files = _Files("index.md", "conditions/index.md", "conditions/neck-pain.md", "conditions/x/deep.md")
    assert urgent.condition_pages(files) == {"neck-pain"}  # type: ignore[arg-type]


def test_a_block_is_expanded_from_the_data(make_build: MakeBuild) -> None:
    build = make_build()
    urgent.load(build)
    sign = next(iter(build.urgent.signs))
    text = f"---\ntitle: X\npage_type: topic\n---\n\n/// urgent-help\n{sign}\n///\n"
    out = urgent.expand(build, text.split("---\n", 2)[2].lstrip("\n"), _page("x.md", text))
    assert '<div class="urgent-help" markdown>' in out and build.urgent.signs[sign].says in out
