"""What one build knows, carried from phase to phase (a new `Build` at each on_config,
so `mkdocs serve` starts every rebuild afresh; the loaders keep their own caches).

Loggers: problems that `make check` also finds are logged by `checks` (prefix
"check:"), so the build's and the command's messages can be compared line for line;
the rest by `log` (prefix "build:").
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from iastm_guide.content.page import Source
from iastm_guide.content.review_dates import Due
from iastm_guide.content.rules import Rules
from iastm_guide.content.snippets import Expanded, Expander
from iastm_guide.evidence import markers
from iastm_guide.evidence.rule import Rule
from iastm_guide.problems import Problem
from iastm_guide.references.bibliography import Bibliography
from iastm_guide.urgent.data import Data as UrgentData
from iastm_guide.weight.css_trim import Used

log = get_plugin_logger("build")
checks = get_plugin_logger("check")


def warn(problems: Iterable[Problem]) -> None:
    """Problems `make check` finds too: WARNING, so --strict fails the build."""
    for problem in problems:
        checks.warning(str(problem))


@dataclass
class Build:
    config: MkDocsConfig
    root: Path  # the folder of mkdocs.yml
    serving: bool  # `mkdocs serve`
    today: dt.date
    rules: Rules = field(init=False)
    bib: Bibliography = field(init=False)
    expander: Expander = field(init=False)
    snippet_folders: list[Path] = field(init=False)
    urgent: UrgentData = field(init=False)
    evidence_rule: Rule = field(init=False)
    evidence: markers.Site | None = None
    sources: dict[str, Source] = field(default_factory=dict)  # page src_uri -> as written
    expansions: dict[str, Expanded] = field(default_factory=dict)  # page src_uri -> snippets expanded
    due: dict[str, tuple[str, int, Due]] = field(default_factory=dict)  # src_uri -> (file, line, due)
    cited: set[str] = field(default_factory=set)  # lower-case keys the pages cite
    full_lists: set[str] = field(default_factory=set)  # built files holding the full list
    used: Used = field(default_factory=Used)  # classes and properties the pages use
    built_from: dict[str, Path] = field(default_factory=dict)  # built file -> its Markdown source
    base_urls: set[str] = field(default_factory=set)  # every base_url a template was rendered with
    env: jinja2.Environment | None = None
    nav: Navigation | None = None
    files: Files | None = None

    def name(self, path: str | os.PathLike[str]) -> str:
        """A path as an editor types it: relative to mkdocs.yml."""
        return os.path.relpath(path, self.root)

    def source_path(self, page: Page) -> str:
        """The page's file relative to mkdocs.yml, as an editor would type it."""
        return self.name(page.file.abs_src_path or page.file.src_uri)

    def source(self, page: Page) -> Source:
        """The page as its editor wrote it (read once a build)."""
        found = self.sources.get(page.file.src_uri)
        if found is None:
            found = self.sources[page.file.src_uri] = Source.read(
                self.source_path(page), page.file.content_string
            )
        return found

    def problem(self, page: Page, line: int, message: str) -> Problem:
        """A problem at a line of the page's snippet-expanded body: in the page's own
        file (front matter counted back), or in the included file it came from."""
        source = self.source(page)
        expanded = self.expansions.get(page.file.src_uri)
        if expanded is None:
            return Problem(source.name, line + source.offset, message)
        return expanded.locate(source.name, source.offset, line, message)

    def watch(self, path: Path) -> None:
        """`mkdocs serve` rebuilds when this file or folder changes."""
        if str(path) not in self.config.watch:
            self.config.watch.append(str(path))

    def extra(self, key: str) -> Any:
        return self.config.extra.get(key)
