"""An injected script in any content file cannot run in a browser on the built site.

A copy of the site gets a script (or a handler, or a javascript: link) in every kind
of content a pull request can change: a page's text, its front matter title and
description, a snippet it includes, a reference's title in references.bib, a glossary
definition, an SVG file, and an HTML file in docs/. The strict build refuses it, but
its output is written anyway (as CI keeps it for reviewers); that output is opened in
chromium, every page and file, links clicked. No script may run: each payload would
set `window.pwned` or open a dialog, and neither may happen.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.helpers import build_in_process, copy_project, html_pages, page_url, serve_site

pytestmark = pytest.mark.browser

PAYLOAD = "window.pwned=(window.pwned||[]).concat(document.title);alert(1)"


def _inject(project: Path) -> None:
    def edit(path: str, old: str, new: str) -> None:
        target = project / path
        text = target.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path}"
        target.write_text(text.replace(old, new, 1), encoding="utf-8")

    edit(
        "docs/conditions/neck-pain.md",
        "title: Neck pain\n",
        f"title: 'Neck pain</title><script>{PAYLOAD}</script>'\n",
    )
    edit(
        "docs/conditions/neck-pain.md",
        "description: ",
        f"description: '\"><script>{PAYLOAD}</script>' # ",
    )
    edit(
        "docs/index.md",
        "\n## ",
        f'\n<script>{PAYLOAD}</script>\n\n<img src="x" alt="x" onerror="{PAYLOAD}">\n\n'
        f'[Click me](javascript:{PAYLOAD})\n\n<a href="&#106;avascript:{PAYLOAD}">Me too</a>\n\n'
        '--8<-- "includes/injected.md"\n\n## ',
    )
    (project / "docs/includes/injected.md").write_text(
        f"Shared text.<script>{PAYLOAD}</script>\n", encoding="utf-8"
    )
    edit(
        "references.bib",
        "title   = {Instrument-Assisted Soft Tissue Mobilization: A Systematic",
        "title   = {<script>alert(1)</script> Instrument-Assisted Soft Tissue Mobilization: A Systematic",
    )
    edit("docs/includes/abbreviations.md", "*[RCT]: ", f"*[RCT]: <script>{PAYLOAD}</script> ")
    (project / "docs/images/injected.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" onload="alert(1)"><title>x</title>'
        f"<script>{PAYLOAD}</script></svg>\n",
        encoding="utf-8",
    )
    (project / "docs/injected.html").write_text(
        f"<!doctype html><html><head><title>x</title></head><body><script>{PAYLOAD}</script>"
        f'<img src="x" onerror="{PAYLOAD}"></body></html>\n',
        encoding="utf-8",
    )


def test_no_injected_script_runs_in_the_browser(tmp_path: Path, browser: Any) -> None:
    project = copy_project(tmp_path / "project")
    _inject(project)
    site = tmp_path / "site"
    result = build_in_process(project, site)
    assert result.returncode != 0, "the strict build must refuse the injected content"
    assert "Traceback" not in result.stderr
    dialogs: list[str] = []
    with serve_site(site) as base:
        page = browser.new_page()

        def on_dialog(dialog: Any) -> None:
            dialogs.append(f"{page.url}: {dialog.message}")
            dialog.dismiss()

        page.on("dialog", on_dialog)
        urls = [page_url(site, path) for path in html_pages(site)]
        urls += ["/injected.html", "/images/injected.svg"]
        ran = []
        for url in urls:
            page.goto(base + url, wait_until="load")
            for link in page.locator("article a[href^='javascript' i], article abbr").all()[:4]:
                link.hover()
                if link.evaluate("e => e.tagName") == "A":
                    link.click(no_wait_after=True)
            page.wait_for_timeout(50)
            if page.evaluate("() => window.pwned !== undefined"):
                ran.append(url)
        page.close()
    assert not ran, f"an injected script ran on {ran}"
    assert not dialogs, f"an injected script opened a dialog: {dialogs}"
