"""Keep reference lists out of the search index.

Concern: what Material's search indexes. Every first-time reader downloads the whole
search index, so it should hold the pages' text, not their reference lists. This hook
marks the per-page "References" section, the footnote list and the References page's
full bibliography with `data-search-exclude`, which Material's search plugin honours
(it drops the marked section) and then strips from the HTML it writes, so readers never
see the attribute. The page-info block (review dates, disclaimer, report link) lives in
the template, which the search plugin does not index; it carries the attribute as well
(overrides/partials/page-info.html) in case it is ever moved into page content.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

MARK = 'data-search-exclude="reference-list"'
# The opening tags of reference lists: the "References" heading the citations hook adds
# (its section holds the footnotes), the footnotes extension's list, and the full
# bibliography that hooks/bibliography.py renders on the References page.
REFERENCE_LISTS = re.compile(
    r'<(?P<tag>h2|div|ol)(?P<attrs>\s[^>]*?(?:id="references"|class="footnote"|class="bibliography")[^>]*)>'
)


def mark_reference_lists(html: str) -> str:
    """Add the search-exclude attribute to each reference list's opening tag."""
    return REFERENCE_LISTS.sub(lambda m: f"<{m.group('tag')} {MARK}{m.group('attrs')}>", html)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return mark_reference_lists(html)
