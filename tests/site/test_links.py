"""A link checker crawling the served site finds no broken internal link or anchor,
in the Markdown's links and in raw HTML alike.

linkchecker crawls and fetches every internal URL. Its own anchor plugin re-parses a
page for every #fragment (45 s for the full site here), so the #fragment links of the
pages it reached are checked here against the ids of the built pages, parsed once."""

from __future__ import annotations

import csv
import functools
import subprocess
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from tests.helpers import BIN, LinkTargets, html_pages, link_targets, page_url

# Internal links only (no network here). The test server sends a "LinkChecker"
# header, which lets linkchecker make more than 10 requests a second.
CONFIG = "[checking]\nmaxrequestspersecond=1000\n\n[filtering]\ncheckextern=0\n"


def crawl(start_urls: list[str], workdir: Path) -> tuple[list[dict[str, str]], list[str]]:
    """Run linkchecker; returns (every URL it checked, the problems it found)."""
    config = workdir / "linkcheckerrc"
    config.write_text(CONFIG, encoding="utf-8")
    workdir.chmod(0o755)  # linkchecker drops root privileges to "nobody"
    config.chmod(0o644)
    result = subprocess.run(
        [str(BIN / "linkchecker"), "-f", str(config), "--no-status", "-v", "-o", "csv", *start_urls],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    lines = [line for line in result.stdout.splitlines() if line and not line.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter=";"))
    assert rows, f"linkchecker checked nothing:\n{result.stdout}\n{result.stderr}"
    problems = [
        f"{row['parentname']} line {row['line']}: {row['urlname']} -> {row['result']} {row['warningstring']}"
        for row in rows
        if row["valid"] != "True"
    ]
    return rows, problems


@functools.cache
def _parse(page: Path) -> LinkTargets:
    return link_targets(page)


def _file(site: Path, path: str, prefix: str) -> Path | None:
    if not path.startswith(prefix):
        return None
    local = site / path[len(prefix) :]
    page = local / "index.html" if path.endswith("/") else local
    return page if page.suffix == ".html" and page.is_file() else None


def missing_anchors(rows: list[dict[str, str]], base: str, site: Path, prefix: str = "/") -> list[str]:
    """In every page the crawl reached, internal links whose #fragment is no id on
    the page they point to."""
    problems = []
    pages = {row["url"] for row in rows if row["url"].startswith(base) and row["valid"] == "True"}
    for page_url_ in sorted(pages):
        source = _file(site, urlsplit(page_url_).path, prefix)
        if source is None:
            continue
        for href in _parse(source).hrefs:
            target = urlsplit(urljoin(page_url_, href))
            if not target.fragment or f"{target.scheme}://{target.netloc}" != base:
                continue
            page = _file(site, target.path, prefix)
            if page is None or unquote(target.fragment) not in _parse(page).ids:
                problems.append(f"{page_url_}: {href} -> no such anchor")
    return problems


def test_no_broken_internal_link_or_anchor(site: Path, served: str, tmp_path: Path) -> None:
    rows, problems = crawl([served + "/", served + "/404.html"], tmp_path)
    problems += missing_anchors(rows, served, site)
    assert problems == [], "broken links:\n" + "\n".join(problems)
    assert any("#" in href for page in html_pages(site) for href in _parse(page).hrefs)
    checked = {row["url"].split("#")[0] for row in rows}
    unreached = [
        url for url in (page_url(site, page) for page in html_pages(site)) if served + url not in checked
    ]
    assert unreached == [], f"the crawl never reached {unreached}"
