"""Abbreviation tooltips: on a term's first use on a page, and none on the glossary.

Concern: how many tooltips a page carries. docs/includes/abbreviations.md gives
every page a tooltip for each glossary term. A term is explained where it first
appears (as plain-language writing does); later uses are plain text. The glossary
defines every term in full on the page itself, so it carries none. Both keep the
pages within the page-weight budget.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

ABBR = re.compile(r"<abbr\b[^>]*>(.*?)</abbr>", re.S)


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
