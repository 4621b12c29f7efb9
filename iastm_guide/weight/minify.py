"""Our own stylesheets minified, and the header comment of our own scripts dropped.

Comments go and runs of white space shrink, so the commented sources in
docs/stylesheets/ stay readable while readers download less (the page-weight budget
counts every byte of the render path). rcssmin, a maintained minifier, does the
work; the one pass after the build (build/finish.py) applies it to `extra_css` and
`extra_javascript`. No MkDocs here.
"""

from __future__ import annotations

import re

import rcssmin


def minify(css: str) -> str:
    """The stylesheet minified by rcssmin (a maintained minifier: comments, white space)."""
    return str(rcssmin.cssmin(css)).strip()


LEADING_COMMENT = re.compile(r"\A\s*/\*.*?\*/\s*", re.S)


def strip_header_comment(js: str) -> str:
    """Only a block comment at the very start of a script goes: nothing else is touched."""
    return LEADING_COMMENT.sub("", js, count=1)
