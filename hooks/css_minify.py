"""Minify the site's own stylesheets (extra_css) in the built site, and drop the
header comment of its own scripts (extra_javascript).

Concern: bytes of our CSS. Comments go and runs of white space shrink, so the
commented sources in docs/stylesheets/ stay readable while readers download
less (the page-weight budget counts every byte of the render path). The rules
are conservative: text inside strings and url() keeps its meaning, because only
comments, runs of white space, and white space next to braces and semicolons
are touched.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger(__name__)

COMMENT = re.compile(r"/\*.*?\*/", re.S)
SPACE = re.compile(r"\s+")
AROUND_PUNCTUATION = re.compile(r"\s*([{};])\s*")
STRING = re.compile(r"""("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')""")


def _squeeze(code: str) -> str:
    return AROUND_PUNCTUATION.sub(r"\1", SPACE.sub(" ", COMMENT.sub("", code)))


def minify(css: str) -> str:
    """Quoted strings (and so quoted url()s) are kept exactly as written."""
    parts = STRING.split(css)
    return "".join(part if i % 2 else _squeeze(part) for i, part in enumerate(parts)).strip()


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
