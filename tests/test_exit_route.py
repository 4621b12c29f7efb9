"""The exit route from mkdocs 1.x: ProperDocs builds the same project strictly."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import ROOT, build


@pytest.mark.slow
def test_properdocs_builds_the_site_strictly(tmp_path: Path) -> None:
    result = build(ROOT, tmp_path / "site", tool="properdocs")
    assert result.returncode == 0, result.stdout + result.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'class="footnote-ref"' in html, "citations must still be rendered"
