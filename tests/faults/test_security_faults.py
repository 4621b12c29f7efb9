"""Security parts an editor can break: the strict build refuses, naming file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import build, copy_project


@pytest.mark.slow
def test_markup_the_policy_would_block_fails_the_build_with_file_and_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "index.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    lines += [
        "",
        "A red warning.",
        '{ style="color: red" }',
        "",
        '<button onclick="alert(1)">Hi</button>',
        "",
        "A blue one.",
        '{ style="color: blue" }',
        "",
    ]
    page.write_text("\n".join(lines), encoding="utf-8")
    style_line = len(lines) - 6
    result = build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    allowed = "is not allowed in page content"
    assert f'docs/index.md:{style_line}: style="color: red" attribute on <p> {allowed}' in output
    assert f"docs/index.md:{style_line + 2}: inline event handler onclick=" in output
    assert f'docs/index.md:{style_line + 5}: style="color: blue" attribute on <p> {allowed}' in output
    assert "docs/stylesheets/extra.css" in output, "the message says what to do instead"


@pytest.mark.slow
def test_a_repository_address_security_txt_cannot_use_fails_the_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    result = build(project, tmp_path / "site", REPO_URL="git@github.com:iastm-guide/iastm-guide.git")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "mkdocs.yml: extra.repository must be the repository's https:// address" in output
