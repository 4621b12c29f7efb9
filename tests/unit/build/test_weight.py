"""iastm_guide/build/weight.py: the site's icons inlined, what pages use collected."""

from __future__ import annotations

from iastm_guide.build import weight
from tests.unit.build.conftest import MakeBuild
from tests.unit.build.test_state import _page


def test_the_logo_and_favicon_are_inlined(make_build: MakeBuild) -> None:
    build = make_build()
    weight.inline_icons(build)
    assert build.config.extra["inline_logo"].startswith('<svg aria-hidden="true"')
    assert build.config.theme["favicon"].startswith("data:image/svg+xml,")


def test_classes_of_finished_pages_are_collected(make_build: MakeBuild) -> None:
    build = make_build()
    html = '<p class="a b">x</p>'
    assert weight.collect_used(build, html, _page("x.md", "")) == html
    assert {"a", "b"} <= build.used.classes
