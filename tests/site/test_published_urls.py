"""Stable URLs: tests/published-urls.txt lists every published URL. A listed URL that
is no longer built (as a page or a redirect) fails, and so does a built page that is
not listed; each failure says exactly what to do."""

from __future__ import annotations

import re
from pathlib import Path

from tests.helpers import (
    FIXTURE_CONDITION_URL,
    ROOT,
    build,
    copy_project,
    html_pages,
    page_url,
)

LIST = ROOT / "tests" / "published-urls.txt"
LIST_NAME = "tests/published-urls.txt"


def listed_urls(path: Path = LIST) -> list[tuple[int, str]]:
    """(line number, URL) for every URL line of the list."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [
        (number, line.strip())
        for number, line in enumerate(lines, 1)
        if line.strip() and not line.startswith("#")
    ]


def _is_redirect(site: Path, url: str) -> bool:
    stub = site / url.strip("/") / "index.html"
    return stub.is_file() and 'http-equiv="refresh"' in stub.read_text(encoding="utf-8")[:2000]


def url_list_problems(site: Path, listed: list[tuple[int, str]]) -> list[str]:
    """What is wrong between the built site and the list, with what to do."""
    built = {page_url(site, page) for page in html_pages(site)}
    urls = {url for _, url in listed}
    problems = [
        f"{url} is built but not listed: add the line '{url}' to {LIST_NAME} "
        "(every published URL is a promise to clinics)"
        for url in sorted(built - urls)
    ]
    for number, url in listed:
        if url not in built and not _is_redirect(site, url):
            problems.append(
                f"{LIST_NAME}:{number}: {url} is no longer built. Clinics link to it: restore the page, "
                "or add a redirect in mkdocs.yml under plugins > redirects > redirect_maps "
                "('old-page.md': 'new-page.md'); keep the line"
            )
    return problems


def test_list_is_well_formed() -> None:
    listed = listed_urls()
    assert listed, f"{LIST_NAME} lists no URL"
    for number, url in listed:
        assert re.fullmatch(r"/([a-z0-9-]+/)*", url), (
            f"{LIST_NAME}:{number}: '{url}' is not a site path like /safety/"
        )
    duplicates = sorted({url for _, url in listed if [u for _, u in listed].count(url) > 1})
    assert duplicates == [], f"{LIST_NAME} lists these twice: {duplicates}"


def test_every_built_page_is_listed_and_every_listed_url_still_works(site: Path) -> None:
    problems = url_list_problems(site, listed_urls())
    assert problems == [], "\n".join(problems)


def test_a_new_page_not_yet_listed_is_named_with_the_line_to_add(fixture_site: Path) -> None:
    problems = url_list_problems(fixture_site, listed_urls())
    assert problems == [
        f"{FIXTURE_CONDITION_URL} is built but not listed: add the line '{FIXTURE_CONDITION_URL}' to "
        f"{LIST_NAME} (every published URL is a promise to clinics)"
    ]


def test_a_moved_page_needs_a_redirect(tmp_path: Path) -> None:
    """Move references.md to sources.md: without a redirect the old URL fails with
    the line and the fix; with mkdocs-redirects' stub it passes."""
    project = copy_project(tmp_path / "project")
    (project / "docs" / "references.md").rename(project / "docs" / "sources.md")
    other = project / "docs" / "references" / "other-sources.md"  # links to the page: updated too
    other.write_text(other.read_text(encoding="utf-8").replace("../references.md", "../sources.md"), "utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("References: references.md", "References: sources.md")
    config.write_text(text, encoding="utf-8")
    listed = [*listed_urls(), (99, "/sources/")]

    moved = build(project, tmp_path / "moved")
    assert moved.returncode == 0, moved.stderr
    number = next(n for n, url in listed if url == "/references/")
    assert url_list_problems(tmp_path / "moved", listed) == [
        f"{LIST_NAME}:{number}: /references/ is no longer built. Clinics link to it: restore the page, "
        "or add a redirect in mkdocs.yml under plugins > redirects > redirect_maps "
        "('old-page.md': 'new-page.md'); keep the line"
    ]

    assert "redirect_maps: {}" in text
    config.write_text(
        text.replace("redirect_maps: {}", "redirect_maps: {references.md: sources.md}"), encoding="utf-8"
    )
    redirected = build(project, tmp_path / "redirected")
    assert redirected.returncode == 0, redirected.stderr
    assert url_list_problems(tmp_path / "redirected", listed) == []
