"""Bad input to the findability hooks: a copy of the site broken one way at a time;
the strict build must fail, naming the file and what to write instead."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.faults.test_bad_input import Breaker, _replace
from tests.faults.test_content_rules import _set_key
from tests.helpers import build, copy_project


def _write(path: str, text: str) -> Breaker:
    def breaker(project: Path) -> None:
        (project / path).write_text(text, encoding="utf-8")

    return breaker


CASES: dict[str, tuple[Breaker, list[str]]] = {
    "review date that is not a date": (
        _set_key("docs/index.md", "last_reviewed", "soon"),
        ["docs/index.md:", "'last_reviewed: soon' is not a date; write it as YYYY-MM-DD", "sitemap.xml"],
    ),
    "no review date": (
        _set_key("docs/references.md", "last_reviewed", ""),
        ["docs/references.md:", "front matter has no 'last_reviewed' date"],
    ),
    "reviewer that is not a name": (
        _replace("docs/index.md", "page_type: home", "page_type: home\nreviewed_by: [someone, else]"),
        ["docs/index.md:", "'reviewed_by' must name the reviewer"],
    ),
    "hand-written robots.txt": (
        _write("docs/robots.txt", "User-agent: *\nDisallow:\n"),
        [
            "docs/robots.txt: robots.txt is generated from site_url by the build "
            "(iastm_guide/findability/sitemap.py); delete this file"
        ],
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(CASES))
def test_strict_build_refuses_bad_findability_input(case: str, tmp_path: Path) -> None:
    breaker, expected = CASES[case]
    project = copy_project(tmp_path / "project")
    breaker(project)
    result = build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"{case}: the build passed\n{output}"
    for text in expected:
        assert text in output, f"{case}: {text!r} not in the build output\n{output}"
