"""Urgent help in the build: `/// urgent-help` blocks expanded from urgent-help.yml,
advice typed by hand refused (iastm_guide/urgent/, which says why this runs before
mkdocs-bibtex and is not a Markdown extension yet)."""

from __future__ import annotations

from pathlib import PurePosixPath

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from iastm_guide.build.state import Build, log, warn
from iastm_guide.urgent import DATA_FILE, UrgentHelpError
from iastm_guide.urgent.data import Data, check_links, load_cached, unsourced
from iastm_guide.urgent.page import Result, condition_of, process

# (page text, data, file, condition) -> result: `make serve` rebuilds every page on each
# save, and matching every sign's phrases is the slowest step of a page; the same
# inputs give the same result (the data object changes when urgent-help.yml does).
_results: dict[tuple[str, str, str | None], tuple[Data, Result]] = {}


def load(build: Build) -> None:
    """urgent-help.yml, read and checked once (again only when it changes)."""
    path = build.root / DATA_FILE
    build.watch(path)
    try:
        build.urgent = load_cached(path)
    except UrgentHelpError as err:
        raise PluginError(str(err)) from None


def condition_pages(files: Files) -> set[str]:
    """The slugs of the condition pages: docs/conditions/<slug>.md, the index left out."""
    slugs = set()
    for file in files.documentation_pages():
        path = PurePosixPath(file.src_uri)
        if path.parent.as_posix() == "conditions" and path.name != "index.md":
            slugs.add(path.stem)
    return slugs


def check_data(build: Build, files: Files) -> Files:
    """Its sources are references.bib keys; its conditions are condition pages."""
    warn(check_links(build.urgent, list(build.bib.data.entries), condition_pages(files)))
    for problem in unsourced(build.urgent):
        log.info(str(problem))
    return files


def expand(build: Build, markdown: str, page: Page) -> str:
    """Blocks checked and expanded; signs worded by hand refused; a condition page
    shows exactly its signs."""
    source = build.source(page)
    condition = condition_of(page.file.src_uri, source.page_type)
    key = (markdown, source.name, condition)
    cached = _results.get(key)
    if cached is not None and cached[0] is build.urgent:
        result = cached[1]
    else:
        if len(_results) > 1000:
            _results.clear()
        result = process(markdown, build.urgent, source.name, condition)
        _results[key] = (build.urgent, result)
    # Lines are counted in the snippet-expanded body; build.problem names their file.
    warn(build.problem(page, p.line, p.message) for p in result.problems)
    return result.text
