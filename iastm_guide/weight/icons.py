"""Inline the small SVG logo and favicon, so they cost readers no extra request.

Concern: the site's two icons. Each `<img>` or `<link rel=icon>` is one more request on
a slow phone connection (the page-weight budget allows six for the render path). The
files stay where editors keep them (`theme.logo`, `theme.favicon` in mkdocs.yml); the
build reads them once (build/weight.py):
- the logo's SVG markup goes to `config.extra.inline_logo`, which
  overrides/partials/logo.html prints inside Material's logo link (that link carries the
  site name as its accessible name, so the inlined copy is marked decorative and loses
  its `<title>` and ids, which would otherwise be duplicated on the page);
- the favicon becomes a `data:` URI.
A missing file, or one that is not SVG or is larger than MAX_BYTES, stops the build with
the file and what to do (IconError). Hand-written: a few substitutions on a 1 KB file
the project controls. No MkDocs here.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import quote

from iastm_guide.security.files import NotTextError, read_text

MAX_BYTES = 4096


class IconError(ValueError):
    """The icon cannot be inlined; str() says which file and what to do."""


def read_svg(docs_dir: Path, option: str, value: object) -> str | None:
    """The icon `theme.<option>` names (a file in docs_dir), checked; None if there is none."""
    if not value or str(value).startswith("data:"):
        return None
    path = docs_dir / str(value)
    where = f"mkdocs.yml: theme.{option} ({path})"
    if not path.is_file():
        raise IconError(f"{where}: file not found; fix the path or add the file")
    try:
        text = read_text(path, os.path.relpath(path))
    except NotTextError as err:
        raise IconError(f"{err} (mkdocs.yml: theme.{option})") from None
    if path.suffix.lower() != ".svg" or "<svg" not in text:
        raise IconError(f"{where}: not an SVG file; use a small SVG so it can be inlined")
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise IconError(f"{where}: {len(text.encode('utf-8'))} bytes, over {MAX_BYTES}; simplify the drawing")
    return text


def decorative_svg(svg: str) -> str:
    """The SVG without <title>, ids or ARIA naming, hidden from assistive technology."""
    svg = re.sub(r"<\?xml[^>]*>|<!--.*?-->", "", svg, flags=re.S)
    svg = re.sub(r"<title[^>]*>.*?</title>", "", svg, flags=re.S)
    svg = re.sub(r'\s(?:id|role|aria-labelledby|aria-label)="[^"]*"', "", svg)
    svg = svg.replace("<svg", '<svg aria-hidden="true" focusable="false"', 1)
    return " ".join(svg.split()).replace("> <", "><")


def svg_data_uri(svg: str) -> str:
    svg = re.sub(r"<\?xml[^>]*>|<!--.*?-->", "", svg, flags=re.S)
    compact = " ".join(svg.split()).replace("> <", "><").replace('"', "'")
    return "data:image/svg+xml," + quote(compact, safe="'=:/,;()")
