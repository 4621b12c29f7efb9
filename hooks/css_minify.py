"""Minify the site's own stylesheets (extra_css) in the built site, and drop the
header comment of its own scripts (extra_javascript).

Concern: bytes of our CSS. Comments go and runs of white space shrink (rcssmin, a
maintained minifier, does the work), so the commented sources in docs/stylesheets/
stay readable while readers download less (the page-weight budget counts every byte
of the render path).
"""

from __future__ import annotations

import re
from pathlib import Path

import rcssmin
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger(__name__)


def minify(css: str) -> str:
    """The stylesheet minified by rcssmin (a maintained minifier: comments, white space)."""
    return str(rcssmin.cssmin(css)).strip()


LEADING_COMMENT = re.compile(r"\A\s*/\*.*?\*/\s*", re.S)


def strip_header_comment(js: str) -> str:
    """Only a block comment at the very start of a script goes: nothing else is touched."""
    return LEADING_COMMENT.sub("", js, count=1)


def on_post_build(config: MkDocsConfig) -> None:
    for script in config.extra_javascript:
        path = Path(config.site_dir) / str(script)
        if path.suffix == ".js" and path.is_file():
            path.write_text(strip_header_comment(path.read_text(encoding="utf-8")), encoding="utf-8")
    for name in config.extra_css:
        path = Path(config.site_dir) / str(name)
        if path.suffix == ".css" and path.is_file():
            before = path.read_text(encoding="utf-8")
            after = minify(before)
            path.write_text(after, encoding="utf-8")
            log.debug("%s: %d -> %d bytes", name, len(before), len(after))
