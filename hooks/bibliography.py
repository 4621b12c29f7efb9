"""Load references.bib once per build, strictly, and format references.

Concern: the bibliography. It parses `references.bib` before mkdocs-bibtex does and
hands the plugin a registry that formats entries in the site's medical style, so the
file is parsed once a build. A malformed file stops the build with the file and line.
It also renders the whole bibliography for the References page (`\\full_bibliography`),
with stable anchors (`#ref-KEY`) and no back-links to footnotes that do not exist.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import pybtex.errors
import reference_style
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs_bibtex.registry import SimpleRegistry
from pybtex.database import BibliographyData, Entry, parse_file
from pybtex.scanner import PybtexSyntaxError

from iastm_guide.security.files import NotTextError, read_text

log = get_plugin_logger(__name__)
FULL_BIB_COMMAND = "\\full_bibliography"


class MedicalRegistry(SimpleRegistry):  # type: ignore[misc]  # untyped library
    """mkdocs-bibtex's simple registry, with entries already parsed and our style."""

    def __init__(self, bib_data: BibliographyData, footnote_format: str) -> None:
        # Deliberately not calling super().__init__: it would parse the file again.
        self.bib_data = bib_data
        self.footnote_format = footnote_format
        self._formatted: dict[str, str] = {}  # each entry formatted once a build

    def reference_text(self, citation: Any) -> str:
        if citation.key not in self.bib_data.entries:
            # hooks/citations.py has already failed the build, naming file and line.
            return f"Unknown reference '{citation.key}'"
        if citation.key not in self._formatted:
            entry = self.bib_data.entries[citation.key]
            self._formatted[citation.key] = reference_style.to_markdown(reference_style.format_entry(entry))
        return self._formatted[citation.key]


def _line_of_key(path: Path, key: str) -> int | None:
    pattern = re.compile(r"@\w+\s*\{\s*" + re.escape(key) + r"\s*,")
    text = path.read_text(encoding="utf-8")
    lines = [n for n, line in enumerate(text.splitlines(), 1) if pattern.search(line)]
    return lines[-1] if lines else None


def load_bibliography(path: Path) -> BibliographyData:
    """Parse strictly; every failure names the file, the line and what to do."""
    if not path.is_file():
        raise PluginError(f"{path}: bibliography file not found; create it or fix bib_file in mkdocs.yml")
    try:
        read_text(path, str(path))
    except NotTextError as err:
        raise PluginError(str(err)) from None
    pybtex.errors.set_strict_mode(True)
    try:
        return parse_file(str(path), bib_format="bibtex")
    except PybtexSyntaxError as err:
        raise PluginError(
            f"{path}:{err.lineno}: BibTeX {err}; "
            "check the braces, commas and quotes of the entry that ends here"
        ) from err
    except Exception as err:  # pybtex reports duplicates and bad fields as BibliographyDataError
        message = str(err)
        match = re.search(r"repeated bibliography entry: (\S+)", message)
        if match:
            line = _line_of_key(path, match.group(1))
            raise PluginError(
                f"{path}:{line}: duplicate BibTeX key '{match.group(1)}' (keys are compared "
                "without regard to case); each entry needs its own key: rename or remove one"
            ) from err
        raise PluginError(f"{path}: cannot read the bibliography: {message}") from err


@event_priority(100)  # before mkdocs-bibtex, which then skips its own parse
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    plugin = config.plugins.get("bibtex")
    if plugin is None:
        raise PluginError("mkdocs.yml: the bibtex plugin must be enabled for hooks/bibliography.py")
    path = Path(config.config_file_path).parent / plugin.config.bib_file
    data = load_bibliography(path)
    plugin.registry = MedicalRegistry(data, plugin.config.footnote_format)
    plugin.last_configured = time.time() + 1
    log.debug("Loaded %d references from %s", len(data.entries), path)
    return config


def _sort_key(entry: Entry) -> tuple[str, str, str]:
    people = entry.persons.get("author", [])
    first = reference_style.format_person(people[0]) if people else ""
    title = reference_style.latex_to_text(entry.fields.get("title", ""))
    return (first.lower(), entry.fields.get("year", ""), title.lower())


# `\full_bibliography` lists every entry; `\full_bibliography{articles}` only journal
# articles and `\full_bibliography{other}` everything else (guidelines' web pages, trial
# records, books), so a long list can be split over two pages that each stay light.
FULL_BIB = re.compile(r"\\full_bibliography(?:\{(?P<part>articles|other)\})?")


def _in_part(entry: Entry, part: str | None) -> bool:
    if part is None:
        return True
    return bool((str(entry.type).lower() == "article") == (part == "articles"))


def full_bibliography_html(data: BibliographyData, part: str | None = None) -> str:
    items = []
    chosen = [(key, entry) for key, entry in data.entries.items() if _in_part(entry, part)]
    for key, entry in sorted(chosen, key=lambda item: _sort_key(item[1])):
        body = reference_style.to_html(reference_style.format_entry(entry))
        items.append(f'<li id="ref-{key}">{body}</li>')
    return '<ol class="bibliography">\n' + "\n".join(items) + "\n</ol>"


@event_priority(100)  # before mkdocs-bibtex builds its broken version
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if FULL_BIB_COMMAND not in markdown:
        return markdown
    registry = config.plugins["bibtex"].registry  # type: ignore[attr-defined]
    return FULL_BIB.sub(lambda m: full_bibliography_html(registry.bib_data, m.group("part")), markdown)
