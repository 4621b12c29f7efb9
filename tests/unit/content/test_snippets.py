"""iastm_guide/content/snippets.py: snippets expanded by pymdownx.snippets, each line
remembering where it was written; missing and outside paths are problems, not crashes."""

from __future__ import annotations

from pathlib import Path

import pytest

from iastm_guide.content.snippets import Expander


@pytest.fixture
def expander(tmp_path: Path) -> Expander:
    (tmp_path / "docs" / "includes").mkdir(parents=True)
    (tmp_path / "docs" / "includes" / "risks.md").write_text("Risk one [@a].\nRisk two.\n", encoding="utf-8")
    return Expander({"base_path": [str(tmp_path / "docs")], "check_paths": False}, tmp_path)


def test_a_page_without_snippets_is_left_alone(expander: Expander) -> None:
    result = expander.expand("One.\nTwo.")
    assert result.text == "One.\nTwo." and result.origin(2) == (None, 2) and not result.problems


def test_included_lines_remember_their_file_and_line(expander: Expander) -> None:
    result = expander.expand('Intro.\n--8<-- "includes/risks.md"\nAfter.')
    assert result.text.split("\n")[:4] == ["Intro.", "Risk one [@a].", "Risk two.", ""]
    assert result.origin(1) == (None, 1)
    assert result.origin(3) == ("docs/includes/risks.md", 2)
    assert result.origin(len(result.origins)) == (None, 3)
    assert result.included == ["docs/includes/risks.md"]


def test_an_escaped_marker_stays_for_the_extension_to_unescape(expander: Expander) -> None:
    result = expander.expand(';--8<-- "includes/risks.md"')
    assert result.text == ';--8<-- "includes/risks.md"' and not result.problems


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("includes/nothing.md", "was not found"),
        ("../../etc/hostname", "is outside the snippet folders"),
        ("/etc/hostname", "is outside the snippet folders"),
    ],
)
def test_a_missing_or_outside_snippet_is_a_problem_with_its_line(
    expander: Expander, path: str, message: str
) -> None:
    result = expander.expand(f'Intro.\n--8<-- "{path}"\nAfter.')
    assert [line for line, _ in result.problems] == [2]
    assert message in result.problems[0][1] and f"'{path}'" in result.problems[0][1]
    assert result.text == "Intro.\nAfter."
