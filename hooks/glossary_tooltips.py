"""Glossary tooltips: every term on every page, on its first use, none on the glossary.

Concern: the glossary's tooltips. docs/includes/abbreviations.md lists the terms,
one `*[term]: plain-language definition` a line. They are read once per build and
given to Python-Markdown's `abbr` extension as its glossary, so every page gets
them without parsing the list again on each page (appending the list to every
page's Markdown, as Material's docs suggest, cost more build time than any hook).
A term is explained where it first appears (as plain-language writing does); later
uses are plain text. The glossary defines every term in full on the page itself,
so it carries none. Both keep the pages within the page-weight budget.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from iastm_guide.security.files import NotTextError, read_text

log = get_plugin_logger(__name__)
GLOSSARY = Path("includes") / "abbreviations.md"  # within docs_dir
DEFINITION = re.compile(r"\*\[(?P<term>[^\]\n]+)\]:[ \t]*(?P<text>\S.*?)[ \t]*")
ABBR = re.compile(r"<abbr\b[^>]*>(.*?)</abbr>", re.S)


def read_glossary(text: str, name: str) -> tuple[dict[str, str], list[str]]:
    """Terms and definitions, and one problem (with `name:line`) per bad line."""
    terms: dict[str, str] = {}
    problems: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        match = DEFINITION.fullmatch(line)
        if match is None:
            problems.append(
                f"{name}:{number}: not a glossary line; write `*[term]: plain-language definition` "
                f"on one line: {line.strip()[:60]!r}"
            )
            continue
        term = match["term"]
        if term in terms:
            problems.append(f"{name}:{number}: {term!r} is defined twice; keep one definition")
            continue
        terms[term] = match["text"]
    return terms, problems


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    path = Path(config.docs_dir) / GLOSSARY
    name = os.path.relpath(path, Path(config.config_file_path).parent)  # as an editor types it
    if "abbr" not in config.markdown_extensions:
        log.warning(f"{name}: the glossary needs the `abbr` Markdown extension; add it to mkdocs.yml")
        return config
    if not path.is_file():
        log.warning(f"{name}: the glossary file is missing; restore it (see CONTRIBUTING.md)")
        return config
    try:
        text = read_text(path, name)
    except NotTextError as err:
        raise PluginError(str(err)) from None
    terms, problems = read_glossary(text, name)
    for problem in problems:
        log.warning(problem)
    config.mdx_configs.setdefault("abbr", {})["glossary"] = terms
    return config


def unwrap_abbreviations(html: str) -> str:
    return ABBR.sub(r"\1", html)


def first_use_only(html: str) -> str:
    seen: set[str] = set()

    def keep_first(match: re.Match[str]) -> str:
        term = match.group(1)
        if term in seen:
            return term
        seen.add(term)
        return match.group(0)

    return ABBR.sub(keep_first, html)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.meta.get("page_type") == "glossary":
        return unwrap_abbreviations(html)
    return first_use_only(html)
