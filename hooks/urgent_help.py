"""Urgent help from one rule: `/// urgent-help` blocks expanded, hand-typed advice refused.

Concern: urgent advice on pages. The thin MkDocs adapter for `iastm_guide/urgent/`
(which says why this runs in `on_page_markdown` and is not a Markdown extension:
the advice cites its sources, and mkdocs-bibtex turns citations into footnotes in
this event, before any extension runs).
- `urgent-help.yml` is read and checked once a build (`make serve` reloads it when
  it changes); a malformed file stops the build with one line per problem.
- Its sources must be references.bib keys and its conditions condition pages.
- On every page, at priority 125 (the page as written, before hooks/citations.py at
  100): blocks are checked and expanded; a sign or level worded by hand outside a
  block fails, with file and line; a condition page must show exactly its signs.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import markdown_source as md
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from iastm_guide.urgent import DATA_FILE, UrgentHelpError
from iastm_guide.urgent.data import Data, check_links, load, unsourced
from iastm_guide.urgent.page import process

log = get_plugin_logger(__name__)
_cache: dict[Path, tuple[int, Data]] = {}
_data: Data | None = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _data
    path = Path(config.config_file_path).parent / DATA_FILE
    if str(path) not in config.watch:
        config.watch.append(str(path))
    stamp = path.stat().st_mtime_ns if path.is_file() else -1
    cached = _cache.get(path)
    if cached is None or cached[0] != stamp:
        try:
            cached = (stamp, load(path))
        except UrgentHelpError as err:
            raise PluginError(str(err)) from None
        _cache[path] = cached
    _data = cached[1]
    return config


def condition_pages(files: Files) -> set[str]:
    """The slugs of the condition pages: docs/conditions/<slug>.md, the index left out."""
    slugs = set()
    for file in files.documentation_pages():
        path = PurePosixPath(file.src_uri)
        if path.parent.as_posix() == "conditions" and path.name != "index.md":
            slugs.add(path.stem)
    return slugs


def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert _data is not None, "on_config has not run"
    known = config.plugins["bibtex"].registry.bib_data.entries  # type: ignore[attr-defined]
    for problem in check_links(_data, list(known), condition_pages(files)):
        log.warning(str(problem))
    for problem in unsourced(_data):
        log.info(str(problem))
    return files


@event_priority(125)  # the page as written, before hooks/citations.py (100) and mkdocs-bibtex
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    assert _data is not None, "on_config has not run"
    condition = None
    if page.meta.get("page_type") == "condition":
        condition = PurePosixPath(page.file.src_uri).stem
    result = process(markdown, _data, md.source_path(page, config), condition)
    offset = md.page_offset(page)
    for problem in result.problems:
        # Lines are counted in the expanded body; `where` names the file they came from.
        log.warning(f"{md.where(page, config, problem.line, offset)}: {problem.message}")
    return result.text
