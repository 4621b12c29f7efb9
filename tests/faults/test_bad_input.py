"""The foundation's bad-input cases: each breaks a copy of the site one way and
the strict build must fail with a message naming the broken file."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import build, copy_project

Breaker = Callable[[Path], None]


def _append(path: str, text: str) -> Breaker:
    def breaker(project: Path) -> None:
        target = project / path
        target.write_text(target.read_text(encoding="utf-8") + text, encoding="utf-8")

    return breaker


def _replace(path: str, old: str, new: str) -> Breaker:
    def breaker(project: Path) -> None:
        target = project / path
        text = target.read_text(encoding="utf-8")
        assert old in text, f"fixture text {old!r} not found in {path}"
        target.write_text(text.replace(old, new, 1), encoding="utf-8")

    return breaker


CASES: dict[str, tuple[Breaker, list[str]]] = {
    "unknown citation key": (
        _append("docs/index.md", "\nA claim with a typo in its key [@seffrin2091iastm].\n"),
        ["docs/index.md:", "unknown citation key 'seffrin2091iastm'", "did you mean 'seffrin2019iastm'"],
    ),
    "bib entry missing a closing brace": (
        _replace("references.bib", "  pmid    = {31322903}\n}", "  pmid    = {31322903\n}"),
        ["references.bib:", "syntax error"],
    ),
    "duplicate bib key": (
        _append("references.bib", "\n@article{seffrin2019iastm,\n  title = {Again},\n  year = {2019}\n}\n"),
        ["references.bib:", "duplicate BibTeX key 'seffrin2019iastm'"],
    ),
    "broken internal link": (
        _append("docs/index.md", "\nSee [a page that is not there](no-such-page.md).\n"),
        ["index.md", "no-such-page.md"],
    ),
    "broken anchor": (
        _append("docs/index.md", "\nSee [the references](references.md#no-such-heading).\n"),
        ["index.md", "no-such-heading"],
    ),
    "glossary line that is not a definition": (
        _append("docs/includes/abbreviations.md", "IASTM means scraping\n"),
        ["docs/includes/abbreviations.md:85:", "not a glossary line", "*[term]: plain-language definition"],
    ),
    "glossary term defined twice": (
        _append("docs/includes/abbreviations.md", "*[RCT]: a second definition\n"),
        ["docs/includes/abbreviations.md:85:", "'RCT' is defined twice"],
    ),
    "e-mail address inside link text": (
        _append("docs/index.md", "\nWrite to [editors@example.org](mailto:editors@example.org).\n"),
        ["docs/index.md:", "is not a citation"],
    ),
}


def assert_build_refuses(
    case: str,
    breaker: Breaker,
    expected: list[str],
    tmp_path: Path,
    builder: Callable[..., subprocess.CompletedProcess[str]] = build,
    **env: str,
) -> None:
    """Copy the site, break it, build strictly: the build fails and says each expected text."""
    project = copy_project(tmp_path / "project")
    breaker(project)
    result = builder(project, tmp_path / "site", **env)
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"{case}: the build passed\n{output}"
    for text in expected:
        assert text in output, f"{case}: {text!r} not in the build output\n{output}"


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(CASES))
def test_strict_build_refuses_bad_input_and_names_the_file(case: str, tmp_path: Path) -> None:
    breaker, expected = CASES[case]
    assert_build_refuses(case, breaker, expected, tmp_path)


def test_a_citation_inside_code_is_left_as_written(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    _append(
        "docs/index.md",
        "\nCite like this: `[@seffrin2019iastm]`.\n\n```\n[@seffrin2019iastm]\n```\n",
    )(project)
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "<code>[@seffrin2019iastm]</code>" in html
    assert "[@seffrin2019iastm]\n</code>" in html or "[@seffrin2019iastm]</span>" in html
