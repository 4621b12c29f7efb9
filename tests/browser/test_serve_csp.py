"""`mkdocs serve` keeps live reload working under the policy it serves.

The live-reload script that mkdocs serve injects differs with every request, so no
hash can list it: while serving, iastm_guide/security/policy.py allows inline scripts (and says so).
This opens a page served by `mkdocs serve` from a copy of the project, edits the
page's Markdown, and waits for the browser to reload it, with no policy violation.
"""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.csp_watch import Watch
from tests.helpers import BIN, build_env, copy_project

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def live(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """(base URL, project copy) of a running `mkdocs serve`."""
    project = copy_project(tmp_path / "project")
    port = _free_port()
    log_path = tmp_path / "serve.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [str(BIN / "mkdocs"), "serve", "--strict", "--livereload", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            env=build_env(),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert server.poll() is None, "mkdocs serve stopped:\n" + log_path.read_text()
            assert time.monotonic() < deadline, "mkdocs serve did not answer:\n" + log_path.read_text()
            try:
                with urllib.request.urlopen(url, timeout=2):
                    break
            except OSError:
                time.sleep(0.3)
        yield url, project
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_live_reload_works_under_the_serve_policy(live: tuple[str, Path], browser: Any) -> None:
    url, project = live
    context = browser.new_context()
    page = context.new_page()
    watch = Watch(page)
    with page.expect_request(lambda request: "/livereload/" in request.url, timeout=20_000):
        page.goto(url, wait_until="load")
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert "script-src 'self' 'unsafe-inline';" in policy
    source = project / "docs" / "index.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nLive reload marker.\n", encoding="utf-8")
    page.wait_for_selector("text=Live reload marker.", timeout=60_000)
    assert watch.problems() == []
    context.close()
